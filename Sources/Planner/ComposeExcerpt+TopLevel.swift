import InfraModel

/// Top-level declarations and the `x-infraplan` block, rebuilt from the model.
extension ComposeExcerpt {
    static func topLevelTree(_ model: StackModel) -> Tree {
        let secrets = model.secrets.map { secret in
            (key: secret.name, tree: Tree.value(["\(secret.name):"] + secretLines(secret.origin)))
        }
        let volumes = model.volumes.map { volume in
            var lines = ["\(volume.name):"]
            if let name = volume.externalName { lines.append("  name: \(YAMLText.scalar(name))") }
            if volume.isExternal { lines.append("  external: true") }
            if let driver = volume.driver { lines.append("  driver: \(YAMLText.scalar(driver))") }
            return (key: volume.name, tree: Tree.value(lines))
        }
        let networks = model.networks.map { network in
            var lines = ["\(network.name):"]
            if let name = network.externalName { lines.append("  name: \(YAMLText.scalar(name))") }
            if network.isExternal { lines.append("  external: true") }
            if network.isInternal { lines.append("  internal: true") }
            return (key: network.name, tree: Tree.value(lines))
        }
        return .map([
            (key: "secrets", tree: .map(secrets)), (key: "volumes", tree: .map(volumes)),
            (key: "networks", tree: .map(networks)),
        ])
    }

    /// Where a secret's value lives; never the value.
    private static func secretLines(_ origin: SecretOrigin) -> [String] {
        switch origin {
        case .file(let path): return ["  file: \(YAMLText.scalar(path))"]
        case .environment(let name): return ["  environment: \(YAMLText.scalar(name))"]
        case .external(let name):
            return ["  external: true"] + (name.map { ["  name: \($0)"] } ?? [])
        case .inlineContent:
            return ["  content: \(YAMLText.quoted(EnvironmentValue.redactionMarker))"]
        }
    }

    /// `databases` and `connections` as the `x-infraplan` block writes them.
    static func extensionTree(_ model: StackModel) -> Tree {
        let databases = model.databases.map { (key: $0.service, tree: databaseTree($0)) }
        let clients = Set(model.connections.map(\.client)).sorted()
        let connections = clients.map { client in
            let estimates = model.connections.filter { $0.client == client }.map { estimate in
                let origin = estimate.origin == .declared ? "" : "  # \(estimate.origin.rawValue)"
                return (
                    key: estimate.database,
                    tree: Tree.value(["\(estimate.database): \(estimate.expected)\(origin)"])
                )
            }
            return (key: client, tree: Tree.map(estimates))
        }
        return .map([
            (key: "databases", tree: .map(databases)),
            (key: "connections", tree: .map(connections)),
        ])
    }

    private static func databaseTree(_ db: Database) -> Tree {
        let assumed = db.isLimitAssumed ? "  # assumed: the engine's default" : ""
        let tls: [(key: String, tree: Tree)] = [
            field("enabled", db.tls.isEnabled.map(String.init)),
            field("min_version", db.tls.minimumVersion.map(YAMLText.quoted)),
            field("max_version", db.tls.maximumVersion.map(YAMLText.quoted)),
        ].compactMap { $0 }
        let fields: [(key: String, tree: Tree)?] = [
            field("engine", YAMLText.scalar(db.engine)),
            field("version", db.version.map(YAMLText.quoted)),
            field("max_connections", "\(db.maxConnections)\(assumed)"),
            field("reserved_connections", "\(db.reservedConnections)"),
            tls.isEmpty ? nil : (key: "tls", tree: .map(tls)),
            field("upstream", db.upstream.map(YAMLText.scalar)),
            field("pool_size", db.poolSize.map(String.init)),
        ]
        return .map(fields.compactMap { $0 })
    }

    /// `key: value` as a tree entry; nil when there is no value.
    private static func field(_ key: String, _ value: String?) -> (key: String, tree: Tree)? {
        value.map { (key: key, tree: .value(["\(key): \($0)"])) }
    }
}
