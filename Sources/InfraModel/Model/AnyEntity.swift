/// Any one fact of a model, tagged with its kind.
public enum AnyEntity: Equatable, Sendable {
    case service(Service)
    case volume(Volume)
    case network(Network)
    case secret(Secret)
    case secretGrant(SecretGrant)
    case environment(EnvironmentEntry)
    case dependency(Dependency)
    case route(Route)
    case database(Database)
    case connection(ConnectionEstimate)
    case requirement(Requirement)
    case note(Note)

    public var kind: EntityKind {
        switch self {
        case .service: return .service
        case .volume: return .volume
        case .network: return .network
        case .secret: return .secret
        case .secretGrant: return .secretGrant
        case .environment: return .environment
        case .dependency: return .dependency
        case .route: return .route
        case .database: return .database
        case .connection: return .connection
        case .requirement: return .requirement
        case .note: return .note
        }
    }

    var base: any ModelEntity {
        switch self {
        case .service(let value): return value
        case .volume(let value): return value
        case .network(let value): return value
        case .secret(let value): return value
        case .secretGrant(let value): return value
        case .environment(let value): return value
        case .dependency(let value): return value
        case .route(let value): return value
        case .database(let value): return value
        case .connection(let value): return value
        case .requirement(let value): return value
        case .note(let value): return value
        }
    }

    /// A short name for messages and plans.
    public var displayName: String { base.displayName }

    /// Where the fact was read, if known.
    public var source: String? { base.source }

    /// The service this fact belongs to, if it belongs to one.
    public var owningService: String? {
        switch self {
        case .service(let value): return value.name
        case .secretGrant(let value): return value.service
        case .environment(let value): return value.service
        case .dependency(let value): return value.from
        case .route(let value): return value.definedBy
        case .database(let value): return value.service
        case .connection(let value): return value.client
        default: return nil
        }
    }

    /// A sortable identity: kind, then the key rendered as text.
    public var identity: String { "\(kind.rawValue):\(keyText)" }

    /// The entity's key rendered as text, stable across runs.
    public var keyText: String {
        switch self {
        case .environment(let value): return "\(value.service)/\(value.name)"
        case .dependency(let value):
            return "\(value.from)/\(value.to)/\(value.kind.rawValue)/\(value.detail)"
        case .secretGrant(let value):
            // The default target adds nothing, which keeps the keys of earlier states.
            let target = value.hasDefaultTarget ? "" : "@\(value.target)"
            return "\(value.service)/\(value.secret)\(target)"
        case .connection(let value): return "\(value.client)/\(value.database)"
        default: return displayName
        }
    }

    /// True when both name the same fact (same kind and key).
    public func hasSameKey(as other: AnyEntity) -> Bool { identity == other.identity }

    /// True when the two differ only in where they were read.
    public func differsOnlyInSource(from other: AnyEntity) -> Bool {
        switch (self, other) {
        case let (.service(a), .service(b)): return a.differsOnlyInSource(from: b)
        case let (.volume(a), .volume(b)): return a.differsOnlyInSource(from: b)
        case let (.network(a), .network(b)): return a.differsOnlyInSource(from: b)
        case let (.secret(a), .secret(b)): return a.differsOnlyInSource(from: b)
        case let (.secretGrant(a), .secretGrant(b)): return a.differsOnlyInSource(from: b)
        case let (.environment(a), .environment(b)): return a.differsOnlyInSource(from: b)
        case let (.dependency(a), .dependency(b)): return a.differsOnlyInSource(from: b)
        case let (.route(a), .route(b)): return a.differsOnlyInSource(from: b)
        case let (.database(a), .database(b)): return a.differsOnlyInSource(from: b)
        case let (.connection(a), .connection(b)): return a.differsOnlyInSource(from: b)
        case let (.requirement(a), .requirement(b)): return a.differsOnlyInSource(from: b)
        case let (.note(a), .note(b)): return a.differsOnlyInSource(from: b)
        default: return false
        }
    }
}

extension AnyEntity: Codable {
    private enum CodingKeys: String, CodingKey { case kind, value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(EntityKind.self, forKey: .kind)
        switch kind {
        case .service: self = .service(try container.decode(Service.self, forKey: .value))
        case .volume: self = .volume(try container.decode(Volume.self, forKey: .value))
        case .network: self = .network(try container.decode(Network.self, forKey: .value))
        case .secret: self = .secret(try container.decode(Secret.self, forKey: .value))
        case .secretGrant: self = .secretGrant(try container.decode(SecretGrant.self, forKey: .value))
        case .environment:
            self = .environment(try container.decode(EnvironmentEntry.self, forKey: .value))
        case .dependency: self = .dependency(try container.decode(Dependency.self, forKey: .value))
        case .route: self = .route(try container.decode(Route.self, forKey: .value))
        case .database: self = .database(try container.decode(Database.self, forKey: .value))
        case .connection: self = .connection(try container.decode(ConnectionEstimate.self, forKey: .value))
        case .requirement:
            self = .requirement(try container.decode(Requirement.self, forKey: .value))
        case .note: self = .note(try container.decode(Note.self, forKey: .value))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(base, forKey: .value)
    }
}
