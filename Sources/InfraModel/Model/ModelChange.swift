/// One change of one fact between two versions, and its exact inverse.
///
/// | action | before | after |
/// |--------|--------|-------|
/// | add    | nil    | set   |
/// | remove | set    | nil   |
/// | modify | set    | set   |
public struct ModelChange: Codable, Equatable, Sendable {
    public enum Action: String, Codable, Sendable {
        case add, remove, modify

        /// The mark plans print for the action.
        public var symbol: String {
            switch self {
            case .add: return "+"
            case .remove: return "-"
            case .modify: return "~"
            }
        }
    }

    public var action: Action
    public var before: AnyEntity?
    public var after: AnyEntity?

    public static func add(_ entity: AnyEntity) -> ModelChange {
        ModelChange(action: .add, before: nil, after: entity)
    }

    public static func remove(_ entity: AnyEntity) -> ModelChange {
        ModelChange(action: .remove, before: entity, after: nil)
    }

    public static func modify(_ before: AnyEntity, _ after: AnyEntity) -> ModelChange {
        precondition(before.hasSameKey(as: after), "a modification keeps the entity's key")
        return ModelChange(action: .modify, before: before, after: after)
    }

    /// The entity the change is about (after for add, before otherwise).
    public var entity: AnyEntity {
        guard let entity = after ?? before else {
            preconditionFailure("a change has a before or an after")
        }
        return entity
    }

    public var kind: EntityKind { entity.kind }

    /// True when only where the fact was read changes; such changes never become steps.
    public var isCosmetic: Bool {
        guard action == .modify, let before, let after else { return false }
        return before.differsOnlyInSource(from: after)
    }

    /// The change that undoes this one.
    public var inverse: ModelChange {
        switch action {
        case .add: return ModelChange(action: .remove, before: after, after: nil)
        case .remove: return ModelChange(action: .add, before: nil, after: before)
        case .modify: return ModelChange(action: .modify, before: after, after: before)
        }
    }
}

/// A change that cannot be applied because the model is not in the state it expects.
public struct ModelChangeError: Error, CustomStringConvertible, Sendable {
    public var change: ModelChange
    public var problem: String

    public var description: String {
        "cannot \(change.action.rawValue) \(change.kind.rawValue) '\(change.entity.displayName)': \(problem)"
    }
}

extension StackModel {
    /// Applies one change, checking that the model holds what the change expects.
    ///
    /// - Throws: `ModelChangeError` when an added fact already exists, or a
    ///   removed or modified one is missing or differs from `before`.
    public mutating func apply(_ change: ModelChange) throws {
        let current = existing(change.entity)
        switch change.action {
        case .add:
            guard current == nil else {
                throw ModelChangeError(change: change, problem: "it already exists")
            }
        case .remove, .modify:
            guard current == change.before else {
                throw ModelChangeError(
                    change: change, problem: current == nil ? "it does not exist" : "it differs")
            }
        }
        if let after = change.after { insert(after) } else { remove(change.entity) }
    }

    /// Applies the changes in order.
    public mutating func apply(_ changes: [ModelChange]) throws {
        for change in changes { try apply(change) }
    }

    /// The changes that turn `self` into `target`, in `EntityKind` order then key order.
    ///
    /// Applying them to `self` gives exactly `target`, cosmetic changes included.
    /// Each kind is compared by key, so this is O(N log N) in the number of facts.
    public func changes(to target: StackModel) -> [ModelChange] {
        Self.diff(services, target.services, AnyEntity.service)
            + Self.diff(volumes, target.volumes, AnyEntity.volume)
            + Self.diff(networks, target.networks, AnyEntity.network)
            + Self.diff(secrets, target.secrets, AnyEntity.secret)
            + Self.diff(secretGrants, target.secretGrants, AnyEntity.secretGrant)
            + Self.diff(environment, target.environment, AnyEntity.environment)
            + Self.diff(dependencies, target.dependencies, AnyEntity.dependency)
            + Self.diff(routes, target.routes, AnyEntity.route)
            + Self.diff(databases, target.databases, AnyEntity.database)
            + Self.diff(connections, target.connections, AnyEntity.connection)
            + Self.diff(requirements, target.requirements, AnyEntity.requirement)
            + Self.diff(notes, target.notes, AnyEntity.note)
    }

    /// The changes of one kind, in key order.
    private static func diff<Entity: ModelEntity>(
        _ before: EntitySet<Entity>, _ after: EntitySet<Entity>, _ wrap: (Entity) -> AnyEntity
    ) -> [ModelChange] {
        var keyed: [(Entity.Key, ModelChange)] = []
        for entity in before {
            if let counterpart = after[entity.key] {
                if counterpart != entity { keyed.append((entity.key, .modify(wrap(entity), wrap(counterpart)))) }
            } else {
                keyed.append((entity.key, .remove(wrap(entity))))
            }
        }
        for entity in after where before[entity.key] == nil {
            keyed.append((entity.key, .add(wrap(entity))))
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
