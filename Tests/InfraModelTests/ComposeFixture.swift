import Foundation
import Testing

@testable import InfraModel

/// A temporary project folder holding small compose files written by a test.
struct ComposeFixture {
    let root: URL

    /// Writes `files` (relative path → text) into a new temporary folder.
    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compose-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Imports `files` (relative to the fixture) with the given settings.
    func load(
        _ files: [String] = ["compose.yml"], environment: [String: String] = [:],
        envFiles: [String] = [], profiles: [String] = [], projectName: String? = nil
    ) throws -> ComposeImport {
        try ComposeImporter.load(
            ComposeImportRequest(
                files: files.map(path), environment: environment, envFiles: envFiles.map(path),
                profiles: profiles, projectName: projectName))
    }

    /// Imports and returns the refusal; records an issue when the import succeeds.
    func refusal(
        _ files: [String] = ["compose.yml"], environment: [String: String] = [:],
        profiles: [String] = [], projectName: String? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> InputError? {
        do {
            _ = try load(
                files, environment: environment, profiles: profiles, projectName: projectName)
            Issue.record(
                "the import succeeded but should have been refused", sourceLocation: sourceLocation)
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

/// One-call helpers for tests on a single compose file.
enum Compose {
    /// Imports `text` as `compose.yml` (plus any `extra` files) and returns the result.
    static func load(
        _ text: String, extra: [String: String] = [:], environment: [String: String] = [:],
        profiles: [String] = []
    ) throws -> ComposeImport {
        let fixture = try ComposeFixture(extra.merging(["compose.yml": text]) { $1 })
        defer { fixture.remove() }
        return try fixture.load(environment: environment, profiles: profiles)
    }

    /// Imports `text` and returns the first error; records an issue if nothing was refused.
    static func firstError(
        _ text: String, extra: [String: String] = [:], environment: [String: String] = [:],
        profiles: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Diagnostic? {
        let fixture = try ComposeFixture(extra.merging(["compose.yml": text]) { $1 })
        defer { fixture.remove() }
        let error = fixture.refusal(
            environment: environment, profiles: profiles, sourceLocation: sourceLocation)
        return error?.diagnostics.first
    }
}

extension Diagnostic {
    /// `compose.yml:7` — the file's last component and the line, for comparisons in tests.
    var shortPlace: String {
        guard let location else { return "-" }
        return "\(FilePath.baseName(of: location.file)):\(location.line)"
    }
}
