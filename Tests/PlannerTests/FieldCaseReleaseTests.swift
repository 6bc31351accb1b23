import InfraModel
import Testing

@testable import Planner

/// Field cases about which release runs where: B06 outposts that must match
/// their server, B07 skipped releases and downgrades, B08 sessions an older
/// release cannot read.
@Suite struct FieldCaseReleaseTests {
    /// authentik server and worker on PostgreSQL at `tag`, with outposts when asked.
    static func authentik(_ tag: String, outposts: Bool = false) -> StackModel {
        var model = StackModel(project: "authentik")
        model.services.insert(
            Service(name: "authentik_db", image: ImageReference(parsing: "postgres:16.4")))
        model.databases.insert(
            Database(
                service: "authentik_db", engine: "postgres", version: "16.4", maxConnections: 100))
        model.environment.insert(
            EnvironmentEntry(
                service: "authentik_db", name: "POSTGRES_USER", value: .literal("authentik")))
        for name in FieldStack.authentik {
            model.services.insert(
                Service(
                    name: name, image: ImageReference(parsing: "ghcr.io/goauthentik/server:\(tag)"))
            )
            model.dependencies.insert(
                Dependency(
                    from: name, to: "authentik_db", kind: .dependsOn, condition: "service_healthy"))
        }
        guard outposts else { return model }
        for kind in ["proxy", "ldap"] {
            model.services.insert(
                Service(
                    name: "authentik_\(kind)",
                    image: ImageReference(parsing: "ghcr.io/goauthentik/\(kind):\(tag)")))
        }
        model.requirements.insert(
            Requirement(
                id: "outposts-match-server",
                rule: .matchesVersion(
                    services: ["authentik_ldap", "authentik_proxy"], leaders: FieldStack.authentik),
                reason: "outposts run the server's release"))
        return model
    }

    static func upgrade(to version: String, services: [String], extra: String = "") -> String {
        """
        format: 1
        version: "\(version)"
        base: "any"
        changes:
          - set_image: {services: [\(services.joined(separator: ", "))], tag: "\(version)"}
        \(extra)
        """
    }

    @Test func b06OutpostsMoveInTheSameWaveAfterServerAndWorker() throws {
        let names = FieldStack.authentik + ["authentik_proxy", "authentik_ldap"]
        let migration = try FieldStack.migration(Self.upgrade(to: "2025.10.1", services: names))
        let before = Self.authentik("2025.8.4", outposts: true)
        let plan = try FieldStack.plan(
            before, try migration.apply(to: before), migration: migration)
        #expect(!plan.isBlocked, "\(plan.blockers)")
        for outpost in ["authentik_proxy", "authentik_ldap"] {
            let start = try #require(
                plan.steps.firstIndex {
                    $0.entity == outpost && $0.kind.movesContainers && $0.kind != .stop
                })
            for leader in FieldStack.authentik {
                #expect(
                    try plan.position("restart:\(leader)") < start, "\(outpost) before \(leader)")
            }
            #expect(plan.steps[start].inverse != nil)
            #expect(
                try plan.step("configure:\(outpost)").details.contains {
                    $0.hasSuffix("\(outpost.dropFirst(10)):2025.10.1")
                })
        }
    }

    @Test func b06OutpostsLeftBehindBlockNamingEachWithItsVersion() throws {
        let before = Self.authentik("2025.8.4", outposts: true)
        var after = before
        for name in FieldStack.authentik { after.services[name]?.image?.tag = "2025.10.1" }
        let plan = try FieldStack.plan(before, after)
        let blocker = try #require(plan.blockers.first { $0.contains("outposts-match-server") })
        #expect(
            blocker.contains(
                "version skew: authentik_ldap 2025.8.4, authentik_proxy 2025.8.4 must run 2025.10.1"
            ))
    }

    @Test func b06ServerAndWorkerOnDifferentReleasesBlockNamingBoth() throws {
        let before = Self.authentik("2025.8.4")
        var after = before
        after.services["authentik_server"]?.image?.tag = "2025.10.1"
        after.requirements.insert(
            Requirement(
                id: "same", rule: .sameVersion(services: FieldStack.authentik),
                reason: "one release"))
        let plan = try FieldStack.plan(before, after)
        #expect(
            plan.blockers.contains {
                $0.contains("authentik_server 2025.10.1, authentik_worker 2025.8.4")
            })
    }

    static let skippingRequirement = """
        requirements:
          - id: authentik-upgrade-path
            upgrade_path: {services: [authentik_server, authentik_worker], through: ["2025.12"]}
            reason: authentik upgrades only through each release.
        irreversible:
          - id: authentik-2026.2-schema
            kind: schema_migration
            database: authentik_db
            services: [authentik_server]
            description: authentik 2026.2 migrates its schema.
        """

    @Test func b07ASkippedReleaseBlocks() throws {
        let migration = try FieldStack.migration(
            Self.upgrade(
                to: "2026.2.0", services: FieldStack.authentik, extra: Self.skippingRequirement))
        let before = Self.authentik("2025.10.3")
        let plan = try FieldStack.plan(
            before, try migration.apply(to: before), migration: migration,
            labels: ("2025.10.3", "2026.2.0"))
        #expect(
            plan.blockers.contains {
                $0.contains(
                    "authentik_server, authentik_worker: 2025.10.3 -> 2026.2.0 skips 2025.12; "
                        + "upgrade through each release"
                )
            })
    }

    @Test func b07EachMigratingWaveIsBackedUpAndRolledBackByRestore() throws {
        let migration = try FieldStack.migration(
            Self.upgrade(
                to: "2026.2.0", services: FieldStack.authentik, extra: Self.skippingRequirement))
        let before = Self.authentik("2025.12.0")
        let plan = try FieldStack.plan(
            before, try migration.apply(to: before), migration: migration,
            labels: ("2025.12.0", "2026.2.0"))
        #expect(!plan.isBlocked, "\(plan.blockers)")
        #expect(
            try plan.position("backup:authentik_db") < plan.position("restart:authentik_server"))
        #expect(try plan.step("restart:authentik_server").isIrreversible)
        let undo = try plan.rollback[plan.rollbackPosition("undo:restart:authentik_server")]
        #expect(undo.commands.first == "docker compose stop authentik_server")
        #expect(undo.commands.contains { $0.contains("pg_restore -U authentik") })
        #expect(undo.commands.last?.contains("backups/compose-2025.12.0.yml") == true)
        #expect(
            try plan.rollbackPosition("undo:start:authentik_worker")
                < plan.rollbackPosition("undo:restart:authentik_server"))
    }

    @Test func b07GoingBackAcrossTheMigrationBlocksNamingTheMissingBackup() throws {
        let migration = try FieldStack.migration(
            Self.upgrade(
                to: "2026.2.0", services: FieldStack.authentik, extra: Self.skippingRequirement))
        let older = Self.authentik("2025.12.0")
        let newer = try migration.apply(to: older)
        let plan = try FieldStack.plan(newer, older, labels: ("2026.2.0", "2025.12.0"))
        let blocker = try #require(
            plan.blockers.first { $0.contains("no-downgrade:authentik-2026.2-schema") })
        #expect(blocker.contains("no backup of authentik_db taken before 2026.2.0"))
        #expect(
            blocker.contains("authentik_server 2026.2.0")
                && blocker.contains("authentik_server 2025.12.0"))
    }

    static func sessions(undo: Bool, schema: Bool = false) -> String {
        var text = """
            irreversible:
              - id: authentik-sessions
                kind: session_format
                database: authentik_db
                services: [authentik_server, authentik_worker]
                description: authentik 2026.5 stores sessions 2026.2 cannot decode
            """
        if undo {
            text +=
                "\n    undo: docker compose exec -T authentik_db psql -U authentik "
                + "-c 'DELETE FROM django_session'"
        }
        if schema {
            text += """

                  - id: authentik-schema
                    kind: schema_migration
                    database: authentik_db
                    services: [authentik_server]
                    description: authentik 2026.5 migrates its schema.
                """
        }
        return text
    }

    func sessionPlan(undo: Bool, schema: Bool = false) throws -> Plan {
        let migration = try FieldStack.migration(
            Self.upgrade(
                to: "2026.5.0", services: FieldStack.authentik,
                extra: Self.sessions(undo: undo, schema: schema)))
        let before = Self.authentik("2026.2.3")
        return try FieldStack.plan(
            before, try migration.apply(to: before), migration: migration,
            labels: ("2026.2.3", "2026.5.0"))
    }

    @Test func b08SessionsAreInvalidatedAfterTheRevertInTheRollback() throws {
        let plan = try sessionPlan(undo: true)
        #expect(plan.warnings.contains { $0.contains("all users will be logged out") })
        #expect(
            try plan.step("check:sessions:authentik-sessions").details == [
                "all users will be logged out / sessions invalidated"
            ])
        let invalidate = try plan.rollbackPosition("undo:check:sessions:authentik-sessions")
        #expect(try plan.rollbackPosition("undo:restart:authentik_server") < invalidate)
        #expect(plan.rollback[invalidate].title.hasPrefix("invalidate sessions"))
        #expect(
            plan.rollback[invalidate].commands.first?.contains("DELETE FROM django_session") == true
        )
        #expect(plan.rollbackLosses.isEmpty)
    }

    @Test func b08WithoutAnUndoCommandTheRollbackIsLossy() throws {
        let plan = try sessionPlan(undo: false)
        #expect(plan.rollbackLosses.count == 1)
        #expect(plan.rollbackLosses.first?.contains("state written by newer version") == true)
    }

    @Test func b08ARestoredBackupTakesPrecedence() throws {
        let plan = try sessionPlan(undo: true, schema: true)
        let sessions = try plan.rollback[
            plan.rollbackPosition("undo:check:sessions:authentik-sessions")]
        #expect(sessions.commands.isEmpty)
        #expect(sessions.title == "sessions come back with the backup of authentik_db")
        let undo = try plan.rollback[plan.rollbackPosition("undo:restart:authentik_server")]
        #expect(undo.commands.contains { $0.contains("pg_restore") })
    }
}
