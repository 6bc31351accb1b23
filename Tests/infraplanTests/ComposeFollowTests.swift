import Foundation
import InfraModel
import Testing

/// `apply --compose` edits only the lines the plan changes; re-importing the
/// edited file gives the target model; `rollback` puts the old file back.
@Suite struct ComposeFollowTests {
    /// Kinds only migration files carry; a compose file cannot hold them.
    static let migrationOnly: Set<EntityKind> = [.requirement, .note]

    /// Imports `file` as `label` and returns the changes from `target` that are
    /// more than where a fact was read.
    static func realChanges(
        from target: String, reimporting file: String, in sandbox: Sandbox,
        environment: [String: String] = [:]
    ) throws -> [ModelChange] {
        let imported = try sandbox.run(
            ["import", file, "--as", "reimported"], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        let store = try ModelStore(path: sandbox.state)
        return try store.model(target).changes(to: try store.model("reimported"))
            .filter { !$0.isCosmetic && !migrationOnly.contains($0.kind) }
    }

    @Test func exampleIsEditedLineByLineAndReimportsAsTheTarget() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let original = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        let applied = try sandbox.run(["apply", "2025.10.1", "--yes", "--compose", sandbox.compose])
        #expect(applied.status == 0, "\(applied.stderr)")

        // Exactly these lines go or change (1-based, as in Examples/compose.yml);
        // the rest is kept byte for byte.
        var expected = original.components(separatedBy: "\n")
        for line in [67, 89] {
            expected[line - 1] = expected[line - 1].replacingOccurrences(
                of: "2025.8.4", with: "2025.10.1")
        }
        for line in [200, 202] {
            expected[line - 1] = expected[line - 1].replacingOccurrences(of: ": 4", with: ": 6")
        }
        for line in [102, 101, 97, 80, 79, 75, 15, 14, 13] { expected.remove(at: line - 1) }
        let edited = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        #expect(edited == expected.joined(separator: "\n"))
        #expect(
            applied.stdout.contains(
                "compose.yml:13 remove environment AUTHENTIK_REDIS__HOST "
                    + "(authentik_server, authentik_worker)"
            ))
        let backup = sandbox.compose + ".infraplan-2025.8.4.bak"
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == original)

        #expect(
            try Self.realChanges(from: "2025.10.1", reimporting: sandbox.compose, in: sandbox)
                .isEmpty)

        let rollback = try sandbox.run(["rollback"])
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(rollback.stdout.contains("Restored \(sandbox.compose)"))
        #expect(try String(contentsOfFile: sandbox.compose, encoding: .utf8) == original)
    }

    @Test func corpusAuthentikFileIsEditedAndReimportsAsTheTarget() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let corpus = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
        let project = sandbox.folder.appendingPathComponent("authentik")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let file = project.appendingPathComponent("docker-compose.yml").path
        try FileManager.default.copyItem(
            atPath: corpus.appendingPathComponent(
                "compose/goauthentik__authentik@2025.8.4/docker-compose.yml"
            ).path,
            toPath: file)
        try FileManager.default.copyItem(
            atPath: corpus.appendingPathComponent(
                "compose-overlay/goauthentik__authentik@2025.8.4/.env"
            ).path,
            toPath: project.appendingPathComponent(".env").path)
        let secrets = ["PG_PASS": "corpus-canary-pg", "AUTHENTIK_SECRET_KEY": "corpus-canary-key"]
        let state = sandbox.folder.appendingPathComponent("corpus.db").path
        let migrations = sandbox.folder.appendingPathComponent("CorpusMigrations").path
        try FileManager.default.createDirectory(
            atPath: migrations, withIntermediateDirectories: true)
        try """
        format: 1
        version: "2025.10.1"
        base: "2025.8.4"
        changes:
          - set_image: {services: [server, worker], tag: "2025.10.1"}
          - remove_environment: {services: [server, worker], keys: ["AUTHENTIK_REDIS__*"]}
          - remove_dependency: {services: [server, worker], on: redis}
        """.write(toFile: "\(migrations)/2025.10.1.yaml", atomically: true, encoding: .utf8)
        let flags = ["--state", state, "--migrations", migrations]
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(arguments + flags, in: project, environment: secrets)
        }
        #expect(try run(["import", file, "--as", "2025.8.4"]).status == 0)
        #expect(try run(["check", "--update"]).status == 0)
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let applied = try run(["apply", "2025.10.1", "--yes", "--compose", file])
        #expect(applied.status == 0, "\(applied.stderr)")
        let edited = try String(contentsOfFile: file, encoding: .utf8)
        #expect(
            edited.contains("${AUTHENTIK_TAG:-2025.10.1}") && !edited.contains("AUTHENTIK_REDIS"))
        #expect(
            !edited.contains("redis:alpine") && edited.contains("  redis:\n    driver: local"),
            "named volumes stay")
        #expect(!edited.contains("corpus-canary"))

        #expect(try run(["import", file, "--as", "reimported"]).status == 0)
        let store = try ModelStore(path: state)
        let changes = try store.model("2025.10.1").changes(to: try store.model("reimported"))
        #expect(
            changes.filter { !$0.isCosmetic && !Self.migrationOnly.contains($0.kind) }.isEmpty,
            "\(changes)")

        #expect(try run(["rollback"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
    }

    @Test func anchorSharedWithAServiceThatKeepsTheValueIsRefusedAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration(
            "2025.9.1.yaml",
            """
            format: 1
            version: "2025.9.1"
            base: "2025.8.4"
            changes:
              - remove_environment: {services: [authentik_server], keys: ["AUTHENTIK_REDIS__DB"]}
            """)
        let original = try Data(contentsOf: URL(fileURLWithPath: sandbox.compose))
        let before = try ModelStore(path: sandbox.state).canonicalDump()
        let result = try sandbox.run(["apply", "2025.9.1", "--yes", "--compose", sandbox.compose])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "compose.yml:14: cannot edit surgically: 'remove environment AUTHENTIK_REDIS__DB' "
                    + "would change text shared through an anchor with 'authentik_worker'"),
            "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.compose)) == original)
        #expect(
            !FileManager.default.fileExists(atPath: sandbox.compose + ".infraplan-2025.8.4.bak"))
        #expect(try ModelStore(path: sandbox.state).canonicalDump() == before)
    }

    /// An image tag written as the default of a variable that `.env` or the
    /// environment sets: a new default would change nothing Compose runs.
    @Test(arguments: [true, false])
    func tagDefaultOverriddenByASetVariableIsRefused(inDotEnv: Bool) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let text = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
            .replacingOccurrences(
                of: "ghcr.io/goauthentik/server:2025.8.4",
                with: "ghcr.io/goauthentik/server:${AUTHENTIK_TAG:-2025.8.4}")
        try text.write(toFile: sandbox.compose, atomically: true, encoding: .utf8)
        let dotEnv = sandbox.folder.appendingPathComponent(".env").path
        let environment = inDotEnv ? [:] : ["AUTHENTIK_TAG": "2025.8.4"]
        if inDotEnv {
            try "# pinned\nAUTHENTIK_TAG=2025.8.4\n".write(toFile: dotEnv, atomically: true, encoding: .utf8)
        }
        let state = sandbox.state
        try FileManager.default.removeItem(atPath: state)
        #expect(try sandbox.run(["import", sandbox.compose, "--as", "2025.8.4"], environment).status == 0)
        let before = try ModelStore(path: state).canonicalDump()
        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--compose", sandbox.compose], environment)
        #expect(result.status == 1)
        let origin = inDotEnv ? "\(dotEnv):2" : "the environment"
        #expect(
            result.stderr.contains(
                "compose.yml:67: cannot edit surgically: the image of 'authentik_server' is "
                    + "'ghcr.io/goauthentik/server:${AUTHENTIK_TAG:-2025.8.4}' and \(origin) sets AUTHENTIK_TAG"),
            "\(result.stderr)")
        #expect(try String(contentsOfFile: sandbox.compose, encoding: .utf8) == text)
        #expect(try ModelStore(path: state).canonicalDump() == before)

        // Unset, the default is what Compose uses, and the edit goes through.
        if inDotEnv {
            try FileManager.default.removeItem(atPath: dotEnv)
            let applied = try sandbox.run(
                ["apply", "2025.10.1", "--yes", "--compose", sandbox.compose])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(try String(contentsOfFile: sandbox.compose, encoding: .utf8).contains("${AUTHENTIK_TAG:-2025.10.1}"))
        }
    }

    @Test func rollbackRefusesToOverwriteAComposeFileEditedSinceUnlessKept() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(
            try sandbox.run(["apply", "2025.10.1", "--yes", "--compose", sandbox.compose]).status
                == 0)
        let edited =
            try String(contentsOfFile: sandbox.compose, encoding: .utf8)
            + "# the operator's own line\n"
        try edited.write(toFile: sandbox.compose, atomically: true, encoding: .utf8)
        let refused = try sandbox.run(["rollback"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("changed since infraplan edited it"), "\(refused.stderr)")
        #expect(try sandbox.currentVersion() == "2025.10.1")
        let kept = try sandbox.run(["rollback", "--keep-compose"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(try String(contentsOfFile: sandbox.compose, encoding: .utf8) == edited)
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test func applyAfterACrashBetweenFileAndStateFinishesTheJob() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let original = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        #expect(
            try sandbox.run(["apply", "2025.10.1", "--yes", "--compose", sandbox.compose]).status
                == 0)
        let edited = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        // Simulate a crash after the file was written and before the state moved:
        // the state is put back as it was, the files stay edited.
        let fresh = try Sandbox()
        defer { fresh.remove() }
        try edited.write(toFile: fresh.compose, atomically: true, encoding: .utf8)
        try original.write(
            toFile: fresh.compose + ".infraplan-2025.8.4.bak", atomically: true, encoding: .utf8)
        let again = try fresh.run(["apply", "2025.10.1", "--yes", "--compose", fresh.compose])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: fresh.compose, encoding: .utf8) == edited)
        #expect(try fresh.currentVersion() == "2025.10.1")
        #expect(try fresh.run(["rollback"]).status == 0)
        #expect(try String(contentsOfFile: fresh.compose, encoding: .utf8) == original)
    }
}
