/// Finds the stack's databases and poolers and what limits them.
///
/// A service is a database when its image says so (`postgres`, `postgis`,
/// `mysql`, `mariadb`, `redis`, `valkey`, `mongo`; `pgbouncer` for a pooler)
/// or when `x-infraplan` declares its engine. Its facts come, in order of
/// trust, from its command (`postgres -c max_connections=200`,
/// `--max-connections`, `--maxclients`, `-c ssl=on`,
/// `-c ssl_min_protocol_version=TLSv1.2`), from `x-infraplan`, and last
/// from the engine's defaults, marked as assumed with a warning for the SQL
/// engines whose limit is small enough to matter.
struct DatabaseReader {
    let project: ComposeProject
    let facts: InfraplanExtension
    let environments: [String: [ResolvedVariable]]
    var diagnostics = ComposeDiagnostics()

    /// The database entity for every database service.
    mutating func databases() -> [Database] {
        var result: [Database] = []
        for service in project.services {
            if let database = database(service) { result.append(database) }
        }
        return result
    }

    private mutating func database(_ service: ComposeService) -> Database? {
        let declared = facts.databases[service.name]
        let image = service.image.map(ImageReference.init(parsing:))
        guard let engine = declared?.engine ?? image.flatMap(Self.engine) else {
            if let declared {
                diagnostics.report(
                    .infraplanInvalid(
                        path: "x-infraplan.databases.\(service.name)",
                        reason: "the image does not tell the engine; set engine"),
                    at: declared.location)
            }
            return nil
        }
        if engine == "pgbouncer" { return pooler(service, declared: declared) }
        let arguments = CommandArguments(service.command ?? [])
        var database = Database(
            service: service.name, engine: engine,
            version: declared?.version ?? image.flatMap(Self.majorVersion)
                ?? facts.observedVersions[service.name],
            maxConnections: 0, source: service.location.fileAndLine)
        let limit = arguments.maxConnections(engine: engine) ?? declared?.maxConnections
        database.maxConnections =
            limit ?? Database.defaultMaxConnections(engine: Self.defaultsEngine(engine))
        database.isLimitAssumed = limit == nil
        database.reservedConnections =
            arguments.setting("superuser_reserved_connections").flatMap { Int($0) }
            ?? declared?.reservedConnections ?? Database.defaultReservedConnections(engine: engine)
        database.tls = Self.merge(arguments.tls(engine: engine), declared?.tls)
        if limit == nil {
            warnImplicitLimits(service, engine: engine, assumed: database.maxConnections)
        }
        return database
    }

    private mutating func pooler(
        _ service: ComposeService, declared: InfraplanExtension.DatabaseFacts?
    ) -> Database {
        let variables = environments[service.name] ?? []
        func value(_ keys: [String]) -> String? {
            keys.lazy.compactMap { key in variables.first { $0.key == key }?.value }.first
        }
        let finder = HostReferenceFinder(
            hosts: Dictionary(project.services.map { ($0.name.lowercased(), $0.name) }) { a, _ in a
            })
        let upstreamKeys = [
            "DB_HOST", "DATABASE_URL", "POSTGRESQL_HOST", "DATABASES_HOST",
            "PGBOUNCER_DATABASE_HOST",
        ]
        let upstream =
            declared?.upstream
            ?? upstreamKeys.lazy.compactMap { key in
                value([key]).flatMap { finder.services(in: $0, key: "HOST").first }
            }.first
        let poolSize =
            declared?.poolSize
            ?? value(["DEFAULT_POOL_SIZE", "POOL_SIZE", "PGBOUNCER_DEFAULT_POOL_SIZE"]).flatMap {
                Int($0)
            } ?? 20
        let maxClients =
            declared?.maxConnections
            ?? value(["MAX_CLIENT_CONN", "PGBOUNCER_MAX_CLIENT_CONN"]).flatMap { Int($0) }
        return Database(
            service: service.name, engine: "pgbouncer",
            version: declared?.version
                ?? service.image.flatMap { Self.majorVersion(ImageReference(parsing: $0)) },
            maxConnections: maxClients ?? 100, isLimitAssumed: maxClients == nil,
            tls: declared?.tls ?? TLSSettings(),
            upstream: upstream, poolSize: poolSize, source: service.location.fileAndLine)
    }

    private mutating func warnImplicitLimits(
        _ service: ComposeService, engine: String, assumed: Int
    ) {
        guard ["postgres", "mysql", "mariadb"].contains(engine), project.isActive(service) else {
            return
        }
        var unset = ["max_connections"]
        if engine == "postgres", service.shmSize == nil { unset.append("shm_size") }
        diagnostics.report(
            .implicitLimits(service: service.name, engine: engine, unset: unset, assumed: assumed),
            at: service.location)
    }

    /// The engine an image runs, from the last component of its repository.
    static func engine(_ image: ImageReference) -> String? {
        let name = image.name.lowercased()
        if name.contains("pgbouncer") { return "pgbouncer" }
        switch name {
        case "postgres", "postgresql", "postgis", "pgvector", "timescaledb", "timescaledb-ha",
            "timescaledb-postgis", "pgvecto-rs", "paradedb", "citus":
            return "postgres"
        case "mysql", "mysql-server": return "mysql"
        case "mariadb": return "mariadb"
        case "redis", "redis-stack-server": return "redis"
        case "valkey": return "valkey"
        case "mongo", "mongodb", "mongodb-community-server": return "mongodb"
        default: return nil
        }
    }

    /// The major version a tag names: `16` for `16.4-alpine`, nil for `alpine` or `latest`.
    static func majorVersion(_ image: ImageReference) -> String? {
        image.majorVersion.map(String.init)
    }

    /// Valkey keeps Redis's limits.
    static func defaultsEngine(_ engine: String) -> String {
        engine == "valkey" ? "redis" : engine
    }

    /// The command's TLS settings with the declared ones laid over them.
    static func merge(_ read: TLSSettings, _ declared: TLSSettings?) -> TLSSettings {
        guard let declared else { return read }
        return TLSSettings(
            isEnabled: declared.isEnabled ?? read.isEnabled,
            minimumVersion: declared.minimumVersion ?? read.minimumVersion,
            maximumVersion: declared.maximumVersion ?? read.maximumVersion)
    }
}
