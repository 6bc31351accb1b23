internal import CSQLite

/// A prepared statement, finalized when it is released.
///
/// A statement belongs to the connection that prepared it and is used on one
/// thread at a time, like the connection itself.
public final class Statement {
    private let handle: OpaquePointer
    private unowned let connection: Connection
    /// The SQL text this statement was prepared from.
    public let sql: String

    init(connection: Connection, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.lastError(code: code, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds the values to the `?` parameters, in order (1-based in SQLite).
    public func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        precondition(values.count == expected, "statement takes \(expected) values, got \(values.count)")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(
                        handle, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw connection.lastError(code: code, sql: sql) }
        }
    }

    /// Runs the statement to completion and returns every row it produced.
    @discardableResult
    public func run(_ values: [SQLiteValue] = []) throws -> [SQLiteRow] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let columnCount = Int(sqlite3_column_count(handle))
        let names = (0..<columnCount).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
        var rows: [SQLiteRow] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw connection.lastError(code: code, sql: sql) }
            rows.append(SQLiteRow(columns: names, values: (0..<columnCount).map(column)))
        }
        return rows
    }

    private func column(_ index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}
