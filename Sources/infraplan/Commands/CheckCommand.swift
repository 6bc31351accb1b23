import Foundation
import InfraModel
import Planner

/// `infraplan check [--update]`: verify the migrations folder against its
/// `infraplan.sum` and the state against the migrations its versions came from.
enum CheckCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        // Applied migrations first: an edited one must not slip into a rewritten sum.
        var lines = try checkState(context)
        lines.append(
            try checkFolder(context.migrationsDirectory, update: context.arguments.flag("update")))
        context.terminal.out(lines.joined(separator: "\n") + "\n")
        return .success
    }

    /// The state, when there is one: sound, and no migration it was made from edited.
    private static func checkState(_ context: CommandContext) throws -> [String] {
        guard FileManager.default.fileExists(atPath: context.statePath) else { return [] }
        let upgrade = try context.upgrade(.read)
        try upgrade.verifyAppliedMigrations()
        let integrity = try upgrade.store.integrityCheck()
        guard integrity == "ok" else { throw StoreError.corrupt("integrity check: \(integrity)") }
        return ["State \(context.statePath): sound; no applied migration was edited."]
    }

    /// The folder against its sum file, or the sum file rewritten.
    private static func checkFolder(_ directory: String, update: Bool) throws -> String {
        let files = MigrationSum.migrationFiles(in: directory)
        let sumPath = "\(directory)/\(MigrationSum.fileName)"
        if update {
            let sum = try MigrationSum.compute(directory: directory)
            try FileAccess.write(sum.text, to: sumPath)
            return "Wrote \(sumPath) for \(files.count) migration\(files.count == 1 ? "" : "s")."
        }
        try checkChain(directory)
        if try MigrationSum.verify(directory: directory) {
            return files.count == 1
                ? "1 migration in \(directory) matches \(sumPath)."
                : "\(files.count) migrations in \(directory) match \(sumPath)."
        }
        guard files.isEmpty else { throw MigrationSumMissing(path: sumPath) }
        return "No migrations in \(directory)."
    }
}

extension CheckCommand {
    /// Every migration file reads, and following bases from any of them never
    /// comes back to it (`a` on base `b`, `b` on base `a`).
    static func checkChain(_ directory: String) throws {
        let catalog = MigrationCatalog(directory: directory)
        var bases: [String: String] = [:]
        for version in catalog.availableVersions() {
            if let migration = try catalog.migration(for: version) { bases[version] = migration.base }
        }
        for start in bases.keys.sorted() {
            var path = [start]
            var next = bases[start]
            while let base = next {
                path.append(base)
                if base == start { throw MigrationCycle(versions: path, directory: directory) }
                if path.count > bases.count + 1 { break }
                next = bases[base]
            }
        }
    }
}

/// Migration files whose bases lead back to where they started.
struct MigrationCycle: Error, CustomStringConvertible {
    var versions: [String]
    var directory: String

    var description: String {
        "migrations in \(directory) form a cycle of bases: \(versions.joined(separator: " → "))"
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
