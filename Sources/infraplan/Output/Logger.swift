import InfraModel

/// A small leveled logger that writes to standard error.
///
/// Default level is warning; `-q` shows errors only, `-v` info, `--debug`
/// everything. Messages are autoclosures, built only when shown. Secret
/// values are never logged: the model does not hold them.
struct Logger {
    enum Level: Int, Comparable {
        case debug, info, warning, error

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var label: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    var threshold: Level
    let terminal: Terminal

    func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= threshold else { return }
        let style = terminal.errorStyle
        let label: String
        switch level {
        case .error: label = style.red("error:")
        case .warning: label = style.yellow("warning:")
        default: label = "\(level.label):"
        }
        terminal.err("\(label) \(message())")
    }

    /// Prints a diagnostic as it renders itself (`file:line:column: warning: …`), if its
    /// severity passes the threshold.
    func diagnostic(_ diagnostic: Diagnostic) {
        let level: Level = diagnostic.severity == .error ? .error : diagnostic.severity == .warning ? .warning : .info
        guard level >= threshold else { return }
        terminal.err(diagnostic.description)
    }

    func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
}
