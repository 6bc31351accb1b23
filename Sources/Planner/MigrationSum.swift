import Foundation
import InfraModel

/// The checksum file of a migrations folder, `infraplan.sum`.
///
/// Like Atlas's `atlas.sum`, each line names one migration file and a hash
/// that covers that file *and every line above it*, so editing, inserting,
/// removing or reordering any file changes the hash of its line and of every
/// line after it:
///
/// ```
/// # comment lines are ignored
/// infraplan-sum 1
/// 2025.10.1.yaml 5d0c…  # sha256(sha256("infraplan-sum 1") + "\n2025.10.1.yaml\n" + sha256(file))
/// 2025.11.0.yaml 91ab…  # sha256(<hash of the line above> + "\n2025.11.0.yaml\n" + sha256(file))
/// ```
///
/// Files are the folder's `*.yaml` and `*.yml`, in byte order of their names.
/// `infraplan check` verifies the file; `infraplan check --update` rewrites it.
public struct MigrationSum: Equatable, Sendable {
    /// The file's name inside the migrations folder.
    public static let fileName = "infraplan.sum"
    static let header = "infraplan-sum 1"

    /// One line: a file and the chained hash.
    public struct Line: Equatable, Sendable {
        public var file: String
        public var hash: String
    }

    public var lines: [Line]

    /// The sum the folder's files have now.
    public static func compute(directory: String) throws -> MigrationSum {
        var previous = Checksum.sha256(header)
        var lines: [Line] = []
        for name in migrationFiles(in: directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
            previous = Checksum.sha256("\(previous)\n\(name)\n\(Checksum.sha256(Array(bytes)))")
            lines.append(Line(file: name, hash: previous))
        }
        return MigrationSum(lines: lines)
    }

    /// The migration files of a folder, sorted by name in byte order.
    public static func migrationFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The text of `infraplan.sum`.
    public var text: String {
        var out = [
            "# infraplan migration checksums: each hash covers its file and every line above it.",
            "# Regenerate with 'infraplan check --update' after adding a migration; never by hand.",
            Self.header,
        ]
        out += lines.map { "\($0.file) \($0.hash)" }
        return out.joined(separator: "\n") + "\n"
    }

    /// Reads `infraplan.sum` text.
    ///
    /// - Throws: `MigrationSumError.malformed` naming the line.
    public static func parse(_ text: String, path: String) throws -> MigrationSum {
        var lines: [Line] = []
        var sawHeader = false
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard sawHeader else {
                guard line == header else {
                    throw MigrationSumError.malformed(path: path, line: number + 1)
                }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: " ")
            let isHash = fields.count == 2 && fields[1].count == 64 && fields[1].allSatisfy(\.isHexDigit)
            let isMigration = fields.first.map { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? false
            guard isHash, isMigration else {
                throw MigrationSumError.malformed(path: path, line: number + 1)
            }
            lines.append(Line(file: String(fields[0]), hash: String(fields[1])))
        }
        guard sawHeader else { throw MigrationSumError.malformed(path: path, line: 1) }
        return MigrationSum(lines: lines)
    }

    /// Checks the folder against its `infraplan.sum`.
    ///
    /// - Returns: false when the folder has no sum file (and nothing was checked).
    /// - Throws: `MigrationSumError` naming the first file that does not match.
    @discardableResult
    public static func verify(directory: String) throws -> Bool {
        let path = "\(directory)/\(fileName)"
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        // A sum file that is there but unreadable verifies nothing: refused, never skipped.
        guard let text = String(data: data, encoding: .utf8) else {
            throw MigrationSumError.malformed(path: path, line: 1)
        }
        let recorded = try parse(text, path: path)
        let actual = try compute(directory: directory)
        try recorded.compare(with: actual, directory: directory)
        return true
    }

    /// Finds the first line where the recorded sum and the folder part ways.
    func compare(with actual: MigrationSum, directory: String) throws {
        let recordedNames = Set(lines.map(\.file))
        let actualNames = Set(actual.lines.map(\.file))
        for (index, line) in actual.lines.enumerated() {
            guard index < lines.count, lines[index].file == line.file else {
                if !recordedNames.contains(line.file) {
                    throw MigrationSumError.added(file: "\(directory)/\(line.file)")
                }
                let missing =
                    lines.first { !actualNames.contains($0.file) }?.file ?? lines[index].file
                throw MigrationSumError.removed(file: "\(directory)/\(missing)")
            }
            guard lines[index].hash == line.hash else {
                throw MigrationSumError.edited(file: "\(directory)/\(line.file)")
            }
        }
        if lines.count > actual.lines.count {
            throw MigrationSumError.removed(file: "\(directory)/\(lines[actual.lines.count].file)")
        }
    }
}
