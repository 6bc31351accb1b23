import Foundation
import Testing

@testable import InfraModel

/// The project's own example stack, `Examples/compose.yml`, as the planner relies on it.
@Suite struct ComposeExampleTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() throws -> ComposeImport {
        let file = repository.appendingPathComponent("Examples/compose.yml").path
        return try ComposeImporter.load(ComposeImportRequest(files: [file]))
    }

    @Test func readsEveryService() throws {
        let model = try Self.load().model
        #expect(
            model.serviceNames == [
                "authentik_db", "authentik_server", "authentik_worker", "erpnext_byrne",
                "erpnext_dickinson",
                "grafana", "homarr", "portainer", "redis_cache", "traefik",
            ])
        #expect(model.services.allSatisfy { $0.isActive })
        #expect(model.project == "homestack")
        let server = try #require(model.services["authentik_server"])
        #expect(
            server.image
                == ImageReference(repository: "ghcr.io/goauthentik/server", tag: "2025.8.4"))
        #expect(server.command == ["server"])
        #expect(server.labels["traefik.enable"] == "true")
    }

    @Test func authentikDependsOnDatabaseAndRedisBothWays() throws {
        let model = try Self.load().model
        for client in ["authentik_server", "authentik_worker"] {
            for target in ["authentik_db", "redis_cache"] {
                let kinds = Set(
                    model.dependencies(of: client).filter { $0.to == target }.map(\.kind))
                #expect(kinds == [.dependsOn, .environment], "\(client) -> \(target)")
            }
            let healthy = model.dependencies(of: client).filter { $0.kind == .dependsOn }.map(
                \.condition)
            #expect(healthy == ["service_healthy", "service_healthy"])
        }
        let redisEdge = try #require(
            model.dependencies[
                Dependency.Key(
                    from: "authentik_server", to: "redis_cache", kind: .environment,
                    detail: "AUTHENTIK_REDIS__HOST")])
        #expect(redisEdge.source?.hasSuffix("Examples/compose.yml:13") == true)
    }

    @Test func erpnextReachesRedisThroughItsEnvironmentOnly() throws {
        let result = try Self.load()
        for client in ["erpnext_byrne", "erpnext_dickinson"] {
            let edges = result.model.dependencies(of: client)
            #expect(Set(edges.map(\.to)) == ["redis_cache"])
            #expect(edges.allSatisfy { $0.kind == .environment })
            #expect(Set(edges.map(\.detail)) == ["REDIS_CACHE", "REDIS_QUEUE"])
        }
        let undeclared = result.warnings.filter { $0.code == "undeclared-dependency" }.map(
            \.message)
        #expect(undeclared.count == 2)
        #expect(undeclared.allSatisfy { $0.contains("redis_cache") })
        let dependents = Set(result.model.dependents(of: "redis_cache").map(\.from))
        #expect(
            dependents == [
                "authentik_server", "authentik_worker", "erpnext_byrne", "erpnext_dickinson",
            ])
    }

    @Test func authentikRouteMatchesBothHosts() throws {
        let route = try #require(try Self.load().model.routes["authentik"])
        #expect(route.hosts == ["auth.example.net", "sso.example.net"])
        #expect(route.definedBy == "authentik_server")
        #expect(route.backend == "authentik_server")
        #expect(route.port == 9000)
        #expect(route.entrypoints == ["websecure"])
        #expect(route.tls && route.certResolver == "le")
        #expect(route.rule == "Host(`sso.example.net`) || Host(`auth.example.net`)")
    }

    @Test func databaseLimitsComeFromTheCommand() throws {
        let model = try Self.load().model
        let database = try #require(model.databases["authentik_db"])
        #expect(database.engine == "postgres")
        #expect(database.version == "16")
        #expect(database.maxConnections == 100)
        #expect(!database.isLimitAssumed)
        #expect(database.reservedConnections == 3)
        #expect(database.tls == TLSSettings(isEnabled: true, minimumVersion: "1.2"))
        let estimates = model.connections.filter { $0.database == "authentik_db" }
        #expect(estimates.map(\.client) == ["authentik_server", "authentik_worker"])
        #expect(estimates.map(\.expected) == [4, 4])
        #expect(estimates.allSatisfy { $0.origin == .declared })
    }

    @Test func secretsAreNamesAndSourcesNeverValues() throws {
        let result = try Self.load()
        #expect(
            result.model.secrets.map(\.name) == [
                "authentik_secret_key", "postgres_password", "redis_password",
            ])
        #expect(
            result.model.secrets["redis_password"]?.origin == .file("./secrets/redis_password.txt"))
        let grants = result.model.secretGrants.filter { $0.service == "authentik_server" }.map(
            \.secret)
        #expect(grants == ["authentik_secret_key", "postgres_password", "redis_password"])

        let json = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
        #expect(!json.contains("CANARY"))
        #expect(!json.contains("placeholder-grafana-oauth-secret"))
        let secretFiles = try FileManager.default.contentsOfDirectory(
            atPath: Self.repository.appendingPathComponent("Examples/secrets").path)
        for file in secretFiles {
            let text = try String(
                contentsOf: Self.repository.appendingPathComponent("Examples/secrets/\(file)"),
                encoding: .utf8)
            #expect(!json.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        #expect(!result.inputs.contains { $0.path.contains("/secrets/") })
    }

    @Test func recordsTheFileItRead() throws {
        let inputs = try Self.load().inputs
        #expect(inputs.count == 1)
        #expect(inputs[0].path.hasSuffix("Examples/compose.yml"))
        #expect(inputs[0].sha256.count == 64)
    }
}
