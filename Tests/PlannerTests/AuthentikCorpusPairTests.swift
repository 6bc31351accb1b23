// Planner properties on real compose files: consecutive authentik releases
// from the corpus (Tests/Fixtures/corpus/compose/goauthentik__authentik@*),
// read by the compose importer.
import Foundation
import InfraModel
import Testing
@testable import Planner

@Suite struct AuthentikCorpusPairTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus/compose")

    /// Values the compose files require; none may appear in a plan.
    static let canaries = [
        "PG_PASS": "canary-pg-pass-7f3a", "AUTHENTIK_SECRET_KEY": "canary-secret-key-91c2",
    ]

    /// The corpus's authentik releases, oldest first, with their compose file.
    static func releases() throws -> [(version: String, file: URL)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasPrefix("goauthentik__authentik@") }
        let releases = try names.compactMap { name -> (String, URL)? in
            let version = String(name.dropFirst("goauthentik__authentik@".count))
            return try composeFile(in: corpus.appendingPathComponent(name)).map {
                (version, $0)
            }
        }
        return releases.sorted { left, right in
            (Version(left.0)?.components ?? []).lexicographicallyPrecedes(
                Version(right.0)?.components ?? [])
        }
    }

    /// `docker-compose.yml` at the top, else the first `compose.yml` below (2026.2 moved it).
    static func composeFile(in directory: URL) throws -> URL? {
        let top = directory.appendingPathComponent("docker-compose.yml")
        if FileManager.default.fileExists(atPath: top.path) { return top }
        let found = FileManager.default.enumerator(atPath: directory.path)?
            .compactMap { $0 as? String }.sorted().first { $0.hasSuffix("compose.yml") }
        return found.map { directory.appendingPathComponent($0) }
    }

    /// Imports a release from a scratch folder holding its file and a `.env` with the canaries.
    static func load(_ file: URL) throws -> StackModel {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraplan-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let compose = folder.appendingPathComponent("docker-compose.yml")
        try FileManager.default.copyItem(at: file, to: compose)
        let env = folder.appendingPathComponent(".env")
        let lines = canaries.keys.sorted().map { "\($0)=\(canaries[$0] ?? "")" }
        try (lines.joined(separator: "\n") + "\n").write(
            to: env, atomically: true, encoding: .utf8)
        let request = ComposeImportRequest(
            files: [compose.path], environment: [:], envFiles: [env.path], profiles: [],
            projectName: "authentik")
        return try ComposeImporter.load(request).model
    }

    @Test func consecutiveReleasesPlanExactlyAndInOrder() throws {
        let releases = try Self.releases()
        #expect(releases.count >= 5, "corpus releases: \(releases.map(\.version))")
        for (older, newer) in zip(releases, releases.dropFirst()) {
            let before = try Self.load(older.file)
            let after = try Self.load(newer.file)
            let plan = try Planner.makePlan(
                PlanRequest(
                    fromLabel: older.version, from: before, toLabel: newer.version, to: after))
            let problems = PlanProperties(plan: plan, before: before, after: after).violations()
            #expect(problems.isEmpty, "\(older.version) -> \(newer.version): \(problems)")
            #expect(!plan.blockers.contains { $0.hasPrefix("dangling") }, "\(plan.blockers)")
            let again = try Planner.makePlan(
                PlanRequest(
                    fromLabel: older.version, from: before, toLabel: newer.version, to: after))
            #expect(try JSONCoding.encode(plan) == JSONCoding.encode(again))
            let text = try JSONCoding.encode(plan) + PlanRenderer().render(plan)
            for canary in Self.canaries.values {
                #expect(!text.contains(canary), "a secret value leaked")
            }
        }
    }

    @Test func theRedisRemovalRelease() throws {
        let releases = try Self.releases()
        let older = try #require(releases.first { $0.version == "2025.8.4" })
        let newer = try #require(releases.first { $0.version == "2025.10.1" })
        let plan = try Planner.makePlan(
            PlanRequest(
                fromLabel: older.version, from: try Self.load(older.file),
                toLabel: newer.version,
                to: try Self.load(newer.file)))
        let ids = plan.steps.map(\.id)
        #expect(ids.contains("stop:redis") && ids.contains("remove:redis"))
        // The server stops (or restarts without Redis) before Redis goes.
        let server = try #require(
            ids.firstIndex { $0 == "restart:server" || $0 == "stop:server" })
        #expect(try server < plan.position("stop:redis"))
        #expect(
            plan.steps.first { $0.id == "remove:volume:redis" }?.details
                .contains { $0.hasPrefix("the volume's data is kept") } == true)
        #expect(!plan.allCommands.contains { $0.contains("--remove-orphans") })
    }
}
