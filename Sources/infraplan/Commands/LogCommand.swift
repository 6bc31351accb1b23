import InfraModel
import Planner

/// `infraplan log`: every apply and rollback.
enum LogCommand {
    struct Document: Encodable {
        var formatVersion = 1
        var entries: [Entry]

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case entries
        }
    }

    struct Entry: Encodable {
        var at: String
        var action: String
        var from: String
        var to: String
        var planChecksum: String
        var outcome: String
        /// False for a run that failed and left the current version as it was.
        var movedModel: Bool
        /// The runbook run (`apply --execute`), whose log is `.infraplan/runs/RUN.log`.
        var runID: String?

        enum CodingKeys: String, CodingKey {
            case at, action, from, to, outcome
            case planChecksum = "plan_checksum"
            case movedModel = "moved_model"
            case runID = "run_id"
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let entries = try context.openStore(.read).history().map {
            Entry(
                at: $0.at, action: $0.action, from: $0.fromLabel, to: $0.toLabel,
                planChecksum: $0.planChecksum, outcome: $0.outcome, movedModel: $0.movedModel,
                runID: $0.runID)
        }
        if context.wantsJSON {
            try context.printJSON(Document(entries: entries))
            return .success
        }
        let lines = entries.map {
            "\($0.at)  \($0.action.padding(9))\($0.from) -> \($0.to)  plan \($0.planChecksum.prefix(12))  \($0.outcome)"
        }
        context.terminal.out((lines.isEmpty ? ["no applies yet"] : lines).joined(separator: "\n") + "\n")
        return .success
    }
}
