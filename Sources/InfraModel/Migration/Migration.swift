/// A migration file: a target version described as typed changes on its base.
///
/// The file format is documented in the README ("Migration files"). A
/// migration is read and validated by `MigrationReader`, and turned into the
/// target model by `apply(to:)`. It travels inside saved plans, so it is
/// `Codable`.
public struct Migration: Codable, Equatable, Sendable {
    /// The file it was read from, as the user named it, and its digest.
    public var path: String
    public var sha256: String
    /// The version this migration makes (`2025.10.1`).
    public var version: String
    /// The version it applies to (`2025.8.4`).
    public var base: String
    public var title: String
    /// Components whose version changes (`authentik 2025.8.4 -> 2025.10.1`).
    public var components: [Component]
    public var operations: [MigrationOperation]
    public var requirements: [Requirement]
    public var irreversible: [IrreversibleEffect]
    public var notes: [Note]
    public var verifications: [Verification]

    public init(
        path: String, sha256: String, version: String, base: String, title: String,
        components: [Component] = [], operations: [MigrationOperation] = [],
        requirements: [Requirement] = [], irreversible: [IrreversibleEffect] = [],
        notes: [Note] = [], verifications: [Verification] = []
    ) {
        self.path = path
        self.sha256 = sha256
        self.version = version
        self.base = base
        self.title = title
        self.components = components
        self.operations = operations
        self.requirements = requirements
        self.irreversible = irreversible
        self.notes = notes
        self.verifications = verifications
    }
}

/// A component whose version changes, with notable libraries it brings along.
public struct Component: Codable, Equatable, Sendable {
    public var name: String
    public var from: String
    public var to: String
    public var services: [String]
    /// Notable dependencies and their versions before and after (`Django: 5.1 -> 5.2`).
    public var notable: [NotableChange]

    public init(name: String, from: String, to: String, services: [String] = [], notable: [NotableChange] = []) {
        self.name = name
        self.from = from
        self.to = to
        self.services = services
        self.notable = notable
    }
}

/// A library or runtime inside a component whose version changes.
public struct NotableChange: Codable, Equatable, Sendable {
    public var name: String
    public var from: String
    public var to: String

    public init(name: String, from: String, to: String) {
        self.name = name
        self.from = from
        self.to = to
    }
}

/// One typed change of a migration, with where it is written.
public struct MigrationOperation: Codable, Equatable, Sendable {
    public enum Action: Codable, Equatable, Sendable {
        /// Sets the image tag (or the whole reference) of services.
        case setImage(services: [String], tag: String?, image: String?)
        /// Removes environment variables whose names match any pattern (`*` is a wildcard).
        case removeEnvironment(services: [String], patterns: [String])
        /// Adds or changes an environment variable (never a secret value).
        case setEnvironment(services: [String], name: String, value: String)
        /// Takes a secret away from services.
        case revokeSecret(services: [String], secret: String)
        /// Gives services a declared secret.
        case grantSecret(services: [String], secret: String)
        /// Removes every dependency of services on a target, of any kind.
        case removeDependency(services: [String], target: String)
        /// Adds a `depends_on` edge.
        case addDependency(services: [String], target: String, condition: String?)
        /// Multiplies clients' expected connections to a database (rounded half up).
        case scaleConnections(clients: [String], database: String, factor: Double)
        /// Sets clients' expected connections to a database.
        case setConnections(clients: [String], database: String, expected: Int)
        /// Sets a database's `max_connections`.
        case setMaxConnections(database: String, value: Int)
        /// Removes a service (its named volumes are kept).
        case removeService(service: String)
        /// Adds a host to a route's rule.
        case addRouteHost(router: String, host: String)
    }

    public var action: Action
    /// `file:line:column` of the operation in its migration file.
    public var location: SourceLocation

    public init(_ action: Action, at location: SourceLocation) {
        self.action = action
        self.location = location
    }
}

/// An effect of the upgrade that downgrading the image does not undo.
///
/// | kind | what the new version leaves behind | how a rollback undoes it |
/// |------|------------------------------------|--------------------------|
/// | `schema_migration` | a changed schema | restore the backup taken before |
/// | `data_migration` | rewritten rows | restore the backup taken before |
/// | `session_format` | sessions the old version cannot read | run `undo` (invalidate them), else lossy |
public struct IrreversibleEffect: Codable, Equatable, Sendable {
    /// The kinds a migration file may name.
    public static let kinds = ["schema_migration", "data_migration", "session_format"]

    public var id: String
    /// One of `kinds`.
    public var kind: String
    /// The database whose data changes.
    public var database: String
    /// The services whose first start causes it.
    public var services: [String]
    public var description: String
    /// For `session_format`: the command that makes the older version work
    /// again after a downgrade (for example, deleting the sessions it cannot
    /// read). nil when none is known; the rollback is then marked lossy.
    public var undo: String?

    public init(
        id: String, kind: String, database: String, services: [String], description: String,
        undo: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.database = database
        self.services = services
        self.description = description
        self.undo = undo
    }

    /// True when only restoring a backup taken before undoes the effect.
    public var needsRestore: Bool { kind != "session_format" }
}

/// A check to run after the upgrade, with the exact command.
public struct Verification: Codable, Equatable, Sendable {
    public var id: String
    public var service: String?
    public var description: String
    public var command: String

    public init(id: String, service: String?, description: String, command: String) {
        self.id = id
        self.service = service
        self.description = description
        self.command = command
    }
}
