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

    /// A client that opens connections to the subject (a database or pooler).
    public struct Client: Codable, Equatable, Sendable {
        /// A service, or a group of clients outside the stack (`other_clients`).
        public var client: String
        public var expected: Int
        /// `declared`, `assumed`, `probed`, or `pool` for a pooler's pool size.
        public var origin: String
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
        case service, version, direct, transitive, clients, routes
    }

    public var formatVersion = 1
    public var service: String
    public var version: String
    public var direct: [Dependent]
    /// Services that reach the subject through at least one other service,
    /// by their shortest such chain. A direct dependent appears here too when
    /// it also needs the subject through another (a client behind a pooler).
    public var transitive: [Transitive]
    /// Connection estimates on the subject and poolers in front of it, by client.
    public var clients: [Client]
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
    /// (environment values naming the service as a host). Transitive
    /// dependents are found breadth-first over reversed required edges, each
    /// service entered once, so a cyclic model terminates in O(V + E).
    ///
    /// - Throws: `PlanError.unsupported` when the service does not exist.
    public static func impact(
        of service: String, in model: StackModel, version: String
    ) throws -> Impact {
        try impact(of: service, in: ModelIndex(model), version: version)
    }

    static func impact(of service: String, in index: ModelIndex, version: String) throws -> Impact {
        let model = index.model
        guard model.services.contains(service) else {
            throw PlanError.unsupported(unknownServiceMessage(service, in: model, version: version))
        }
        let edges = index.dependents(of: service).filter { $0.from != service }
        let direct = edges.map { edge in
            Impact.Dependent(
                service: edge.from, kind: edge.kind, detail: edge.detail, source: edge.source,
                isSoft: !edge.isRequired, isActive: index.isRunning(edge.from))
        }
        let chains = chainsThroughOthers(to: service, index: index)
        let transitive = chains.keys.sorted().map {
            Impact.Transitive(service: $0, path: chains[$0] ?? [])
        }
        let affected = Set(chains.keys).union(edges.filter(\.isRequired).map(\.from)).union([
            service
        ])
        // Every route goes through the proxy that reads the labels: if it stops, all stop.
        let isProxy = model.services[service]?.image.map { $0.name == "traefik" } ?? false
        let reached = isProxy ? index.routes : affected.sorted().flatMap { index.routesByBackend[$0] ?? [] }
        let routes = reached
            .sorted { $0.router < $1.router }
            .map {
                Impact.AffectedRoute(
                    router: $0.router, hosts: $0.hosts, paths: $0.paths,
                    backend: $0.backend ?? $0.definedBy)
            }
        return Impact(
            service: service, version: version, direct: direct, transitive: transitive,
            clients: clients(of: service, in: index), routes: routes)
    }

    /// Every service that reaches `service` through at least one other
    /// service over required edges, with its shortest such chain. The subject
    /// itself is never listed, so a cycle through it is cut there.
    private static func chainsThroughOthers(
        to service: String, index: ModelIndex
    ) -> [String: [String]] {
        // `next[x]` is the service x needs on its way to the subject.
        var next: [String: String] = [:]
        var queue: [String] = []
        var expanded: Set<String> = [service]
        for edge in index.dependents(of: service)
        where edge.isRequired && expanded.insert(edge.from).inserted {
            queue.append(edge.from)
        }
        var reached: [String: String] = [:]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for edge in index.dependents(of: current) where edge.isRequired && edge.from != service
            {
                if reached[edge.from] == nil { reached[edge.from] = current }
                if expanded.insert(edge.from).inserted {
                    next[edge.from] = current
                    queue.append(edge.from)
                }
            }
        }
        return reached.mapValues { first in
            var chain = [first]
            while let hop = next[chain[chain.count - 1]] { chain.append(hop) }
            return chain + [service]
        }.reduce(into: [:]) { result, pair in result[pair.key] = [pair.key] + pair.value }
    }

    /// Connection estimates on the subject, and poolers charged at their pool size.
    private static func clients(of service: String, in index: ModelIndex) -> [Impact.Client] {
        let estimates = (index.connectionsByDatabase[service] ?? []).map {
            Impact.Client(client: $0.client, expected: $0.expected, origin: $0.origin.rawValue)
        }
        let poolers = (index.poolersByUpstream[service] ?? []).map {
            Impact.Client(client: $0.service, expected: $0.poolSize ?? 0, origin: "pool")
        }
        return (estimates + poolers).sorted { $0.client < $1.client }
    }

    /// "unknown service 'x' in version 'v'; did you mean 'y'?"
    public static func unknownServiceMessage(
        _ name: String, in model: StackModel, version: String
    ) -> String {
        var message = "unknown service '\(name)' in version '\(version)'"
        if let near = NameSuggestion.nearest(to: name, in: model.serviceNames) {
            message += "; did you mean '\(near)'?"
        }
        return message
    }
}
