import Foundation
import InfraModel
import Testing

/// `plan --out` and `apply PLAN`: a saved plan is applied exactly, or refused
/// naming what moved, what was altered, or what blocks it.
@Suite struct SavedPlanTests {
    /// A migration whose connection budget check blocks the plan.
    static let blockedMigration = """
        format: 1
        version: "2025.9.9"
        base: "2025.8.4"
        changes:
          - scale_connections:
              {clients: [authentik_server, authentik_worker], database: authentik_db, factor: 20}
        """

    @Test func savedPlanFileHoldsEverythingApplyNeeds() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.folder.appendingPathComponent("upgrade.json").path
        #expect(try sandbox.run(["plan", "2025.10.1", "--out", file]).status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
                as? [String: Any])
        #expect(json["format_version"] as? Int == 1)
        #expect(json["state_id"] as? String == (try ModelStore(path: sandbox.state).stateID()))
        #expect(json["state_serial"] as? Int == 1)
        #expect((json["checksum"] as? String)?.count == 64)
        let plan = try #require(json["plan"] as? [String: Any])
        #expect(plan["from"] as? String == "2025.8.4")
        #expect(plan["to"] as? String == "2025.10.1")
        let steps = try #require(plan["steps"] as? [[String: Any]])
        #expect(
            steps.contains {
                $0["inverse"] != nil && !(($0["commands"] as? [String]) ?? []).isEmpty
            })
        #expect(!((plan["rollback"] as? [Any]) ?? []).isEmpty)
    }

    @Test func applyingAPlanFileMakesItsTargetCurrent() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.folder.appendingPathComponent("upgrade.json").path
        #expect(try sandbox.run(["plan", "2025.10.1", "--out", file]).status == 0)
        let applied = try sandbox.run(["apply", file])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try sandbox.currentVersion() == "2025.10.1")
        let checksum =
            try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])[
                "checksum"] as? String
        let log = try sandbox.run(["log", "--json"]).stdout
        #expect(log.contains(try #require(checksum)))
    }

    @Test func planFileIsRefusedNamingWhatMovedSinceItWasMade() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.folder.appendingPathComponent("upgrade.json").path
        #expect(try sandbox.run(["plan", "2025.10.1", "--out", file]).status == 0)
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        #expect(try sandbox.run(["rollback"]).status == 0)
        let imported = try sandbox.run(["import", sandbox.compose, "--as", "again"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = try ModelStore(path: sandbox.state).canonicalDump()

        let stale = try sandbox.run(["apply", file])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("the plan is stale"), "\(stale.stderr)")
        #expect(stale.stderr.contains("apply 2025.8.4 -> 2025.10.1 at "), "\(stale.stderr)")
        #expect(stale.stderr.contains("rollback 2025.10.1 -> 2025.8.4 at "), "\(stale.stderr)")
        #expect(stale.stderr.contains("import of 'again' at "), "\(stale.stderr)")
        #expect(try ModelStore(path: sandbox.state).canonicalDump() == before)
    }

    @Test func alteredPlanFileIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.folder.appendingPathComponent("upgrade.json").path
        #expect(try sandbox.run(["plan", "2025.10.1", "--out", file]).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let altered = text.replacingOccurrences(
            of: "docker compose pull authentik_server", with: "rm -rf /srv")
        #expect(altered != text)
        try altered.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try sandbox.run(["apply", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("altered"), "\(result.stderr)")
        #expect(
            result.stderr.contains("plan file '\(file)' does not match its checksum"),
            "\(result.stderr)")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test func planFileForAnotherStateIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // A state of its own, with its own identity (a copied file would share it).
        let other = sandbox.folder.appendingPathComponent("other.db").path
        let file = sandbox.folder.appendingPathComponent("upgrade.json").path
        let flags = ["--state", other, "--migrations", sandbox.migrations]
        #expect(try CLI.run(["import", sandbox.compose, "--as", "2025.8.4"] + flags).status == 0)
        #expect(try CLI.run(["plan", "2025.10.1", "--out", file] + flags).status == 0)
        let result = try sandbox.run(["apply", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was made for state"), "\(result.stderr)")
    }

    @Test func blockedPlanIsRefusedWithExitCode3() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration("2025.9.9.yaml", Self.blockedMigration)
        let file = sandbox.folder.appendingPathComponent("blocked.json").path
        #expect(try sandbox.run(["plan", "2025.9.9", "--out", file]).status == 3)
        for arguments in [["apply", file], ["apply"], ["apply", "2025.9.9", "--yes"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("the plan is blocked"), "\(result.stderr)")
        }
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test func applyWithoutArgumentUsesTheKeptPlanUnderTheSameRefusals() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let none = try sandbox.run(["apply"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("keeps no plan"))
        #expect(try sandbox.run(["plan", "2025.10.1"]).status == 0)
        #expect(try sandbox.run(["import", sandbox.compose, "--as", "moved"]).status == 0)
        let stale = try sandbox.run(["apply"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("import of 'moved'"), "\(stale.stderr)")
        #expect(try sandbox.run(["plan", "2025.10.1"]).status == 0)
        #expect(try sandbox.run(["apply"]).status == 0)
        #expect(try sandbox.currentVersion() == "2025.10.1")
    }

    @Test func applyTargetWithoutTerminalOrYesIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["apply", "2025.10.1"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("apply needs confirmation; run it on a terminal or pass --yes"))
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test(arguments: [("y\n", "2025.10.1"), ("n\n", "2025.8.4")])
    func applyTargetOnATerminalAsksFirst(answer: String, expected: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // script(1) gives the command a pseudo-terminal, as an operator's shell would.
        let command =
            ([
                CLI.binary.path, "apply", "2025.10.1", "--state", sandbox.state, "--migrations",
                sandbox.migrations,
            ]).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "TERM": "dumb"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data(answer.utf8))
        process.waitUntilExit()
        #expect(try sandbox.currentVersion() == expected)
    }
}
