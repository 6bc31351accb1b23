import Foundation

/// The state file: every version of the model, the current one, plans and history.
///
/// One SQLite file in WAL mode with `synchronous = FULL`, so a committed
/// transaction survives a crash or power loss and a killed process leaves the
/// file as it was before or after a write, never between
/// (https://sqlite.org/wal.html, https://sqlite.org/pragma.html#pragma_synchronous).
/// WAL mode is set by the writer that creates the file or upgrades its schema;
/// a file switched to another journal mode by hand keeps it, which is as safe.
/// Every write goes through `write(_:)`, which is one immediate transaction
/// and bumps the state's serial when the model or the current version moves.
public final class ModelStore {
    let db: Connection
    /// The path of the state file.
    public let path: String
    /// True when the store was opened to read only; every write then fails.
    public let isReadOnly: Bool

    /// What a command does with the state file.
    public enum Access: Sendable {
        /// Only reads: never creates a schema, never changes the journal mode,
        /// and leaves no `-wal` or `-shm` files when it may not write. An older
        /// schema is upgraded first when the file may be written.
        case read
        /// Reads and writes an existing state file.
        case write
        /// Reads and writes, creating the file and its schema when the file is
        /// missing or empty.
        case create
    }

    /// True when this process may write the state file at `path` (and make
    /// SQLite's files beside it); a command that writes only for convenience
    /// opens the file to read when it may not.
    public static func isWritable(_ path: String) -> Bool {
        StateFile.isWritable(path)
    }

    /// Opens the state file at `path` for writing.
    ///
    /// - Parameters:
    ///   - path: the state file.
    ///   - create: create the file when it does not exist; otherwise a missing
    ///     file is an error, so a mistyped `--state` never leaves an empty file behind.
    /// - Throws: `StoreError`.
    public convenience init(path: String, create: Bool = false) throws {
        try self.init(path: path, access: create ? .create : .write)
    }

    /// Opens the state file at `path` for what a command does with it.
    ///
    /// Damage (a truncated file, a file that is not SQLite, an SQLite file of
    /// something else) and permissions are reported as `StoreError`, never as
    /// a raw SQLite error.
    ///
    /// - Throws: `StoreError`: `.missingStateFile`, `.permissionDenied`,
    ///   `.notAStateFile`, `.schemaTooNew`, `.schemaNeedsUpgrade` or `.busy`.
    public init(path: String, access: Access) throws {
        try StateFile.check(path, for: access)
        self.path = path
        self.isReadOnly = access == .read
        do {
            self.db = try StateFile.connect(path, for: access)
            try prepareSchemaRetrying(creating: access == .create)
        } catch let error as SQLiteError {
            // The connection may not exist yet, so no lock holder can be named.
            throw Self.storeError(error, path: path, holder: nil)
        }
    }

    /// `prepareSchema`, tried again for a few seconds while the file is busy:
    /// switching a new file to WAL needs it to itself, and SQLite does not
    /// wait for that, so imports racing to create one state take turns here.
    private func prepareSchemaRetrying(creating: Bool) throws {
        var attempts = 0
        while true {
            do {
                return try prepareSchema(creating: creating)
            } catch let error as SQLiteError where error.isBusy && attempts < 100 {
                attempts += 1
                usleep(50_000)
            }
        }
    }

    /// Checks the schema, and creates or upgrades it when it must.
    ///
    /// `PRAGMA user_version` is read outside any transaction, so opening a file
    /// at the current schema takes no write lock and never waits for a writer.
    private func prepareSchema(creating: Bool) throws {
        var found = try schemaVersion()
        if found == 0 {
            let tables = try db.query("SELECT count(*) AS n FROM sqlite_master")[0].int("n") ?? 0
            // Another infraplan may have created the schema between the two reads.
            if tables > 0 { found = try schemaVersion() }
            guard found > 0 || (tables == 0 && creating) else {
                throw StoreError.notAStateFile(path)
            }
        }
        guard found <= StateSchema.currentVersion else {
            throw StoreError.schemaTooNew(found: found, supported: StateSchema.currentVersion)
        }
        if found < StateSchema.currentVersion {
            guard !db.isReadOnly else {
                throw StoreError.schemaNeedsUpgrade(
                    path, found: found, supported: StateSchema.currentVersion)
            }
            try db.execute("PRAGMA journal_mode = WAL")
        }
        if !isReadOnly { try db.execute("PRAGMA synchronous = FULL") }
        if found < StateSchema.currentVersion { try migrateSchema() }
    }

    /// The schema steps the file has, from its header.
    private func schemaVersion() throws -> Int {
        try db.query("PRAGMA user_version")[0].int("user_version") ?? 0
    }

    /// Runs the schema steps the file lacks, all in one transaction.
    ///
    /// The version is read again under the write lock: another infraplan may
    /// have upgraded the file since it was first read.
    private func migrateSchema() throws {
        try db.transaction {
            let found = try schemaVersion()
            guard found < StateSchema.currentVersion else { return }
            for step in StateSchema.steps[found...] {
                try db.execute(step)
            }
            if found == 0 {
                try db.run(
                    "INSERT INTO meta(key, value) VALUES ('state_id', ?)",
                    [.text(UUID().uuidString.lowercased())])
                try db.run("INSERT INTO meta(key, value) VALUES ('serial', '0')")
            }
            try db.execute("PRAGMA user_version = \(StateSchema.currentVersion)")
        }
    }

    /// The error a user reads for an SQLite failure on this file: damage and a
    /// busy file in one line each, anything else as it is.
    public func storeError(_ error: SQLiteError) -> Error {
        Self.storeError(error, path: path, holder: try? currentLock()?.holderDescription)
    }

    private static func storeError(_ error: SQLiteError, path: String, holder: String?) -> Error {
        if error.isDamage { return StoreError.notAStateFile(path) }
        if error.isBusy { return StoreError.busy(path, holder: holder) }
        return error
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
        try writeTransaction {
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
        try writeTransaction {
            let found = try serial()
            guard found == expectedSerial else {
                throw StoreError.movedDuringWrite(expected: expectedSerial, found: found)
            }
            try db.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'")
            return try body()
        }
    }

    /// One immediate transaction; a write lock still held by another process
    /// after the busy timeout is `StoreError.busy`, naming infraplan's lock
    /// holder when there is one.
    private func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try db.transaction(.immediate, body)
        } catch let error as SQLiteError where error.isBusy {
            throw storeError(error)
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
