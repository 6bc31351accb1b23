internal import CSQLite

/// A failure reported by SQLite, with the statement that caused it.
///
/// The description names the extended result code, SQLite's own message and
/// the SQL text. Bound values are never part of it: they may hold data that
/// must not reach a terminal or a log.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (see https://sqlite.org/rescode.html).
    public let code: Int32
    /// The message SQLite gave for this failure (`sqlite3_errmsg`).
    public let message: String
    /// The SQL text that failed, if a statement was involved.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code, with the extended bits masked off.
    public var primaryCode: Int32 { code & 0xff }

    /// True when another connection holds the lock this one needs.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// True when the file is not a database or its pages do not hold together
    /// (`SQLITE_NOTADB`, `SQLITE_CORRUPT`): a truncated or overwritten file.
    public var isDamage: Bool { primaryCode == SQLITE_NOTADB || primaryCode == SQLITE_CORRUPT }

    public var description: String {
        var text = "sqlite error \(code): \(message)"
        if let sql {
            text += " (in '\(sql.prefix(120))')"
        }
        return text
    }
}
