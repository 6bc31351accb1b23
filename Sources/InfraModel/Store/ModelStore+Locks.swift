import Foundation

/// The writers' lock: one row in `locks`, each change its own transaction.
extension ModelStore {
    /// The lock as the state holds it, if any.
    public func currentLock() throws -> StateLock? {
        try db.query("SELECT * FROM locks WHERE slot = 1").first.map { row in
            StateLock(
                id: row.text("id"),
                holder: ProcessIdentity(
                    pid: Int32(row.int("pid") ?? 0), startTime: row.string("process_start"),
                    host: row.text("host")),
                command: row.text("command"), acquiredAt: row.text("acquired_at"),
                runID: row.string("run_id"))
        }
    }

    /// Takes the lock for this process, or fails at once naming the holder.
    ///
    /// - Parameters:
    ///   - command: the command line, shown to a second writer.
    ///   - runID: the runbook run the lock is for, if any.
    ///   - takingOverRun: a run id whose stale lock may be replaced (`apply --resume`).
    /// - Returns: the lock taken; release it with `releaseLock(_:)`.
    /// - Throws: `LockError.held` or `.stale` when another lock is in place.
    public func acquireLock(command: String, runID: String? = nil, takingOverRun: String? = nil)
        throws -> StateLock
    {
        let lock = StateLock(
            id: UUID().uuidString.lowercased(), holder: .current, command: command,
            acquiredAt: ModelStore.timestamp(), runID: runID)
        try write(movesModel: false) {
            if let existing = try currentLock() {
                let mayTakeOver =
                    existing.isStale && takingOverRun != nil && existing.runID == takingOverRun
                guard mayTakeOver else {
                    throw existing.isStale ? LockError.stale(existing) : LockError.held(existing)
                }
                try db.run("DELETE FROM locks WHERE slot = 1")
            }
            try db.run(
                """
                INSERT INTO locks(slot, id, pid, process_start, host, command, acquired_at, run_id)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(lock.id), .int(Int(lock.holder.pid)), .text(lock.holder.startTime),
                    .text(lock.holder.host), .text(command), .text(lock.acquiredAt), .text(runID),
                ])
        }
        return lock
    }

    /// Fails at once, naming the holder, when another writer holds the lock;
    /// writers call it before any other check, so that a locked state is what
    /// they report.
    public func requireUnlocked() throws {
        guard let existing = try currentLock() else { return }
        throw existing.isStale ? LockError.stale(existing) : LockError.held(existing)
    }

    /// Releases a lock this process took; a lock that is no longer there (an
    /// operator unlocked it) is left alone.
    public func releaseLock(_ lock: StateLock) throws {
        try write(movesModel: false) {
            try db.run("DELETE FROM locks WHERE slot = 1 AND id = ?", [.text(lock.id)])
        }
    }

    /// Releases the lock named by `id` for `infraplan unlock`.
    ///
    /// - Throws: `LockError.notLocked`, `.wrongID`, or `.holderAlive` when the
    ///   holder still runs on this host.
    /// - Returns: the lock released.
    public func forceUnlock(id: String) throws -> StateLock {
        try write(movesModel: false) {
            guard let existing = try currentLock() else { throw LockError.notLocked }
            guard existing.id == id else { throw LockError.wrongID(given: id, lock: existing) }
            guard existing.holder.isAlive != true else { throw LockError.holderAlive(existing) }
            try db.run("DELETE FROM locks WHERE slot = 1")
            return existing
        }
    }

    /// Runs `body` holding the lock, and releases it however `body` ends.
    public func withLock<T>(
        command: String, runID: String? = nil, takingOverRun: String? = nil,
        _ body: (StateLock) throws -> T
    ) throws -> T {
        let lock = try acquireLock(command: command, runID: runID, takingOverRun: takingOverRun)
        // A release that fails (a full disk) must not hide how `body` ended; the
        // lock it leaves behind is reported as stale to the next writer.
        defer { try? releaseLock(lock) }
        return try body(lock)
    }
}
