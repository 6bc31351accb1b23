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
        let store = try context.openStore(.read)
        var entries = try store.history().map {
            Entry(
                at: $0.at, action: $0.action, from: $0.fromLabel, to: $0.toLabel,
                planChecksum: $0.planChecksum, outcome: $0.outcome, movedModel: $0.movedModel,
                runID: $0.runID)
        }
        // A run ends with a history entry; one without is still going, or was
        // killed, and the operator has to hear of it here before anywhere else.
        let lock = try store.currentLock()
        for run in try store.unfinishedRuns() {
            let steps = try store.runSteps(run.id).filter { $0.phase == "forward" && $0.outcome != nil }
            let live = lock.map { $0.runID == run.id && !$0.isStale } ?? false
            let outcome = live
                ? "running (\(steps.count) steps done)"
                : "interrupted after \(steps.count) steps; continue with 'infraplan \(run.action) --resume'"
            entries.append(
                Entry(
                    at: run.startedAt, action: run.action, from: run.fromLabel, to: run.toLabel,
                    planChecksum: run.planChecksum, outcome: outcome, movedModel: false, runID: run.id))
        }
        entries.sort { $0.at < $1.at }
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
