import InfraModel

/// The dependency graph of a stack, ready to draw: services, the routes that
/// reach them, and one edge per kind of dependency between two services.
///
/// Made from one version, or from a plan, in which case each node and edge
/// says whether the plan adds, removes, changes or keeps it. Edges point from
/// the dependent to what it needs. Renderers live in `+DOT` and `+Mermaid`.
public struct StackDiagram: Equatable, Sendable {
    /// What a plan does to a node or an edge.
    public enum Status: String, Sendable, CaseIterable {
        case unchanged, added, removed, changed
        /// A service some dependents leave while others keep it (`redis_cache`).
        case kept

        /// The mark the terminal uses for the same thing: `+`, `-`, `~`, or none.
        public var mark: String? {
            switch self {
            case .added: return "+"
            case .removed: return "-"
            case .changed: return "~"
            case .unchanged, .kept: return nil
            }
        }
    }

    /// What a node stands for; renderers draw each with its own shape.
    public enum NodeKind: String, Sendable {
        case service, database, route
    }

    /// A service, a database, or a route with its hosts.
    public struct Node: Equatable, Sendable {
        /// Unique in the graph: the service name, or `route:<router>`.
        public var id: String
        /// Service, database or route.
        public var kind: NodeKind
        /// The first line of the label: a service or router name.
        public var name: String
        /// The second line: an image, or a route's hosts.
        public var detail: String?
        /// What the plan does to it; `unchanged` outside a plan.
        public var status: Status
        /// False for a service switched off by its profiles.
        public var isActive: Bool
    }

    /// A dependency: `from` needs `to`, in the way `kind` says.
    public struct Edge: Equatable, Sendable {
        /// The dependent's node id.
        public var from: String
        /// The node id of what it needs.
        public var to: String
        /// How the dependency was declared or found.
        public var kind: DependencyKind
        /// The kind, and for environment edges the keys: `environment REDIS_CACHE, REDIS_QUEUE`.
        public var label: String
        /// What the plan does to it; `unchanged` outside a plan.
        public var status: Status
        /// True for dependencies Compose does not see (environment values).
        public var isDashed: Bool { kind == .environment }
    }

    /// `homestack 2025.8.4`, or `homestack 2025.8.4 -> 2025.10.1` for a plan.
    public var title: String
    /// Routes first, then services, each in name order.
    public var nodes: [Node]
    /// In order of `from`, `to`, kind.
    public var edges: [Edge]
    /// True when statuses come from a plan, so a legend is worth drawing.
    public var isPlan: Bool

    /// The graph of one version.
    public init(model: StackModel, version: String) {
        self.init(
            before: model, after: model, title: "\(model.project) \(version)", changed: [], kept: []
        )
        isPlan = false
    }

    /// The graph of a plan: the union of both versions, marked by what the plan does.
    public init(plan: Plan, before: StackModel, after: StackModel) {
        let configured = plan.steps.filter { $0.kind == .configure }.map(\.entity)
        let kept = plan.steps.filter { $0.kind == .check && $0.id.hasPrefix("check:keep:") }.map(
            \.entity)
        self.init(
            before: before, after: after, title: "\(plan.project) \(plan.from) -> \(plan.to)",
            changed: Set(configured), kept: Set(kept))
    }

    private init(
        before: StackModel, after: StackModel, title: String, changed: Set<String>,
        kept: Set<String>
    ) {
        self.title = title
        self.isPlan = true
        let names = Set(before.services.keys).union(after.services.keys).sorted()
        let routes = Self.routeNodes(before, after)
        self.nodes =
            routes
            + names.map { name in
                let status = Self.status(
                    inBefore: before.services.contains(name),
                    inAfter: after.services.contains(name),
                    isChanged: changed.contains(name), isKept: kept.contains(name))
                let service = after.services[name] ?? before.services[name]
                let isDatabase = after.databases.contains(name) || before.databases.contains(name)
                return Node(
                    id: name, kind: isDatabase ? .database : .service, name: name,
                    detail: service?.image?.description ?? "(build only)", status: status,
                    isActive: service?.isActive ?? true)
            }
        self.edges = Self.routeEdges(before, after) + Self.dependencyEdges(before, after)
    }

    private static func status(inBefore: Bool, inAfter: Bool, isChanged: Bool, isKept: Bool)
        -> Status
    {
        if !inBefore { return .added }
        if !inAfter { return .removed }
        if isChanged { return .changed }
        return isKept ? .kept : .unchanged
    }

    private static func routeNodes(_ before: StackModel, _ after: StackModel) -> [Node] {
        let routers = Set(before.routes.keys).union(after.routes.keys).sorted()
        return routers.compactMap { router in
            guard let route = after.routes[router] ?? before.routes[router] else { return nil }
            let old = before.routes[router]
            let new = after.routes[router]
            let status = status(
                inBefore: old != nil, inAfter: new != nil,
                isChanged: old.map { new?.differsOnlyInSource(from: $0) == false } ?? false,
                isKept: false)
            return Node(
                id: "route:\(router)", kind: .route, name: router,
                detail: (route.hosts + route.paths).joined(separator: ", "), status: status,
                isActive: true)
        }
    }

    private static func routeEdges(_ before: StackModel, _ after: StackModel) -> [Edge] {
        func pairs(_ model: StackModel) -> Set<[String]> {
            Set(model.routes.map { ["route:\($0.router)", $0.backend ?? $0.definedBy] })
        }
        let old = pairs(before)
        let new = pairs(after)
        return old.union(new).sorted { $0.lexicographicallyPrecedes($1) }.map { pair in
            let status: Status =
                old.contains(pair) ? (new.contains(pair) ? .unchanged : .removed) : .added
            return Edge(from: pair[0], to: pair[1], kind: .route, label: "route", status: status)
        }
    }

    /// One edge per dependent, target, kind and status; environment keys share their edge.
    private static func dependencyEdges(_ before: StackModel, _ after: StackModel) -> [Edge] {
        var details: [String: [String]] = [:]
        var samples: [String: (Dependency, Status)] = [:]
        for edge in before.dependencies.sorted
            + after.dependencies.filter({ !before.dependencies.contains($0.key) })
        {
            guard edge.kind != .route else { continue }
            let inBefore = before.dependencies.contains(edge.key)
            let inAfter = after.dependencies.contains(edge.key)
            let status: Status = inBefore ? (inAfter ? .unchanged : .removed) : .added
            let group = [edge.from, edge.to, edge.kind.rawValue, status.rawValue].joined(
                separator: "\u{1F}")
            samples[group] = (edge, status)
            if !edge.detail.isEmpty { details[group, default: []].append(edge.detail) }
        }
        return samples.keys.sorted().compactMap { group in
            guard let (edge, status) = samples[group] else { return nil }
            let keys = Array(Set(details[group] ?? [])).sorted()
            let label =
                keys.isEmpty
                ? edge.kind.label : "\(edge.kind.label) \(keys.joined(separator: ", "))"
            return Edge(from: edge.from, to: edge.to, kind: edge.kind, label: label, status: status)
        }
    }
}
