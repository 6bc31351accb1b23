import InfraModel

/// What depends on a service, and what stops working if it stops or goes.
public struct Impact: Codable, Equatable, Sendable {
    /// One service that needs the subject directly.
    public struct Dependent: Codable, Equatable, Sendable {
        public var service: String
        public var kind: DependencyKind
        /// The environment key, for environment dependencies.
        public var detail: String
        /// `file:line` where the dependency was read.
        public var source: String?
        /// True for `required: false`: the dependent starts without the subject.
        public var isSoft: Bool
        /// False when the dependent is switched off by its profiles.
        public var isActive: Bool
    }

    /// A service that needs the subject through others.
    public struct Transitive: Codable, Equatable, Sendable {
        public var service: String
        /// The chain from the dependent back to the subject: `[a, b, subject]`.
        public var path: [String]
    }

    /// A route that stops answering when the subject stops.
    public struct AffectedRoute: Codable, Equatable, Sendable {
        public var router: String
        public var hosts: [String]
        public var paths: [String]
        /// The service that receives the route's traffic.
        public var backend: String
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case service, version, direct, transitive, routes
    }

    public var formatVersion = 1
    public var service: String
    public var version: String
    public var direct: [Dependent]
    public var transitive: [Transitive]
    public var routes: [AffectedRoute]

    /// The services whose required dependencies would dangle if the subject were removed.
    public var breaksOnRemoval: [String] {
        Array(Set(direct.filter { !$0.isSoft }.map(\.service))).sorted()
    }

    /// True when nothing needs the subject: removing it breaks nothing.
    public var isRemovable: Bool { breaksOnRemoval.isEmpty && routes.isEmpty }

    /// The names of the services that depend on the subject directly, sorted, once each.
    public var directServices: [String] { Array(Set(direct.map(\.service))).sorted() }
}

/// Answers "who still needs this service?" on one version of the model.
public enum ImpactAnalyzer {
    /// The impact of stopping or removing `service` in `model`.
    ///
    /// Every kind of dependency counts, including those Compose does not see
    /// (environment values naming the service as a host). Transitive dependents
    /// are found breadth-first over reversed edges, so cycles terminate and
    /// each service is listed once, by its shortest chain.
    ///
    /// - Throws: `PlanError.unsupported` when the service does not exist.
    public static func impact(of service: String, in model: StackModel, version: String) throws -> Impact {
        guard model.services.contains(service) else {
            throw PlanError.unsupported(unknownServiceMessage(service, in: model, version: version))
        }
        let reverse = Dictionary(grouping: model.dependencies.sorted, by: \.to)
        let direct = (reverse[service] ?? []).map { edge in
            Impact.Dependent(
                service: edge.from, kind: edge.kind, detail: edge.detail, source: edge.source,
                isSoft: !edge.isRequired, isActive: model.services[edge.from]?.isActive ?? true)
        }
        let chains = dependentChains(of: service, reverse: reverse)
        let directNames = Set(direct.map(\.service))
        let transitive = chains.filter { !directNames.contains($0.key) && $0.key != service }
            .map { Impact.Transitive(service: $0.key, path: $0.value) }
            .sorted { $0.service < $1.service }
        let affected = Set(chains.keys).union([service])
        let routes = model.routes.filter { route in affected.contains(route.backend ?? route.definedBy) }
            .map { Impact.AffectedRoute(router: $0.router, hosts: $0.hosts, paths: $0.paths, backend: $0.backend ?? $0.definedBy) }
        return Impact(service: service, version: version, direct: direct, transitive: transitive, routes: routes)
    }

    /// Every service that reaches `service` over dependencies, with its shortest chain.
    private static func dependentChains(of service: String, reverse: [String: [Dependency]]) -> [String: [String]] {
        var chains: [String: [String]] = [service: [service]]
        var queue = [service]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for edge in reverse[current] ?? [] where chains[edge.from] == nil && edge.isRequired {
                chains[edge.from] = [edge.from] + (chains[current] ?? [])
                queue.append(edge.from)
            }
        }
        chains.removeValue(forKey: service)
        return chains
    }

    /// "unknown service 'x' in version 'v'; did you mean 'y'?"
    public static func unknownServiceMessage(_ name: String, in model: StackModel, version: String) -> String {
        var message = "unknown service '\(name)' in version '\(version)'"
        if let near = NameSuggestion.nearest(to: name, in: model.serviceNames) {
            message += "; did you mean '\(near)'?"
        }
        return message
    }
}
