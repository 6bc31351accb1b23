/// A client service's expected use of a database's connections.
public struct ConnectionEstimate: ModelEntity {
    public static let kind = EntityKind.connection

    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var client: String
        public var database: String

        public init(client: String, database: String) {
            self.client = client
            self.database = database
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.database, lhs.client) < (rhs.database, rhs.client)
        }
    }

    /// The client service, or a group name for clients outside the file (`other_clients`).
    public var client: String
    public var database: String
    public var expected: Int
    public var origin: ConnectionOrigin
    public var source: String?

    public init(client: String, database: String, expected: Int, origin: ConnectionOrigin, source: String? = nil) {
        self.client = client
        self.database = database
        self.expected = expected
        self.origin = origin
        self.source = source
    }

    public var key: Key { Key(client: client, database: database) }
    public var displayName: String { "\(client) -> \(database)" }
}

/// Where a connection estimate came from.
public enum ConnectionOrigin: String, Codable, Sendable {
    /// Written in the compose file's `x-infraplan` block or a migration file.
    case declared
    /// infraplan's default guess for a client that declares nothing.
    case assumed
    /// Measured on a live database.
    case probed
}
