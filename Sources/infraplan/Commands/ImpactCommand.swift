import InfraModel
import Planner

/// `infraplan impact SERVICE`: who needs it, and what stops if it stops.
enum ImpactCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade(.read)
        let label =
            try context.arguments.value("version") ?? upgrade.store.requireCurrentVersion().label
        let impact = try ImpactAnalyzer.impact(
            of: context.arguments.positionals[0], in: try upgrade.readableModel(label).0,
            version: label)
        if context.wantsJSON {
            try context.printJSON(impact)
        } else {
            context.terminal.out(ImpactRenderer(style: context.terminal.outputStyle).render(impact))
        }
        return .success
    }
}
