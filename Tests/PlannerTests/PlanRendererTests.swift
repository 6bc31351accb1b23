import InfraModel
import Testing

@testable import Planner

/// The terminal rendering of the reference plan: summary first, risks before routine, marks.
@Suite struct PlanRendererTests {
    static func plan() throws -> Plan {
        let migration = try MigrationReader.read(path: PlannerReferenceTests.migrationPath)
        let before = ReferenceModel.make()
        let after = try migration.apply(to: before)
        return try Planner.makePlan(
            PlanRequest(
                fromLabel: "2025.8.4", from: before, toLabel: "2025.10.1", to: after,
                migration: migration))
    }

    @Test func summaryCountsChangesChecksAndRisks() throws {
        let plan = try Self.plan()
        let checks = plan.steps.filter { $0.outcome != nil }.count
        let changed = plan.steps.filter { PlanRenderer.mark(of: $0) == "~" }.count
        #expect(
            PlanRenderer.summary(of: plan).hasPrefix(
                "\(changed) to change, \(checks) checks, 0 blocked, 1 irreversible"))
        var blocked = plan
        blocked.steps[0].outcome = .block
        #expect(PlanRenderer.summary(of: blocked).contains(", 1 blocked"))
    }

    @Test func summaryLineComesFirstAndRisksBeforeSteps() throws {
        let plan = try Self.plan()
        let lines = PlanRenderer().render(plan).split(separator: "\n").map(String.init)
        #expect(
            lines[0] == "Plan homestack 2025.8.4 -> 2025.10.1: \(PlanRenderer.summary(of: plan))")
        let risks = try #require(lines.firstIndex(of: "Risks"))
        let steps = try #require(lines.firstIndex(of: "Steps"))
        #expect(risks < steps)
        let irreversible = try #require(plan.steps.firstIndex { $0.isIrreversible })
        #expect(
            lines[risks + 1].contains(
                "! irreversible: step \(irreversible + 1), \(plan.steps[irreversible].title)"))
        for warning in plan.warnings {
            #expect(lines[risks..<steps].contains { $0.contains("! warning: \(warning)") })
        }
    }

    @Test func changesCarryTheirMarksAndColourOnlyWhenAsked() throws {
        let plan = try Self.plan()
        let plain = PlanRenderer().render(plan)
        #expect(plain.contains("~ [configure] configure authentik_server"))
        #expect(!plain.contains("\u{1B}["))
        let colored = PlanRenderer(style: TextStyle(isColored: true)).render(plan)
        #expect(colored.contains("\u{1B}[33m~ \u{1B}[0m[configure] configure authentik_server"))
        #expect(colored.contains("\u{1B}[31m- secret redis_password\u{1B}[0m"))
    }
}
