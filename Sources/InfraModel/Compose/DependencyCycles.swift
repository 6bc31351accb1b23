/// Finds dependency cycles without recursion, so a long or looping chain cannot overflow the stack.
///
/// Tarjan's strongly connected components, run with an explicit stack. Each
/// component with more than one service, or one service that depends on
/// itself, is a cycle; it is reported as a path through the component that
/// starts at its alphabetically first service and comes back to it
/// (`letsencrypt -> nginx -> sentry_web -> letsencrypt`). Services that only
/// depend on a cycle are not in its component and not in the path.
struct DependencyCycles {
    /// Edges by service name, each list in declaration order.
    let edges: [String: [String]]

    /// Every cycle, each as a closed path (first name repeated at the end), sorted.
    func cycles() -> [[String]] {
        components().compactMap(cyclePath).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Strongly connected components (iterative Tarjan).
    func components() -> [[String]] {
        var state = TarjanState()
        for root in edges.keys.sorted() where state.index[root] == nil {
            state.visit(root, edges: edges)
        }
        return state.components
    }

    /// A closed path through `component`, or nil when it is a single service without a self-edge.
    func cyclePath(_ component: [String]) -> [String]? {
        let members = Set(component)
        guard let start = component.min() else { return nil }
        if component.count == 1 {
            return edges[start, default: []].contains(start) ? [start, start] : nil
        }
        // Breadth-first from start's successors back to start, staying inside the component.
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in edges[node, default: []] where members.contains(next) {
                if next == start { return path(to: node, previous: previous, start: start) + [start] }
                guard previous[next] == nil, next != start else { continue }
                previous[next] = node
                queue.append(next)
            }
        }
        return nil
    }

    private func path(to end: String, previous: [String: String], start: String) -> [String] {
        var path = [end]
        var current = end
        while current != start, let before = previous[current] {
            path.append(before)
            current = before
        }
        return path.reversed()
    }
}

/// The bookkeeping of Tarjan's algorithm, with an explicit call stack.
private struct TarjanState {
    var index: [String: Int] = [:]
    var lowLink: [String: Int] = [:]
    var onStack: Set<String> = []
    var stack: [String] = []
    var components: [[String]] = []
    var counter = 0

    mutating func visit(_ root: String, edges: [String: [String]]) {
        var work: [(node: String, next: Int)] = [(root, 0)]
        open(root)
        while let (node, position) = work.last {
            let successors = edges[node, default: []]
            if position < successors.count {
                work[work.count - 1].next += 1
                let successor = successors[position]
                if index[successor] == nil {
                    open(successor)
                    work.append((successor, 0))
                } else if onStack.contains(successor) {
                    lowLink[node] = min(lowLink[node] ?? 0, index[successor] ?? 0)
                }
                continue
            }
            work.removeLast()
            if let parent = work.last?.node {
                lowLink[parent] = min(lowLink[parent] ?? 0, lowLink[node] ?? 0)
            }
            if lowLink[node] == index[node] { close(node) }
        }
    }

    mutating func open(_ node: String) {
        index[node] = counter
        lowLink[node] = counter
        counter += 1
        stack.append(node)
        onStack.insert(node)
    }

    mutating func close(_ node: String) {
        var component: [String] = []
        while let member = stack.popLast() {
            onStack.remove(member)
            component.append(member)
            if member == node { break }
        }
        components.append(component)
    }
}
