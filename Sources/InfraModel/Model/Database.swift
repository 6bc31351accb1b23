/// A service that is a database (or a pooler in front of one), with its limits.
public struct Database: ModelEntity {
    public static let kind = EntityKind.database

    /// The compose service that runs the database.
    public var service: String
    /// `postgres`, `mysql`, `mariadb`, `redis`, `mongodb`, or `pgbouncer` for a pooler.
    public var engine: String
    /// The engine version, as far as known (`16`, `16.4`); nil when unknown.
    public var version: String?
    public var maxConnections: Int
    /// Connections kept back for superusers (`superuser_reserved_connections`).
    public var reservedConnections: Int
    /// True when `maxConnections` is the engine's default because nothing said otherwise.
    public var isLimitAssumed: Bool
    public var tls: TLSSettings
    /// For a pooler: the database service it forwards to.
    public var upstream: String?
    /// For a pooler: the connections it opens to its upstream (`DEFAULT_POOL_SIZE`).
    public var poolSize: Int?
    public var source: String?

    public init(
        service: String, engine: String, version: String? = nil, maxConnections: Int,
        reservedConnections: Int = 0, isLimitAssumed: Bool = false, tls: TLSSettings = TLSSettings(),
        upstream: String? = nil, poolSize: Int? = nil, source: String? = nil
    ) {
        self.service = service
        self.engine = engine
        self.version = version
        self.maxConnections = maxConnections
        self.reservedConnections = reservedConnections
        self.isLimitAssumed = isLimitAssumed
        self.tls = tls
        self.upstream = upstream
        self.poolSize = poolSize
        self.source = source
    }

    public var key: String { service }
    public var displayName: String { service }

    /// True for a connection pooler rather than a database server.
    public var isPooler: Bool { upstream != nil }

    /// The leading number of `version` (`16` for `16.4`).
    public var majorVersion: Int? {
        version.flatMap { Int($0.prefix { $0.isNumber }) }
    }

    /// Connections clients may open: the limit less the reserved ones.
    public var usableConnections: Int { max(0, maxConnections - reservedConnections) }

    /// What a database engine does when nothing configures it.
    public static func defaultMaxConnections(engine: String) -> Int {
        switch engine {
        case "postgres": return 100
        case "mysql", "mariadb": return 151
        case "redis": return 10000
        case "mongodb": return 65536
        default: return 100
        }
    }

    /// PostgreSQL keeps 3 connections for superusers unless configured otherwise.
    public static func defaultReservedConnections(engine: String) -> Int {
        engine == "postgres" ? 3 : 0
    }
}

/// What a database's TLS offers, as far as known.
public struct TLSSettings: Codable, Equatable, Sendable {
    /// nil when unknown.
    public var isEnabled: Bool?
    /// The lowest protocol version the server accepts (`1.2`), if configured.
    public var minimumVersion: String?
    /// The highest protocol version the server offers, if known.
    public var maximumVersion: String?

    public init(isEnabled: Bool? = nil, minimumVersion: String? = nil, maximumVersion: String? = nil) {
        self.isEnabled = isEnabled
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
    }
}
