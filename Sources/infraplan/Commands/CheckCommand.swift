import Foundation
import InfraModel
import Planner

/// `infraplan check [--update]`: verify the migrations folder against its
/// `infraplan.sum` and the state against the migrations its versions came from.
enum CheckCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let directory = context.migrationsDirectory
        let files = MigrationSum.migrationFiles(in: directory)
        let sumPath = "\(directory)/\(MigrationSum.fileName)"
        var lines: [String] = []

        // Applied migrations first: an edited one must not slip into a rewritten sum.
        if FileManager.default.fileExists(atPath: context.statePath) {
            let upgrade = try context.upgrade()
            try upgrade.verifyAppliedMigrations()
            let integrity = try upgrade.store.integrityCheck()
            guard integrity == "ok" else { throw StoreError.corrupt("integrity check: \(integrity)") }
            lines.append("State \(context.statePath): sound; no applied migration was edited.")
        }

        if context.arguments.flag("update") {
            try AtomicFile.write(Array(try MigrationSum.compute(directory: directory).text.utf8), to: sumPath)
            lines.append("Wrote \(sumPath) for \(files.count) migration\(files.count == 1 ? "" : "s").")
        } else if try MigrationSum.verify(directory: directory) {
            lines.append(files.count == 1 ? "1 migration in \(directory) matches \(sumPath)." : "\(files.count) migrations in \(directory) match \(sumPath).")
        } else if files.isEmpty {
            lines.append("No migrations in \(directory).")
        } else {
            throw MigrationSumMissing(path: sumPath)
        }
        context.terminal.out(lines.joined(separator: "\n") + "\n")
        return .success
    }
}

/// `check` found migrations and no sum file for them.
struct MigrationSumMissing: Error, CustomStringConvertible {
    var path: String

    var description: String {
        "'\(path)' does not exist, so the migrations cannot be verified; "
            + "run 'infraplan check --update' to write it"
    }
}
