/// The kinds of facts a model version holds, in the order plans and dumps list them.
public enum EntityKind: String, CaseIterable, Codable, Comparable, Sendable {
    case service
    case volume
    case network
    case secret
    case secretGrant = "secret_grant"
    case environment
    case dependency
    case route
    case database
    case connection
    case requirement
    case note

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One fact of the model with a stable identity within a version.
///
/// Two versions are compared entity by entity: an entity whose key is in one
/// version only was added or removed; one whose key is in both but whose value
/// differs was modified. `source` says where the fact was read; it is part of
/// the value (so a plan reproduces a version exactly) but a change in `source`
/// alone is cosmetic and never becomes a step.
public protocol ModelEntity: Codable, Equatable, Sendable {
    associatedtype Key: Hashable & Comparable & Sendable
    static var kind: EntityKind { get }
    var key: Key { get }
    /// Where the fact was read (`file:line`), if it came from a file.
    var source: String? { get set }
    /// A short name for messages: `authentik_server`, `authentik_server.AUTHENTIK_REDIS__HOST`.
    var displayName: String { get }
}

extension ModelEntity {
    /// True when the two differ only in where they were read.
    public func differsOnlyInSource(from other: Self) -> Bool {
        var left = self
        var right = other
        left.source = nil
        right.source = nil
        return left == right
    }
}

/// A set of entities of one kind, keyed by identity and always read in key order.
public struct EntitySet<Entity: ModelEntity>: Equatable, Sendable, Sequence {
    private var storage: [Entity.Key: Entity] = [:]

    public init() {}

    public init<S: Sequence>(_ entities: S) where S.Element == Entity {
        for entity in entities { storage[entity.key] = entity }
    }

    public subscript(key: Entity.Key) -> Entity? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// Inserts or replaces the entity with the same key.
    public mutating func insert(_ entity: Entity) { storage[entity.key] = entity }

    /// Removes and returns the entity with this key.
    @discardableResult
    public mutating func remove(_ key: Entity.Key) -> Entity? { storage.removeValue(forKey: key) }

    /// Removes every entity for which `predicate` holds.
    public mutating func removeAll(where predicate: (Entity) -> Bool) {
        storage = storage.filter { !predicate($0.value) }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: [Entity.Key] { storage.keys.sorted() }

    /// The entities in key order; every iteration goes through here, so no
    /// dictionary order ever reaches a plan or a message.
    public var sorted: [Entity] { storage.keys.sorted().compactMap { storage[$0] } }

    public func contains(_ key: Entity.Key) -> Bool { storage[key] != nil }

    public func makeIterator() -> IndexingIterator<[Entity]> { sorted.makeIterator() }

    public func filter(_ isIncluded: (Entity) -> Bool) -> [Entity] { sorted.filter(isIncluded) }
}

extension EntitySet: Codable {
    public init(from decoder: Decoder) throws {
        self.init(try [Entity](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try sorted.encode(to: encoder)
    }
}
