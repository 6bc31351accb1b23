import Foundation
import InfraModel
import Testing

/// `Migrations/infraplan.sum`: `check` verifies it, `check --update` rewrites
/// it, and `plan` and `apply` refuse a folder that does not match it or a
/// migration edited after a version was made from it.
@Suite struct MigrationSumTests {
    static let extra = """
        format: 1
        version: "2025.9.0"
        base: "2025.8.4"
        changes:
          - set_image: {services: [authentik_server, authentik_worker], tag: "2025.9.0"}
        """

    @Test func repositoryMigrationsMatchTheirSumFile() throws {
        let result = try CLI.run(["check", "--state", "/nonexistent/state.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("1 migration in Migrations matches Migrations/infraplan.sum."))
    }

    /// A sum file that cannot be read as one, or a junk line, is refused: never a skipped check.
    @Test(arguments: [Data([0xFF, 0xFE]), Data("infraplan-sum 1\ngarbage here\n".utf8)])
    func anUnreadableSumFileIsRefused(bytes: Data) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try bytes.write(to: URL(fileURLWithPath: "\(sandbox.migrations)/infraplan.sum"))
        for command in [["check"], ["plan", "2025.10.1"]] {
            let result = try sandbox.run(command)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("infraplan.sum:"), "\(result.stderr)")
        }
    }

    @Test func checkRefusesMigrationsWhoseBasesFormACycle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration(
            "a.yaml", "format: 1\nversion: \"a\"\nbase: \"b\"\nchanges: []\n")
        try sandbox.addMigration(
            "b.yaml", "format: 1\nversion: \"b\"\nbase: \"a\"\nchanges: []\n")
        let result = try sandbox.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("form a cycle of bases: a → b → a"), "\(result.stderr)")
    }

    @Test func eachLineCoversItsFileAndTheLinesBefore() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration("2025.9.0.yaml", Self.extra)
        let text = try String(
            contentsOfFile: "\(sandbox.migrations)/infraplan.sum", encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 3)
        var previous = Checksum.sha256("infraplan-sum 1")
        for line in lines.dropFirst() {
            let fields = line.split(separator: " ").map(String.init)
            let bytes = try Data(
                contentsOf: URL(fileURLWithPath: "\(sandbox.migrations)/\(fields[0])"))
            previous = Checksum.sha256(
                "\(previous)\n\(fields[0])\n\(Checksum.sha256(Array(bytes)))")
            #expect(fields[1] == previous)
        }
    }

    @Test func editInsertionAndRemovalAreEachCaughtNamingTheFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration("2025.9.0.yaml", Self.extra)
        let first = "\(sandbox.migrations)/2025.10.1.yaml"
        let original = try String(contentsOfFile: first, encoding: .utf8)

        try (original + "\n# an innocent-looking comment\n").write(
            toFile: first, atomically: true, encoding: .utf8)
        try expectRefusal(sandbox, naming: "migration '\(first)' does not match infraplan.sum")
        try original.write(toFile: first, atomically: true, encoding: .utf8)
        #expect(try sandbox.run(["check"]).status == 0)

        let inserted = "\(sandbox.migrations)/2025.8.9.yaml"
        try Self.extra.replacingOccurrences(of: "2025.9.0", with: "2025.8.9").write(
            toFile: inserted, atomically: true, encoding: .utf8)
        try expectRefusal(sandbox, naming: "migration '\(inserted)' is not in infraplan.sum")
        try FileManager.default.removeItem(atPath: inserted)

        try FileManager.default.removeItem(atPath: "\(sandbox.migrations)/2025.9.0.yaml")
        try expectRefusal(
            sandbox,
            naming:
                "migration '\(sandbox.migrations)/2025.9.0.yaml' is in infraplan.sum but missing")
        #expect(try sandbox.run(["check", "--update"]).status == 0)
        #expect(try sandbox.run(["check"]).status == 0)
        #expect(try sandbox.run(["plan", "2025.10.1"]).status == 0)
    }

    /// `check`, `plan` and `apply` all refuse, naming the file; nothing moves.
    func expectRefusal(
        _ sandbox: Sandbox, naming text: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for arguments in [["check"], ["plan", "2025.10.1"], ["apply", "2025.10.1", "--yes"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1, "\(arguments)", sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains(text), "\(arguments): \(result.stderr)",
                sourceLocation: sourceLocation)
        }
        #expect(try sandbox.currentVersion() == "2025.8.4", sourceLocation: sourceLocation)
    }

    @Test func appliedMigrationEditedLaterIsRefusedEvenAfterTheSumIsRewritten() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        let file = "\(sandbox.migrations)/2025.10.1.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "factor: 1.5", with: "factor: 1.25").write(
            toFile: file, atomically: true, encoding: .utf8)
        let update = try sandbox.run(["check", "--update"])
        #expect(update.status == 1)
        let message = "migration '\(file)' was edited after version '2025.10.1' was made from it"
        #expect(update.stderr.contains(message), "\(update.stderr)")
        for arguments in [["plan", "2025.10.1"], ["check"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test func checkWithoutASumFileFailsAndUpdateWritesIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.removeItem(atPath: "\(sandbox.migrations)/infraplan.sum")
        let missing = try sandbox.run(["check"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("run 'infraplan check --update' to write it"))
        let apply = try sandbox.run(["apply", "2025.10.1", "--yes"])
        #expect(apply.status == 0)
        #expect(apply.stderr.contains("has no infraplan.sum; migration files are not verified"))
        #expect(try sandbox.run(["check", "--update"]).status == 0)
        #expect(try sandbox.run(["check"]).status == 0)
    }
}
