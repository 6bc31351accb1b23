import InfraModel
import Testing

@testable import Planner

/// Field cases of the authentik 2025.8.4 -> 2025.10.1 upgrade on `S0`
/// (B01 Redis removal, B02 PostgreSQL load), from ../shared/cases/field-cases.md.
@Suite struct FieldCaseAuthentikTests {
    func upgrade(_ base: StackModel = FieldStack.s0()) throws -> (Plan, StackModel) {
        let migration = try FieldStack.migration(FieldStack.upgradeYAML)
        let target = try migration.apply(to: base)
        return (try FieldStack.plan(base, target, migration: migration), target)
    }

    @Test func b01StepsForBothServicesRemoveRedisSettingsAndKeepTheSharedCache() throws {
        let (plan, target) = try upgrade()
        for service in FieldStack.authentik {
            let details = try plan.step("configure:\(service)").details
            for key in [
                "AUTHENTIK_REDIS__HOST", "AUTHENTIK_REDIS__DB", "AUTHENTIK_REDIS__PASSWORD",
            ] {
                #expect(details.contains("- environment \(key)"), "\(service) keeps \(key)")
            }
            #expect(details.contains("- secret redis_password"))
            #expect(details.contains("- depends_on redis_cache (service_healthy)"))
            #expect(
                details.contains { $0.hasPrefix("~ image") && $0.hasSuffix("server:2025.10.1") })
        }
        #expect(try plan.step("remove:secret:redis_password").kind == .remove)
        #expect(
            try plan.position("restart:authentik_server")
                < plan.position("remove:secret:redis_password"))
        #expect(target.services.contains("redis_cache"))
        #expect(
            try plan.step("check:keep:redis_cache").title
                == "keep redis_cache: erpnext_backend, erpnext_queue_short still use it")
        #expect(!plan.isBlocked, "\(plan.blockers)")
        #expect(!plan.warnings.contains { $0.contains("obsolete key") })
    }

    @Test func b01ALeftoverRedisKeyWarnsNamingServiceAndKey() throws {
        let migration = try FieldStack.migration(FieldStack.upgradeYAML)
        var target = try migration.apply(to: FieldStack.s0())
        target.environment.insert(
            EnvironmentEntry(
                service: "authentik_worker", name: "AUTHENTIK_REDIS__HOST",
                value: .literal("redis_cache")))
        let plan = try FieldStack.plan(FieldStack.s0(), target, migration: migration)
        #expect(
            plan.warnings.contains {
                $0.hasPrefix("obsolete key authentik_worker.AUTHENTIK_REDIS__HOST")
            })
        #expect(try plan.step("check:requirement:authentik-no-redis").outcome == .warn)
    }

    @Test func b01RollbackRestoresInReverseOrderAndRoundTrips() throws {
        let before = FieldStack.s0()
        let (plan, target) = try upgrade(before)
        var model = before
        try model.apply(plan.modelChanges)
        #expect(model == target)
        try model.apply(plan.rollbackChanges)
        #expect(model == before)
        let declaration = try plan.rollbackPosition("undo:remove:secret:redis_password")
        for service in FieldStack.authentik {
            let restore = try plan.rollbackPosition("undo:configure:\(service)")
            #expect(declaration < restore)
            let details = plan.rollback[restore].details
            #expect(details.contains("+ depends_on redis_cache (service_healthy)"))
            #expect(details.contains("+ environment AUTHENTIK_REDIS__HOST=redis_cache"))
            #expect(details.contains("+ secret redis_password"))
        }
    }

    @Test func b01ImpactOfRedisBeforeAndAfter() throws {
        let (_, target) = try upgrade()
        let before = try ImpactAnalyzer.impact(
            of: "redis_cache", in: FieldStack.s0(), version: "2025.8.4")
        #expect(
            before.directServices
                == [
                    "authentik_server", "authentik_worker", "erpnext_backend",
                    "erpnext_queue_short",
                ])
        let after = try ImpactAnalyzer.impact(of: "redis_cache", in: target, version: "2025.10.1")
        #expect(after.directServices == ["erpnext_backend", "erpnext_queue_short"])
        #expect(!after.isRemovable)
    }

    /// `S0` with PostgreSQL left at its defaults: no command, no `shm_size`.
    static func implicitLimits() -> StackModel {
        var model = FieldStack.s0()
        model.services["postgres"]?.command = nil
        model.databases["postgres"]?.isLimitAssumed = true
        return model
    }

    @Test func b02CapacityLineAndImplicitLimitsWarning() throws {
        let (plan, _) = try upgrade(Self.implicitLimits())
        let budget = try plan.step("check:budget:postgres")
        #expect(budget.title == "connection budget of postgres: 68/100 -> 72/100")
        #expect(budget.details.contains("authentik: 8 -> 12 (+4, +50 %)"))
        let warning = try #require(
            plan.warnings.first { $0.hasPrefix("implicit postgres limits on postgres") })
        #expect(warning.contains("max_connections") && warning.contains("shm_size"))
        #expect(!PlanRenderer().render(plan).contains("no database impact"))
    }

    @Test func b02CapacityIsCheckedBeforeTheImageChangeAndNeedsNoUndo() throws {
        let (plan, _) = try upgrade(Self.implicitLimits())
        let capacity = try plan.step("check:capacity:postgres")
        #expect(capacity.outcome == .manual)
        #expect(capacity.commands.contains { $0.contains("SHOW max_connections") })
        #expect(capacity.inverse == nil)
        #expect(
            try plan.position("check:capacity:postgres")
                < plan.position("configure:authentik_server"))
        #expect(!plan.rollback.contains { $0.id == "undo:check:capacity:postgres" })
    }

    @Test func b02ImpactOfPostgresListsEveryClient() throws {
        let impact = try ImpactAnalyzer.impact(
            of: "postgres", in: Self.implicitLimits(), version: "2025.8.4")
        #expect(impact.directServices == ["authentik_server", "authentik_worker"])
        #expect(impact.clients.map(\.client) == ["authentik", "other_clients"])
    }
}
