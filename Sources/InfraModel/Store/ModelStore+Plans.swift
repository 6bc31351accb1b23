/// Saved plans and the history of applies and rollbacks.
extension ModelStore {
    /// A plan as the state keeps it: what it was made from and its JSON body.
    public struct StoredPlan: Sendable {
        public var id: Int
        public var createdAt: String
        public var fromLabel: String
        public var toLabel: String
        /// The state's serial when the plan was made.
        public var stateSerial: Int
        public var checksum: String
        public var isBlocked: Bool
        public var body: String
    }

    /// One apply or rollback.
    public struct HistoryEntry: Codable, Equatable, Sendable {
        public var id: Int
        public var at: String
        /// `apply` or `rollback`.
        public var action: String
        public var fromLabel: String
        public var toLabel: String
        public var planChecksum: String
        /// `applied`, `rolled back`, `failed at step N`…
        public var outcome: String
        /// For an apply: the rollback plan's JSON, replayed by `rollback`.
        public var rollbackBody: String?
        /// The state's serial after the entry; nil for entries older than schema 2.
        public var serial: Int?
        /// False when the model did not move (a runbook run that failed).
        public var movedModel: Bool
        /// The runbook run that carried it out, for `apply --execute`.
        public var runID: String?
    }

    /// Keeps a plan as the one `apply` with no argument will apply; it replaces
    /// no earlier plan, but only the latest is used. Does not move the serial.
    public func savePlan(
        fromLabel: String, toLabel: String, stateSerial: Int, checksum: String, isBlocked: Bool,
        body: String
    ) throws {
        try write(movesModel: false) {
            try db.run(
                """
                INSERT INTO plans(created_at, from_label, to_label, state_serial, checksum, is_blocked, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(ModelStore.timestamp()), .text(fromLabel), .text(toLabel), .int(stateSerial),
                 .text(checksum), .bool(isBlocked), .text(body)])
        }
    }

    /// The plan the last `plan` kept, if any.
    public func latestPlan() throws -> StoredPlan? {
        try db.query("SELECT * FROM plans ORDER BY id DESC LIMIT 1").first.map { row in
            StoredPlan(
                id: row.int("id") ?? 0, createdAt: row.text("created_at"),
                fromLabel: row.text("from_label"), toLabel: row.text("to_label"),
                stateSerial: row.int("state_serial") ?? 0, checksum: row.text("checksum"),
                isBlocked: row.bool("is_blocked"), body: row.text("body"))
        }
    }

    /// Records an apply or rollback; call inside the write that moves the current version.
    ///
    /// - Parameters:
    ///   - movedModel: false for a run that failed and left the current version as it was.
    ///   - runID: the runbook run that carried it out, if any.
    /// - Returns: the entry's id.
    @discardableResult
    public func appendHistory(
        action: String, fromLabel: String, toLabel: String, planChecksum: String, outcome: String,
        rollbackBody: String?, movedModel: Bool = true, runID: String? = nil
    ) throws -> Int {
        try db.run(
            """
            INSERT INTO history(at, action, from_label, to_label, plan_checksum, outcome,
                                rollback_body, serial, moved, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(ModelStore.timestamp()), .text(action), .text(fromLabel), .text(toLabel),
             .text(planChecksum), .text(outcome), .text(rollbackBody), .int(try serial()),
             .bool(movedModel), .text(runID)])
        return Int(db.lastInsertRowID)
    }

    /// Every apply and rollback, oldest first.
    public func history() throws -> [HistoryEntry] {
        try db.query("SELECT * FROM history ORDER BY id").map { row in
            HistoryEntry(
                id: row.int("id") ?? 0, at: row.text("at"), action: row.text("action"),
                fromLabel: row.text("from_label"), toLabel: row.text("to_label"),
                planChecksum: row.text("plan_checksum"), outcome: row.text("outcome"),
                rollbackBody: row.string("rollback_body"), serial: row.int("serial"),
                movedModel: row.bool("moved"), runID: row.string("run_id"))
        }
    }
}

extension ModelStore {
    /// What moved the state after `serial`, oldest first: one line per apply,
    /// rollback or import, for the message that refuses a stale plan.
    ///
    /// Writes made before schema 2 carry no serial and are not listed.
    public func movesSince(serial: Int) throws -> [String] {
        var moves: [(Int, String)] = []
        for entry in try history() where entry.movedModel {
            guard let at = entry.serial, at > serial else { continue }
            let move = "\(entry.action) \(entry.fromLabel) -> \(entry.toLabel) at \(entry.at)"
            moves.append((at, move))
        }
        let imports = try db.query(
            """
            SELECT label, created_at, created_serial FROM versions
            WHERE origin_kind = 'import' AND created_serial > ?
            """, [.int(serial)])
        for row in imports {
            let move = "import of '\(row.text("label"))' at \(row.text("created_at"))"
            moves.append((row.int("created_serial") ?? 0, move))
        }
        return moves.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
