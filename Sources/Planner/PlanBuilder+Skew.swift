import InfraModel

/// Services released together must stay together.
///
/// A vendor ships its server, worker and outposts as images of one
/// namespace (`ghcr.io/goauthentik/server`, `…/proxy`, `…/ldap`) under one
/// version tag, and they talk to each other in a protocol of that version.
/// When the current version runs several of them on the same tag and the
/// target moves only some, the plan says so: blocked when two of them run the
/// same image (a server and its worker), a warning for the rest of the
/// namespace (outposts). Official library images (`postgres`, `redis`) are
/// left out: two independent instances of one product often share a tag.
extension PlanBuilder {
    mutating func addVersionSkewChecks() {
        var families: [String: [Service]] = [:]
        for service in from.services where fromIndex.isRunning(service.name) {
            guard let image = service.image, let tag = image.tag, !image.isUnpinned,
                let namespace = Self.vendorNamespace(image.repository)
            else { continue }
            families["\(namespace) \(tag)", default: []].append(service)
        }
        for key in families.keys.sorted() {
            guard let members = families[key], members.count > 1 else { continue }
            checkSkew(of: members, family: key)
        }
    }

    /// Families larger than this are many instances of one product, not one
    /// application's parts: their split is a warning, and no pairs are compared.
    static let largestFamily = 24

    private mutating func checkSkew(of members: [Service], family: String) {
        let after = members.compactMap { member -> (String, ImageReference)? in
            guard toIndex.isRunning(member.name), let image = to.services[member.name]?.image else {
                return nil
            }
            return (member.name, image)
        }
        guard Set(after.map { $0.1.tag ?? "" }).count > 1 else { return }
        let sameImageSplit =
            members.count <= Self.largestFamily
            && Dictionary(grouping: after, by: { $0.1.repository }).values.contains { group in
                let byTag = Dictionary(grouping: group, by: { $0.1.tag ?? "" }).values
                    .map { $0.map(\.0) }
                guard byTag.count > 1 else { return false }
                // One application in two roles, not two instances of a product.
                return byTag[0].contains { left in
                    byTag.dropFirst().joined().contains { sharesConfiguration(left, $0) }
                }
            }
        let parts = family.split(separator: " ")
        func listed(_ names: [String]) -> String {
            let shown = names.prefix(8).joined(separator: ", ")
            return names.count > 8 ? shown + " and \(names.count - 8) more" : shown
        }
        let finding =
            "version skew: \(listed(members.map(\.name))) ran \(parts[0])/* "
            + "at \(parts[1]) together; the target runs "
            + listed(after.map { "\($0.0) \($0.1.tag ?? "latest")" })
        let outcome: CheckOutcome = sameImageSplit ? .block : .warn
        if outcome == .warn { warnings.append(finding) }
        add(
            Step(
                id: "check:skew:\(parts[0]):\(parts[1])", kind: .check, entity: String(parts[0]),
                title: "versions of \(parts[0]) stay together",
                reason: "images released together change version unevenly",
                details: [
                    finding,
                    sameImageSplit
                        ? "services of one image must run one version; move them together"
                        : "upgrade the others to the same version, or confirm they may differ",
                ], outcome: outcome))
    }

    /// True when two services of one image are one application in two roles
    /// (a server and its worker): at least half of the environment of each,
    /// name and value, is the other's too, as when both take it from one anchor.
    func sharesConfiguration(_ left: String, _ right: String) -> Bool {
        func pairs(_ service: String) -> Set<String> {
            Set(
                (fromIndex.environmentByService[service] ?? []).map {
                    "\($0.name)=\($0.value.description)"
                })
        }
        let (a, b) = (pairs(left), pairs(right))
        guard !a.isEmpty, !b.isEmpty else { return false }
        let shared = a.intersection(b).count
        return shared * 2 >= a.count && shared * 2 >= b.count
    }

    /// `ghcr.io/goauthentik` for `ghcr.io/goauthentik/server`; nil for an
    /// official library image (`postgres`, `library/redis`, `docker.io/library/mysql`).
    static func vendorNamespace(_ repository: String) -> String? {
        var parts = repository.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        parts.removeLast()
        let namespace = parts.joined(separator: "/")
        return ["library", "docker.io/library", "index.docker.io/library"].contains(namespace)
            ? nil : namespace
    }
}

/// A new project name is a new project to Compose.
extension PlanBuilder {
    /// The project's name changes (`name:`, `-p`, the folder): Compose gives
    /// the target's containers and volumes new names, leaves the old
    /// containers running as another project, and starts every service on new,
    /// empty named volumes. Blocked, naming the volumes whose data would be left behind.
    mutating func addProjectNameCheck() {
        guard from.project != to.project else { return }
        let left = to.volumes.filter { $0.externalName == nil && from.volumes.contains($0.name) }
            .map { "\(from.project)_\($0.name) -> \(to.project)_\($0.name)" }
        var details = [
            "the project name changes from \(from.project) to \(to.project): Compose would "
                + "start every service as a new project beside the old containers"
        ]
        if !left.isEmpty {
            details.append("named volumes would start empty: \(left.joined(separator: ", "))")
        }
        details.append(
            "keep the name (`name: \(from.project)` in the compose file, or `-p \(from.project)`), "
                + "or move the data and containers by hand")
        add(
            Step(
                id: "check:project-name", kind: .check, entity: to.project,
                title: "project name \(from.project) -> \(to.project)",
                reason: "the project's name differs between the versions", details: details,
                outcome: .block))
    }
}
