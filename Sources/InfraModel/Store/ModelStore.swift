import Foundation

/// The state file: every version of the model, the current one, plans and history.
///
/// One SQLite file in WAL mode with `synchronous = FULL`, so a committed
/// transaction survives a crash or power loss and a killed process leaves the
/// file as it was before or after a write, never between
/// (https://sqlite.org/wal.html, https://sqlite.org/pragma.html#pragma_synchronous).
/// Every write goes through `write(_:)`, which is one immediate transaction
/// and bumps the state's serial when the model or the current version moves.
public final class ModelStore {
    let db: Connection
    /// The path of the state file.
    public let path: String

    /// Opens the state file at `path`.
    ///
    /// - Parameters:
    ///   - path: the state file.
    ///   - create: create the file when it does not exist; otherwise a missing
    ///     file is an error, so a mistyped `--state` never leaves an empty file behind.
    /// - Throws: `StoreError` or `SQLiteError`.
    public init(path: String, create: Bool = false) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missingStateFile(path) }
        self.path = path
        self.db = try Connection(path: path)
        do {
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = FULL")
            try migrateSchema()
        } catch let error as SQLiteError where error.primaryCode == 26 {
            throw StoreError.notAStateFile(path)
        }
    }

    /// Runs the schema steps the file lacks, all in one transaction.
    private func migrateSchema() throws {
        try db.transaction {
            let found = try db.query("PRAGMA user_version")[0].int("user_version") ?? 0
            guard found <= StateSchema.currentVersion else {
                throw StoreError.schemaTooNew(found: found, supported: StateSchema.currentVersion)
            }
            if found == 0 {
                let tables = try db.query("SELECT count(*) AS n FROM sqlite_master")[0].int("n") ?? 0
                if tables > 0 { throw StoreError.notAStateFile(path) }
            }
            for step in StateSchema.steps[found...] {
                try db.execute(step)
            }
            if found == 0 {
                try db.run("INSERT INTO meta(key, value) VALUES ('state_id', ?)", [.text(UUID().uuidString.lowercased())])
                try db.run("INSERT INTO meta(key, value) VALUES ('serial', '0')")
            }
            if found != StateSchema.currentVersion {
                try db.execute("PRAGMA user_version = \(StateSchema.currentVersion)")
            }
        }
    }

    /// A random identity given to the state file when it was created.
    public func stateID() throws -> String {
        try meta("state_id") ?? ""
    }

    /// Counts the writes that moved the model or the current version.
    ///
    /// A saved plan records the serial it was made at; a plan whose serial is
    /// no longer the state's is stale.
    public func serial() throws -> Int {
        Int(try meta("serial") ?? "0") ?? 0
    }

    func meta(_ key: String) throws -> String? {
        try db.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?.string("value")
    }

    /// Runs `body` as one write transaction.
    ///
    /// Why one transaction is enough for crash safety: in WAL mode a commit is
    /// the append of the transaction's pages plus a commit frame to the WAL, and
    /// with `synchronous = FULL` the WAL is synced before `COMMIT` returns. A
    /// process killed before the commit frame is written leaves frames that
    /// recovery ignores, so readers see the state before; one killed after sees
    /// the state after. Nothing in between is ever visible
    /// (https://sqlite.org/wal.html#how_wal_works, https://sqlite.org/atomiccommit.html).
    /// `NORMAL` would also survive a killed process, but not a power loss right
    /// after an apply reported success; `FULL` costs one fsync per write.
    ///
    /// - Parameter movesModel: bump the serial first, because versions or the
    ///   current pointer change; inside `body`, `serial()` is the new serial.
    public func write<T>(movesModel: Bool, _ body: () throws -> T) throws -> T {
        try db.transaction(.immediate) {
            if movesModel {
                try db.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'")
            }
            return try body()
        }
    }

    /// Runs `body` as one write that moves the model, provided the serial is
    /// still `expectedSerial` when the transaction has the write lock.
    ///
    /// The check and the write are one transaction, so no other writer can
    /// move the state between a plan's validation and its application.
    ///
    /// - Throws: `StoreError.movedDuringWrite` when the serial differs.
    public func write<T>(expectingSerial expectedSerial: Int, _ body: () throws -> T) throws -> T {
        try db.transaction(.immediate) {
            let found = try serial()
            guard found == expectedSerial else {
                throw StoreError.movedDuringWrite(expected: expectedSerial, found: found)
            }
            try db.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'")
            return try body()
        }
    }

    /// Milliseconds to sleep after each statement of a write and before its
    /// commit; 0 (the default) sleeps never.
    ///
    /// Only for the crash tests, which kill the process at random points inside
    /// a write: `infraplan` sets it from `INFRAPLAN_TEST_PAUSE_MS` in debug
    /// builds and never in release builds.
    public var testPauseMilliseconds: Int {
        get { db.pauseInTransactionMilliseconds }
        set { db.pauseInTransactionMilliseconds = newValue }
    }

    /// The current time as ISO 8601 UTC, the form every timestamp in the state takes.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try db.query("PRAGMA integrity_check").map { $0.text("integrity_check") }.joined(separator: "; ")
    }
}
