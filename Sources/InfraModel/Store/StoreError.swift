import Foundation

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
    /// The file is not an SQLite database, is truncated, or is a database of
    /// something else (an empty file included, except for `import`).
    case notAStateFile(String)
    /// A stored row could not be decoded.
    case corrupt(String)
    /// The state file does not exist (for commands that only read).
    case missingStateFile(String)
    /// The state path names a directory.
    case stateIsDirectory(String)
    /// The folder a new state file would go in does not exist.
    case missingStateFolder(String, folder: String)
    /// What should be the folder of a new state file is a file.
    case stateFolderIsNotAFolder(String, folder: String)
    /// Another writer moved the state between a check and the write that relied on it.
    case movedDuringWrite(expected: Int, found: Int)
    /// The file cannot be read, or cannot be written by a command that writes.
    case permissionDenied(String)
    /// Another process held SQLite's write lock for longer than the busy timeout;
    /// `holder` describes infraplan's own lock when one is recorded.
    case busy(String, holder: String?)
    /// A command that only reads found an older schema in a file it may not write.
    case schemaNeedsUpgrade(String, found: Int, supported: Int)

    public var description: String {
        switch self {
        case .versionExists(let label):
            return "version '\(label)' already exists; choose another label with --as"
        case .unknownVersion(let label, let known):
            let list =
                known.isEmpty ? "none" : known.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return "unknown version '\(label)'; known versions: \(list)"
        case .noCurrentVersion:
            return "the state holds no version yet; run 'infraplan import FILE --as VERSION' first"
        case .schemaTooNew(let found, let supported):
            return
                "state file schema \(found) is newer than this infraplan supports (\(supported)); upgrade infraplan"
        case .notAStateFile(let path):
            return "state file '\(path)' is damaged or not an infraplan state file; "
                + "check --state, or restore the file from a backup"
        case .corrupt(let detail):
            return "state file is damaged: \(detail)"
        case .missingStateFile(let path):
            return
                "state file '\(path)' does not exist; run 'infraplan import FILE --as VERSION --state \(path)' first"
        case .stateIsDirectory(let path):
            return "state file '\(path)' is a directory; give --state the path of a file in it, "
                + "such as '\((path as NSString).appendingPathComponent("state.db"))'"
        case let .missingStateFolder(path, folder):
            return "cannot create state file '\(path)': folder '\(folder)' does not exist; "
                + "create it or check --state"
        case let .stateFolderIsNotAFolder(path, folder):
            return "cannot create state file '\(path)': '\(folder)' is not a folder; check --state"
        case let .movedDuringWrite(expected, found):
            return "another writer moved the state (serial \(expected) -> \(found)) while this one "
                + "was about to write; nothing was written; run the command again"
        case .permissionDenied(let path):
            return "cannot open state file '\(path)': permission denied; "
                + "check the owner and mode of the file and its folder"
        case let .busy(path, holder):
            let who = holder.map { " (the lock is held by \($0))" } ?? ""
            return "state file '\(path)' is busy: another infraplan is writing\(who); try again"
        case let .schemaNeedsUpgrade(path, found, supported):
            return "state file '\(path)' has schema \(found), older than this infraplan's "
                + "\(supported), and cannot be upgraded without write access; "
                + "run infraplan once as a user who may write it"
        }
    }
}
