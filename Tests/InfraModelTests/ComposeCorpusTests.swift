import Foundation
import Testing

@testable import InfraModel

/// Runs every row of the Compose corpus's `CASES.tsv` through the importer.
///
/// The corpus is a byte-for-byte copy under `Tests/Fixtures/corpus/` (see its
/// README for how a case runs). An `ok` row must give exactly the listed
/// active services; a `refuse` row must throw, and the first error must point
/// at one of the listed `file:line` alternatives.
@Suite struct ComposeCorpusTests {
    @Test(arguments: CorpusCase.all)
    func importMatchesTheExpectedOutcome(_ corpusCase: CorpusCase) throws {
        let workspace = try CorpusWorkspace(withOverlay: !corpusCase.id.hasSuffix("-nooverlay"))
        defer { workspace.remove() }
        let request = ComposeImportRequest(
            files: corpusCase.files.map(workspace.path), environment: corpusCase.environment,
            envFiles: corpusCase.envFiles.map(workspace.path), profiles: corpusCase.profiles)

        switch corpusCase.expectation {
        case .services(let expected):
            let result = try ComposeImporter.load(request)
            let active = result.model.services.filter(\.isActive).map(\.name).sorted()
            #expect(active == expected, "\(corpusCase.id)")
        case .refusal(let alternatives):
            let error = #expect(throws: InputError.self, "\(corpusCase.id)") {
                try ComposeImporter.load(request)
            }
            guard let first = error?.diagnostics.first, let location = first.location else {
                Issue.record("\(corpusCase.id): refused without a located diagnostic")
                return
            }
            let matches = alternatives.contains { location.file.hasSuffix($0.file) && location.line == $0.line }
            #expect(matches, "\(corpusCase.id): first error \(first) is not at \(alternatives)")
        }
    }

    @Test func tableHasEveryRow() {
        #expect(CorpusCase.all.count == 82)
    }
}

/// One row of `CASES.tsv`.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    enum Expectation: Sendable {
        case services([String])
        case refusal([(file: String, line: Int)])
    }

    var id: String
    var files: [String]
    var environment: [String: String]
    var envFiles: [String]
    var profiles: [String]
    var expectation: Expectation

    var testDescription: String { id }

    static let corpusRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")

    static let all: [CorpusCase] = {
        let table = corpusRoot.appendingPathComponent("compose/CASES.tsv")
        guard let text = try? String(contentsOf: table, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { parse(String($0)) }
    }()

    static func parse(_ line: String) -> CorpusCase? {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns.count >= 8 else { return nil }
        func list(_ text: String, _ separator: Character) -> [String] {
            text == "-" ? [] : text.split(separator: separator).map(String.init)
        }
        var environment: [String: String] = [:]
        for pair in list(columns[2], " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            environment[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let expectation: Expectation = columns[5] == "ok"
            ? .services(list(columns[6], ",")) : .refusal(alternatives(columns[7]))
        return CorpusCase(
            id: columns[0], files: list(columns[1], " "), environment: environment,
            envFiles: list(columns[3], " "), profiles: list(columns[4], ","), expectation: expectation)
    }

    /// `what; path:line | what; :line` → the locations, a bare `:line` reusing the previous path.
    static func alternatives(_ reason: String) -> [(file: String, line: Int)] {
        var result: [(file: String, line: Int)] = []
        var previousFile = ""
        for alternative in reason.components(separatedBy: " | ") {
            guard let place = alternative.components(separatedBy: "; ").last,
                let colon = place.lastIndex(of: ":"), let line = Int(place[place.index(after: colon)...])
            else { continue }
            let file = String(place[..<colon])
            if !file.isEmpty { previousFile = file }
            result.append((previousFile, line))
        }
        return result
    }
}

/// A temporary copy of the corpus (and, unless asked not to, its overlay).
struct CorpusWorkspace {
    let root: URL

    init(withOverlay: Bool) throws {
        let manager = FileManager.default
        root = manager.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        try Self.copyTree(CorpusCase.corpusRoot.appendingPathComponent("compose"), to: root)
        if withOverlay {
            try Self.copyTree(CorpusCase.corpusRoot.appendingPathComponent("compose-overlay"), to: root)
        }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Copies every file under `source` into `destination`, keeping relative paths, overwriting.
    static func copyTree(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: source.path) else { return }
        while let relative = walker.nextObject() as? String {
            let from = source.appendingPathComponent(relative)
            let to = destination.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            manager.fileExists(atPath: from.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try manager.createDirectory(at: to, withIntermediateDirectories: true)
            } else {
                try? manager.removeItem(at: to)
                try manager.copyItem(at: from, to: to)
            }
        }
    }
}
