/// Failures of planning that are not input errors.
public enum PlanError: Error, CustomStringConvertible, Sendable {
    /// Steps (or services) that must each come before the next, in a circle.
    case cycle([String])
    /// The target cannot be reached from the current version.
    case unsupported(String)

    public var description: String {
        switch self {
        case .cycle(let path):
            return "dependency cycle: \(path.joined(separator: " -> "))"
        case .unsupported(let reason):
            return reason
        }
    }
}
