import Foundation
import InfraModel
import Testing

/// `log` lists every apply and rollback; `rollback --to` walks back several.
@Suite struct HistoryTests {
    static let secondMigration = """
        format: 1
        version: "2025.10.2"
        base: "2025.10.1"
        changes:
          - set_image: {services: [authentik_server, authentik_worker], tag: "2025.10.2"}
        """

    struct LogDocument: Decodable {
        struct Entry: Decodable {
            var at: String
            var action: String
            var from: String
            var to: String
            var plan_checksum: String
            var outcome: String
        }
        var entries: [Entry]
    }

    @Test func rollbackToWalksBackTwoAppliesAndLogListsThemAll() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration("2025.10.2.yaml", Self.secondMigration)
        let original = try ModelStore(path: sandbox.state).model("2025.8.4")
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        let second = try sandbox.run(["apply", "2025.10.2", "--yes"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try sandbox.currentVersion() == "2025.10.2")

        let back = try sandbox.run(["rollback", "--to", "2025.8.4"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(
            back.stdout
                == "Rolled back 2025.10.2 -> 2025.10.1.\nRolled back 2025.10.1 -> 2025.8.4.\n")
        #expect(try sandbox.currentVersion() == "2025.8.4")
        #expect(try ModelStore(path: sandbox.state).model("2025.8.4") == original)

        let log = try JSONDecoder().decode(
            LogDocument.self, from: Data(try sandbox.run(["log", "--json"]).stdout.utf8))
        let rows = log.entries.map { "\($0.action) \($0.from) -> \($0.to) \($0.outcome)" }
        #expect(
            rows == [
                "apply 2025.8.4 -> 2025.10.1 applied", "apply 2025.10.1 -> 2025.10.2 applied",
                "rollback 2025.10.2 -> 2025.10.1 rolled back",
                "rollback 2025.10.1 -> 2025.8.4 rolled back",
            ])
        #expect(log.entries.allSatisfy { $0.plan_checksum.count == 64 && !$0.at.isEmpty })
        #expect(log.entries[0].plan_checksum == log.entries[3].plan_checksum)
        #expect(log.entries[1].plan_checksum == log.entries[2].plan_checksum)
        let text = try sandbox.run(["log"]).stdout
        #expect(
            text.contains(
                "apply    2025.8.4 -> 2025.10.1  plan "
                    + "\(log.entries[0].plan_checksum.prefix(12))  applied"
            ))

        let nothing = try sandbox.run(["rollback"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("nothing to roll back"))
    }

    @Test func rollbackToAVersionNoApplyLeadsBackToIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        let result = try sandbox.run(["rollback", "--to", "2025.10.1"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("no recorded apply leads back to '2025.10.1'"),
            "\(result.stderr)")
        #expect(try sandbox.currentVersion() == "2025.10.1")
    }
}
