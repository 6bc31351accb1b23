import InfraModel
import Testing

@testable import Planner

/// Services bound to another's container go down and up with it.
@Suite struct BoundRestartTests {
    static func stack(redis: String, nginx: String) -> StackModel {
        var model = StackModel(project: "ord")
        for (name, image) in [
            ("db", "redis:\(redis)"), ("api", "app:1"), ("web", "nginx:\(nginx)"),
            ("sidecar", "busybox:1.36"), ("plain", "app:1"),
        ] {
            model.services.insert(Service(name: name, image: ImageReference(parsing: image)))
        }
        model.dependencies.insert(
            Dependency(
                from: "api", to: "db", kind: .dependsOn, condition: "service_started",
                restartsWithTarget: true))
        model.dependencies.insert(Dependency(from: "sidecar", to: "web", kind: .networkMode))
        model.dependencies.insert(
            Dependency(from: "plain", to: "db", kind: .dependsOn, condition: "service_started"))
        return model
    }

    @Test func restartTrueAndASharedNetworkNamespaceFollowTheirTarget() throws {
        let plan = try FieldStack.plan(
            Self.stack(redis: "7.2.4", nginx: "1.26"), Self.stack(redis: "7.2.5", nginx: "1.27"),
            labels: ("1", "2"))
        for (dependent, target) in [("api", "db"), ("sidecar", "web")] {
            let order = try ["stop:\(dependent)", "restart:\(target)", "start:\(dependent)"]
                .map { try plan.position($0) }
            #expect(order == order.sorted(), "\(plan.steps.map(\.id))")
        }
        #expect(try plan.step("stop:sidecar").reason.contains("network namespace of web"))
        #expect(try plan.step("stop:api").reason.contains("restart: true"))
        // A plain depends_on stops first too, so it never runs against a service going away.
        let plain = try ["stop:plain", "restart:db", "start:plain"].map { try plan.position($0) }
        #expect(plain == plain.sorted(), "\(plan.steps.map(\.id))")
        #expect(try plan.step("stop:plain").reason.contains("it needs db (depends_on), which restarts"))
    }
}

/// A migration that changes where a variable points moves the edge it gives.
@Suite struct MigrationEnvironmentEdgeTests {
    @Test func setEnvironmentMovesTheHostEdge() throws {
        var base = StackModel(project: "app")
        for name in ["app", "bouncer", "pg", "other"] {
            base.services.insert(Service(name: name, image: ImageReference(parsing: "x/\(name):1")))
        }
        base.environment.insert(
            EnvironmentEntry(
                service: "app", name: "DATABASE_URL",
                value: .literal("postgres://app@bouncer:6432/app")))
        base.dependencies.insert(
            Dependency(from: "app", to: "bouncer", kind: .environment, detail: "DATABASE_URL"))
        base.dependencies.insert(
            Dependency(from: "other", to: "bouncer", kind: .dependsOn, condition: "service_started"))
        let migration = try FieldStack.migration(
            """
            format: 1
            version: "2"
            base: "1"
            changes:
              - set_environment: {services: [app], key: DATABASE_URL, value: "postgres://app@pg:5432/app"}
            """)
        let target = try migration.apply(to: base)
        let edges = target.dependencies(of: "app").filter { $0.kind == .environment }
        #expect(edges.map(\.to) == ["pg"])
        #expect(target.services.contains("bouncer"), "another service still needs it")
    }
}

/// A renamed service keeps its volume: the removal of the old name never offers to delete it.
@Suite struct RenamedServiceVolumeTests {
    @Test func theVolumeOfARenamedServiceIsNotOfferedForDeletion() throws {
        func stack(_ name: String) -> StackModel {
            var model = StackModel(project: "app")
            model.services.insert(
                Service(name: name, image: ImageReference(parsing: "redis:7.2"), volumes: ["rdata:/data"]))
            model.volumes.insert(Volume(name: "rdata"))
            return model
        }
        let plan = try FieldStack.plan(stack("redis_cache"), stack("redis_shared"), labels: ("1", "2"))
        let removal = try plan.step("remove:redis_cache")
        #expect(removal.details.contains("named volume rdata stays: redis_shared mounts it"), "\(removal.details)")
        #expect(!removal.details.contains { $0.contains("docker volume rm") })
        // The container goes by Compose's labels: the edited file no longer defines it.
        #expect(
            try plan.step("stop:redis_cache").commands == [
                "docker ps -aq --filter label=com.docker.compose.project=app "
                    + "--filter label=com.docker.compose.service=redis_cache | xargs -r docker rm -f"
            ])
    }
}

/// Which database a dump logs in to when the server's own environment names none.
@Suite struct DatabaseLoginTests {
    static func stack(_ clientEnvironment: [String: String]) -> StackModel {
        var model = StackModel(project: "mastodon")
        model.services.insert(Service(name: "db", image: ImageReference(parsing: "postgres:14-alpine")))
        model.services.insert(Service(name: "web", image: ImageReference(parsing: "tootsuite/mastodon:v4.2.0")))
        for (key, value) in clientEnvironment {
            model.environment.insert(EnvironmentEntry(service: "web", name: key, value: .literal(value)))
        }
        model.dependencies.insert(Dependency(from: "web", to: "db", kind: .environment, detail: "DB_HOST"))
        return model
    }

    static let db = Database(service: "db", engine: "postgres", version: "14", maxConnections: 100)

    @Test func theClientsDatabaseIsDumpedWhenTheServerNamesNone() {
        let model = Self.stack(["DB_HOST": "db", "DB_NAME": "mastodon_production"])
        #expect(DatabaseMonitoring.login(of: Self.db, in: model).database == "mastodon_production")
        let url = Self.stack(["DATABASE_URL": "postgres://mastodon@db:5432/mastodon_production?sslmode=disable"])
        #expect(DatabaseMonitoring.login(of: Self.db, in: url).database == "mastodon_production")
    }

    @Test func clientsNamingSeveralDatabasesLeaveTheDefault() {
        let model = Self.stack(["DB_NAME": "one", "DATABASE_URL": "postgres://u@db/two"])
        #expect(DatabaseMonitoring.login(of: Self.db, in: model).database == "postgres")
    }
}

/// The rollback starts a service as carefully as the plan did.
@Suite struct RollbackWaitTests {
    @Test func theRollbackWaitsForHealthWhereADependentNeedsIt() throws {
        func stack(_ tag: String) -> StackModel {
            var model = StackModel(project: "app")
            model.services.insert(Service(name: "db", image: ImageReference(parsing: "redis:\(tag)")))
            model.services.insert(Service(name: "app", image: ImageReference(parsing: "x/app:1")))
            model.dependencies.insert(
                Dependency(from: "app", to: "db", kind: .dependsOn, condition: "service_healthy"))
            return model
        }
        let plan = try FieldStack.plan(stack("7.2.4"), stack("7.2.5"), labels: ("1", "2"))
        let undo = try #require(plan.rollback.first { $0.id == "undo:restart:db" })
        #expect(undo.commands.contains { $0.contains("--force-recreate --wait db") }, "\(undo.commands)")
    }
}
