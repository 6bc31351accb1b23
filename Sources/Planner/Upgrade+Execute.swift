import Foundation
import InfraModel

/// Carrying out a plan's commands: `apply --execute`, `rollback --execute`, and
/// `--resume` for either.
///
/// The lock is held from the first step to the last record. Each step's start
/// and result are recorded in the state as they happen; the model moves to the
/// target only when every step succeeded, in the same transaction that marks
/// the run as done. Output goes to `.infraplan/runs/RUN.log` beside the state.
extension Upgrade {
    /// How a run ended, for the command line.
    public struct RunReport: Sendable {
        public var runID: String
        /// `apply` or `rollback`.
        public var action: String
        /// The version current before the run, and the one it leads to.
        public var fromLabel: String
        public var toLabel: String
        public var stepCount: Int
        public var logPath: String
        /// True when every step succeeded and the target is current.
        public var succeeded: Bool
        /// For a run that did not succeed: which step failed and what was undone.
        public var detail: String
        /// Titles of the manual steps, left to the operator.
        public var manualSteps: [String]
    }

    /// The folder run logs go to: `.infraplan/runs` beside the state file.
    public var runLogDirectory: String {
        let state = URL(fileURLWithPath: store.path).standardizedFileURL
        return state.deletingLastPathComponent().appendingPathComponent(".infraplan/runs").path
    }

    /// Runs a saved plan's steps and, when all succeed, applies it.
    ///
    /// - Parameters:
    ///   - compose: the compose file edit, written at the first configure step.
    ///   - command: the command line, recorded with the lock.
    ///   - progress: called with one line per step (`[4/15] restart authentik_server`).
    public func execute(
        _ saved: SavedPlan, compose: ComposeFollower.Prepared?, options: RunbookOptions,
        command: String, progress: @escaping (String) -> Void
    ) throws -> RunReport {
        try verifyMigrations()
        try validate(saved)
        let runID = UUID().uuidString.lowercased()
        return try store.withLock(command: command, runID: runID) { _ in
            let run = try startRun(runID, "apply", saved, compose: compose, options: options)
            return try carryOut(
                run, saved, steps: saved.plan.steps, compose: compose, options: options, from: 0,
                progress: progress
            ) { try apply(saved, compose: compose?.record, runID: runID) }
        }
    }

    /// Runs the stored rollback of the last apply and, when all its steps
    /// succeed, makes the version before current.
    ///
    /// A failing step stops the run and leaves what ran: the inverse of a
    /// rollback is the apply it undoes. `rollback --resume` continues it.
    public func executeRollback(
        keepingCompose: Bool, acknowledgingLosses: Bool = false, options: RunbookOptions,
        command: String, progress: @escaping (String) -> Void
    ) throws -> RunReport {
        let pending = try pendingRollback(acknowledgingLosses: acknowledgingLosses)
        let compose = try rollbackCompose(pending, keepingCompose: keepingCompose)
        var options = options
        options.rollsBackOnFailure = false
        let runID = UUID().uuidString.lowercased()
        return try store.withLock(command: command, runID: runID) { _ in
            let run = try startRun(
                runID, "rollback", pending.saved, compose: compose, options: options)
            return try carryOut(
                run, pending.saved, steps: pending.saved.plan.rollback, compose: compose,
                options: options, from: 0, progress: progress
            ) { try rollback(keepingCompose: keepingCompose, runID: runID) }
        }
    }

    /// The restore of the compose file the apply edited, as a rollback run writes it.
    private func rollbackCompose(
        _ pending: PendingRollback, keepingCompose: Bool
    ) throws -> ComposeFollower.Prepared? {
        guard !keepingCompose, let record = pending.compose else { return nil }
        return try ComposeFollower.reversal(of: record, label: pending.saved.plan.to)
    }

    /// Records a new run of `saved`, in its own transaction.
    private func startRun(
        _ id: String, _ action: String, _ saved: SavedPlan, compose: ComposeFollower.Prepared?,
        options: RunbookOptions
    ) throws -> ModelStore.RunRecord {
        let plan = saved.plan
        let run = ModelStore.RunRecord(
            id: id, action: action, fromLabel: action == "apply" ? plan.from : plan.to,
            toLabel: action == "apply" ? plan.to : plan.from, planChecksum: saved.checksum,
            planBody: try JSONCoding.encode(saved), startedAt: ModelStore.timestamp(),
            status: .running, logPath: "\(runLogDirectory)/\(id).log",
            timeoutSeconds: options.timeoutSeconds, compose: compose?.record)
        try store.insertRun(run)
        return run
    }

    /// Continues the last run from its first unfinished step: one that was
    /// interrupted (its process is gone) or one that stopped at a failed step
    /// without undoing (`--no-rollback`, or any rollback run).
    ///
    /// A step that had started but not finished runs again from its first command.
    ///
    /// - Parameter action: `apply` or `rollback`: the command that resumes, which
    ///   must be the kind of the run.
    public func resume(
        _ action: String, options: RunbookOptions, command: String,
        progress: @escaping (String) -> Void
    ) throws -> RunReport {
        let run = try resumableRun(action)
        return try store.withLock(command: command, runID: run.id, takingOverRun: run.id) { _ in
            let saved = try SavedPlan.decode(run.planBody, origin: "the plan of run \(run.id)")
            let (steps, compose, finish) = try resumption(of: run, saved)
            let start = try firstUnfinishedStep(of: run, stepCount: steps.count)
            var options = options
            options.timeoutSeconds = run.timeoutSeconds
            options.rollsBackOnFailure = options.rollsBackOnFailure && action == "apply"
            try store.finishRun(run.id, .running, detail: "resumed at step \(start + 1)")
            progress("resuming run \(run.id) at step \(start + 1) of \(steps.count)")
            return try carryOut(
                run, saved, steps: steps, compose: compose, options: options, from: start,
                progress: progress, finish: finish)
        }
    }

    /// The last run, when it can be resumed by `action`.
    private func resumableRun(_ action: String) throws -> ModelStore.RunRecord {
        guard let run = try store.latestRun() else {
            throw UpgradeError.nothingToResume("no run is recorded")
        }
        guard run.status == .running || run.status == .failed else {
            throw UpgradeError.nothingToResume(
                "the last run (\(run.id)) ended as '\(run.status.rawValue)'")
        }
        guard run.action == action else {
            throw UpgradeError.nothingToResume(
                "the last run (\(run.id)) is a\(run.action == "apply" ? "n" : "") \(run.action); "
                    + "continue it with 'infraplan \(run.action) --resume'")
        }
        return run
    }

    /// What a resumed run carries out, checked against the state as it is now:
    /// its steps, its compose file edit, and what moves the model at the end.
    private func resumption(
        of run: ModelStore.RunRecord, _ saved: SavedPlan
    ) throws -> ([Step], ComposeFollower.Prepared?, () throws -> Void) {
        if run.action == "apply" {
            try verifyMigrations()
            try validate(saved)
            let compose = try run.compose.map { try ComposeFollower.resume($0, plan: saved.plan) }
            return (
                saved.plan.steps, compose,
                { try apply(saved, compose: compose?.record, runID: run.id) }
            )
        }
        // The losses were acknowledged when the run started; resuming finishes it.
        let pending = try pendingRollback(acknowledgingLosses: true)
        guard pending.saved.checksum == saved.checksum else {
            throw UpgradeError.nothingToResume(
                "the apply run \(run.id) would undo is no longer the last")
        }
        let keepsCompose = run.compose == nil
        let compose = try rollbackCompose(pending, keepingCompose: keepsCompose)
        return (
            saved.plan.rollback, compose,
            { try rollback(keepingCompose: keepsCompose, runID: run.id) }
        )
    }

    /// The index of the first step whose last record is not a success.
    func firstUnfinishedStep(of run: ModelStore.RunRecord, stepCount: Int) throws -> Int {
        var last: [Int: String] = [:]
        for record in try store.runSteps(run.id) where record.phase == "forward" {
            last[record.stepIndex] = record.outcome ?? "started"
        }
        return (0..<stepCount).first { !["ok", "manual"].contains(last[$0] ?? "") } ?? stepCount
    }

    /// Runs the steps from `start`, then moves the model (`finish`) or records the failure.
    private func carryOut(
        _ run: ModelStore.RunRecord, _ saved: SavedPlan, steps: [Step],
        compose: ComposeFollower.Prepared?, options: RunbookOptions, from start: Int,
        progress: @escaping (String) -> Void, finish: () throws -> Void
    ) throws -> RunReport {
        let log = try RunLog(
            path: run.logPath, redactor: try redactor(for: saved.plan, options: options))
        log.note(
            "# \(run.action) run \(run.id): \(run.fromLabel) -> \(run.toLabel), "
                + "from step \(start + 1), \(ModelStore.timestamp())")
        let executor = RunbookExecutor(
            store: store, runID: run.id, steps: steps, options: options, log: log,
            compose: compose, progress: progress)
        var report = RunReport(
            runID: run.id, action: run.action, fromLabel: run.fromLabel, toLabel: run.toLabel,
            stepCount: steps.count, logPath: run.logPath, succeeded: true, detail: "",
            manualSteps: steps.filter { $0.kind == .manual }.map(\.title))
        switch try executor.run(from: start) {
        case .succeeded:
            try finish()
        case .failed(let status, let detail):
            try recordFailure(of: run, saved, status: status, detail: detail)
            report.succeeded = false
            report.detail = detail
        }
        return report
    }

    /// Ends a run that did not succeed: its status and a history entry that
    /// says the model did not move, in one transaction.
    private func recordFailure(
        of run: ModelStore.RunRecord, _ saved: SavedPlan, status: ModelStore.RunStatus,
        detail: String
    ) throws {
        try store.write(movesModel: false) {
            try store.setRunStatus(run.id, status, detail: detail)
            let verb = run.action == "apply" ? "not applied" : "not rolled back"
            try store.appendHistory(
                action: run.action, fromLabel: run.fromLabel, toLabel: run.toLabel,
                planChecksum: saved.checksum, outcome: "\(verb): \(detail)", rollbackBody: nil,
                movedModel: false, runID: run.id)
        }
    }

    /// Hides what the model hides: sensitive variables of the commands'
    /// environment, and the contents of the stack's secret files and variables.
    func redactor(for plan: Plan, options: RunbookOptions) throws -> Redactor {
        var values = options.environment.filter { EnvironmentValue.isSensitive(key: $0.key) }.map(
            \.value)
        var files = Set([".env"])
        files.formUnion(
            (options.environment["COMPOSE_FILE"] ?? "").split(separator: ":").map {
                ($0 as NSString).lastPathComponent
            })
        for model in [try store.model(plan.from), try targetModel(of: plan)] {
            for entry in model.environment {
                if case .envFile(let path) = entry.origin { files.insert(path) }
            }
            for secret in model.secrets {
                switch secret.origin {
                case .file(let path):
                    let full = path.hasPrefix("/") ? path : "\(options.directory)/\(path)"
                    if let data = FileManager.default.contents(atPath: full) {
                        values.append(String(decoding: data, as: UTF8.self))
                    }
                case .environment(let name):
                    if let value = options.environment[name] { values.append(value) }
                case .external, .inlineContent:
                    break
                }
            }
        }
        // The files the commands read: values the model hides may be written there.
        for file in files {
            let full = file.hasPrefix("/") ? file : "\(options.directory)/\(file)"
            if let data = FileManager.default.contents(atPath: full) {
                values += Redactor.credentials(inFileText: String(decoding: data, as: UTF8.self))
            }
        }
        return Redactor(values: values)
    }
}
