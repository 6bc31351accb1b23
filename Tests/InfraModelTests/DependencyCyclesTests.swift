import Testing

@testable import InfraModel

/// Cycle finding on dependency graphs, without recursion.
@Suite struct DependencyCyclesTests {
    @Test func findsEachCycleOnceStartingAtItsFirstName() {
        let cycles = DependencyCycles(edges: [
            "c": ["a"], "a": ["b"], "b": ["c"], "d": ["a"], "x": ["y"], "y": ["x"], "z": ["z"],
        ]).cycles()
        #expect(cycles == [["a", "b", "c", "a"], ["x", "y", "x"], ["z", "z"]])
    }

    @Test func findsNothingInAnAcyclicGraph() {
        #expect(DependencyCycles(edges: ["a": ["b", "c"], "b": ["c"], "c": []]).cycles().isEmpty)
    }

    @Test func handlesAHundredThousandNodeChain() {
        var edges: [String: [String]] = [:]
        for index in 0..<100_000 { edges["n\(index)"] = ["n\(index + 1)"] }
        edges["n100000"] = ["n0"]
        let cycles = DependencyCycles(edges: edges).cycles()
        #expect(cycles.count == 1)
        #expect(cycles.first?.count == 100_002)
    }
}
