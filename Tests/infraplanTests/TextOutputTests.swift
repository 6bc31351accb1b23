import Foundation
import Testing

/// The text of `diff`, `impact` and `show` for people: a summary first, grouped and sorted.
@Suite struct TextOutputTests {
    @Test func diffGroupsEachServiceOnceAndCountsByAction() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["apply", "2025.10.1", "--yes", "--state", state]).status == 0)
        let result = try CLI.run(["diff", "2025.8.4", "2025.10.1", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let json = try CLI.run(["diff", "2025.8.4", "2025.10.1", "--json", "--state", state]).stdout
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let actions = (document?["changes"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        let count = { (action: String) in actions.filter { $0 == action }.count }
        let header =
            "\(actions.count) differences between 2025.8.4 and 2025.10.1 "
            + "(+\(count("add")) ~\(count("modify")) -\(count("remove")))"
        #expect(actions.count > 10)
        #expect(lines.first?.hasPrefix(header) == true, "\(lines.first ?? "") != \(header)")
        let headers = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
        #expect(headers == ["  authentik_server", "  authentik_worker", "  (top level)"])
    }

    @Test func impactSummarisesFirstAndGivesTheRemovalVerdict() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let redis = try CLI.run(["impact", "redis_cache", "--state", state]).stdout
        #expect(
            redis.hasPrefix("Impact of redis_cache in 2025.8.4: 4 direct, 0 transitive, 3 routes\n")
        )
        #expect(
            redis.contains(
                "Removing redis_cache breaks: authentik_server, authentik_worker, erpnext_byrne"))
        let homarr = try CLI.run(["impact", "homarr", "--state", state]).stdout
        #expect(homarr.contains("Removing homarr breaks: route homarr."))
    }

    @Test func showNeverPrintsASecretAndKeepsSignInSettingsReadable() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let show = try CLI.run(["show", "--state", state]).stdout
        #expect(
            show.contains(
                "env GF_AUTH_GENERIC_OAUTH_AUTH_URL=https://sso.example.net/application/o/authorize/"
            ))
        #expect(show.contains("env GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET=<redacted>"))
        for canary in ReferenceUpgradeTests.canaries { #expect(!show.contains(canary)) }
    }
}
