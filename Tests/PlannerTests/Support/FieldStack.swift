import InfraModel
import Testing

@testable import Planner

/// The field cases' shared stack `S0` (authentik 2025.8.4 sharing `redis_cache`
/// with ERPNext and PostgreSQL with clients outside the file), built by hand as
/// the compose importer would model it, plus helpers for the case tests.
enum FieldStack {
    static let authentik = ["authentik_server", "authentik_worker"]

    static func s0() -> StackModel {
        var model = StackModel(project: "stack")
        addInfrastructure(&model)
        for name in authentik { addAuthentik(name, to: &model) }
        addERPNext(&model)
        model.secrets.insert(
            Secret(name: "redis_password", origin: .file("./secrets/redis_password.txt")))
        model.secrets.insert(
            Secret(
                name: "authentik_secret_key", origin: .file("./secrets/authentik_secret_key.txt")))
        model.volumes.insert(Volume(name: "pgdata"))
        model.databases.insert(
            Database(
                service: "postgres", engine: "postgres", version: "16.4", maxConnections: 100,
                reservedConnections: 3, tls: TLSSettings(isEnabled: false)))
        model.connections.insert(
            ConnectionEstimate(
                client: "authentik", database: "postgres", expected: 8, origin: .declared))
        model.connections.insert(
            ConnectionEstimate(
                client: "other_clients", database: "postgres", expected: 60, origin: .declared))
        return model
    }

    private static func addInfrastructure(_ model: inout StackModel) {
        model.services.insert(
            Service(
                name: "traefik", image: ImageReference(parsing: "traefik:v2.11.14"),
                ports: ["443:443"],
                volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]))
        model.services.insert(
            Service(
                name: "postgres", image: ImageReference(parsing: "postgres:16.4-alpine"),
                command: ["postgres", "-c", "max_connections=100"],
                healthcheck: Healthcheck(test: ["CMD-SHELL", "pg_isready -U postgres"]),
                volumes: ["pgdata:/var/lib/postgresql/data"]))
        model.services.insert(
            Service(
                name: "redis_cache", image: ImageReference(parsing: "redis:7.2-alpine"),
                healthcheck: Healthcheck(test: ["CMD-SHELL", "redis-cli ping | grep PONG"])))
    }

    /// The environment both authentik services share in `S0`.
    static let authentikEnvironment: [(String, EnvironmentValue)] = [
        ("AUTHENTIK_POSTGRESQL__HOST", .literal("postgres")),
        ("AUTHENTIK_POSTGRESQL__SSLMODE", .literal("disable")),
        ("AUTHENTIK_REDIS__HOST", .literal("redis_cache")),
        ("AUTHENTIK_REDIS__DB", .literal("1")),
        ("AUTHENTIK_REDIS__PASSWORD", .fileReference("file:///run/secrets/redis_password")),
        ("AUTHENTIK_SECRET_KEY", .fileReference("file:///run/secrets/authentik_secret_key")),
    ]

    private static func addAuthentik(_ name: String, to model: inout StackModel) {
        model.services.insert(
            Service(
                name: name, image: ImageReference(parsing: "ghcr.io/goauthentik/server:2025.8.4"),
                command: [name == "authentik_server" ? "server" : "worker"]))
        for (key, value) in authentikEnvironment {
            model.environment.insert(EnvironmentEntry(service: name, name: key, value: value))
        }
        for secret in ["redis_password", "authentik_secret_key"] {
            model.secretGrants.insert(SecretGrant(service: name, secret: secret))
        }
        let line = name == "authentik_server" ? 34 : 52
        for (target, key) in [
            ("postgres", "AUTHENTIK_POSTGRESQL__HOST"), ("redis_cache", "AUTHENTIK_REDIS__HOST"),
        ] {
            model.dependencies.insert(
                Dependency(
                    from: name, to: target, kind: .dependsOn, condition: "service_healthy",
                    source: "compose.yml:\(line)"))
            model.dependencies.insert(
                Dependency(from: name, to: target, kind: .environment, detail: key))
        }
        guard name == "authentik_server" else { return }
        model.routes.insert(
            Route(
                router: "authentik", definedBy: name, rule: "Host(`auth.example.com`)",
                hosts: ["auth.example.com"], backend: name, port: 9000))
        model.dependencies.insert(
            Dependency(from: "traefik", to: name, kind: .route, detail: "authentik"))
    }

    private static func addERPNext(_ model: inout StackModel) {
        for (name, key) in [
            ("erpnext_backend", "REDIS_CACHE"), ("erpnext_queue_short", "REDIS_QUEUE"),
        ] {
            model.services.insert(
                Service(name: name, image: ImageReference(parsing: "frappe/erpnext:v15.38.0")))
            model.environment.insert(
                EnvironmentEntry(service: name, name: key, value: .literal("redis_cache:6379")))
            model.dependencies.insert(
                Dependency(
                    from: name, to: "redis_cache", kind: .dependsOn, condition: "service_started"))
            model.dependencies.insert(
                Dependency(from: name, to: "redis_cache", kind: .environment, detail: key))
        }
    }

    /// The 2025.10.1 migration of `S0`, in the migration file format.
    static let upgradeYAML = """
        format: 1
        version: "2025.10.1"
        base: "2025.8.4"
        changes:
          - set_image: {services: [authentik_server, authentik_worker], tag: "2025.10.1"}
          - remove_environment:
              services: [authentik_server, authentik_worker]
              keys: ["AUTHENTIK_REDIS__*"]
          - revoke_secret: {services: [authentik_server, authentik_worker], secret: redis_password}
          - remove_dependency: {services: [authentik_server, authentik_worker], on: redis_cache}
          - set_connections: {clients: [authentik], database: postgres, expected: 12}
        requirements:
          - id: authentik-postgres-tls
            tls: {database: postgres, min_version: "1.3", or_extended_master_secret: true}
            reason: authentik 2025.10 needs TLS 1.3 or Extended Master Secret.
          - id: authentik-same-version
            same_version: [authentik_server, authentik_worker]
            reason: server and worker run the same release.
          - id: authentik-no-redis
            obsolete_environment:
              services: [authentik_server, authentik_worker]
              keys: ["AUTHENTIK_REDIS__*"]
            reason: authentik 2025.10 no longer reads Redis settings.
        irreversible:
          - id: authentik-schema-migrations
            kind: schema_migration
            database: postgres
            services: [authentik_server]
            description: authentik migrates its schema on first start.
        """

    static func migration(_ yaml: String, path: String = "field.yaml") throws -> Migration {
        try MigrationReader.read(bytes: Array(yaml.utf8), path: path)
    }

    static func plan(
        _ from: StackModel, _ to: StackModel, migration: Migration? = nil,
        labels: (String, String) = ("2025.8.4", "2025.10.1")
    ) throws -> Plan {
        try Planner.makePlan(
            PlanRequest(
                fromLabel: labels.0, from: from, toLabel: labels.1, to: to, migration: migration))
    }
}

extension Plan {
    /// The step with this id; records an issue when there is none.
    func step(
        _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Step {
        try #require(
            steps.first { $0.id == id }, "no step \(id) in \(steps.map(\.id))",
            sourceLocation: sourceLocation)
    }

    /// The position of a step; records an issue when there is none.
    func position(
        _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Int {
        try #require(
            steps.firstIndex { $0.id == id }, "no step \(id) in \(steps.map(\.id))",
            sourceLocation: sourceLocation)
    }

    /// The position of a rollback step; records an issue when there is none.
    func rollbackPosition(
        _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Int {
        try #require(
            rollback.firstIndex { $0.id == id }, "no rollback step \(id)",
            sourceLocation: sourceLocation)
    }

    /// Every command of every step and rollback step.
    var allCommands: [String] { (steps + rollback).flatMap(\.commands) }
}
