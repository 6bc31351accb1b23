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
        var fields: [(key: String, tree: Tree)] = [
            (key: "engine", tree: .value(["engine: \(YAMLText.scalar(db.engine))"])),
            (
                key: "max_connections",
                tree: .value(["max_connections: \(db.maxConnections)\(assumed)"])
            ),
            (
                key: "reserved_connections",
                tree: .value(["reserved_connections: \(db.reservedConnections)"])
            ),
        ]
        if let version = db.version {
            fields.insert(
                (key: "version", tree: .value(["version: \(YAMLText.quoted(version))"])), at: 1)
        }
        var tls: [(key: String, tree: Tree)] = []
        if let enabled = db.tls.isEnabled {
            tls.append((key: "enabled", tree: .value(["enabled: \(enabled)"])))
        }
        if let minimum = db.tls.minimumVersion {
            tls.append(
                (key: "min_version", tree: .value(["min_version: \(YAMLText.quoted(minimum))"])))
        }
        if let maximum = db.tls.maximumVersion {
            tls.append(
                (key: "max_version", tree: .value(["max_version: \(YAMLText.quoted(maximum))"])))
        }
        if !tls.isEmpty { fields.append((key: "tls", tree: .map(tls))) }
        if let upstream = db.upstream {
            fields.append((key: "upstream", tree: .value(["upstream: \(upstream)"])))
        }
        if let pool = db.poolSize {
            fields.append((key: "pool_size", tree: .value(["pool_size: \(pool)"])))
        }
        return .map(fields)
    }
}
