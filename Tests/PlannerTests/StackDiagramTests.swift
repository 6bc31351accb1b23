import InfraModel
import Testing

@testable import Planner

/// The dependency graph of the reference stack, alone and as the plan changes it.
@Suite struct StackDiagramTests {
    static func planGraph() throws -> (StackDiagram, Plan, StackModel, StackModel) {
        let migration = try MigrationReader.read(path: PlannerReferenceTests.migrationPath)
        let before = ReferenceModel.make()
        let after = try migration.apply(to: before)
        let plan = try Planner.makePlan(
            PlanRequest(
                fromLabel: "2025.8.4", from: before, toLabel: "2025.10.1", to: after,
                migration: migration))
        return (StackDiagram(plan: plan, before: before, after: after), plan, before, after)
    }

    @Test func oneVersionHasEveryServiceAndDependencyUnmarked() {
        let model = ReferenceModel.make()
        let graph = StackDiagram(model: model, version: "2025.8.4")
        #expect(Set(graph.nodes.filter { $0.kind != .route }.map(\.id)) == Set(model.services.keys))
        #expect(graph.nodes.allSatisfy { $0.status == .unchanged })
        for edge in model.dependencies {
            #expect(
                graph.edges.contains {
                    $0.from == edge.from && $0.to == edge.to && $0.kind == edge.kind
                })
        }
        #expect(graph.nodes.first { $0.id == "authentik_db" }?.kind == .database)
        #expect(graph.edges.filter(\.isDashed).allSatisfy { $0.kind == .environment })
    }

    @Test func planMarksWhatItChangesRemovesAndKeeps() throws {
        let (graph, plan, before, after) = try Self.planGraph()
        for step in plan.steps where step.kind == .configure {
            #expect(graph.nodes.first { $0.id == step.entity }?.status == .changed)
        }
        #expect(graph.nodes.first { $0.id == "redis_cache" }?.status == .kept)
        for edge in before.dependencies where !after.dependencies.contains(edge.key) {
            let drawn = graph.edges.first {
                $0.from == edge.from && $0.to == edge.to && $0.kind == edge.kind
            }
            #expect(drawn?.status == .removed, "\(edge.displayName) is not marked removed")
        }
        #expect(
            graph.edges.contains {
                $0.from == "erpnext_byrne" && $0.to == "redis_cache" && $0.status == .unchanged
            })
    }

    @Test func dotLabelsEdgesByKindAndDashesEnvironmentEdges() throws {
        let dot = try Self.planGraph().0.dot()
        #expect(dot.hasPrefix("digraph \"homestack 2025.8.4 -> 2025.10.1\" {"))
        #expect(dot.contains(#""authentik_server" -> "authentik_db" [label="depends_on"];"#))
        let removed = ##"[label="- environment AUTHENTIK_REDIS__HOST", style=dashed, color="#cf222e""##
        #expect(dot.contains(#""authentik_server" -> "redis_cache" "# + removed))
        let kept = #"[label="redis_cache\nredis:7.2.5-alpine\n(kept: others still use it)""#
        #expect(dot.contains(#""redis_cache" "# + kept))
        #expect(dot.contains(#"label="~ authentik_server\nghcr.io/goauthentik/server:2025.10.1""#))
    }

    @Test func mermaidUsesSafeIdsDashedArrowsAndClasses() throws {
        let mermaid = try Self.planGraph().0.mermaid()
        #expect(mermaid.contains("flowchart LR"))
        #expect(
            mermaid.contains(
                #"n_authentik_server -.->|"- environment AUTHENTIK_REDIS__HOST"| n_redis_cache"#))
        #expect(mermaid.contains(#"n_authentik_server -->|"depends_on"| n_authentik_db"#))
        #expect(mermaid.contains("class n_redis_cache kept"))
        #expect(mermaid.contains("class n_authentik_server,n_authentik_worker changed"))
        #expect(StackDiagram.mermaidText("a\"b<c>|d") == "a#quot;b#lt;c#gt;#124;d")
        #expect(StackDiagram.dotQuoted("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }
}
