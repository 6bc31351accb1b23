import InfraModel
import Planner

/// `infraplan graph`: the dependency graph of a version, or of a plan, as DOT, Mermaid or SVG.
enum GraphCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let arguments = context.arguments
        if arguments.isGiven("plan") && arguments.isGiven("version") {
            throw UsageError(message: "give '--plan' or '--version', not both", command: "graph")
        }
        let graph = try makeGraph(context)
        let text: String
        switch arguments.value("format") ?? "dot" {
        case "mermaid": text = graph.mermaid()
        case "svg":
            text = try Graphviz.svg(from: graph.dot(), path: context.environment["PATH"] ?? "")
        default: text = graph.dot()
        }
        if let out = arguments.value("out") {
            try FileAccess.write(text, to: out)
            context.logger.info("graph written to \(out)")
        } else {
            context.terminal.out(text)
        }
        return .success
    }

    private static func makeGraph(_ context: CommandContext) throws -> StackDiagram {
        if let target = context.arguments.value("plan") {
            let request = try context.upgrade(.read).request(for: target)
            let plan = try Planner.makePlan(request)
            return StackDiagram(plan: plan, before: request.from, after: request.to)
        }
        let upgrade = try context.upgrade(.read)
        let label =
            try context.arguments.value("version") ?? upgrade.store.requireCurrentVersion().label
        return StackDiagram(model: try upgrade.readableModel(label).0, version: label)
    }
}
