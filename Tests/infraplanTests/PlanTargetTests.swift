import Foundation
import Testing

/// Which model `plan TARGET` plans to when TARGET is both a version of the
/// state and a migration file.
@Suite struct PlanTargetTests {
    static let nextRelease = """
        format: 1
        version: "2025.10.2"
        base: "2025.10.1"
        changes:
          - set_image: {services: [authentik_server, authentik_worker], tag: "2025.10.2"}
        """

    @Test func planningTheCurrentVersionMadeByAMigrationHasNoChanges() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        let plan = try sandbox.run(["plan", "2025.10.1", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("no changes"), "\(plan.stdout)")
    }

    @Test func steppingBackToAnOlderMigrationVersionPlansToTheStatesCopy() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.addMigration("2025.10.2.yaml", Self.nextRelease)
        #expect(try sandbox.run(["apply", "2025.10.1", "--yes"]).status == 0)
        #expect(try sandbox.run(["apply", "2025.10.2", "--yes"]).status == 0)
        // 2025.10.1's file applies to 2025.8.4, not to the current 2025.10.2.
        let back = try sandbox.run(["plan", "2025.10.1"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("2025.10.2 -> 2025.10.1"), "\(back.stdout)")
        #expect(back.stdout.contains("server:2025.10.2 -> ghcr.io/goauthentik/server:2025.10.1"))
        // Further back crosses the schema migrations of 2025.10.1: blocked.
        let across = try sandbox.run(["plan", "2025.8.4"])
        #expect(across.status == 3, "\(across.stdout)\(across.stderr)")
        #expect(across.stdout.contains("authentik-schema-migrations"))
    }
}
