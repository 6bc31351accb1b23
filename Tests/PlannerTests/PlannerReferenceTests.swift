import Foundation
import InfraModel
import Testing

@testable import Planner

@Suite struct PlannerReferenceTests {
    static let migrationPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations/2025.10.1.yaml").path

    func makePlan() throws -> (Plan, StackModel, StackModel) {
        let migration = try MigrationReader.read(path: Self.migrationPath)
        let before = ReferenceModel.make()
        let after = try migration.apply(to: before)
        let plan = try Planner.makePlan(
            PlanRequest(
                fromLabel: "2025.8.4", from: before, toLabel: "2025.10.1", to: after,
                migration: migration))
        return (plan, before, after)
    }

    @Test func planTurnsBeforeIntoAfterAndRollbackTurnsItBack() throws {
        let (plan, before, after) = try makePlan()
        var forward = before
        try forward.apply(plan.modelChanges)
        #expect(forward == after)
        var backward = after
        try backward.apply(plan.rollbackChanges)
        #expect(backward == before)
    }

    @Test func orderPutsChecksBackupConfigurePullRestartVerifyManual() throws {
        let (plan, _, _) = try makePlan()
        let ids = plan.steps.map(\.id)
        func index(_ id: String) throws -> Int {
            try #require(ids.firstIndex(of: id), "missing \(id) in \(ids)")
        }
        #expect(try index("check:budget:authentik_db") < index("backup:authentik_db"))
        #expect(
            try index("check:requirement:authentik-postgres-tls") < index("backup:authentik_db"))
        #expect(try index("backup:authentik_db") < index("restart:authentik_server"))
        #expect(try index("configure:authentik_server") < index("pull:authentik_server"))
        #expect(try index("pull:authentik_server") < index("restart:authentik_server"))
        #expect(try index("check:up:authentik_db") < index("restart:authentik_server"))
        // The worker shares the server's schema: it stops before the server
        // migrates it and starts after, so it never runs against a half-migrated schema.
        #expect(try index("stop:authentik_worker") < index("restart:authentik_server"))
        #expect(try index("restart:authentik_server") < index("start:authentik_worker"))
        #expect(try index("start:authentik_worker") < index("verify:authentik_worker"))
        #expect(try index("verify:authentik_server") < index("manual:email-verified-claim"))
        #expect(plan.blockers.isEmpty)
    }

    @Test func budgetShowsEightToTwelveOfOneHundred() throws {
        let (plan, _, _) = try makePlan()
        let budget = try #require(plan.steps.first { $0.id == "check:budget:authentik_db" })
        #expect(budget.title.contains("8/100 -> 12/100"))
        #expect(budget.outcome == .pass)
    }

    @Test func redisCacheIsKeptForTheERPNextSites() throws {
        let (plan, _, after) = try makePlan()
        #expect(after.services.contains("redis_cache"))
        let keep = try #require(plan.steps.first { $0.id == "check:keep:redis_cache" })
        #expect(keep.title.contains("erpnext_byrne") && keep.title.contains("erpnext_dickinson"))
        #expect(!keep.title.contains("authentik"))
    }

    @Test func rollbackRestoresTheBackupForTheSchemaMigration() throws {
        let (plan, _, _) = try makePlan()
        let restore = try #require(plan.rollback.first { $0.id == "undo:restart:authentik_server" })
        #expect(restore.commands.contains { $0.contains("pg_restore") })
        let ids = plan.rollback.map(\.id)
        let worker = try #require(ids.firstIndex(of: "undo:start:authentik_worker"))
        let server = try #require(ids.firstIndex(of: "undo:restart:authentik_server"))
        let workerBack = try #require(ids.firstIndex(of: "undo:stop:authentik_worker"))
        #expect(worker < server && server < workerBack)
    }

    @Test func samePlanEveryTime() throws {
        let first = try makePlan().0
        let second = try makePlan().0
        #expect(try JSONCoding.encode(first) == JSONCoding.encode(second))
    }
}
