import InfraModel

/// Which service must be up before which, in one version of the model.
///
/// Edges come in two strengths. *Hard* edges are the ones Compose itself
/// orders start-up by (`depends_on`, `links`, `network_mode: service:`,
/// `volumes_from`); a cycle of hard edges in the target is an error. *Soft*
/// edges are facts Compose does not see but a careful operator respects: an
/// environment value naming another service's host, a client's connection
/// estimate on a database, a pooler's upstream, and orderings a plan adds (an
/// outpost after its server). A soft edge that would close a cycle is dropped:
/// every edge inside a strongly connected component is on a cycle, every edge
/// between components is not, so what remains is acyclic. Only running
/// (present and active) services take part. Building is O(E log E).
struct ServiceGraph {
    /// For each service, the services it needs up first, sorted.
    private(set) var needs: [String: [String]] = [:]
    /// For each service, the services that need it, sorted.
    private(set) var neededBy: [String: [String]] = [:]
    /// Hard edges as `from -> to` (from needs to), for checks that want only those.
    private(set) var hardEdges: Set<Pair> = []

    /// An ordered pair of service names.
    struct Pair: Hashable {
        var from: String
        var to: String
    }

    /// The graph of `index`'s model, with `extra` soft edges (`from` needs `to`).
    ///
    /// - Parameter isStrict: true for the target version: a hard cycle is an
    ///   error. The current version is what runs now; the plan cannot fix its
    ///   cycles, so there every edge on a cycle is dropped instead.
    /// - Throws: `PlanError.cycle` naming one hard cycle, in `depends_on` order.
    static func make(_ index: ModelIndex, extra: [Pair] = [], isStrict: Bool) throws -> ServiceGraph
    {
        let (hard, soft) = collectEdges(index, extra: extra)
        if isStrict { try checkAcyclic(hard) }
        var graph = ServiceGraph()
        graph.hardEdges = hard
        // Hard edges go only when hard edges alone make a cycle (current version);
        // soft edges go when they close a cycle with what is left.
        let kept = hard.subtracting(edgesOnCycles(sorted(hard)))
        let all = sorted(kept.union(soft))
        let onCycle = edgesOnCycles(all)
        for edge in all where kept.contains(edge) || !onCycle.contains(edge) {
            graph.needs[edge.from, default: []].append(edge.to)
            graph.neededBy[edge.to, default: []].append(edge.from)
        }
        for key in graph.neededBy.keys { graph.neededBy[key]?.sort() }
        return graph
    }

    /// The services `service` needs, sorted.
    func needs(of service: String) -> [String] { needs[service] ?? [] }

    /// The services that need `service`, sorted.
    func neededBy(of service: String) -> [String] { neededBy[service] ?? [] }

    private static func collectEdges(_ index: ModelIndex, extra: [Pair]) -> (Set<Pair>, Set<Pair>) {
        var hard: Set<Pair> = []
        var soft: Set<Pair> = []
        func add(_ from: String, _ to: String, isHard: Bool) {
            guard index.isRunning(from), index.isRunning(to) else { return }
            let pair = Pair(from: from, to: to)
            if isHard { hard.insert(pair) } else { soft.insert(pair) }
        }
        for edge in index.dependencies where edge.kind != .route {
            add(edge.from, edge.to, isHard: edge.kind.ordersStartup)
        }
        for estimate in index.connections { add(estimate.client, estimate.database, isHard: false) }
        for pooler in index.databases {
            if let upstream = pooler.upstream { add(pooler.service, upstream, isHard: false) }
        }
        for pair in extra { add(pair.from, pair.to, isHard: false) }
        return (hard, soft.subtracting(hard))
    }

    private static func sorted(_ edges: Set<Pair>) -> [Pair] {
        edges.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Throws the first hard cycle, found from the least service name on it.
    private static func checkAcyclic(_ hard: Set<Pair>) throws {
        var graph = DependencyGraph<String>()
        for pair in hard {
            graph.addNode(pair.from, priority: pair.from)
            graph.addNode(pair.to, priority: pair.to)
        }
        for pair in hard { graph.addEdge(from: pair.from, to: pair.to) }
        _ = try graph.ordered()
    }

    /// The edges that lie on some cycle: self edges and edges inside a component.
    private static func edgesOnCycles(_ edges: [Pair]) -> Set<Pair> {
        var ids: [String: Int] = [:]
        for edge in edges {
            if ids[edge.from] == nil { ids[edge.from] = ids.count }
            if ids[edge.to] == nil { ids[edge.to] = ids.count }
        }
        var successors = Array(repeating: [Int](), count: ids.count)
        for edge in edges {
            if let from = ids[edge.from], let to = ids[edge.to] { successors[from].append(to) }
        }
        let component = StrongComponents.components(count: ids.count, successors: successors)
        return Set(
            edges.filter { edge in
                guard let from = ids[edge.from], let to = ids[edge.to] else { return false }
                return component[from] == component[to]
            })
    }
}
