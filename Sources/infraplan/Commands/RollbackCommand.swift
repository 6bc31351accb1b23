import InfraModel
import Planner

/// `infraplan rollback [--to VERSION]`: undo applies with their stored rollbacks.
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
        var current = try upgrade.store.requireCurrentVersion().label
        repeat {
            let before = current
            current = try upgrade.rollback()
            context.terminal.out("Rolled back \(before) -> \(current).\n")
        } while goal != nil && current != goal
        return .success
    }
}
