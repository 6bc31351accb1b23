import InfraModel
import Testing

@testable import Planner

/// Field cases of database major versions: B24 an unpinned or plainly retagged
/// PostgreSQL, B25 a digest bump to PostgreSQL 18 and its new mount point.
@Suite struct FieldCaseDatabaseTests {
    /// `db` on `image` with `volumes`, and an application that needs it.
    static func stack(_ image: String, volumes: [String], version: String? = nil) -> StackModel {
        var model = StackModel(project: "app")
        model.services.insert(
            Service(name: "db", image: ImageReference(parsing: image), volumes: volumes))
        let parsed = ImageReference(parsing: image)
        model.databases.insert(
            Database(
                service: "db", engine: "postgres",
                version: version ?? parsed.majorVersion.map(String.init),
                maxConnections: 100))
        model.services.insert(
            Service(name: "app", image: ImageReference(parsing: "example/app:2.1")))
        model.dependencies.insert(
            Dependency(from: "app", to: "db", kind: .dependsOn, condition: "service_healthy"))
        model.volumes.insert(Volume(name: "pgdata"))
        return model
    }

    static let legacyMount = ["pgdata:/var/lib/postgresql/data"]

    @Test func b24APlainRetagAcrossAMajorVersionIsBlocked() throws {
        let before = Self.stack(
            "postgres", volumes: ["./data/db:/var/lib/postgresql/data"], version: "11.5")
        let after = Self.stack(
            "postgres:12", volumes: ["./data/db:/var/lib/postgresql/data"], version: "11.5")
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        let blocker = try #require(plan.blockers.first { $0.hasPrefix("major version of db") })
        #expect(
            blocker.contains("a plain image change: postgres 12 refuses the data directory of 11"))
    }

    /// Any spelling of the same data directory is the same data directory.
    @Test(arguments: [
        ["pgdata:/var/lib/postgresql/data:rw"],
        ["pgdata:/var/lib/postgresql/data/"],
        ["pgdata:/var/lib/postgresql/data", "./conf:/etc/postgresql"],
    ])
    func b24EditingTheMountsAroundTheSameDataIsStillAPlainRetag(volumes: [String]) throws {
        let before = Self.stack("postgres:16.4", volumes: Self.legacyMount)
        let after = Self.stack("postgres:17.2", volumes: volumes)
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(
            plan.blockers.contains { $0.contains("a plain image change") }, "\(plan.blockers)")
    }

    /// Extension images name the server's major after `pg`; that number decides.
    @Test(arguments: [
        ("pgvector/pgvector:pg16", "pgvector/pgvector:pg17"),
        ("timescale/timescaledb:2.14.2-pg15", "timescale/timescaledb:2.16.1-pg16"),
    ])
    func b24AMajorHiddenInAnExtensionTagIsSeen(old: String, new: String) throws {
        let before = Self.stack(old, volumes: Self.legacyMount)
        let after = Self.stack(new, volumes: Self.legacyMount)
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(
            plan.blockers.contains { $0.contains("a plain image change") }, "\(plan.blockers)")
        #expect(ImageReference(parsing: new).majorVersion == ImageReference(parsing: old).majorVersion! + 1)
    }

    /// A variant or channel tag floats the major as `latest` does.
    @Test(arguments: ["postgres:alpine", "postgres:bookworm", "postgres:alpine3.20"])
    func b24AFloatingTagIsBlockedAsUnpinned(image: String) throws {
        let before = Self.stack("postgres:16.4", volumes: Self.legacyMount)
        let after = Self.stack(image, volumes: Self.legacyMount, version: "16")
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(plan.blockers.contains { $0.contains("has a floating tag") }, "\(plan.blockers)")
    }

    @Test func b24AMySQLSeriesDowngradeIsBlocked() throws {
        func mysql(_ tag: String) -> StackModel {
            var model = Self.stack("mysql:\(tag)", volumes: ["db:/var/lib/mysql"])
            model.databases.insert(
                Database(service: "db", engine: "mysql", version: tag, maxConnections: 151))
            return model
        }
        let plan = try FieldStack.plan(mysql("8.4.3"), mysql("8.0.40"), labels: ("old", "new"))
        #expect(plan.blockers.contains { $0.contains("mysql 8.4 -> 8.0 of db is a downgrade") })
        let forward = try FieldStack.plan(mysql("8.0.40"), mysql("8.4.3"), labels: ("old", "new"))
        #expect(!forward.blockers.contains { $0.contains("downgrade") }, "\(forward.blockers)")
    }

    @Test func b24AnUnpinnedTargetIsNeverResolvedByThePlan() throws {
        let before = Self.stack("postgres:16", volumes: Self.legacyMount)
        let after = Self.stack("postgres:latest", volumes: Self.legacyMount, version: "16")
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(
            plan.blockers.contains {
                $0.contains("image postgres:latest of db is unpinned (implicit latest)")
            })
    }

    @Test func b24ANewVolumeMakesADumpNewDataRestorePlanWithInverses() throws {
        let before = Self.stack("postgres:16.4", volumes: Self.legacyMount)
        var after = Self.stack("postgres:17.2", volumes: ["pgdata17:/var/lib/postgresql/data"])
        after.volumes.insert(Volume(name: "pgdata17"))
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(!plan.isBlocked, "\(plan.blockers)")
        let order = try [
            "stop:app", "backup:db", "restart:db", "restore:db", "start:app", "manual:old-data:db",
        ]
        .map { try plan.position($0) }
        #expect(order == order.sorted(), "\(plan.steps.map(\.id))")
        #expect(try plan.step("backup:db").commands.contains { $0.contains("pg_dumpall") })
        #expect(try plan.step("restore:db").inverse != nil)
        let upgrade = try plan.step("restart:db")
        #expect(upgrade.isIrreversible && upgrade.commands.contains { $0.contains("--wait") })
        #expect(upgrade.inverse?.restoresBackup == "backup:db")
        #expect(try plan.step("manual:old-data:db").commands == ["docker volume rm app_pgdata"])
    }

    @Test func b25ADigestBumpTo18OnTheLegacyMountIsBlockedTwice() throws {
        let before = Self.stack(
            "postgres:17@sha256:\(String(repeating: "1", count: 64))", volumes: Self.legacyMount)
        let after = Self.stack(
            "postgres:18@sha256:\(String(repeating: "0", count: 64))", volumes: Self.legacyMount)
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(
            plan.blockers.contains { $0.contains("postgres 18 refuses the data directory of 17") })
        #expect(
            plan.blockers.contains {
                $0.contains(
                    "postgres >= 18 with a mount at /var/lib/postgresql/data; "
                        + "mount the volume at /var/lib/postgresql"
                )
            })
    }

    @Test func b25TheNewMountPointAndTheDataMoveGoInOneWave() throws {
        let before = Self.stack(
            "postgres:17@sha256:\(String(repeating: "1", count: 64))", volumes: Self.legacyMount)
        let after = Self.stack(
            "postgres:18@sha256:\(String(repeating: "0", count: 64))",
            volumes: ["pgdata:/var/lib/postgresql"])
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(!plan.isBlocked, "\(plan.blockers)")
        let configure = try plan.step("configure:db")
        #expect(
            configure.details.contains {
                $0.hasPrefix(
                    "~ volumes [pgdata:/var/lib/postgresql/data] -> [pgdata:/var/lib/postgresql]")
            })
        #expect(configure.details.contains { $0.hasPrefix("~ image") })
        #expect(try plan.position("backup:db") < plan.position("restart:db"))
        #expect(try plan.position("restart:db") < plan.position("restore:db"))
        #expect(
            try plan.step("manual:old-data:db").details.first?.contains("stays in volume pgdata")
                == true)
    }

    @Test func b25ADigestWithoutATagBecomesAManualCheck() throws {
        let before = Self.stack("postgres:17", volumes: Self.legacyMount)
        let after = Self.stack(
            "postgres@sha256:\(String(repeating: "0", count: 64))", volumes: Self.legacyMount,
            version: "17")
        let plan = try FieldStack.plan(before, after, labels: ("old", "new"))
        #expect(
            plan.warnings.contains {
                $0.hasPrefix("cannot determine version of digest-pinned image")
            })
        let check = try plan.step("check:major:db")
        #expect(check.outcome == .manual)
        #expect(check.commands.contains { $0.contains("docker image inspect") })
    }
}
