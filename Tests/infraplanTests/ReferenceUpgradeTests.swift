import Foundation
import Testing
import InfraModel

/// The reference upgrade end to end on the binary: plan, apply, rollback, impact, review.
@Suite struct ReferenceUpgradeTests {
    /// The placeholder values of `Examples/secrets/`; none may leak anywhere.
    static let canaries: [String] = {
        let folder = CLI.packageRoot.appendingPathComponent("Examples/secrets")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.compactMap { try? String(contentsOfFile: folder.appendingPathComponent($0).path, encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty } + ["placeholder-grafana-oauth-secret"]
    }()

    @Test func planListsTheReferenceStepsInOrder() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["plan", "2025.10.1", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        let rollbackStart = try #require(text.range(of: "Rollback (generated"))
        // The risks come first and name steps too; the order is the one under "Steps".
        let stepsStart = try #require(text.range(of: "\nSteps\n"))
        let steps = String(text[stepsStart.upperBound..<rollbackStart.lowerBound])
        let ordered = [
            "prerequisite authentik-postgres-tls  PASS",
            "connection budget of authentik_db: 8/100 -> 12/100",
            "keep redis_cache: erpnext_byrne, erpnext_dickinson still use it",
            "back up authentik_db",
            "configure authentik_server",
            "configure authentik_worker",
            "pull ghcr.io/goauthentik/server:2025.10.1",
            "stop authentik_worker",
            "restart authentik_server",
            "start authentik_worker again",
            "verify authentik_server",
            "email_verified",
        ]
        var cursor = steps.startIndex
        for needle in ordered {
            let found = try #require(steps.range(of: needle, range: cursor..<steps.endIndex), "'\(needle)' missing or out of order")
            cursor = found.upperBound
        }
        for service in ["authentik_server", "authentik_worker"] {
            let start = try #require(steps.range(of: "[configure] configure \(service)"))
            let block = steps[start.upperBound...].prefix { _ in true }.split(separator: "[", maxSplits: 1).first ?? ""
            for line in ["- environment AUTHENTIK_REDIS__HOST", "- environment AUTHENTIK_REDIS__PASSWORD",
                         "- secret redis_password", "- depends_on redis_cache", "~ image"] {
                #expect(block.contains(line), "configure \(service) lacks '\(line)'")
            }
        }
        #expect(steps.range(of: "authentik_db is up")!.lowerBound < steps.range(of: "restart authentik_server")!.lowerBound)
        let rollback = String(text[rollbackStart.lowerBound...])
        #expect(rollback.contains("restore authentik_db from backups/"))
        #expect(rollback.range(of: "restore authentik_db")!.lowerBound < rollback.range(of: "restore the configuration of authentik_server")!.lowerBound)
    }

    @Test func impactOfRedisCacheListsEveryUserWithKindAndLine() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["impact", "redis_cache", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        // Columns are padded to line up; compare with runs of spaces made single.
        let squeezed = result.stdout.replacing(/\ {2,}/, with: "  ")
        for line in [
            "erpnext_byrne  environment REDIS_CACHE  Examples/compose.yml:",
            "erpnext_dickinson  environment REDIS_CACHE  Examples/compose.yml:",
            "authentik_server  depends_on  Examples/compose.yml:",
            "authentik_server  environment AUTHENTIK_REDIS__HOST  Examples/compose.yml:",
            "authentik_worker  depends_on  Examples/compose.yml:",
        ] {
            #expect(squeezed.contains(line), "missing '\(line)' in:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("Direct dependents (4 services, 8 references):"))
    }

    @Test func everyRouteStopsWithTheProxy() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["impact", "traefik", "--state", state])
        #expect(result.stdout.hasPrefix("Impact of traefik in 2025.8.4: 0 direct, 0 transitive, 6 routes"))
        #expect(result.stdout.contains("Removing traefik breaks: route authentik, "), "\(result.stdout)")
    }

    @Test func impactOfAMigrationTargetBeforeItIsApplied() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        // The plan's keep-line points here: it must answer before the apply.
        let result = try CLI.run(["impact", "redis_cache", "--version", "2025.10.1", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 direct"), "\(result.stdout)")
        #expect(!result.stdout.contains("authentik_server "), "\(result.stdout)")
        let show = try CLI.run(["show", "2025.10.1", "--state", state])
        #expect(show.stdout.hasPrefix("homestack 2025.10.1 (not applied yet)"), "\(show.stdout)")
        let diff = try CLI.run(["diff", "2025.8.4", "2025.10.1", "--state", state])
        #expect(diff.stdout.contains("- environment AUTHENTIK_REDIS__HOST"), "\(diff.stdout)")
        let graph = try CLI.run(["graph", "--version", "2025.10.1", "--state", state])
        #expect(graph.status == 0 && !graph.stdout.contains("authentik_server\" -> \"redis_cache"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before)
    }

    @Test func applyThenRollbackReturnsToTheOriginalVersion() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try CLI.run(["show", "2025.8.4", "--json", "--state", state]).stdout
        #expect(try CLI.run(["plan", "2025.10.1", "--state", state]).status == 0)
        let apply = try CLI.run(["apply", "--state", state])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try CLI.run(["versions", "--state", state]).stdout.contains("* 2025.10.1"))
        let rollback = try CLI.run(["rollback", "--state", state])
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(try CLI.run(["versions", "--state", state]).stdout.contains("* 2025.8.4"))
        #expect(try CLI.run(["show", "2025.8.4", "--json", "--state", state]).stdout == original)
        #expect(try CLI.run(["diff", "2025.8.4", "2025.10.1", "--state", state]).stdout.contains("AUTHENTIK_REDIS__HOST"))
        let again = try CLI.run(["apply", "2025.10.1", "--yes", "--state", state])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CLI.run(["versions", "--state", state]).stdout.contains("* 2025.10.1"))
    }

    @Test func applyRefusesAPlanMadeBeforeTheStateMoved() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["plan", "2025.10.1", "--state", state]).status == 0)
        #expect(try CLI.run(["apply", "2025.10.1", "--yes", "--state", state]).status == 0)
        #expect(try CLI.run(["rollback", "--state", state]).status == 0)
        let stale = try CLI.run(["apply", "--state", state])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("stale"))
    }

    @Test func secretPlaceholdersAppearNowhere() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.canaries.count >= 4)
        var outputs = [try Data(contentsOf: CLI.packageRoot.appendingPathComponent("state.db.example"))]
        for arguments in [["plan", "2025.10.1", "--json"], ["plan", "2025.10.1"], ["review", "2025.10.1"],
                          ["show", "--json"], ["diff", "2025.8.4", "2025.8.4"]] {
            let result = try CLI.run(arguments + ["--state", state])
            outputs.append(Data((result.stdout + result.stderr).utf8))
        }
        #expect(try CLI.run(["apply", "--state", state]).status == 0)
        outputs.append(try Data(contentsOf: URL(fileURLWithPath: state)))
        for output in outputs {
            for canary in Self.canaries {
                #expect(output.range(of: Data(canary.utf8)) == nil, "canary '\(canary)' leaked")
            }
        }
    }
}
