import InfraModel
import Planner

/// `infraplan versions`: the versions in the state, and migrations not yet used.
enum VersionsCommand {
    struct Document: Encodable {
        var formatVersion = 1
        var current: String?
        var versions: [VersionRecord]
        var availableMigrations: [String]

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case current, versions
            case availableMigrations = "available_migrations"
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.openStore(.read)
        let versions = try store.versions()
        let labels = Set(versions.map(\.label))
        let available = MigrationCatalog(directory: context.migrationsDirectory).availableVersions()
            .filter { !labels.contains($0) }
        if context.wantsJSON {
            try context.printJSON(Document(current: versions.first(where: \.isCurrent)?.label, versions: versions, availableMigrations: available))
            return .success
        }
        var lines: [String] = []
        for version in versions {
            let mark = version.isCurrent ? "*" : " "
            let parent = version.parent.map { " from \($0)" } ?? ""
            lines.append("\(mark) \(version.label.padding(14))\(version.originKind.rawValue) \(version.originPath)\(parent)  \(version.createdAt)")
        }
        for label in available {
            lines.append("  \(label.padding(14))migration available (infraplan plan \(label))")
        }
        if lines.isEmpty { lines.append("no versions; run 'infraplan import FILE --as VERSION'") }
        context.terminal.out(lines.joined(separator: "\n") + "\n")
        return .success
    }
}
