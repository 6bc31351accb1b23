/// Failures of the state store that a user can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The label is already taken by another version.
    case versionExists(String)
    /// No version has this label.
    case unknownVersion(String, known: [String])
    /// The state holds no version yet.
    case noCurrentVersion
    /// The file was written by a newer infraplan.
    case schemaTooNew(found: Int, supported: Int)
    /// The file is not an infraplan state file.
    case notAStateFile(String)
    /// A stored row could not be decoded.
    case corrupt(String)
    /// The state file does not exist (for commands that only read).
    case missingStateFile(String)
    /// Another writer moved the state between a check and the write that relied on it.
    case movedDuringWrite(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .versionExists(let label):
            return "version '\(label)' already exists; choose another label with --as"
        case .unknownVersion(let label, let known):
            let list = known.isEmpty ? "none" : known.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return "unknown version '\(label)'; known versions: \(list)"
        case .noCurrentVersion:
            return "the state holds no version yet; run 'infraplan import FILE --as VERSION' first"
        case .schemaTooNew(let found, let supported):
            return "state file schema \(found) is newer than this infraplan supports (\(supported)); upgrade infraplan"
        case .notAStateFile(let path):
            return "'\(path)' is not an infraplan state file"
        case .corrupt(let detail):
            return "state file is damaged: \(detail)"
        case .missingStateFile(let path):
            return "state file '\(path)' does not exist; run 'infraplan import FILE --as VERSION --state \(path)' first"
        case let .movedDuringWrite(expected, found):
            return "another writer moved the state (serial \(expected) -> \(found)) while this one "
                + "was about to write; nothing was written; run the command again"
        }
    }
}
