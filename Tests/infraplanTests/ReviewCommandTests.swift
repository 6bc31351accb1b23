import Foundation
import InfraModel
import Planner
import Testing

/// `infraplan review` on the example stack, each section checked against the plan that
/// `infraplan plan --json` gives for the same target.
@Suite struct ReviewCommandTests {
    /// The review's sections by number, each with whitespace runs collapsed so wrapping does not
    /// matter, and the plan it must agree with.
    struct Reviewed {
        var document: String
        var sections: [Int: String]
        var plan: Plan
    }

    static func review(date: String = "2025-11-01") throws -> Reviewed {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let planResult = try CLI.run(["plan", "2025.10.1", "--json", "--state", state])
        #expect(planResult.status == 0, "\(planResult.stderr)")
        let plan = try JSONCoding.decode(Plan.self, from: planResult.stdout)
        let result = try CLI.run(["review", "2025.10.1", "--date", date, "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        return Reviewed(document: result.stdout, sections: sections(of: result.stdout), plan: plan)
    }

    /// Splits a review at its `## N. Title` headings.
    static func sections(of document: String) -> [Int: String] {
        var sections: [Int: [String]] = [:]
        var current: Int?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## "), let number = Int(line.dropFirst(3).prefix { $0.isNumber }) {
                current = number
                sections[number] = [String(line)]
            } else if let current {
                sections[current, default: []].append(String(line))
            }
        }
        return sections.mapValues { collapse($0.joined(separator: "\n")) }
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func expectInOrder(
        _ needles: [String], in haystack: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var cursor = haystack.startIndex
        for needle in needles.map(collapse) {
            guard let found = haystack.range(of: needle, range: cursor..<haystack.endIndex) else {
                Issue.record("'\(needle)' missing or out of order", sourceLocation: sourceLocation)
                return
            }
            cursor = found.upperBound
        }
    }

    @Test func everySectionIsPresentAndFilled() throws {
        let reviewed = try Self.review()
        let titles = [
            "Overview", "Breaking changes", "Configuration changes", "Impact", "Connection budget",
            "Prerequisites", "Procedure", "Verification and monitoring", "Testing checklist",
            "Rollback",
            "Known warnings",
        ]
        for (index, title) in titles.enumerated() {
            let section = try #require(reviewed.sections[index + 1], "section \(index + 1) missing")
            #expect(section.hasPrefix("## \(index + 1). \(title)"))
            #expect(section.count > 120, "section \(index + 1) is nearly empty: \(section)")
            #expect(!section.contains("None."))
        }
    }

    @Test func overviewAndBreakingChangesFollowTheMigration() throws {
        let reviewed = try Self.review()
        let overview = try #require(reviewed.sections[1])
        let migration = try #require(reviewed.plan.migration)
        for component in migration.components {
            #expect(
                overview.contains("| \(component.name) | \(component.from) | \(component.to) |"))
        }
        #expect(overview.contains("Date: 2025-11-01"))
        let breaking = try #require(reviewed.sections[2])
        for note in migration.notes where note.category == .breaking {
            #expect(breaking.contains("\(note.id): \(note.impact) impact"))
            let step = try #require(
                reviewed.plan.steps.firstIndex { $0.kind == .manual && $0.entity == note.id })
            #expect(breaking.contains("In the plan: step \(step + 1)"))
        }
    }

    @Test func configurationShowsTheRedisKeysLeavingAuthentik() throws {
        let reviewed = try Self.review()
        let configuration = try #require(reviewed.sections[3])
        for step in reviewed.plan.steps where step.kind == .configure {
            #expect(configuration.contains("### \(step.entity) (procedure step"))
            for change in step.changes {
                guard case .environment(let entry) = change.entity, change.action == .remove else {
                    continue
                }
                #expect(configuration.contains("# \(entry.name): removed"))
            }
        }
        #expect(configuration.contains("image: ghcr.io/goauthentik/server:2025.8.4"))
        #expect(configuration.contains("image: ghcr.io/goauthentik/server:2025.10.1"))
        #expect(configuration.contains("AUTHENTIK_REDIS__DB: \"1\""))
    }

    @Test func impactKeepsRedisForERPNextAndNamesGrafana() throws {
        let reviewed = try Self.review()
        let impact = try #require(reviewed.sections[4])
        let keep = try #require(reviewed.plan.steps.first { $0.id == "check:keep:redis_cache" })
        #expect(impact.contains("`\(keep.entity)` stays"))
        for user in ["erpnext_byrne", "erpnext_dickinson"] {
            #expect(impact.contains("`\(user)`: environment"))
        }
        #expect(
            impact.contains(
                "`grafana` (https://grafana.example.net) signs in through `authentik_server`"))
    }

    @Test func budgetTableMatchesTheBudgetCheck() throws {
        let reviewed = try Self.review()
        let budget = try #require(reviewed.sections[5])
        let check = try #require(reviewed.plan.steps.first { $0.id.hasPrefix("check:budget:") })
        for detail in check.details
        where detail.contains(": ") && detail.contains(" -> ") && !detail.hasPrefix("total") {
            let client = String(detail.prefix { $0 != ":" })
            let numbers = detail.dropFirst(client.count + 2).split(separator: " ")
            #expect(
                budget.contains("| \(client) | \(numbers[0]) | \(numbers[2]) |"),
                "no row for \(detail)")
        }
        #expect(budget.contains("| total | 8 | 12 | +4 |"))
        #expect(budget.contains("| usable limit | 97 | 97 |"))
    }

    @Test func prerequisitesProcedureAndRollbackFollowThePlan() throws {
        let reviewed = try Self.review()
        let checks = try #require(reviewed.sections[6])
        for (index, step) in reviewed.plan.steps.enumerated() where step.outcome != nil {
            #expect(checks.contains(Self.collapse("\(step.title) (step \(index + 1))")))
        }
        let procedure = try #require(reviewed.sections[7])
        let steps = reviewed.plan.steps
        Self.expectInOrder(
            steps.enumerated().map {
                "\($0.offset + 1). **\($0.element.kind.rawValue)**: \($0.element.title)"
            }, in: procedure)
        Self.expectInOrder(steps.flatMap(\.commands), in: procedure)
        let rollback = try #require(reviewed.sections[10])
        let undo = reviewed.plan.rollback
        Self.expectInOrder(
            undo.enumerated().map {
                "\($0.offset + 1). **\($0.element.kind.rawValue)**: \($0.element.title)"
            }, in: rollback)
        Self.expectInOrder(undo.flatMap(\.commands), in: rollback)
        #expect(rollback.contains("pg_restore -U authentik -d postgres --clean --if-exists --create"))
        #expect(rollback.contains("**restores the backup** taken in procedure step"))
    }

    @Test func verificationChecklistAndWarningsAreConcrete() throws {
        let reviewed = try Self.review()
        let verification = try #require(reviewed.sections[8])
        for step in reviewed.plan.steps where step.kind == .verify {
            for command in step.commands { #expect(verification.contains(Self.collapse(command))) }
        }
        #expect(
            verification.contains(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'authentik'"))
        let checklist = try #require(reviewed.sections[9])
        for host in [
            "auth.example.net", "sso.example.net", "byrne.example.net", "dickinson.example.net",
            "erp.example.org", "grafana.example.net", "home.example.net", "portainer.example.net",
        ] {
            #expect(checklist.contains("- [ ] https://\(host) answers"))
        }
        #expect(
            checklist.contains(
                "- [ ] sign in to `grafana` at https://grafana.example.net through sso.example.net")
        )
        let warnings = try #require(reviewed.sections[11])
        for note in try #require(reviewed.plan.migration).notes where note.category != .breaking {
            #expect(warnings.contains(Self.collapse(note.text)))
        }
    }

    @Test func noSecretValueAndTheSameDocumentApartFromTheDate() throws {
        let first = try Self.review()
        for canary in ReferenceUpgradeTests.canaries {
            #expect(!first.document.contains(canary), "canary '\(canary)' leaked")
        }
        #expect(try Self.review().document == first.document)
        let later = try Self.review(date: "2026-02-28").document
        #expect(first.document.replacingOccurrences(of: "2025-11-01", with: "2026-02-28") == later)
    }

    @Test func writesTheFileAndRefusesAMalformedDate() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("review.md").path
        let written = try CLI.run([
            "review", "2025.10.1", "--out", out, "--date", "2025-11-01", "--state", state,
        ])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(
            try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# Change review: homestack")
        )
        let bad = try CLI.run(["review", "2025.10.1", "--date", "1 Nov 2025", "--state", state])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'--date 1 Nov 2025' is not a date in the form YYYY-MM-DD"))
    }
}
