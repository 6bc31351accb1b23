/// Runbook runs (`apply --execute`) and the compose file edits of applies.
///
/// A run's steps are recorded one transaction per record — the start of a
/// step, then its result — so that after a crash the state says exactly which
/// steps finished, which one was under way, and which never began.
extension ModelStore {
    /// One run of a plan's commands.
    public struct RunRecord: Equatable, Sendable {
        public var id: String
        /// `apply` or `rollback`.
        public var action: String
        public var fromLabel: String
        public var toLabel: String
        public var planChecksum: String
        /// The saved plan the run carries out, as JSON.
        public var planBody: String
        public var startedAt: String
        public var finishedAt: String?
        public var status: RunStatus
        /// What went wrong, for a run that did not succeed.
        public var detail: String
        /// Where the commands' output goes.
        public var logPath: String
        public var timeoutSeconds: Int
        /// The compose file the run edits, if any.
        public var compose: ComposeEditRecord?

        public init(
            id: String, action: String, fromLabel: String, toLabel: String, planChecksum: String,
            planBody: String, startedAt: String, status: RunStatus, logPath: String,
            timeoutSeconds: Int,
            compose: ComposeEditRecord?
        ) {
            self.id = id
            self.action = action
            self.fromLabel = fromLabel
            self.toLabel = toLabel
            self.planChecksum = planChecksum
            self.planBody = planBody
            self.startedAt = startedAt
            self.status = status
            self.detail = ""
            self.logPath = logPath
            self.timeoutSeconds = timeoutSeconds
            self.compose = compose
        }
    }

    /// Where a run stands.
    public enum RunStatus: String, Sendable {
        /// Under way, or interrupted when its process is gone.
        case running
        case succeeded
        /// A step failed and the steps that ran were left in place (`--no-rollback`).
        case failed
        /// A step failed and the inverses of the steps that ran were run.
        case undone = "undone"
        /// A step failed and one of the inverses failed too.
        case undoFailed = "undo failed"
    }

    /// One record of a step: started, then finished with an outcome.
    public struct RunStepRecord: Equatable, Sendable {
        public var seq: Int
        /// `forward` for the plan's steps, `undo` for their inverses.
        public var phase: String
        /// 0-based index of the step in the plan.
        public var stepIndex: Int
        public var stepID: String
        public var startedAt: String
        public var finishedAt: String?
        /// nil while under way; `ok`, `failed`, `timed out` or `manual`.
        public var outcome: String?
        public var exitStatus: Int?
    }

    /// A compose file an apply edited, and the copy of it from before.
    public struct ComposeEditRecord: Equatable, Sendable {
        /// Absolute path of the compose file.
        public var path: String
        public var backupPath: String
        public var beforeSHA256: String
        public var afterSHA256: String

        public init(path: String, backupPath: String, beforeSHA256: String, afterSHA256: String) {
            self.path = path
            self.backupPath = backupPath
            self.beforeSHA256 = beforeSHA256
            self.afterSHA256 = afterSHA256
        }
    }

    /// Records a new run, in its own transaction.
    public func insertRun(_ run: RunRecord) throws {
        try write(movesModel: false) {
            try db.run(
                """
                INSERT INTO runs(id, action, from_label, to_label, plan_checksum, plan_body,
                                 started_at,
                                 status, log_path, timeout_seconds, compose_path, compose_backup,
                                 compose_before_sha256, compose_after_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(run.id), .text(run.action), .text(run.fromLabel), .text(run.toLabel),
                    .text(run.planChecksum), .text(run.planBody), .text(run.startedAt),
                    .text(run.status.rawValue), .text(run.logPath), .int(run.timeoutSeconds),
                    .text(run.compose?.path), .text(run.compose?.backupPath),
                    .text(run.compose?.beforeSHA256), .text(run.compose?.afterSHA256),
                ])
        }
    }

    /// The run with this id, if any.
    public func run(_ id: String) throws -> RunRecord? {
        try db.query("SELECT * FROM runs WHERE id = ?", [.text(id)]).first.map(runRecord)
    }

    /// The run started last, if any.
    public func latestRun() throws -> RunRecord? {
        try db.query("SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1").first.map(
            runRecord)
    }

    /// Runs still marked as under way, oldest first: one in progress now, or
    /// one whose process was killed before it could record an end.
    public func unfinishedRuns() throws -> [RunRecord] {
        try db.query("SELECT * FROM runs WHERE status = 'running' ORDER BY started_at, rowid").map(
            runRecord)
    }

    /// Sets a run's status; call inside a write (the apply that ends it, or `finishRun`).
    public func setRunStatus(_ id: String, _ status: RunStatus, detail: String) throws {
        try db.run(
            "UPDATE runs SET status = ?, detail = ?, finished_at = ? WHERE id = ?",
            [
                .text(status.rawValue), .text(detail),
                .text(status == .running ? nil : ModelStore.timestamp()), .text(id),
            ])
    }

    /// Sets a run's status in its own transaction.
    public func finishRun(_ id: String, _ status: RunStatus, detail: String) throws {
        try write(movesModel: false) { try setRunStatus(id, status, detail: detail) }
    }

    /// Records that a step starts, in its own transaction; returns the record's number.
    public func recordStepStart(runID: String, phase: String, stepIndex: Int, stepID: String) throws
        -> Int
    {
        try write(movesModel: false) {
            let next =
                try db.query(
                    "SELECT coalesce(max(seq), 0) + 1 AS next FROM run_steps WHERE run_id = ?",
                    [.text(runID)]
                )[0].int("next") ?? 1
            try db.run(
                """
                INSERT INTO run_steps(run_id, seq, phase, step_index, step_id, started_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(runID), .int(next), .text(phase), .int(stepIndex), .text(stepID),
                    .text(ModelStore.timestamp()),
                ])
            return next
        }
    }

    /// Records how a step ended, in its own transaction.
    public func recordStepResult(runID: String, seq: Int, outcome: String, exitStatus: Int?) throws
    {
        try write(movesModel: false) {
            try db.run(
                """
                UPDATE run_steps SET finished_at = ?, outcome = ?, exit_status = ?
                WHERE run_id = ? AND seq = ?
                """,
                [
                    .text(ModelStore.timestamp()), .text(outcome), .int(exitStatus), .text(runID),
                    .int(seq),
                ])
        }
    }

    /// Every record of a run's steps, in the order they were made.
    public func runSteps(_ runID: String) throws -> [RunStepRecord] {
        try db.query("SELECT * FROM run_steps WHERE run_id = ? ORDER BY seq", [.text(runID)]).map {
            row in
            RunStepRecord(
                seq: row.int("seq") ?? 0, phase: row.text("phase"),
                stepIndex: row.int("step_index") ?? 0,
                stepID: row.text("step_id"), startedAt: row.text("started_at"),
                finishedAt: row.string("finished_at"), outcome: row.string("outcome"),
                exitStatus: row.int("exit_status"))
        }
    }

    /// Records the compose edit of an apply; call inside the apply's write.
    public func recordComposeEdit(_ edit: ComposeEditRecord, historyID: Int) throws {
        try db.run(
            """
            INSERT INTO compose_edits(history_id, path, backup_path, before_sha256, after_sha256)
            VALUES (?, ?, ?, ?, ?)
            """,
            [
                .int(historyID), .text(edit.path), .text(edit.backupPath), .text(edit.beforeSHA256),
                .text(edit.afterSHA256),
            ])
    }

    /// The compose edit of an apply that `rollback` has not restored yet, if any.
    public func pendingComposeEdit(historyID: Int) throws -> ComposeEditRecord? {
        try db.query(
            "SELECT * FROM compose_edits WHERE history_id = ? AND restored = 0", [.int(historyID)]
        ).first.map { row in
            ComposeEditRecord(
                path: row.text("path"), backupPath: row.text("backup_path"),
                beforeSHA256: row.text("before_sha256"), afterSHA256: row.text("after_sha256"))
        }
    }

    /// Marks an apply's compose edit as undone; call inside the rollback's write.
    public func markComposeEditRestored(historyID: Int) throws {
        try db.run("UPDATE compose_edits SET restored = 1 WHERE history_id = ?", [.int(historyID)])
    }

    private func runRecord(_ row: SQLiteRow) -> RunRecord {
        var compose: ComposeEditRecord?
        if let path = row.string("compose_path") {
            compose = ComposeEditRecord(
                path: path, backupPath: row.text("compose_backup"),
                beforeSHA256: row.text("compose_before_sha256"),
                afterSHA256: row.text("compose_after_sha256"))
        }
        var run = RunRecord(
            id: row.text("id"), action: row.text("action"), fromLabel: row.text("from_label"),
            toLabel: row.text("to_label"), planChecksum: row.text("plan_checksum"),
            planBody: row.text("plan_body"), startedAt: row.text("started_at"),
            status: RunStatus(rawValue: row.text("status")) ?? .running,
            logPath: row.text("log_path"),
            timeoutSeconds: row.int("timeout_seconds") ?? 0, compose: compose)
        run.finishedAt = row.string("finished_at")
        run.detail = row.text("detail")
        return run
    }
}
