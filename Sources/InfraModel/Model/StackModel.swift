/// One version of the model of a stack: every fact infraplan knows about it.
///
/// A value type; versions are immutable snapshots in the store, and a plan is
/// a list of `ModelChange`s that turns one snapshot into another.
public struct StackModel: Codable, Equatable, Sendable {
    /// The Compose project name.
    public var project: String
    public var services = EntitySet<Service>()
    public var volumes = EntitySet<Volume>()
    public var networks = EntitySet<Network>()
    public var secrets = EntitySet<Secret>()
    public var secretGrants = EntitySet<SecretGrant>()
    public var environment = EntitySet<EnvironmentEntry>()
    public var dependencies = EntitySet<Dependency>()
    public var routes = EntitySet<Route>()
    public var databases = EntitySet<Database>()
    public var connections = EntitySet<ConnectionEstimate>()
    public var requirements = EntitySet<Requirement>()
    public var notes = EntitySet<Note>()

    public init(project: String) {
        self.project = project
    }

    /// Every entity, grouped by kind in `EntityKind` order, each group in key order.
    public var allEntities: [AnyEntity] {
        services.map(AnyEntity.service) + volumes.map(AnyEntity.volume)
            + networks.map(AnyEntity.network) + secrets.map(AnyEntity.secret)
            + secretGrants.map(AnyEntity.secretGrant) + environment.map(AnyEntity.environment)
            + dependencies.map(AnyEntity.dependency) + routes.map(AnyEntity.route)
            + databases.map(AnyEntity.database) + connections.map(AnyEntity.connection)
            + requirements.map(AnyEntity.requirement) + notes.map(AnyEntity.note)
    }

    /// Inserts or replaces the entity with the same kind and key.
    public mutating func insert(_ entity: AnyEntity) {
        switch entity {
        case .service(let value): services.insert(value)
        case .volume(let value): volumes.insert(value)
        case .network(let value): networks.insert(value)
        case .secret(let value): secrets.insert(value)
        case .secretGrant(let value): secretGrants.insert(value)
        case .environment(let value): environment.insert(value)
        case .dependency(let value): dependencies.insert(value)
        case .route(let value): routes.insert(value)
        case .database(let value): databases.insert(value)
        case .connection(let value): connections.insert(value)
        case .requirement(let value): requirements.insert(value)
        case .note(let value): notes.insert(value)
        }
    }

    /// Removes the entity with the same kind and key as `entity`.
    public mutating func remove(_ entity: AnyEntity) {
        switch entity {
        case .service(let value): services.remove(value.key)
        case .volume(let value): volumes.remove(value.key)
        case .network(let value): networks.remove(value.key)
        case .secret(let value): secrets.remove(value.key)
        case .secretGrant(let value): secretGrants.remove(value.key)
        case .environment(let value): environment.remove(value.key)
        case .dependency(let value): dependencies.remove(value.key)
        case .route(let value): routes.remove(value.key)
        case .database(let value): databases.remove(value.key)
        case .connection(let value): connections.remove(value.key)
        case .requirement(let value): requirements.remove(value.key)
        case .note(let value): notes.remove(value.key)
        }
    }

    /// The stored entity with the same kind and key as `entity`, if any.
    public func existing(_ entity: AnyEntity) -> AnyEntity? {
        switch entity {
        case .service(let value): return services[value.key].map(AnyEntity.service)
        case .volume(let value): return volumes[value.key].map(AnyEntity.volume)
        case .network(let value): return networks[value.key].map(AnyEntity.network)
        case .secret(let value): return secrets[value.key].map(AnyEntity.secret)
        case .secretGrant(let value): return secretGrants[value.key].map(AnyEntity.secretGrant)
        case .environment(let value): return environment[value.key].map(AnyEntity.environment)
        case .dependency(let value): return dependencies[value.key].map(AnyEntity.dependency)
        case .route(let value): return routes[value.key].map(AnyEntity.route)
        case .database(let value): return databases[value.key].map(AnyEntity.database)
        case .connection(let value): return connections[value.key].map(AnyEntity.connection)
        case .requirement(let value): return requirements[value.key].map(AnyEntity.requirement)
        case .note(let value): return notes[value.key].map(AnyEntity.note)
        }
    }

    /// Service names in sorted order.
    public var serviceNames: [String] { services.keys }

    /// Dependencies pointing at `service`, sorted.
    public func dependents(of service: String) -> [Dependency] {
        dependencies.filter { $0.to == service }
    }

    /// Dependencies leaving `service`, sorted.
    public func dependencies(of service: String) -> [Dependency] {
        dependencies.filter { $0.from == service }
    }
}
