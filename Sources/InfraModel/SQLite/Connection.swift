internal import CSQLite
import Foundation

/// An open SQLite database file.
///
/// The connection owns its handle and closes it when released. It enables
/// extended result codes and foreign keys, and waits up to `busyTimeout`
/// milliseconds for another writer before failing with `SQLITE_BUSY`.
/// It is not `Sendable`: use it from one thread at a time.
public final class Connection {
    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// Sleep after each statement run inside a transaction; for crash tests only.
    var pauseInTransactionMilliseconds = 0

    /// How a connection opens its file.
    public enum OpenMode: Sendable {
        /// Reads only; the file must exist. In WAL mode SQLite still creates
        /// the `-wal` and `-shm` files beside it, and leaves them when it closes.
        case readOnly
        /// Reads and writes; the file must exist.
        case readWrite
        /// Reads and writes, creating the file when it does not exist.
        case create
        /// Reads a file no process changes while it is open, without locks and
        /// without `-wal` or `-shm` files (the `immutable` URI parameter,
        /// https://sqlite.org/uri.html#uriimmutable).
        case immutable
    }

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - readOnly: open without write access; the file must exist.
    ///   - busyTimeout: milliseconds to wait for a lock held by another process.
    /// - Throws: `SQLiteError` when the file cannot be opened.
    public convenience init(path: String, readOnly: Bool = false, busyTimeout: Int32 = 2000) throws {
        try self.init(path: path, mode: readOnly ? .readOnly : .create, busyTimeout: busyTimeout)
    }

    /// Opens the database at `path` as `mode` says.
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - mode: whether to write, and whether to create the file.
    ///   - busyTimeout: milliseconds to wait for a lock held by another process.
    /// - Throws: `SQLiteError` when the file cannot be opened.
    public init(path: String, mode: OpenMode, busyTimeout: Int32 = 2000) throws {
        var db: OpaquePointer?
        let (name, flags) = Self.openArguments(path, mode)
        let code = sqlite3_open_v2(name, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            // sqlite3_open_v2 allocates a handle even when it fails; it must be closed.
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(db)
            throw SQLiteError(code: code, message: "\(message): '\(path)'")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeout)
        try execute("PRAGMA foreign_keys = ON")
    }

    /// The file name and flags `sqlite3_open_v2` takes for a mode.
    private static func openArguments(_ path: String, _ mode: OpenMode) -> (String, Int32) {
        switch mode {
        case .readOnly: return (path, SQLITE_OPEN_READONLY)
        case .readWrite: return (path, SQLITE_OPEN_READWRITE)
        case .create: return (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        case .immutable:
            // In a URI, '%', '?' and '#' would be read as escapes, the query or a fragment.
            var escaped = ""
            for character in path.unicodeScalars {
                switch character {
                case "%": escaped += "%25"
                case "?": escaped += "%3f"
                case "#": escaped += "%23"
                default: escaped.unicodeScalars.append(character)
                }
            }
            return ("file:\(escaped)?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI)
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws {
        if sql.hasPrefix("COMMIT") { pauseIfInTransaction() }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw lastError(code: code, sql: sql) }
    }

    /// Prepares a statement; statements are cached by their SQL text.
    public func prepare(_ sql: String) throws -> Statement {
        if let cached = statementCache[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs a statement with bound values and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ values: [SQLiteValue] = []) throws -> [SQLiteRow] {
        defer { pauseIfInTransaction() }
        return try prepare(sql).run(values)
    }

    /// Runs a statement with bound values, ignoring any rows.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        defer { pauseIfInTransaction() }
        try prepare(sql).run(values)
    }

    /// Widens the window in which a crash test can kill a write half-way.
    private func pauseIfInTransaction() {
        guard pauseInTransactionMilliseconds > 0, !isAutocommit else { return }
        usleep(UInt32(pauseInTransactionMilliseconds) * 1000)
    }

    /// The rowid of the last row inserted through this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// False while a transaction is open on this connection.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// True when the connection cannot write, by its mode or the file's permissions.
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    func lastError(code: Int32, sql: String?) -> SQLiteError {
        let message = String(cString: sqlite3_errmsg(handle))
        return SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
    }
}
