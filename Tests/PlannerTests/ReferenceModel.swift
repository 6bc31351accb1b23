import InfraModel

/// A hand-built model of the reference stack, for planner tests that must not
/// depend on the compose importer.
enum ReferenceModel {
    static func make() -> StackModel {
        var model = StackModel(project: "homestack")
        let authentik = ImageReference(parsing: "ghcr.io/goauthentik/server:2025.8.4")
        model.services.insert(Service(name: "authentik_db", image: ImageReference(parsing: "postgres:16.4-alpine")))
        model.services.insert(Service(name: "redis_cache", image: ImageReference(parsing: "redis:7.2.5-alpine")))
        for name in ["authentik_server", "authentik_worker"] {
            model.services.insert(Service(name: name, image: authentik))
            model.environment.insert(EnvironmentEntry(service: name, name: "AUTHENTIK_REDIS__HOST", value: .literal("redis_cache")))
            model.environment.insert(EnvironmentEntry(service: name, name: "AUTHENTIK_REDIS__DB", value: .literal("1")))
            model.environment.insert(EnvironmentEntry(service: name, name: "AUTHENTIK_POSTGRESQL__HOST", value: .literal("authentik_db")))
            model.secretGrants.insert(SecretGrant(service: name, secret: "redis_password"))
            model.dependencies.insert(Dependency(from: name, to: "authentik_db", kind: .dependsOn, condition: "service_healthy"))
            model.dependencies.insert(Dependency(from: name, to: "redis_cache", kind: .dependsOn, condition: "service_healthy"))
            model.dependencies.insert(Dependency(from: name, to: "redis_cache", kind: .environment, detail: "AUTHENTIK_REDIS__HOST"))
            model.dependencies.insert(Dependency(from: name, to: "authentik_db", kind: .environment, detail: "AUTHENTIK_POSTGRESQL__HOST"))
            model.connections.insert(ConnectionEstimate(client: name, database: "authentik_db", expected: 4, origin: .declared))
        }
        for name in ["erpnext_byrne", "erpnext_dickinson"] {
            model.services.insert(Service(name: name, image: ImageReference(parsing: "frappe/erpnext:v15.38.0")))
            model.environment.insert(EnvironmentEntry(service: name, name: "REDIS_CACHE", value: .literal("redis://redis_cache:6379/0")))
            model.dependencies.insert(Dependency(from: name, to: "redis_cache", kind: .environment, detail: "REDIS_CACHE"))
        }
        model.secrets.insert(Secret(name: "redis_password", origin: .file("./secrets/redis_password.txt")))
        model.secretGrants.insert(SecretGrant(service: "redis_cache", secret: "redis_password"))
        model.databases.insert(Database(
            service: "authentik_db", engine: "postgres", version: "16", maxConnections: 100, reservedConnections: 3,
            tls: TLSSettings(isEnabled: true, minimumVersion: "1.2")))
        model.routes.insert(Route(router: "authentik", definedBy: "authentik_server", rule: "Host(`sso.example.net`) || Host(`auth.example.net`)",
            hosts: ["auth.example.net", "sso.example.net"], backend: "authentik_server", port: 9000))
        return model
    }
}
