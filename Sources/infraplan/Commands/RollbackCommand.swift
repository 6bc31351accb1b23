import InfraModel
import Planner

/// `infraplan rollback [--to VERSION]`: undo applies with their stored rollbacks,
/// putting back the compose files they edited.
enum RollbackCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade()
        let goal = context.arguments.value("to")
        if let goal {
            _ = try upgrade.store.requireVersion(goal)
            guard try upgrade.pendingApplies().contains(where: { $0.fromLabel == goal }) else {
                throw UpgradeError.rollbackMismatch("no recorded apply leads back to '\(goal)'")
            }
        }
        let keepsCompose = context.arguments.flag("keep-compose")
        try upgrade.store.withLock(command: context.commandLine) { _ in
            var current = try upgrade.store.requireCurrentVersion().label
            repeat {
                let before = current
                let compose = try upgrade.pendingRollback().compose
                current = try upgrade.rollback(keepingCompose: keepsCompose)
                var line = "Rolled back \(before) -> \(current)."
                if let compose {
                    line +=
                        keepsCompose
                        ? " Kept \(compose.path) as it is." : " Restored \(compose.path)."
                }
                context.terminal.out(line + "\n")
            } while goal != nil && current != goal
        }
        return .success
    }
}
