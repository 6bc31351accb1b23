/// A file named on the command line that cannot be used as the command needs.
enum FileAccessError: Error, CustomStringConvertible {
    /// The file cannot be written (its folder is missing, not writable…).
    case cannotWrite(String, reason: String)
    /// The file exists but cannot be read.
    case cannotRead(String, reason: String)
    /// The file does not exist.
    case noSuchFile(String)
    /// A saved plan named on the command line does not exist.
    case noSuchPlanFile(String)
    /// `--migrations DIR` names a folder that does not exist.
    case noSuchMigrationsFolder(String)
    /// `--migrations DIR` names a file, not a folder.
    case migrationsNotAFolder(String)

    var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "cannot write '\(path)': \(reason)"
        case let .cannotRead(path, reason):
            return "cannot read '\(path)': \(reason)"
        case .noSuchFile(let path):
            return "no such file '\(path)'"
        case .noSuchPlanFile(let path):
            return "no such plan file '\(path)'; write one with 'infraplan plan TARGET --out \(path)'"
        case .noSuchMigrationsFolder(let path):
            return "migrations folder '\(path)' does not exist; check --migrations"
        case .migrationsNotAFolder(let path):
            return "migrations folder '\(path)' is not a folder; check --migrations"
        }
    }
}
