import InfraModel
import Planner

/// `infraplan unlock ID`: release a lock whose holder is gone.
enum UnlockCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.openStore(.write)
        let released = try store.forceUnlock(id: context.arguments.positionals[0])
        var text = "Released the lock of \(released.holderDescription).\n"
        if let runID = released.runID, try store.run(runID)?.status == .running {
            text += "Its run \(runID) did not finish: 'infraplan apply --resume' continues it.\n"
        }
        context.terminal.out(text)
        return .success
    }
}
