import InfraModel
import Testing

@testable import Planner

/// B03: PgBouncer in front of PostgreSQL, reached through an environment value
/// that `depends_on` does not mention ("too many clients already").
@Suite struct FieldCasePoolerTests {
    /// authentik behind a pooler, or (`pooled: false`) straight on PostgreSQL.
    static func stack(pooled: Bool = true, server: Int = 30, worker: Int = 30) -> StackModel {
        var model = StackModel(project: "opensource-server")
        model.services.insert(
            Service(
                name: "postgresql", image: ImageReference(parsing: "postgres:16-alpine"),
                healthcheck: Healthcheck(test: ["CMD-SHELL", "pg_isready -U authentik"])))
        model.databases.insert(
            Database(
                service: "postgresql", engine: "postgres", version: "16", maxConnections: 100,
                reservedConnections: 3, isLimitAssumed: true))
        let host = pooled ? "pgbouncer" : "postgresql"
        if pooled { addPooler(&model) }
        for (name, expected) in [("server", server), ("worker", worker)] {
            model.services.insert(
                Service(
                    name: name,
                    image: ImageReference(parsing: "ghcr.io/goauthentik/server:2026.5.4")))
            model.environment.insert(
                EnvironmentEntry(
                    service: name, name: "AUTHENTIK_POSTGRESQL__HOST", value: .literal(host)))
            model.dependencies.insert(
                Dependency(
                    from: name, to: host, kind: .environment, detail: "AUTHENTIK_POSTGRESQL__HOST",
                    source: "compose.yml:20"))
            model.dependencies.insert(
                Dependency(
                    from: name, to: "postgresql", kind: .dependsOn, condition: "service_healthy"))
            model.connections.insert(
                ConnectionEstimate(
                    client: name, database: host, expected: expected, origin: .declared))
        }
        return model
    }

    private static func addPooler(_ model: inout StackModel) {
        model.services.insert(
            Service(name: "pgbouncer", image: ImageReference(parsing: "edoburu/pgbouncer:latest")))
        model.dependencies.insert(
            Dependency(
                from: "pgbouncer", to: "postgresql", kind: .dependsOn, condition: "service_healthy")
        )
        model.dependencies.insert(
            Dependency(from: "pgbouncer", to: "postgresql", kind: .environment, detail: "DB_HOST"))
        model.databases.insert(
            Database(
                service: "pgbouncer", engine: "pgbouncer", maxConnections: 500,
                upstream: "postgresql", poolSize: 20))
    }

    @Test func budgetChargesThePoolerAtItsPoolSize() throws {
        let model = Self.stack()
        let budget = try #require(
            ConnectionBudget.compute(database: "postgresql", before: model, after: model))
        #expect(budget.lines.map(\.client) == ["pgbouncer"])
        #expect(budget.totals == "20/100 -> 20/100")
        #expect(budget.lines.first?.origin == "pool")
    }

    /// Only the pool grows: the upstream is charged the new pool size, and blocks past its limit.
    @Test func aLargerPoolIsChargedToTheUpstream() throws {
        let before = Self.stack()
        var after = before
        var pooler = try #require(after.databases["pgbouncer"])
        pooler.poolSize = 120
        after.databases.insert(pooler)
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        let budget = try plan.step("check:budget:postgresql")
        #expect(budget.outcome == .block, "\(budget.details)")
        #expect(budget.details.contains { $0.contains("pgbouncer: 20 -> 120") }, "\(budget.details)")
    }

    /// Three poolers open three pools upstream; three clients, three times their estimate.
    @Test func replicasMultiplyTheCharge() throws {
        let before = Self.stack()
        var after = before
        for name in ["pgbouncer", "server"] {
            var service = try #require(after.services[name])
            service.replicas = 3
            after.services.insert(service)
        }
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        let budget = try plan.step("check:budget:postgresql")
        #expect(budget.details.contains { $0.contains("pgbouncer: 20 -> 60") }, "\(budget.details)")
        let pooler = try plan.step("check:budget:pgbouncer")
        #expect(pooler.details.contains { $0.contains("server: 30 -> 90") }, "\(pooler.details)")
    }

    @Test func impactOfThePoolerIsInferredFromEnvironment() throws {
        let pooler = try ImpactAnalyzer.impact(of: "pgbouncer", in: Self.stack(), version: "fix")
        #expect(pooler.directServices == ["server", "worker"])
        #expect(
            pooler.direct.allSatisfy { $0.kind == .environment && $0.source == "compose.yml:20" })
        let database = try ImpactAnalyzer.impact(of: "postgresql", in: Self.stack(), version: "fix")
        #expect(database.directServices.contains("pgbouncer"))
        #expect(database.transitive.map(\.service) == ["server", "worker"])
        #expect(database.transitive.first?.path == ["server", "pgbouncer", "postgresql"])
    }

    @Test func addingThePoolerWarnsAboutItsUnpinnedImageAndStartsItFirst() throws {
        let plan = try FieldStack.plan(
            Self.stack(pooled: false), Self.stack(), labels: ("before", "fix"))
        #expect(
            plan.warnings.contains {
                $0.hasPrefix("unpinned image edoburu/pgbouncer:latest on service pgbouncer")
            })
        #expect(try plan.position("start:pgbouncer") < plan.position("restart:server"))
        #expect(try plan.position("start:pgbouncer") < plan.position("restart:worker"))
        #expect(
            plan.steps.contains {
                $0.id == "check:budget:postgresql" && $0.title.hasSuffix("60/100 -> 20/100")
            })
    }

    @Test func withoutThePoolerAnOverBudgetPlanIsBlockedListingEveryClient() throws {
        let before = Self.stack(pooled: false)
        let after = Self.stack(pooled: false, server: 60, worker: 70)
        let plan = try FieldStack.plan(before, after, labels: ("before", "after"))
        #expect(plan.isBlocked)
        let blocker = try #require(
            plan.blockers.first { $0.hasPrefix("connection budget of postgresql") })
        #expect(blocker.contains("server: 30 -> 60 (+30, +100 %)"))
        #expect(blocker.contains("worker: 30 -> 70 (+40, +133 %)"))
        #expect(blocker.contains("60/100 -> 130/100"))
    }
}
