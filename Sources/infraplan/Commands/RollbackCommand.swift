import InfraModel
import Planner

/// `infraplan rollback [--to VERSION]`: undo applies with their stored rollbacks,
/// putting back the compose files they edited, and with `--execute` running
/// the rollback's commands.
enum RollbackCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        try checkOptions(context.arguments)
        let upgrade = try context.upgrade(.write)
        if context.arguments.flag("resume") {
            return try RunbookSupport.resume("rollback", context, upgrade)
        }
        try upgrade.store.requireUnlocked()
        let goal = context.arguments.value("to")
        if let goal {
            _ = try upgrade.store.requireVersion(goal)
            guard try upgrade.pendingApplies().contains(where: { $0.fromLabel == goal }) else {
                throw UpgradeError.rollbackMismatch("no recorded apply leads back to '\(goal)'")
            }
        }
        var current = try upgrade.store.requireCurrentVersion().label
        repeat {
            let pending = try upgrade.pendingRollback(acknowledgingLosses: context.arguments.flag("ack"))
            guard try rollBackOnce(pending, upgrade, context) else { return .failure }
            current = pending.saved.plan.from
        } while goal != nil && current != goal
        return .success
    }

    /// Refuses option combinations that mean nothing.
    private static func checkOptions(_ arguments: ParsedArguments) throws {
        let runs = arguments.flag("execute") || arguments.flag("resume")
        if arguments.isGiven("timeout") && !runs {
            throw UsageError(
                message: "'--timeout' needs --execute or --resume", command: "rollback")
        }
        if arguments.flag("resume"), arguments.isGiven("to") || arguments.flag("execute") {
            throw UsageError(
                message:
                    "'--resume' continues the last rollback run; it takes no --to or --execute",
                command: "rollback")
        }
    }

    /// Rolls back the last apply, running its rollback's commands with `--execute`;
    /// false when a run failed.
    private static func rollBackOnce(
        _ pending: Upgrade.PendingRollback, _ upgrade: Upgrade, _ context: CommandContext
    ) throws -> Bool {
        let keepsCompose = context.arguments.flag("keep-compose")
        let compose = pending.compose
        guard context.arguments.flag("execute") else {
            try upgrade.store.withLock(command: context.commandLine) { _ in
                _ = try upgrade.rollback(
                    keepingCompose: keepsCompose, acknowledgingLosses: context.arguments.flag("ack"))
            }
            var line = "Rolled back \(pending.saved.plan.to) -> \(pending.saved.plan.from)."
            if let compose {
                line +=
                    keepsCompose ? " Kept \(compose.path) as it is." : " Restored \(compose.path)."
            }
            context.terminal.out(line + "\n")
            return true
        }
        let options = try RunbookSupport.options(context, composePath: compose?.path)
        let report = try upgrade.executeRollback(
            keepingCompose: keepsCompose, acknowledgingLosses: context.arguments.flag("ack"),
            options: options, command: context.commandLine,
            progress: { context.terminal.out($0 + "\n") })
        let summary = compose.map { keepsCompose ? "" : "Restored \($0.path).\n" } ?? ""
        return RunbookSupport.finish(report, context, composeSummary: summary) == .success
    }
}
