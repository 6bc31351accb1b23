import Foundation
import InfraModel
import Planner

/// `infraplan apply [PLAN | TARGET]`: make a plan's target the current version.
enum ApplyCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade()
        let saved: SavedPlan
        if let argument = context.arguments.positionals.first {
            if FileManager.default.fileExists(atPath: argument), argument.hasSuffix(".json") {
                let text = try String(contentsOfFile: argument, encoding: .utf8)
                saved = try SavedPlan.decode(text, origin: argument)
            } else {
                saved = try upgrade.makeSavedPlan(for: argument)
                try confirm(saved, context)
            }
        } else {
            guard let stored = try upgrade.store.latestPlan() else { throw UpgradeError.noPlan }
            saved = try SavedPlan.decode(stored.body, origin: "the plan kept in the state")
        }
        try upgrade.apply(saved)
        context.terminal.out(
            "Applied \(saved.plan.from) -> \(saved.plan.to): \(saved.plan.steps.count) steps recorded; "
                + "\(saved.plan.to) is now current. 'infraplan rollback' undoes it.\n")
        return .success
    }

    /// Shows a fresh plan and asks before applying it, unless `--yes`.
    private static func confirm(_ saved: SavedPlan, _ context: CommandContext) throws {
        if saved.plan.isBlocked { throw UpgradeError.planBlocked(saved.plan.blockers) }
        if context.arguments.flag("yes") { return }
        guard context.terminal.isInputTerminal else { throw UpgradeError.needsConfirmation }
        context.terminal.out(PlanRenderer(style: context.terminal.outputStyle).render(saved.plan))
        guard context.terminal.confirm("Apply \(saved.plan.from) -> \(saved.plan.to)?") else {
            throw UpgradeError.needsConfirmation
        }
    }
}
