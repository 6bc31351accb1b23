import Foundation
import InfraModel

/// The migration files of a folder, found by the version they make.
public struct MigrationCatalog {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The file that makes `version`: `DIR/VERSION.yaml` or `DIR/VERSION.yml`.
    public func path(for version: String) -> String? {
        ["yaml", "yml"].map { "\(directory)/\(version).\($0)" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads the migration that makes `version`, checking the file says so.
    ///
    /// - Returns: nil when there is no such file.
    /// - Throws: `InputError` when the file is invalid or names another version.
    public func migration(for version: String) throws -> Migration? {
        guard let path = path(for: version) else { return nil }
        let both = ["yaml", "yml"].map { "\(directory)/\(version).\($0)" }
        if both.allSatisfy(FileManager.default.fileExists(atPath:)) {
            throw InputError(
                .error(
                    "migration-twice",
                    "two files make version '\(version)': \(both[0]) and \(both[1]); keep one",
                    at: SourceLocation(file: both[1], line: 1, column: 1)))
        }
        let migration = try MigrationReader.read(path: path)
        guard migration.version == version else {
            throw InputError(
                .error(
                    "migration-version",
                    "migration file is named for '\(version)' but says version '\(migration.version)'",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return migration
    }

    /// Every migration file's name without extension, sorted; files are not read.
    public func availableVersions() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { String($0[..<($0.lastIndex(of: ".") ?? $0.endIndex)]) }
            .reduce(into: Set<String>()) { $0.insert($1) }.sorted()
    }
}
