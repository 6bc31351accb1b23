import InfraModel

/// Renders a plan for a terminal, in the manner of `terraform plan`.
///
/// The first line sums the plan up; risks (blocked checks, irreversible
/// steps, checks to do by hand, warnings) come next, before the routine
/// steps; changes carry `+`, `-` and `~` marks. Colour comes from `style`,
/// which the caller makes plain unless standard output is a terminal.
public struct PlanRenderer {
    /// Colours, or plain text; the caller decides from the terminal.
    public var style: TextStyle

    /// A renderer that colours with `style`.
    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// "2 to change, 1 to remove, 5 checks, 0 blocked, 1 irreversible, 2 warnings".
    ///
    /// Additions, changes and removals count entities (services and top-level
    /// declarations) and are left out when zero; checks and blocked checks are
    /// always given; irreversible steps, checks to do by hand and warnings only
    /// when there are some.
    public static func summary(of plan: Plan) -> String {
        let marks = plan.steps.compactMap { mark(of: $0) }
        var parts: [String] = []
        for (symbol, label) in [("+", "to add"), ("~", "to change"), ("-", "to remove")] {
            let count = marks.filter { $0 == symbol }.count
            if count > 0 { parts.append("\(count) \(label)") }
        }
        let checks = plan.steps.compactMap(\.outcome)
        parts.append(counted(checks.count, "check"))
        parts.append("\(checks.filter { $0 == .block }.count) blocked")
        let irreversible = plan.steps.filter(\.isIrreversible).count
        if irreversible > 0 { parts.append("\(irreversible) irreversible") }
        let manual = checks.filter { $0 == .manual }.count
        if manual > 0 { parts.append("\(manual) to check by hand") }
        if !plan.warnings.isEmpty { parts.append(counted(plan.warnings.count, "warning")) }
        return parts.joined(separator: ", ")
    }

    /// The change mark of a step: `+` adds, `-` removes, `~` changes; nil for other steps.
    public static func mark(of step: Step) -> String? {
        switch step.kind {
        case .remove: return "-"
        case .configure:
            let actions = Set(step.changes.map(\.action))
            if actions == [.add] { return "+" }
            if actions == [.remove] { return "-" }
            return "~"
        default: return nil
        }
    }

    /// The whole plan: summary line, origin, risks, steps and, unless told not to, the rollback.
    public func render(_ plan: Plan, includeRollback: Bool = true) -> String {
        let origin =
            plan.migration.map { "migration \($0.path)" } ?? "version \(plan.to) in the state"
        let title = "Plan \(plan.project) \(plan.from) -> \(plan.to)"
        guard !plan.isEmpty else {
            return style.bold("\(title): no changes.") + " The stack already matches \(plan.to).\n"
        }
        var out = [style.bold("\(title): \(Self.summary(of: plan))"), "from \(origin)", ""]
        let risks = renderRisks(plan)
        if !risks.isEmpty { out += [style.bold("Risks")] + risks + [""] }
        out.append(style.bold("Steps"))
        out += renderSteps(plan.steps)
        if includeRollback {
            out += [
                "", style.bold("Rollback (generated: the inverse of each step, in reverse order)"),
            ]
            out += renderSteps(plan.rollback)
        }
        if includeRollback && !plan.rollbackLosses.isEmpty {
            out.append("")
            out.append(
                style.yellow("The rollback loses state; rolling back asks for an acknowledgement:"))
            out += plan.rollbackLosses.map { "  \($0)" }
        }
        if plan.isBlocked {
            out += [
                "",
                style.red(
                    "This plan is blocked: resolve the checks marked BLOCK; apply will refuse it."),
            ]
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What could go wrong, worst first: blocked checks, irreversible steps, checks
    /// infraplan cannot decide, then warnings.
    public func renderRisks(_ plan: Plan) -> [String] {
        var out = plan.blockers.map { style.red("  ! blocked: \($0)") }
        for (index, step) in plan.steps.enumerated() where step.isIrreversible {
            out.append(style.red("  ! irreversible: step \(index + 1), \(step.title)"))
            if let inverse = step.inverse { out.append("      way back: \(inverse.title)") }
        }
        for (index, step) in plan.steps.enumerated() where step.outcome == .manual {
            out.append(style.yellow("  ? check by hand: step \(index + 1), \(step.title)"))
            out += step.commands.map { "      " + style.dim("$ \($0)") }
        }
        for (index, step) in plan.steps.enumerated() where step.outcome == .warn {
            out.append(style.yellow("  ! check warns: step \(index + 1), \(step.title)"))
        }
        // Follow-ups from the release notes: the plan cannot do them, someone must.
        for (index, step) in plan.steps.enumerated()
        where step.kind == .manual && step.outcome == nil {
            let title = step.title.hasPrefix("by hand: ") ? String(step.title.dropFirst(9)) : step.title
            out.append(style.yellow("  ? by hand after the upgrade: step \(index + 1), \(title)"))
        }
        out += plan.warnings.map { style.yellow("  ! warning: \($0)") }
        return out
    }

    /// Numbered steps with their marks, verdicts, details, commands and inexact undos.
    public func renderSteps(_ steps: [Step]) -> [String] {
        let width = String(steps.count).count
        var out: [String] = []
        for (index, step) in steps.enumerated() {
            let number =
                String(repeating: " ", count: width - String(index + 1).count) + "\(index + 1)"
            let mark = Self.mark(of: step).map { style.mark("\($0) ") } ?? ""
            var head = "\(number). \(mark)[\(step.kind.rawValue)] \(step.title)"
            if let outcome = step.outcome { head += "  " + badge(outcome) }
            if step.isIrreversible { head += "  " + style.red("IRREVERSIBLE") }
            out.append(head)
            let indent = String(repeating: " ", count: width + 2)
            out += step.details.map { indent + style.mark($0) }
            out += step.commands.map { indent + style.dim("$ \($0)") }
            if let inverse = step.inverse, !inverse.isExact {
                out.append(indent + style.yellow("undo: \(inverse.title)"))
            }
            if let lossiness = step.lossiness {
                out.append(indent + style.red("lossy: \(lossiness)"))
            }
        }
        return out
    }

    private func badge(_ outcome: CheckOutcome) -> String {
        switch outcome {
        case .pass: return style.green("PASS")
        case .warn: return style.yellow("WARN")
        case .block: return style.red("BLOCK")
        case .manual: return style.yellow("MANUAL")
        }
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
