import Foundation
import InfraModel
import Planner

/// `infraplan plan TARGET`: make, print and keep the plan.
enum PlanCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        // A state this user may not write still gives the plan; it is not kept.
        let access: ModelStore.Access = ModelStore.isWritable(context.statePath) ? .write : .read
        let upgrade = try context.upgrade(access)
        // A run under way moves the state; a plan made now would be stale, and kept over its own.
        if access == .write { try upgrade.store.requireUnlocked() }
        var clock = Stopwatch()
        let request = try upgrade.request(for: context.arguments.positionals[0])
        context.logger.debug("plan: read both versions in \(clock.lap()) s")
        let saved = try upgrade.savedPlan(try Planner.makePlan(request))
        // Said once there is a plan, so that a refusal stays one line.
        try ApplyCommand.verifyMigrations(upgrade, context)
        context.logger.debug("plan: planned \(saved.plan.steps.count) steps in \(clock.lap()) s")

        // The file first: a command that fails must leave the state as it was.
        if let out = context.arguments.value("out") {
            try FileAccess.write(try JSONCoding.encodePretty(saved) + "\n", to: out)
            context.logger.info("plan written to \(out)")
        }
        try keep(saved, in: upgrade.store, context)
        context.logger.debug("plan: kept the plan in the state in \(clock.lap()) s")
        try print(saved.plan, context)
        context.logger.debug("plan: printed in \(clock.lap()) s")
        if saved.plan.isBlocked { return .blocked }
        let hasChanges = !saved.plan.isEmpty
        return context.arguments.flag("detailed-exitcode") && hasChanges ? .changesPresent : .success
    }

    /// Keeps the plan for `apply` with no argument, unless the state is read-only here.
    private static func keep(_ saved: SavedPlan, in store: ModelStore, _ context: CommandContext)
        throws
    {
        guard !store.isReadOnly else {
            context.logger.warning(
                "the plan was not kept: state file '\(store.path)' is read-only; "
                    + "'infraplan apply' needs a plan file ('--out FILE') or a writable state")
            return
        }
        let plan = saved.plan
        try store.savePlan(
            fromLabel: plan.from, toLabel: plan.to, stateSerial: saved.stateSerial,
            checksum: saved.checksum, isBlocked: plan.isBlocked, body: try JSONCoding.encode(saved))
    }

    /// The plan as JSON, its rollback only, or the whole plan for a reader.
    private static func print(_ plan: Plan, _ context: CommandContext) throws {
        let renderer = PlanRenderer(style: context.terminal.outputStyle)
        if context.wantsJSON {
            try context.printJSON(plan)
        } else if context.arguments.flag("rollback") {
            let steps = renderer.renderSteps(plan.rollback).joined(separator: "\n")
            context.terminal.out("Rollback of \(plan.from) -> \(plan.to)\n" + steps + "\n")
        } else {
            context.terminal.out(renderer.render(plan))
        }
    }
}
