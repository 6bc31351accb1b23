import InfraModel

/// Lookups on one version of the model, built once per plan.
///
/// Planning asks "who depends on X", "whose estimates name database D" for
/// many X and D; answering each by scanning the model would make planning
/// quadratic. Building the index is O(N log N) in the number of facts (each
/// entity set is read once in key order); every lookup is then a hash lookup,
/// and every list it returns is in key order, so nothing downstream depends on
/// dictionary order.
struct ModelIndex {
    let model: StackModel
    /// The larger entity sets in key order, sorted once: iterating an
    /// `EntitySet` sorts its keys every time.
    let services: [Service]
    let dependencies: [Dependency]
    let environment: [EnvironmentEntry]
    let secretGrants: [SecretGrant]
    let routes: [Route]
    let databases: [Database]
    let connections: [ConnectionEstimate]
    let dependenciesFrom: [String: [Dependency]]
    let dependentsOf: [String: [Dependency]]
    let connectionsByClient: [String: [ConnectionEstimate]]
    let connectionsByDatabase: [String: [ConnectionEstimate]]
    let poolersByUpstream: [String: [Database]]
    /// Routes by the service that receives their traffic (the backend, else the definer).
    let routesByBackend: [String: [Route]]
    /// Routes by the service whose labels define them.
    let routesByDefiner: [String: [Route]]
    let grantsByService: [String: [SecretGrant]]
    let grantsBySecret: [String: [SecretGrant]]
    let environmentByService: [String: [EnvironmentEntry]]
    /// Services by the named volumes they mount.
    let servicesByVolume: [String: [String]]
    /// Services by the networks they join.
    let servicesByNetwork: [String: [String]]

    init(_ model: StackModel) {
        self.model = model
        services = model.services.sorted
        dependencies = model.dependencies.sorted
        environment = model.environment.sorted
        secretGrants = model.secretGrants.sorted
        routes = model.routes.sorted
        databases = model.databases.sorted
        connections = model.connections.sorted
        dependenciesFrom = Dictionary(grouping: dependencies, by: \.from)
        dependentsOf = Dictionary(grouping: dependencies, by: \.to)
        connectionsByClient = Dictionary(grouping: connections, by: \.client)
        connectionsByDatabase = Dictionary(grouping: connections, by: \.database)
        poolersByUpstream = Dictionary(
            grouping: databases.filter { $0.upstream != nil }, by: { $0.upstream ?? "" })
        routesByBackend = Dictionary(grouping: routes, by: { $0.backend ?? $0.definedBy })
        routesByDefiner = Dictionary(grouping: routes, by: \.definedBy)
        grantsByService = Dictionary(grouping: secretGrants, by: \.service)
        grantsBySecret = Dictionary(grouping: secretGrants, by: \.secret)
        environmentByService = Dictionary(grouping: environment, by: \.service)
        var volumes: [String: [String]] = [:]
        var networks: [String: [String]] = [:]
        for service in services {
            for volume in Set(service.namedVolumes).sorted() {
                volumes[volume, default: []].append(service.name)
            }
            for network in Set(service.networks).sorted() {
                networks[network, default: []].append(service.name)
            }
        }
        servicesByVolume = volumes
        servicesByNetwork = networks
    }

    /// Dependencies leaving `service`, in key order.
    func dependencies(of service: String) -> [Dependency] { dependenciesFrom[service] ?? [] }

    /// Dependencies pointing at `service`, in key order.
    func dependents(of service: String) -> [Dependency] { dependentsOf[service] ?? [] }

    /// The services that use a top-level secret, volume or network, sorted.
    func users(of entity: AnyEntity) -> [String] {
        switch entity {
        case .secret(let secret):
            // A service receiving the secret at two targets uses it once.
            return Array(Set((grantsBySecret[secret.name] ?? []).map(\.service))).sorted()
        case .volume(let volume): return servicesByVolume[volume.name] ?? []
        case .network(let network): return servicesByNetwork[network.name] ?? []
        default: return []
        }
    }

    /// True when `service` exists and is not switched off by its profiles.
    func isRunning(_ service: String) -> Bool { model.services[service]?.isActive == true }
}
