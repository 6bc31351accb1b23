/// The process's exit status; see `infraplan --help`.
enum ExitCode: Int32 {
    case success = 0
    case failure = 1
    /// `plan --detailed-exitcode` found changes.
    case changesPresent = 2
    /// The plan is blocked by a check.
    case blocked = 3
    /// The command line could not be understood (`EX_USAGE`).
    case usage = 64
}
