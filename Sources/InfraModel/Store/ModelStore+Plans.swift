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
    public func appendHistory(
        action: String, fromLabel: String, toLabel: String, planChecksum: String, outcome: String,
        rollbackBody: String?
    ) throws {
        try db.run(
            """
            INSERT INTO history(at, action, from_label, to_label, plan_checksum, outcome, rollback_body)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(ModelStore.timestamp()), .text(action), .text(fromLabel), .text(toLabel),
             .text(planChecksum), .text(outcome), .text(rollbackBody)])
    }

    /// Every apply and rollback, oldest first.
    public func history() throws -> [HistoryEntry] {
        try db.query("SELECT * FROM history ORDER BY id").map { row in
            HistoryEntry(
                id: row.int("id") ?? 0, at: row.text("at"), action: row.text("action"),
                fromLabel: row.text("from_label"), toLabel: row.text("to_label"),
                planChecksum: row.text("plan_checksum"), outcome: row.text("outcome"),
                rollbackBody: row.string("rollback_body"))
        }
    }
}
