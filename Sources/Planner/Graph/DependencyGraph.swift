/// A directed graph of named nodes, ordered topologically with a stable tie-break.
///
/// Used for plan steps (an edge means "must run before") and for services (an
/// edge means "depends on"). Ordering is Kahn's algorithm over a binary heap,
/// O((V + E) log V); among nodes that are free to go, the one with the least
/// `priority` goes first, so the same graph always gives the same order.
public struct DependencyGraph<Priority: Comparable> {
    private var names: [String] = []
    private var priorities: [Priority] = []
    private var index: [String: Int] = [:]
    private var successors: [[Int]] = []
    /// Every edge once, as `from << 32 | to`, so that adding is O(1) without an array per edge.
    private var edgeSet: Set<UInt64> = []

    public init() {}

    /// Adds a node; adding a name twice keeps the first priority.
    public mutating func addNode(_ name: String, priority: Priority) {
        guard index[name] == nil else { return }
        index[name] = names.count
        names.append(name)
        priorities.append(priority)
        successors.append([])
    }

    /// Adds an edge `before -> after`; edges to unknown nodes are ignored.
    public mutating func addEdge(from before: String, to after: String) {
        guard let from = index[before], let to = index[after],
            edgeSet.insert(UInt64(from) << 32 | UInt64(to)).inserted
        else { return }
        successors[from].append(to)
    }

    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The nodes in an order that respects every edge.
    ///
    /// - Throws: `PlanError.cycle` naming one cycle, in order, when there is one.
    public func ordered() throws -> [String] {
        var incoming = [Int](repeating: 0, count: names.count)
        for targets in successors { for target in targets { incoming[target] += 1 } }
        var ready = PriorityQueue<Int> { (priorities[$0], names[$0]) < (priorities[$1], names[$1]) }
        for node in names.indices where incoming[node] == 0 { ready.push(node) }
        var result: [String] = []
        result.reserveCapacity(names.count)
        while let node = ready.pop() {
            result.append(names[node])
            for next in successors[node] {
                incoming[next] -= 1
                if incoming[next] == 0 { ready.push(next) }
            }
        }
        if result.count < names.count {
            throw PlanError.cycle(findCycle(among: Set(names.indices.filter { incoming[$0] > 0 })))
        }
        return result
    }

    /// One cycle among `nodes`, as names with the first repeated at the end.
    ///
    /// Iterative depth-first search, so a long chain cannot overflow the stack.
    /// Starts from the least name and follows successors in name order, so the
    /// same graph always names the same cycle; O((V + E) log V).
    public func findCycle(among nodes: Set<Int>? = nil) -> [String] {
        let candidates = nodes ?? Set(names.indices)
        let next = successors.indices.map { node in
            candidates.contains(node)
                ? successors[node].filter(candidates.contains).sorted { names[$0] < names[$1] } : []
        }
        var state = [UInt8](repeating: 0, count: names.count)  // 0 new, 1 on path, 2 done
        var position = [Int](repeating: -1, count: names.count)  // index on the path
        for start in candidates.sorted(by: { names[$0] < names[$1] }) where state[start] == 0 {
            var path: [Int] = [start]
            var cursors: [Int] = [0]
            state[start] = 1
            position[start] = 0
            while let node = path.last, let cursor = cursors.last {
                guard cursor < next[node].count else {
                    state[node] = 2
                    path.removeLast()
                    cursors.removeLast()
                    continue
                }
                cursors[cursors.count - 1] += 1
                let target = next[node][cursor]
                if state[target] == 1 {
                    return (path[position[target]...] + [target]).map { names[$0] }
                }
                if state[target] == 0 {
                    state[target] = 1
                    position[target] = path.count
                    path.append(target)
                    cursors.append(0)
                }
            }
        }
        return []
    }
}
