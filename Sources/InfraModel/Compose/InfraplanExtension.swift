/// The top-level `x-infraplan:` block: facts about the stack that Compose cannot express.
///
/// Compose ignores `x-` keys, so the file stays a valid Compose file. The
/// block is checked strictly: an unknown key, a value of the wrong type or a
/// name that is not a service of the file is an error at its line.
///
/// ```yaml
/// x-infraplan:
///   databases:                      # per database service, all keys optional
///     authentik_db:
///       engine: postgres            # postgres, mysql, mariadb, redis, valkey, mongodb, pgbouncer
///       version: "16"
///       max_connections: 100
///       reserved_connections: 3     # superuser_reserved_connections
///       tls: {enabled: true, min_version: "1.2", max_version: "1.3"}
///       upstream: postgres          # for a pooler: the database it forwards to
///       pool_size: 20               # for a pooler: connections it opens upstream
///   connections:                    # client -> {database: expected connections}
///     authentik_server: {authentik_db: 4}
///     other_clients: {authentik_db: 60}   # not a service: clients outside the file
///   compose_version: "2.19.1"       # the docker compose that runs the file
///   observed:                       # what runs now, when the image tag does not say
///     db: {running_version: "11.5"}
/// ```
struct InfraplanExtension: Sendable {
    /// What the block says about one database service; nil fields were not given.
    struct DatabaseFacts: Sendable {
        var service: String
        var location: SourceLocation
        var engine: String?
        var version: String?
        var maxConnections: Int?
        var reservedConnections: Int?
        var tls = TLSSettings()
        var upstream: String?
        var poolSize: Int?
    }

    /// One declared connection estimate.
    struct Connection: Sendable {
        var client: String
        var database: String
        var expected: Int
        var location: SourceLocation
    }

    static let engines: Set<String> = [
        "postgres", "mysql", "mariadb", "redis", "valkey", "mongodb", "pgbouncer",
    ]

    var databases: [String: DatabaseFacts] = [:]
    var connections: [Connection] = []
    var composeVersion: String?
    var composeVersionLocation: SourceLocation?
    var observedVersions: [String: String] = [:]
}

/// Reads and checks an `x-infraplan` block.
struct InfraplanExtensionReader {
    let serviceNames: [String]
    var diagnostics = ComposeDiagnostics()

    mutating func read(_ entry: ComposeEntry?) -> InfraplanExtension {
        var result = InfraplanExtension()
        guard let entry else { return result }
        guard let fields = mapping(entry.value, "x-infraplan") else { return result }
        for field in fields {
            let path = "x-infraplan.\(field.key)"
            switch field.key {
            case "databases":
                for database in mapping(field.value, path) ?? [] {
                    if let facts = databaseFacts(database, path: path) {
                        result.databases[database.key] = facts
                    }
                }
            case "connections": result.connections = connections(field.value, path: path)
            case "compose_version":
                result.composeVersion = composeVersion(field.value, path)
                result.composeVersionLocation = field.value.location
            case "observed": result.observedVersions = observed(field.value, path: path)
            default: unknown(field, "x-infraplan")
            }
        }
        return result
    }

    private mutating func databaseFacts(_ entry: ComposeEntry, path: String) -> InfraplanExtension
        .DatabaseFacts?
    {
        guard requireService(entry.key, path: path, at: entry.keyLocation) else { return nil }
        var facts = InfraplanExtension.DatabaseFacts(
            service: entry.key, location: entry.keyLocation)
        let base = "\(path).\(entry.key)"
        for field in mapping(entry.value, base) ?? [] {
            let fieldPath = "\(base).\(field.key)"
            switch field.key {
            case "engine": facts.engine = engine(field.value, fieldPath)
            case "version": facts.version = text(field.value, fieldPath)
            case "max_connections":
                facts.maxConnections = integer(field.value, fieldPath, minimum: 1)
            case "reserved_connections":
                facts.reservedConnections = integer(field.value, fieldPath, minimum: 0)
            case "pool_size": facts.poolSize = integer(field.value, fieldPath, minimum: 1)
            case "upstream":
                facts.upstream = text(field.value, fieldPath)
                if let upstream = facts.upstream {
                    _ = requireService(upstream, path: fieldPath, at: field.value.location)
                }
            case "tls": facts.tls = tls(field.value, fieldPath)
            default: unknown(field, base)
            }
        }
        if let reserved = facts.reservedConnections, let limit = facts.maxConnections,
            reserved >= limit, let field = entry.value.entries?.first(where: {
                $0.key == "reserved_connections"
            })
        {
            diagnostics.report(
                .invalidValue(
                    path: "\(base).reserved_connections", value: "\(reserved)",
                    expected: "fewer than max_connections (\(limit))"),
                at: field.value.location)
            facts.reservedConnections = nil
        }
        return facts
    }

    private mutating func tls(_ node: ComposeNode, _ path: String) -> TLSSettings {
        var settings = TLSSettings()
        for field in mapping(node, path) ?? [] {
            let fieldPath = "\(path).\(field.key)"
            switch field.key {
            case "enabled": settings.isEnabled = boolean(field.value, fieldPath)
            case "min_version": settings.minimumVersion = tlsVersion(field.value, fieldPath)
            case "max_version": settings.maximumVersion = tlsVersion(field.value, fieldPath)
            default: unknown(field, path)
            }
        }
        return settings
    }

    private mutating func connections(_ node: ComposeNode, path: String) -> [InfraplanExtension
        .Connection]
    {
        var result: [InfraplanExtension.Connection] = []
        for client in mapping(node, path) ?? [] {
            for database in mapping(client.value, "\(path).\(client.key)") ?? [] {
                let fieldPath = "\(path).\(client.key).\(database.key)"
                guard
                    requireService(
                        database.key, path: "\(path).\(client.key)", at: database.keyLocation),
                    let expected = integer(database.value, fieldPath, minimum: 0)
                else { continue }
                result.append(
                    .init(
                        client: client.key, database: database.key, expected: expected,
                        location: database.keyLocation))
            }
        }
        return result
    }

    private mutating func observed(_ node: ComposeNode, path: String) -> [String: String] {
        var result: [String: String] = [:]
        for service in mapping(node, path) ?? []
        where requireService(service.key, path: path, at: service.keyLocation) {
            for field in mapping(service.value, "\(path).\(service.key)") ?? [] {
                guard field.key == "running_version" else {
                    unknown(field, "\(path).\(service.key)")
                    continue
                }
                result[service.key] = text(field.value, "\(path).\(service.key).running_version")
            }
        }
        return result
    }
}

extension InfraplanExtensionReader {
    mutating func mapping(_ node: ComposeNode, _ path: String) -> [ComposeEntry]? {
        guard let entries = node.entries else {
            diagnostics.report(
                .wrongType(path: path, expected: "a mapping", found: node.kindName),
                at: node.location)
            return nil
        }
        return entries
    }

    mutating func text(_ node: ComposeNode, _ path: String) -> String? {
        if case .string(let text) = node.content { return text }
        if case .number(let text) = node.content { return text }
        diagnostics.report(
            .wrongType(path: path, expected: "a string", found: node.kindName), at: node.location)
        return nil
    }

    mutating func integer(_ node: ComposeNode, _ path: String, minimum: Int) -> Int? {
        guard let text = node.text, let value = Int(text), !(node.content.isBool) else {
            diagnostics.report(
                .wrongType(path: path, expected: "an integer", found: node.kindName),
                at: node.location)
            return nil
        }
        guard value >= minimum, value <= Self.largestCount else {
            diagnostics.report(
                .invalidValue(
                    path: path, value: text,
                    expected: "from \(minimum) to \(Self.largestCount)"),
                at: node.location)
            return nil
        }
        return value
    }

    /// The largest connection count or limit taken: far above any server's
    /// real limit, and small enough that sums over thousands of clients
    /// cannot overflow.
    static let largestCount = 10_000_000

    mutating func boolean(_ node: ComposeNode, _ path: String) -> Bool? {
        if case .bool(let value) = node.content { return value }
        diagnostics.report(
            .wrongType(path: path, expected: "a boolean", found: node.kindName), at: node.location)
        return nil
    }

    /// A docker compose version (`2.20.3`, `v2.19`, `2.29.1-desktop.1`): one to three
    /// numbers, an optional `v` before them and an optional `-suffix` after.
    mutating func composeVersion(_ node: ComposeNode, _ path: String) -> String? {
        guard let version = text(node, path) else { return nil }
        guard Self.isComposeVersion(version) else {
            diagnostics.report(
                .invalidValue(
                    path: path, value: version, expected: "a docker compose version such as 2.20.3"),
                at: node.location)
            return nil
        }
        return version
    }

    static func isComposeVersion(_ version: String) -> Bool {
        let body = version.hasPrefix("v") ? version.dropFirst() : Substring(version)
        let parts = body.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return (1...3).contains(numbers.count) && (parts.count == 1 || !parts[1].isEmpty)
            && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The TLS versions a database may offer; `TLSv1.2` is read as `1.2`.
    static let tlsVersions = ["1.0", "1.1", "1.2", "1.3"]

    /// A TLS protocol version from 1.0 to 1.3, as `1.2` or `TLSv1.2`.
    mutating func tlsVersion(_ node: ComposeNode, _ path: String) -> String? {
        guard let written = text(node, path) else { return nil }
        let version = CommandArguments.protocolVersion(written)
        guard Self.tlsVersions.contains(version) else {
            let expected = "a TLS version, one of " + Self.tlsVersions.joined(separator: ", ")
            diagnostics.report(
                .invalidValue(path: path, value: written, expected: expected), at: node.location)
            return nil
        }
        return version
    }

    mutating func engine(_ node: ComposeNode, _ path: String) -> String? {
        guard let name = text(node, path) else { return nil }
        guard InfraplanExtension.engines.contains(name) else {
            let expected = InfraplanExtension.engines.sorted().joined(separator: ", ")
            diagnostics.report(
                .invalidValue(path: path, value: name, expected: "one of \(expected)"),
                at: node.location)
            return nil
        }
        return name
    }

    mutating func requireService(_ name: String, path: String, at location: SourceLocation) -> Bool
    {
        guard serviceNames.contains(name) else {
            diagnostics.report(
                .infraplanUnknownService(
                    path: path, name: name,
                    suggestion: NameSuggestion.nearest(to: name, in: serviceNames)),
                at: location)
            return false
        }
        return true
    }

    mutating func unknown(_ entry: ComposeEntry, _ context: String) {
        diagnostics.report(.unknownKey(key: entry.key, context: context), at: entry.keyLocation)
    }
}

extension ComposeNode.Content {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
