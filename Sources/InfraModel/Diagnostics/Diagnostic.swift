/// How serious a finding is.
public enum Severity: String, Comparable, Codable, Sendable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .note: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about an input: where, how serious, what, and an optional remedy.
///
/// Rendered compiler style, `file:line:column: error: message`, so that editors
/// can jump to it. A diagnostic without a location renders as `error: message`.
public struct Diagnostic: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation?
    /// A short stable code for machines (`unset-variable`, `unpinned-image`…).
    public var code: String
    /// Lowercase text naming the key, service or file concerned.
    public var message: String
    /// Optional follow-up, such as a "did you mean" hint.
    public var note: String?

    public init(
        _ severity: Severity, _ code: String, _ message: String,
        at location: SourceLocation? = nil, note: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.note = note
    }

    /// An error, the most common kind.
    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, note: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, note: note)
    }

    /// A warning: accepted, but likely a mistake.
    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, note: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, note: note)
    }

    /// One line: `file:line:column: severity: message; note`.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let note { text += "; \(note)" }
        return text
    }
}

/// An input error that stops a command; it carries every error found, sorted by location.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// The errors, first one first; never empty.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "an input error needs at least one diagnostic")
        self.diagnostics = diagnostics.sorted(by: Diagnostic.ordered)
    }

    public init(_ diagnostic: Diagnostic) {
        self.init([diagnostic])
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension Diagnostic {
    /// Orders diagnostics by location (unlocated last), then by message.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return false
        case (_?, nil): return true
        default: return lhs.message < rhs.message
        }
    }
}
