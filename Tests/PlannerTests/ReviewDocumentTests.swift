import Foundation
import InfraModel
import Testing

@testable import Planner

/// The review document of the reference upgrade, each section checked against the plan it
/// comes from rather than against a stored copy of the text.
@Suite struct ReviewDocumentTests {
    /// The reference stack plus Grafana signing in through authentik, and a migration that
    /// names a notable dependency.
    static func makeReview(date: String = "2025-11-01") throws -> ReviewDocument {
        var migration = try MigrationReader.read(path: PlannerReferenceTests.migrationPath)
        migration.components[0].notable = [NotableChange(name: "Django", from: "5.1", to: "5.2")]
        var before = ReferenceModel.make()
        before.services.insert(
            Service(name: "grafana", image: ImageReference(parsing: "grafana/grafana-oss:11.2.2")))
        for (name, value) in [
            (
                "GF_AUTH_GENERIC_OAUTH_AUTH_URL",
                EnvironmentValue.literal("https://sso.example.net/application/o/authorize/")
            ),
            ("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET", .redacted),
        ] {
            before.environment.insert(
                EnvironmentEntry(service: "grafana", name: name, value: value))
        }
        before.routes.insert(
            Route(
                router: "grafana", definedBy: "grafana", rule: "Host(`grafana.example.net`)",
                hosts: ["grafana.example.net"], tls: true, backend: "grafana"))
        let after = try migration.apply(to: before)
        let plan = try Planner.makePlan(
            PlanRequest(
                fromLabel: "2025.8.4", from: before, toLabel: "2025.10.1", to: after,
                migration: migration))
        return ReviewDocument(plan: plan, before: before, after: after, date: date)
    }

    /// The section's text with every run of whitespace made one space, so wrapping does not matter.
    static func text(_ document: ReviewDocument, _ number: Int) -> String {
        let section = document.sections()[number - 1]
        return section.lines.joined(separator: "\n").split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Expects `needles` in `haystack` in this order.
    static func expectInOrder(
        _ needles: [String], in haystack: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var cursor = haystack.startIndex
        for needle in needles {
            guard let found = haystack.range(of: needle, range: cursor..<haystack.endIndex) else {
                Issue.record("'\(needle)' missing or out of order", sourceLocation: sourceLocation)
                return
            }
            cursor = found.upperBound
        }
    }

    @Test func hasElevenFilledSectionsInOrder() throws {
        let document = try Self.makeReview()
        let sections = document.sections()
        #expect(sections.map(\.title) == ReviewDocument.sectionTitles)
        #expect(sections.count == 11)
        let rendered = document.render()
        Self.expectInOrder(sections.map { "## \($0.number). \($0.title)" }, in: rendered)
        for section in sections {
            #expect(
                section.lines.filter { !$0.isEmpty }.count >= 2, "section \(section.number) is thin"
            )
        }
    }

    @Test func overviewGivesEveryComponentsVersionsAndNotableDependencies() throws {
        let document = try Self.makeReview()
        let overview = Self.text(document, 1)
        for component in try #require(document.plan.migration).components {
            #expect(overview.contains("| \(component.name) | \(component.from) | \(component.to)"))
            for notable in component.notable {
                #expect(
                    overview.contains(
                        "| \(notable.name) (in \(component.name)) | \(notable.from) | \(notable.to)"
                    ))
            }
        }
        #expect(overview.contains("Date: 2025-11-01"))
        #expect(overview.contains(PlanRenderer.summary(of: document.plan)))
    }

    @Test func breakingChangesGiveImpactAndThePlansAction() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 2)
        for note in document.after.notes where note.category == .breaking {
            #expect(text.contains("\(note.id): \(note.impact) impact"))
            let manual = try #require(
                document.plan.steps.firstIndex { $0.kind == .manual && $0.entity == note.id })
            #expect(text.contains("In the plan: step \(manual + 1), a manual step"))
        }
        let backup = try #require(document.plan.steps.firstIndex { $0.kind == .backup })
        #expect(text.contains("Before it: step \(backup + 1)"))
        let restore = try #require(
            document.plan.rollback.firstIndex { $0.commands.contains { $0.contains("pg_restore") } }
        )
        #expect(text.contains("Way back: rollback step \(restore + 1)"))
    }

    @Test func configurationChangesShowEachChangedKeyBeforeAndAfter() throws {
        let document = try Self.makeReview()
        let lines = document.sections()[2].lines
        for step in document.plan.steps where step.kind == .configure {
            let start = try #require(lines.firstIndex { $0.hasPrefix("### \(step.entity) ") })
            let rest = lines[(start + 1)...]
            let end = rest.firstIndex { $0.hasPrefix("### ") } ?? lines.endIndex
            let block = lines[start..<end]
            let beforeStart = try #require(block.firstIndex { $0.hasPrefix("Before (") })
            let afterStart = try #require(block.firstIndex { $0.hasPrefix("After (") })
            let beforeText = block[beforeStart..<afterStart].joined(separator: "\n")
            let afterText = block[afterStart...].joined(separator: "\n")
            for change in step.changes {
                switch change.entity {
                case .environment(let entry) where change.action == .remove:
                    #expect(beforeText.contains("\(entry.name): "))
                    #expect(afterText.contains("# \(entry.name): removed"))
                case .secretGrant(let grant) where change.action == .remove:
                    #expect(beforeText.contains("- \(grant.secret)"))
                    let isLast = !document.after.secretGrants.contains {
                        $0.service == grant.service
                    }
                    #expect(afterText.contains("# \(isLast ? "secrets" : grant.secret): removed"))
                case .service:
                    if case .service(let old)? = change.before,
                        case .service(let new)? = change.after
                    {
                        #expect(beforeText.contains("image: \(old.image?.description ?? "?")"))
                        #expect(afterText.contains("image: \(new.image?.description ?? "?")"))
                    }
                default: continue
                }
            }
        }
    }

    @Test func impactNamesKeptSharedServicesAndSignInApplications() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 4)
        for step in document.plan.steps where step.id.hasPrefix("check:keep:secret:") {
            #expect(text.contains("`\(step.entity)`"))
        }
        for step in document.plan.steps
        where step.id.hasPrefix("check:keep:") && !step.id.hasPrefix("check:keep:secret:") {
            #expect(text.contains("`\(step.entity)` stays"))
            let impact = try ImpactAnalyzer.impact(
                of: step.entity, in: document.after, version: "2025.10.1")
            for service in impact.directServices { #expect(text.contains("`\(service)`:")) }
        }
        let grafana = "`grafana` (https://grafana.example.net) signs in through `authentik_server`"
        #expect(text.contains(grafana + " at sso.example.net"))
        for step in document.plan.steps where step.kind == .restart {
            let number = try #require(document.number(of: step.id))
            #expect(text.contains("| \(step.entity) | \(number) | restart |"))
        }
    }

    @Test func budgetTableCarriesEveryClientOfTheBudgetCheck() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 5)
        let checks = document.plan.steps.filter { $0.id.hasPrefix("check:budget:") }
        #expect(!checks.isEmpty)
        for check in checks {
            let budget = try #require(
                ConnectionBudget.compute(
                    database: check.entity, before: document.before, after: document.after))
            for line in budget.lines {
                let numbers = [line.before, line.after].map { $0.map(String.init) ?? "-" }
                let row = "| \(line.client) | \(numbers[0]) | \(numbers[1]) |"
                #expect(text.contains(row), "missing row \(row)")
            }
            #expect(text.contains("| total | \(budget.totalBefore) | \(budget.totalAfter) |"))
            let usableBefore = budget.maxBefore - budget.reserved
            #expect(text.contains("| usable limit | \(usableBefore) | \(budget.usableAfter) |"))
            #expect(text.contains("Verdict: \(check.outcome?.rawValue ?? "?")"))
        }
    }

    @Test func prerequisitesListEveryCheckWithItsResult() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 6)
        for (index, step) in document.plan.steps.enumerated() {
            guard let outcome = step.outcome else { continue }
            #expect(
                text.contains(
                    Self.collapse(
                        "**\(ReviewDocument.badge(outcome))** \(step.title) (step \(index + 1))")))
        }
    }

    @Test func procedureHasEveryStepInPlanOrderWithItsCommands() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 7)
        let steps = document.plan.steps
        Self.expectInOrder(
            steps.enumerated().map {
                Self.collapse(
                    "\($0.offset + 1). **\($0.element.kind.rawValue)**: \($0.element.title)")
            },
            in: text)
        Self.expectInOrder(steps.flatMap(\.commands), in: text)
    }

    @Test func verificationHasEveryCommandAndTheConnectionQuery() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 8)
        for step in document.plan.steps where step.kind == .verify {
            for command in step.commands { #expect(text.contains(Self.collapse(command))) }
        }
        #expect(text.contains("SELECT count(*) FROM pg_stat_activity WHERE datname = 'postgres'"))
    }

    @Test func testingChecklistHasEveryRouteHostAndSignInApplication() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 9)
        for route in document.after.routes {
            let scheme = route.tls || route.certResolver != nil ? "https" : "http"
            for host in route.hosts {
                #expect(text.contains("- [ ] \(scheme)://\(host) answers (route \(route.router)"))
            }
        }
        #expect(
            text.contains(
                "- [ ] sign in to `grafana` at https://grafana.example.net through sso.example.net")
        )
    }

    @Test func rollbackHasEveryStepInOrderAndRestoresTheBackup() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 10)
        let steps = document.plan.rollback
        Self.expectInOrder(
            steps.enumerated().map {
                Self.collapse(
                    "\($0.offset + 1). **\($0.element.kind.rawValue)**: \($0.element.title)")
            },
            in: text)
        Self.expectInOrder(steps.flatMap(\.commands), in: text)
        #expect(text.contains("**restores the backup** taken in procedure step"))
    }

    @Test func knownWarningsCarryEveryOtherNote() throws {
        let document = try Self.makeReview()
        let text = Self.text(document, 11)
        for note in document.after.notes where note.category != .breaking {
            #expect(text.contains(Self.collapse(note.text)))
        }
    }

    @Test func sameDocumentEveryTimeApartFromTheDate() throws {
        let first = try Self.makeReview().render()
        #expect(first == (try Self.makeReview().render()))
        let later = try Self.makeReview(date: "2026-01-31").render()
        #expect(first.replacingOccurrences(of: "2025-11-01", with: "2026-01-31") == later)
    }

    /// The reference upgrade on a model changed by `edit` first.
    static func makeReview(editing edit: (inout StackModel) -> Void) throws -> ReviewDocument {
        let migration = try MigrationReader.read(path: PlannerReferenceTests.migrationPath)
        var before = ReferenceModel.make()
        edit(&before)
        let after = try migration.apply(to: before)
        let plan = try Planner.makePlan(
            PlanRequest(
                fromLabel: "2025.8.4", from: before, toLabel: "2025.10.1", to: after,
                migration: migration))
        return ReviewDocument(plan: plan, before: before, after: after, date: "2025-11-01")
    }

    @Test func undecidablePrerequisitesCarryTheCommandToRun() throws {
        let document = try Self.makeReview { model in model.databases["authentik_db"]?.version = nil
        }
        let manual = try #require(document.plan.steps.firstIndex { $0.outcome == .manual })
        let step = document.plan.steps[manual]
        let lines = document.sections()[5].lines
        let item = try #require(lines.firstIndex { $0.contains("**CHECK BY HAND** \(step.title)") })
        let fence = try #require(lines[item...].firstIndex { $0.hasSuffix("```sh") })
        for (offset, command) in step.commands.enumerated() {
            #expect(lines[fence + 1 + offset].trimmingCharacters(in: .whitespaces) == command)
        }
        #expect(Self.text(document, 1).contains("1 to check by hand"))
    }

    @Test func aBlockedPlanSaysSoInTheOverviewAndPrerequisites() throws {
        let document = try Self.makeReview { model in
            model.databases["authentik_db"]?.maxConnections = 10
        }
        #expect(document.plan.isBlocked)
        #expect(Self.text(document, 1).contains("Verdict: BLOCKED, apply refuses this plan"))
        #expect(Self.text(document, 6).contains("**BLOCKED** connection budget of authentik_db"))
        #expect(Self.text(document, 5).contains("Verdict: block"))
    }

    @Test func composeExcerptQuotesWhatYAMLWouldMisread() {
        #expect(YAMLText.scalar("1") == "\"1\"")
        #expect(YAMLText.scalar("80:80") == "\"80:80\"")
        #expect(YAMLText.scalar("yes") == "\"yes\"")
        #expect(YAMLText.scalar("redis_cache") == "redis_cache")
        #expect(YAMLText.scalar("a: b") == "\"a: b\"")
        #expect(YAMLText.scalar("Host(`x`)") == "\"Host(`x`)\"")
        #expect(
            YAMLText.flow(["CMD-SHELL", "pg_isready -U \"a\""])
                == #"["CMD-SHELL", "pg_isready -U \"a\""]"#)
    }

    @Test func markdownWrapNeverStartsALineWithAListMarker() {
        let words = Array(repeating: "word", count: 22).joined(separator: " ") + " - 12. # tail"
        for line in Markdown.wrap(words) {
            #expect(!line.hasPrefix("- ") && !line.hasPrefix("12. ") && !line.hasPrefix("#"))
        }
        let table = Markdown.table(["a", "bb"], [["long value", "1"]], numeric: [1])
        #expect(table == ["| a          |  bb |", "| ---------- | --: |", "| long value |   1 |"])
    }
}
