/// How one step ended.
enum StepResult: Equatable {
    case ok
    /// A manual step, left to the operator.
    case manual
    case failed(ShellCommand.Outcome)
    /// infraplan could not carry the step out (a command that cannot start, a
    /// file that cannot be written).
    case error(String)

    var isSuccess: Bool {
        switch self {
        case .ok, .manual: return true
        case .failed, .error: return false
        }
    }

    /// What the state records: `ok`, `manual`, `failed: exit 1`, `timed out`.
    var label: String {
        switch self {
        case .ok: return "ok"
        case .manual: return "manual"
        case .failed(.timedOut): return "timed out"
        case .failed(let outcome): return "failed: \(outcome.description)"
        case .error(let message): return "failed: \(message)"
        }
    }

    var exitStatus: Int? {
        if case .failed(.exited(let code)) = self { return Int(code) }
        return self == .ok ? 0 : nil
    }
}
