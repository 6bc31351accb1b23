import Foundation
import Testing

@testable import InfraModel

/// The authentik releases of the corpus: what the upgrade planner reads from them.
@Suite struct ComposeAuthentikCorpusTests {
    static let canaries = ["PG_PASS": "canary-pg-5e1d", "AUTHENTIK_SECRET_KEY": "canary-key-77b0"]

    static func load(_ version: String, file: String = "docker-compose.yml") throws -> ComposeImport
    {
        let workspace = try CorpusWorkspace(withOverlay: true)
        defer { workspace.remove() }
        return try ComposeImporter.load(
            ComposeImportRequest(
                files: [workspace.path("goauthentik__authentik@\(version)/\(file)")],
                environment: canaries))
    }

    @Test func before2025_10ServerAndWorkerNeedRedis() throws {
        let model = try Self.load("2025.8.4").model
        #expect(model.serviceNames == ["postgresql", "redis", "server", "worker"])
        for client in ["server", "worker"] {
            let toRedis = model.dependencies(of: client).filter { $0.to == "redis" }
            #expect(Set(toRedis.map(\.kind)) == [.dependsOn, .environment])
            #expect(toRedis.first { $0.kind == .environment }?.detail == "AUTHENTIK_REDIS__HOST")
        }
        #expect(
            model.environment[
                EnvironmentEntry.Key(service: "server", name: "AUTHENTIK_REDIS__HOST")]?.value
                == .literal("redis"))
        #expect(model.services["server"]?.image?.tag == "2025.8.4")
        #expect(model.databases["postgresql"]?.version == "16")
        #expect(model.databases["postgresql"]?.isLimitAssumed == true)
    }

    @Test func from2025_10RedisIsGone() throws {
        let result = try Self.load("2025.10.1")
        #expect(result.model.serviceNames == ["postgresql", "server", "worker"])
        #expect(!result.model.dependencies.contains { $0.to == "redis" })
        #expect(result.model.services["worker"]?.image?.tag == "2025.10.1")
        #expect(
            result.warnings.contains {
                $0.code == "implicit-limits" && $0.message.contains("max_connections")
            })
    }

    @Test(arguments: ["2023.10.7", "2024.12.3", "2025.8.4", "2025.10.1", "2025.12.0"])
    func passwordsAndKeysNeverReachTheModel(_ version: String) throws {
        let result = try Self.load(version)
        let json = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
        for canary in Self.canaries.values { #expect(!json.contains(canary)) }
        let password = result.model.environment[
            EnvironmentEntry.Key(service: "server", name: "AUTHENTIK_POSTGRESQL__PASSWORD")]
        #expect(password?.value == .redacted)
        #expect(password?.origin == .interpolated)
        #expect(result.inputs.contains { $0.path.hasSuffix("/.env") })
    }

    @Test func theMovedFileUsesItsOwnFolder() throws {
        let result = try Self.load("2026.2.2", file: "lifecycle/container/compose.yml")
        #expect(result.model.serviceNames == ["postgresql", "server", "worker"])
        #expect(result.model.project == "container")
        #expect(result.inputs.contains { $0.path.hasSuffix("lifecycle/container/.env") })
    }
}
