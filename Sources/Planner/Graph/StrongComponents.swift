/// Strongly connected components of a directed graph on `0..<count`.
///
/// Tarjan's algorithm with an explicit stack, so a long chain cannot overflow
/// the call stack; O(V + E). Used to find which optional ordering edges would
/// close a cycle: an edge inside a component of two or more nodes (or a self
/// edge) lies on a cycle, an edge between components never does.
enum StrongComponents {
    /// The component number of every node; equal numbers, same component.
    static func components(count: Int, successors: [[Int]]) -> [Int] {
        var state = TarjanState(count: count)
        for root in 0..<count where state.index[root] < 0 {
            state.visit(root, successors: successors)
        }
        return state.component
    }
}

/// The bookkeeping of one run of Tarjan's algorithm.
private struct TarjanState {
    var index: [Int]
    var lowLink: [Int]
    var component: [Int]
    var onStack: [Bool]
    var stack: [Int] = []
    var counter = 0
    var components = 0

    init(count: Int) {
        index = Array(repeating: -1, count: count)
        lowLink = Array(repeating: 0, count: count)
        component = Array(repeating: -1, count: count)
        onStack = Array(repeating: false, count: count)
    }

    /// Depth-first from `root`; each frame is a node and the next successor to try.
    mutating func visit(_ root: Int, successors: [[Int]]) {
        var frames: [(node: Int, next: Int)] = [(root, 0)]
        enter(root)
        while let frame = frames.last {
            let node = frame.node
            if frame.next < successors[node].count {
                frames[frames.count - 1].next += 1
                let target = successors[node][frame.next]
                if index[target] < 0 {
                    enter(target)
                    frames.append((target, 0))
                } else if onStack[target] {
                    lowLink[node] = min(lowLink[node], index[target])
                }
                continue
            }
            frames.removeLast()
            if let parent = frames.last?.node {
                lowLink[parent] = min(lowLink[parent], lowLink[node])
            }
            if lowLink[node] == index[node] { closeComponent(at: node) }
        }
    }

    private mutating func enter(_ node: Int) {
        index[node] = counter
        lowLink[node] = counter
        counter += 1
        stack.append(node)
        onStack[node] = true
    }

    private mutating func closeComponent(at root: Int) {
        while let member = stack.popLast() {
            onStack[member] = false
            component[member] = components
            if member == root { break }
        }
        components += 1
    }
}
