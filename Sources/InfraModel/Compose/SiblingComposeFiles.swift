import Foundation

/// Compose files beside an import that Compose would give the same implicit project name.
///
/// Without `name:`, `-p` or `COMPOSE_PROJECT_NAME`, Compose names a project
/// after its folder, so two compose files in one folder, run one at a time,
/// are one project to Compose: `up --remove-orphans` for one removes the
/// containers of the other (field case B09). The importer sees one import at
/// a time, so it looks for the other file by name in the project folder.
enum SiblingComposeFiles {
    /// Names of compose files in `directory` that the import did not read, sorted.
    ///
    /// A compose file is named `compose.y*ml`, `docker-compose*.y*ml` or
    /// `*.compose.y*ml`, or is any other `.yml`/`.yaml` file of the folder
    /// (`erpnext.yml`) with a top-level `services:` key. Override files
    /// (`*.override.y*ml`) are left out: Compose merges them into the project
    /// beside them, so they are not another project.
    ///
    /// - Parameters:
    ///   - directory: the project folder, as the import resolved it.
    ///   - imported: every file the import read, as the import named them.
    static func others(in directory: String, imported: [String]) -> [String] {
        // Absolute paths, so that `a/compose.yml` and `/srv/a/compose.yml` compare equal.
        let here = FileManager.default.currentDirectoryPath
        let folder = FilePath.resolve(directory, against: here)
        let read = Set(
            imported.map { FilePath.resolve($0, against: here) }
                .filter { FilePath.directory(of: $0) == folder }.map(FilePath.baseName))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            let path = FilePath.resolve(name, against: directory)
            guard !read.contains(name), FileSystem.isFile(path), isYAMLName(name) else {
                return false
            }
            return isComposeFileName(name) || hasServicesKey(path)
        }.sorted()
    }

    /// True for `.yml` and `.yaml` names that are not override files.
    static func isYAMLName(_ name: String) -> Bool {
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        let stem = name.hasSuffix(".yml") ? name.dropLast(4) : name.dropLast(5)
        return !stem.hasSuffix(".override")
    }

    /// True when a line of the file, small enough to be a compose file, starts with `services:`.
    static func hasServicesKey(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        return String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).contains {
            $0.hasPrefix("services:")
        }
    }

    /// True for the names Compose looks for and people give compose files.
    static func isComposeFileName(_ name: String) -> Bool {
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        let stem = name.hasSuffix(".yml") ? name.dropLast(4) : name.dropLast(5)
        if stem.hasSuffix(".override") { return false }
        return stem == "compose" || stem.hasPrefix("docker-compose") || stem.hasSuffix(".compose")
    }
}
