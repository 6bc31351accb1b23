import InfraModel
import Planner

/// `infraplan impact SERVICE`: who needs it, and what stops if it stops.
enum ImpactCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.openStore(.read)
        let label = try context.arguments.value("version") ?? store.requireCurrentVersion().label
        let impact = try ImpactAnalyzer.impact(
            of: context.arguments.positionals[0], in: try store.model(label), version: label)
        if context.wantsJSON {
            try context.printJSON(impact)
        } else {
            context.terminal.out(ImpactRenderer(style: context.terminal.outputStyle).render(impact))
        }
        return .success
    }
}
