/// Why a migrations folder does not match its `infraplan.sum`.
public enum MigrationSumError: Error, CustomStringConvertible, Sendable {
    case malformed(path: String, line: Int)
    case added(file: String)
    case removed(file: String)
    case edited(file: String)

    public var description: String {
        let remedy = "if the change is intended, run 'infraplan check --update'"
        switch self {
        case .malformed(let path, let line):
            return "\(path):\(line): not a line of an infraplan sum file; \(remedy) to rewrite it"
        case .added(let file):
            return
                "migration '\(file)' is not in \(MigrationSum.fileName) "
                + "(added since it was written); \(remedy)"
        case .removed(let file):
            return
                "migration '\(file)' is in \(MigrationSum.fileName) but missing from the folder; "
                + remedy
        case .edited(let file):
            return
                "migration '\(file)' does not match \(MigrationSum.fileName) "
                + "(edited since it was written, "
                + "or the sum file was); \(remedy)"
        }
    }
}
