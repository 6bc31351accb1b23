import InfraModel

/// The change-review document for a plan: what a careful operator writes by
/// hand before an upgrade, made from the model, the migration and the plan.
///
/// Markdown that reads as plain text. It holds no secret values: everything
/// in it comes from the model, which keeps none.
public struct ReviewDocument {
    public let plan: Plan
    public let before: StackModel
    public let after: StackModel
    /// The date printed in the overview (`YYYY-MM-DD`).
    public let date: String

    public init(plan: Plan, before: StackModel, after: StackModel, date: String) {
        self.plan = plan
        self.before = before
        self.after = after
        self.date = date
    }

    public func render() -> String {
        let sections = [
            overview(), breakingChanges(), configurationChanges(), impact(), connectionBudget(),
            prerequisites(), procedure(), verification(), testingChecklist(), rollback(),
            knownWarnings(),
        ]
        return sections.joined(separator: "\n")
    }

    func section(_ number: Int, _ title: String, _ body: [String]) -> String {
        (["## \(number). \(title)", ""] + (body.isEmpty ? ["None."] : body) + [""]).joined(
            separator: "\n")
    }

    func overview() -> String {
        var lines = [
            "# Change review: \(plan.project) \(plan.from) -> \(plan.to)", "",
            "## 1. Overview", "",
            "- Stack: \(plan.project)",
            "- From version: \(plan.from)",
            "- To version: \(plan.to)",
            "- Date: \(date)",
            "- Plan: \(PlanRenderer.summary(of: plan))\(plan.isBlocked ? " - BLOCKED" : "")",
        ]
        if let migration = plan.migration {
            lines.append("- Migration: \(migration.path) (sha256 \(migration.sha256.prefix(12)))")
            for component in migration.components {
                lines.append(
                    "- \(component.name): \(component.from) -> \(component.to) (\(component.services.joined(separator: ", ")))"
                )
                for notable in component.notable {
                    lines.append("  - \(notable.name): \(notable.from) -> \(notable.to)")
                }
            }
        }
        for (name, change) in imageChanges() {
            lines.append("- Image of \(name): \(change)")
        }
        return (lines + [""]).joined(separator: "\n")
    }

    func imageChanges() -> [(String, String)] {
        after.services.compactMap { service in
            guard let old = before.services[service.name], old.image != service.image else {
                return nil
            }
            return (
                service.name,
                "\(old.image?.description ?? "-") -> \(service.image?.description ?? "-")"
            )
        }
    }

    func breakingChanges() -> String {
        let notes = after.notes.filter { $0.category == .breaking }
        return section(
            2, "Breaking changes",
            notes.map { note in
                let action =
                    plan.steps.first { $0.id == "manual:\(note.id)" }.map {
                        "manual step: \($0.title)"
                    } ?? "no step"
                return
                    "- **\(note.impact) impact** - \(note.text)\n  - Action: \(note.action ?? "none")\n  - In the plan: \(action)"
            })
    }

    func configurationChanges() -> String {
        var lines: [String] = []
        for step in plan.steps where step.kind == .configure || step.kind == .remove {
            lines += ["### \(step.entity)", "", "```diff"] + step.details + ["```", ""]
        }
        return section(3, "Configuration changes", lines)
    }

    func impact() -> String {
        var lines = plan.steps.filter {
            $0.kind == .restart || $0.kind == .start || $0.kind == .stop
        }
        .map { "- \($0.title)" }
        // A set of started services, so that routes are matched in one pass.
        let started = Set(
            plan.steps.filter { $0.kind == .restart || $0.kind == .start }.map(\.entity))
        let routes = after.routes.filter { started.contains($0.backend ?? $0.definedBy) }
        lines += routes.map {
            "- Route \($0.router) (\($0.hosts.joined(separator: ", "))) is briefly unavailable"
        }
        for step in plan.steps where step.id.hasPrefix("check:keep:") {
            lines.append("- `\(step.entity)`: \(step.title)")
            lines += step.details.map { "  - \($0)" }
        }
        return section(4, "Impact", lines)
    }

    func connectionBudget() -> String {
        var lines: [String] = []
        let (beforeIndex, afterIndex) = (ModelIndex(before), ModelIndex(after))
        for database in Set(after.databases.keys + before.databases.keys).sorted() {
            guard
                let budget = ConnectionBudget.compute(
                    database: database, before: beforeIndex, after: afterIndex),
                !budget.lines.isEmpty
            else { continue }
            lines += [
                "### \(database) (\(budget.engine))", "", "| client | before | after |",
                "| --- | ---: | ---: |",
            ]
            for line in budget.lines {
                lines.append(
                    "| \(line.client) | \(line.before.map(String.init) ?? "-") | \(line.after.map(String.init) ?? "-") |"
                )
            }
            lines += [
                "| **total** | **\(budget.totalBefore)** | **\(budget.totalAfter)** |", "",
                "Limit: \(budget.summary). Verdict: \(budget.outcome.rawValue).", "",
            ]
        }
        return section(5, "Connection budget", lines)
    }

    func prerequisites() -> String {
        let checks = plan.steps.filter { $0.outcome != nil && !$0.id.hasPrefix("check:keep:") }
        return section(
            6, "Prerequisites",
            checks.map { step in
                var text = "- [\(step.outcome?.rawValue ?? "")] \(step.title)"
                text += step.details.map { "\n  - \($0)" }.joined()
                if step.outcome == .manual {
                    text += step.commands.map { "\n  - run: `\($0)`" }.joined()
                }
                return text
            })
    }

    func procedure() -> String {
        section(7, "Procedure", numbered(plan.steps))
    }

    func verification() -> String {
        var lines = plan.steps.filter { $0.kind == .verify }.flatMap { step in
            ["- \(step.title)"] + step.commands.map { "  - `\($0)`" }
        }
        for step in plan.steps where step.id.hasPrefix("check:budget:") {
            lines.append("- Watch connections on \(step.entity) for a day after the upgrade:")
            lines += step.commands.map { "  - `\($0)`" }
        }
        return section(8, "Verification and monitoring", lines)
    }

    func testingChecklist() -> String {
        var lines = after.routes.flatMap { route in
            route.hosts.map { "- [ ] https://\($0) answers (route \(route.router))" }
        }
        let upgraded = Set(plan.steps.filter { $0.kind == .restart }.map(\.entity))
        let hosts = Set(
            after.routes.filter { upgraded.contains($0.backend ?? $0.definedBy) }.flatMap(\.hosts))
        for entry in after.environment {
            guard case .literal(let value) = entry.value, !upgraded.contains(entry.service),
                hosts.contains(where: { value.contains($0) })
            else { continue }
            lines.append(
                "- [ ] sign in to \(entry.service) through \(hosts.sorted().joined(separator: " / ")) (\(entry.name))"
            )
        }
        return section(9, "Testing checklist", Array(Set(lines)).sorted())
    }

    func rollback() -> String {
        section(10, "Rollback", numbered(plan.rollback))
    }

    func knownWarnings() -> String {
        let notes = after.notes.filter { $0.category != .breaking }.map {
            "- \($0.text)" + ($0.action.map { " \($0)" } ?? "")
        }
        return section(11, "Known warnings", notes + plan.warnings.map { "- \($0)" })
    }

    private func numbered(_ steps: [Step]) -> [String] {
        steps.enumerated().flatMap { index, step in
            ["\(index + 1). **\(step.kind.rawValue)** \(step.title)"]
                + step.details.map { "   - \($0)" }
                + step.commands.map { "   - `\($0)`" }
                + (step.lossiness.map { ["   - **lossy**: \($0)"] } ?? [])
        }
    }
}
