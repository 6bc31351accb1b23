/// Removals: a service's entry, a list item, a whole block.
extension ComposeEditor {
    /// Deletes a top-level block (`services.redis`, `secrets.redis_password`).
    func topLevelRemoval(_ section: String, _ name: String, what: String) throws -> TextEdit {
        guard let container = root[section], let pair = container.pair(name) else {
            throw ComposeEditError(file: file, "\(what) is not defined in this file")
        }
        return TextEdit(
            range: try pairRange(pair, in: container, what: what), replacement: "",
            nodeOffset: pair.key.start.offset, services: [], what: "remove \(what)")
    }

    /// Deletes an environment entry, in map (`KEY: value`) or list (`- KEY=value`) form.
    func environmentRemoval(_ entry: EnvironmentEntry) throws -> TextEdit {
        let what = "environment \(entry.name)"
        let matches: (YAMLNode) -> Bool = { item in
            guard let text = item.scalar else { return false }
            return text == entry.name || text.hasPrefix(entry.name + "=")
        }
        if let edit = try entryRemoval(
            service: entry.service, key: "environment", name: entry.name, item: matches, what: what)
        {
            return edit
        }
        if case .envFile(let path) = entry.origin {
            throw ComposeEditError(
                file: file,
                "\(what) of '\(entry.service)' comes from env_file '\(path)', not from this file")
        }
        throw ComposeEditError(
            file: file, "\(what) of '\(entry.service)' is not written in this file")
    }

    /// Deletes a secret from a service's `secrets:` list (short or long syntax).
    ///
    /// A secret listed once is that item; one listed at several targets is the item at the
    /// grant's target.
    func secretGrantRemoval(_ grant: SecretGrant) throws -> TextEdit {
        let what = "secret \(grant.secret)"
        let names = { (item: YAMLNode) in Self.item(item, names: grant.secret) }
        let items = try serviceNode(grant.service).pair("secrets")?.value.sequence ?? []
        let matches: (YAMLNode) -> Bool =
            items.filter(names).count == 1 ? names : { Self.item($0, mounts: grant) }
        guard
            let edit = try entryRemoval(
                service: grant.service, key: "secrets", name: nil, item: matches, what: what)
        else {
            throw ComposeEditError(
                file: file, "\(what) of '\(grant.service)' is not written in this file")
        }
        return edit
    }

    /// True when a `secrets:` item mounts `grant`: its secret, at its target.
    ///
    /// A target written with `$` is not compared, since the file holds it before interpolation.
    static func item(_ item: YAMLNode, mounts grant: SecretGrant) -> Bool {
        guard Self.item(item, names: grant.secret) else { return false }
        guard let written = item["target"]?.scalar else { return grant.hasDefaultTarget }
        return written.contains("$") || ModelBuilder.secretTarget(written) == grant.target
    }

    /// True when a `secrets:` item (short or long syntax) names `secret`.
    static func item(_ item: YAMLNode, names secret: String) -> Bool {
        item.scalar == secret || item["source"]?.scalar == secret
    }

    /// Deletes a dependency; one found through an environment value goes with that value.
    func dependencyRemoval(_ dependency: Dependency, context: EditContext) throws -> [TextEdit] {
        let what = "depends_on \(dependency.to)"
        switch dependency.kind {
        case .dependsOn:
            let matches: (YAMLNode) -> Bool = { $0.scalar == dependency.to }
            guard
                let edit = try entryRemoval(
                    service: dependency.from, key: "depends_on", name: dependency.to, item: matches,
                    what: what)
            else {
                throw ComposeEditError(
                    file: file, "\(what) of '\(dependency.from)' is not written in this file")
            }
            return [edit]
        case .environment
        where context.removedEnvironment.contains("\(dependency.from)/\(dependency.detail)"):
            return []
        default:
            throw ComposeEditError(
                file: file,
                "the plan removes the \(dependency.kind.label) dependency "
                    + "\(dependency.displayName), "
                    + "which infraplan does not write into compose files")
        }
    }

    /// Deletes the entry of `service.key` that is the pair `name` (map form) or
    /// the first item `item` accepts (list form); nil when there is none.
    func entryRemoval(
        service: String, key: String, name: String?, item matches: (YAMLNode) -> Bool, what: String
    ) throws -> TextEdit? {
        let serviceNode = try serviceNode(service)
        guard let parent = serviceNode.pair(key) else { return nil }
        let collection = parent.value
        let range: Range<Int>
        let nodeOffset: Int
        if let pairs = collection.mapping {
            guard let name, let pair = pairs.first(where: { $0.key.scalar == name }) else {
                return nil
            }
            range = try pairRange(pair, in: collection, what: what)
            nodeOffset = pair.key.start.offset
        } else if let items = collection.sequence {
            guard let index = items.firstIndex(where: matches) else { return nil }
            range = try itemRange(index, in: collection, what: what)
            nodeOffset = items[index].start.offset
        } else {
            return nil
        }
        let size = collection.mapping?.count ?? collection.sequence?.count ?? 0
        let container = ContainerRef(
            offset: collection.start.offset, size: size,
            parentRange: try? pairRange(parent, in: serviceNode, what: what),
            parentWhat: "remove \(key)")
        return TextEdit(
            range: range, replacement: "", nodeOffset: nodeOffset, services: [service],
            what: "remove \(what)", container: container)
    }
}
