import Foundation
import InfraModel

/// Carrying out a plan's commands: `apply --execute` and `apply --resume`.
///
/// The lock is held from the first step to the last record. Each step's start
/// and result are recorded in the state as they happen; the model moves to the
/// target only when every step succeeded, in the same transaction that marks
/// the run as done. Output goes to `.infraplan/runs/RUN.log` beside the state.
extension Upgrade {
    /// How a run ended, for the command line.
    public struct RunReport: Sendable {
        public var runID: String
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
        command: String,
        progress: @escaping (String) -> Void
    ) throws -> RunReport {
        try verifyMigrations()
        try validate(saved)
        let runID = UUID().uuidString.lowercased()
        return try store.withLock(command: command, runID: runID) { _ in
            let run = ModelStore.RunRecord(
                id: runID, action: "apply", fromLabel: saved.plan.from, toLabel: saved.plan.to,
                planChecksum: saved.checksum, planBody: try JSONCoding.encode(saved),
                startedAt: ModelStore.timestamp(), status: .running,
                logPath: "\(runLogDirectory)/\(runID).log",
                timeoutSeconds: options.timeoutSeconds, compose: compose?.record)
            try store.insertRun(run)
            return try carryOut(
                run, saved, compose: compose, options: options, from: 0, progress: progress)
        }
    }

    /// Continues the last run from its first unfinished step: one that was
    /// interrupted (its process is gone) or one that failed with `--no-rollback`.
    ///
    /// A step that had started but not finished runs again from its first command.
    public func resume(
        options: RunbookOptions, command: String, progress: @escaping (String) -> Void
    ) throws -> RunReport {
        guard let run = try store.latestRun() else {
            throw UpgradeError.nothingToResume("no run is recorded")
        }
        guard run.status == .running || run.status == .failed else {
            throw UpgradeError.nothingToResume(
                "the last run (\(run.id)) ended as '\(run.status.rawValue)'")
        }
        return try store.withLock(command: command, runID: run.id, takingOverRun: run.id) { _ in
            let saved = try SavedPlan.decode(run.planBody, origin: "the plan of run \(run.id)")
            try verifyMigrations()
            try validate(saved)
            let compose = try run.compose.map { try ComposeFollower.resume($0, plan: saved.plan) }
            let start = try firstUnfinishedStep(of: run, stepCount: saved.plan.steps.count)
            var options = options
            options.timeoutSeconds = run.timeoutSeconds
            try store.finishRun(run.id, .running, detail: "resumed at step \(start + 1)")
            progress("resuming run \(run.id) at step \(start + 1) of \(saved.plan.steps.count)")
            return try carryOut(
                run, saved, compose: compose, options: options, from: start, progress: progress)
        }
    }

    /// The index of the first step whose last record is not a success.
    func firstUnfinishedStep(of run: ModelStore.RunRecord, stepCount: Int) throws -> Int {
        var last: [Int: String] = [:]
        for record in try store.runSteps(run.id) where record.phase == "forward" {
            last[record.stepIndex] = record.outcome ?? "started"
        }
        return (0..<stepCount).first { !["ok", "manual"].contains(last[$0] ?? "") } ?? stepCount
    }

    /// Runs the steps from `start`, then moves the model or records the failure.
    private func carryOut(
        _ run: ModelStore.RunRecord, _ saved: SavedPlan, compose: ComposeFollower.Prepared?,
        options: RunbookOptions, from start: Int, progress: @escaping (String) -> Void
    ) throws -> RunReport {
        let log = try RunLog(
            path: run.logPath, redactor: try redactor(for: saved.plan, options: options))
        log.note(
            "# run \(run.id): \(saved.plan.from) -> \(saved.plan.to), from step \(start + 1), "
                + ModelStore.timestamp())
        let executor = RunbookExecutor(
            store: store, runID: run.id, steps: saved.plan.steps, options: options, log: log,
            compose: compose, progress: progress)
        var report = RunReport(
            runID: run.id, logPath: run.logPath, succeeded: true, detail: "",
            manualSteps: saved.plan.steps(.manual).map(\.title))
        switch try executor.run(from: start) {
        case .succeeded:
            try apply(saved, compose: compose?.record, runID: run.id)
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
            try store.appendHistory(
                action: "apply", fromLabel: saved.plan.from, toLabel: saved.plan.to,
                planChecksum: saved.checksum, outcome: "not applied: \(detail)", rollbackBody: nil,
                movedModel: false, runID: run.id)
        }
    }

    /// Hides what the model hides: sensitive variables of the commands'
    /// environment, and the contents of the stack's secret files and variables.
    func redactor(for plan: Plan, options: RunbookOptions) throws -> Redactor {
        var values = options.environment.filter { EnvironmentValue.isSensitive(key: $0.key) }.map(
            \.value)
        for model in [try store.model(plan.from), try targetModel(of: plan)] {
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
        return Redactor(values: values)
    }
}
