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
    /// - Parameter movesModel: bump the serial, because versions or the current pointer change.
    public func write<T>(movesModel: Bool, _ body: () throws -> T) throws -> T {
        try db.transaction(.immediate) {
            let result = try body()
            if movesModel {
                try db.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'")
            }
            return result
        }
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
