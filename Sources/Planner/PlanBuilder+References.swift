import InfraModel

/// What the target names but does not have, and images the plan cannot pin down.
extension PlanBuilder {
    /// Anything in the target that names what the target does not have (or
    /// has switched off) blocks the plan: Compose would refuse the file, or a
    /// service would start without what it needs. A service the target drops
    /// while others still use it is named together with every user.
    mutating func addDanglingReferenceChecks() {
        let dangling =
            danglingDependencies() + danglingDeclarations() + danglingSecretFiles()
            + danglingMounts() + danglingHostReferences()
        guard !dangling.isEmpty else { return }
        add(
            Step(
                id: "check:references", kind: .check, entity: "references",
                title: "dangling references in \(request.toLabel)",
                reason: "the target version names things it does not define",
                details: dangling.sorted(), outcome: .block))
    }

    /// Grants of undeclared secrets, routes to missing backends, poolers to missing upstreams.
    private func danglingDeclarations() -> [String] {
        let missing = "which \(request.toLabel) does not have"
        var lines: [String] = []
        for grant in toIndex.secretGrants where !to.secrets.contains(grant.secret) {
            lines.append(
                "\(grant.service) uses secret \(grant.secret), "
                    + "which \(request.toLabel) does not declare")
        }
        for route in toIndex.routes {
            guard let backend = route.backend, !to.services.contains(backend) else { continue }
            lines.append("route \(route.router) sends traffic to \(backend), \(missing)")
        }
        for pooler in toIndex.databases {
            guard let upstream = pooler.upstream, !to.services.contains(upstream) else { continue }
            lines.append("pooler \(pooler.service) forwards to \(upstream), \(missing)")
        }
        return lines
    }

    /// Dependencies on missing services, grouped so each message names the
    /// missing service and all of its users; and required start-up
    /// dependencies on services that profiles switch off.
    private func danglingDependencies() -> [String] {
        var users: [String: [Dependency]] = [:]
        var lines: [String] = []
        for edge in toIndex.dependencies {
            if !to.services.contains(edge.to) {
                users[edge.to, default: []].append(edge)
            } else if edge.kind.ordersStartup, edge.isRequired, toIndex.isRunning(edge.from),
                !toIndex.isRunning(edge.to)
            {
                let profiles = to.services[edge.to]?.profiles.joined(separator: ", ") ?? ""
                lines.append(
                    "\(edge.from) depends on inactive service \(edge.to) (profiles: \(profiles)); "
                        + "activate a profile or mark the dependency required: false")
            }
        }
        for (missing, edges) in users {
            let names = edges.map(Self.describe).joined(separator: ", ")
            lines.append(
                from.services.contains(missing)
                    ? "\(missing) is removed, but \(names) still "
                        + (edges.count == 1 ? "uses" : "use") + " it"
                    : "\(names) \(edges.count == 1 ? "depends" : "depend") "
                        + "on undefined service \(missing)"
            )
        }
        return lines
    }

    /// An environment value of the target that still names, as a host, a
    /// service the target drops (`DB_HOST: mysql` after `mysql` is gone). The
    /// import of the target cannot record that edge, since the service no
    /// longer exists there, so the values are read again here.
    private func danglingHostReferences() -> [String] {
        let removed = from.services.filter { !to.services.contains($0.name) }
        guard !removed.isEmpty else { return [] }
        let finder = HostReferenceFinder(services: removed)
        var users: [String: [String]] = [:]
        for entry in toIndex.environment {
            guard case .literal(let value) = entry.value else { continue }
            for service in finder.services(in: value, key: entry.name) {
                users[service, default: []].append("\(entry.service) (environment \(entry.name))")
            }
        }
        return users.keys.sorted().map { service in
            let names = users[service]!
            return "\(service) is removed, but \(names.joined(separator: ", ")) still "
                + (names.count == 1 ? "names" : "name") + " it as a host"
        }
    }

    /// An environment value that reads `/run/secrets/NAME` needs that secret mounted there.
    private func danglingSecretFiles() -> [String] {
        var lines: [String] = []
        for entry in toIndex.environment {
            guard case .fileReference(let reference) = entry.value else { continue }
            let path =
                reference.hasPrefix("file://")
                ? String(reference.dropFirst("file://".count)) : reference
            guard path.hasPrefix("/run/secrets/") else { continue }
            let targets = (toIndex.grantsByService[entry.service] ?? []).map(\.target)
            if !targets.contains(path) {
                lines.append(
                    "\(entry.service).\(entry.name) reads \(path), "
                        + "which \(entry.service) does not receive"
                )
            }
        }
        return lines
    }

    /// A named volume or network the current version declared and the target
    /// drops, while a service of the target still uses it.
    private func danglingMounts() -> [String] {
        var lines: [String] = []
        for volume in from.volumes where !to.volumes.contains(volume.name) {
            for user in toIndex.servicesByVolume[volume.name] ?? [] {
                lines.append(
                    "\(user) mounts volume \(volume.name), "
                        + "which \(request.toLabel) no longer declares"
                )
            }
        }
        for network in from.networks where !to.networks.contains(network.name) {
            for user in toIndex.servicesByNetwork[network.name] ?? [] {
                lines.append(
                    "\(user) joins network \(network.name), "
                        + "which \(request.toLabel) no longer declares"
                )
            }
        }
        return lines
    }

    /// Images the plan pulls or starts whose version it cannot know, and the
    /// mount PostgreSQL 18 refuses.
    mutating func addImageChecks() {
        for name in motions.keys.sorted() where motions[name]?.starts == true {
            guard let service = to.services[name], let image = service.image else { continue }
            let pulls = steps["pull:\(name)"] != nil
            if pulls && image.isUnpinned {
                let stateful =
                    !service.namedVolumes.isEmpty || to.databases[name].map { !$0.isPooler } == true
                warnings.append(
                    "unpinned image \(image) on \(stateful ? "stateful service" : "service") "
                        + "\(name): the plan cannot tell which version a pull brings")
            }
            checkDataMount(service, image)
        }
    }

    /// From PostgreSQL 18 the official image keeps its data in a versioned
    /// directory below `/var/lib/postgresql` and refuses the old mount point.
    private mutating func checkDataMount(_ service: Service, _ image: ImageReference) {
        guard let db = to.databases[service.name], db.engine == "postgres",
            let major = image.majorVersion ?? db.majorVersion, major >= 18,
            service.mountTargets.map(Service.normalizedPath).contains("/var/lib/postgresql/data")
        else { return }
        add(
            Step(
                id: "check:mount:\(service.name)", kind: .check, entity: service.name,
                title: "data mount of \(service.name)",
                reason: "postgres \(major) changed where it keeps its data",
                details: [
                    "postgres >= 18 with a mount at /var/lib/postgresql/data; "
                        + "mount the volume at /var/lib/postgresql"
                ],
                outcome: .block))
    }
}
