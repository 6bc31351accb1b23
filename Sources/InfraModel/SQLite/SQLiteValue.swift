/// A value that can be bound to a statement parameter or read from a column.
public enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLiteValue {
    /// Wraps an optional string, mapping `nil` to SQL NULL.
    public static func text(_ value: String?) -> SQLiteValue {
        value.map { .text($0) } ?? .null
    }

    /// Wraps an `Int`, mapping `nil` to SQL NULL.
    public static func int(_ value: Int?) -> SQLiteValue {
        value.map { .integer(Int64($0)) } ?? .null
    }

    /// Wraps a `Double`, mapping `nil` to SQL NULL.
    public static func double(_ value: Double?) -> SQLiteValue {
        value.map { .real($0) } ?? .null
    }

    /// Stores a Boolean as 0 or 1, as SQLite has no Boolean type.
    public static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }

    /// The value as text, or nil for NULL; numbers are rendered.
    public var stringValue: String? {
        switch self {
        case .null: return nil
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return value
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The value as an integer, or nil for NULL and non-numeric text.
    public var intValue: Int? {
        switch self {
        case .integer(let value): return Int(value)
        case .real(let value): return Int(value)
        case .text(let value): return Int(value)
        default: return nil
        }
    }

    /// The value as a floating-point number, or nil for NULL and non-numeric text.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .text(let value): return Double(value)
        default: return nil
        }
    }

    /// True for a non-zero integer.
    public var boolValue: Bool { intValue.map { $0 != 0 } ?? false }
}

/// One result row, read by column name.
public struct SQLiteRow: Sendable {
    let columns: [String]
    let values: [SQLiteValue]

    /// The value of the named column; NULL when the column does not exist.
    public subscript(_ name: String) -> SQLiteValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The value at a 0-based column index.
    public subscript(_ index: Int) -> SQLiteValue { values[index] }

    /// The text of the named column, or nil for NULL.
    public func string(_ name: String) -> String? { self[name].stringValue }

    /// The text of the named column, or an empty string for NULL.
    public func text(_ name: String) -> String { self[name].stringValue ?? "" }

    /// The integer in the named column, or nil for NULL.
    public func int(_ name: String) -> Int? { self[name].intValue }

    /// The Boolean in the named column (0 or NULL is false).
    public func bool(_ name: String) -> Bool { self[name].boolValue }
}
