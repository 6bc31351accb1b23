import Foundation
import Testing

/// `infraplan graph` on the example stack, checked with Graphviz itself.
@Suite struct GraphCommandTests {
    @Test func dotOutputIsAGraphGraphvizAccepts() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["graph", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        let erpnext = #"[label="environment REDIS_CACHE, REDIS_QUEUE", style=dashed];"#
        #expect(result.stdout.contains(#""erpnext_byrne" -> "redis_cache" "# + erpnext))
        #expect(
            result.stdout.contains(#""route:authentik" -> "authentik_server" [label="route"];"#))
        guard let dot = SystemTool.require("dot", package: "graphviz") else { return }
        let checked = try SystemTool.run(dot, ["-Tcanon"], input: result.stdout)
        #expect(checked.status == 0, "dot refused the graph: \(checked.stderr)")
    }

    @Test func planGraphMarksTheRedisEdgesRemovedAndRedisKept() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run([
            "graph", "--plan", "2025.10.1", "--format", "mermaid", "--state", state,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for service in ["authentik_server", "authentik_worker"] {
            #expect(result.stdout.contains(#"n_\#(service) -->|"- depends_on"| n_redis_cache"#))
            #expect(
                result.stdout.contains(
                    #"n_\#(service) -.->|"- environment AUTHENTIK_REDIS__HOST"| n_redis_cache"#))
        }
        #expect(result.stdout.contains("class n_redis_cache kept"))
        #expect(
            result.stdout.contains(
                #"n_erpnext_byrne -.->|"environment REDIS_CACHE, REDIS_QUEUE"| n_redis_cache"#))
    }

    @Test func svgIsDrawnByGraphvizAndItsAbsenceIsExplained() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        if SystemTool.require("dot", package: "graphviz") != nil {
            let out = folder.appendingPathComponent("stack.svg").path
            let drawn = try CLI.run([
                "graph", "--plan", "2025.10.1", "--format", "svg", "--out", out, "--state", state,
            ])
            #expect(drawn.status == 0, "\(drawn.stderr)")
            let svg = try String(contentsOfFile: out, encoding: .utf8)
            #expect(svg.contains("<svg") && svg.contains("redis_cache"))
        }
        let missing = try CLI.run(
            ["graph", "--format", "svg", "--state", state], environment: ["PATH": folder.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Graphviz's 'dot' is not installed"))
        #expect(missing.stderr.contains("apt-get install graphviz"))
    }

    @Test func refusesAnUnknownFormatAndBothVersionAndPlan() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let format = try CLI.run(["graph", "--format", "png", "--state", state])
        #expect(format.status == 64)
        #expect(format.stderr.contains("'--format png' is not one of 'dot', 'mermaid', 'svg'"))
        let both = try CLI.run([
            "graph", "--plan", "2025.10.1", "--version", "2025.8.4", "--state", state,
        ])
        #expect(both.status == 64)
        #expect(both.stderr.contains("give '--plan' or '--version', not both"))
    }
}
