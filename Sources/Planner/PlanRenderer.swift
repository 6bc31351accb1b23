import InfraModel

/// Renders a plan for a terminal, in the manner of `terraform plan`:
/// a summary line first, risks before routine, `+ - ~` marks on changes.
public struct PlanRenderer {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// "2 to change, 1 to add, 1 to remove, 3 checks, 1 blocked".
    public static func summary(of plan: Plan) -> String {
        let changed = plan.steps(.configure).filter {
            !$0.changes.contains { $0.action == .add && $0.kind == .service }
        }
        let added = plan.steps(.configure).count - changed.count
        let removed = plan.steps(.remove).count
        let checks = plan.steps.filter { $0.outcome != nil }
        let blocked = checks.filter { $0.outcome == .block }.count
        return "\(changed.count) to change, \(added) to add, \(removed) to remove, "
            + "\(checks.count) checks, \(blocked) blocked"
    }

    public func render(_ plan: Plan, includeRollback: Bool = true) -> String {
        var out: [String] = []
        let origin = plan.migration.map { " (migration \($0.path))" } ?? ""
        out.append(style.bold("Plan: \(plan.project) \(plan.from) -> \(plan.to)\(origin)"))
        out.append(
            plan.isEmpty
                ? "No changes. The stack already matches \(plan.to)." : Self.summary(of: plan))
        if plan.isEmpty { return out.joined(separator: "\n") + "\n" }
        out.append("")
        for blocker in plan.blockers { out.append(style.red("BLOCKED: \(blocker)")) }
        for warning in plan.warnings { out.append(style.yellow("warning: \(warning)")) }
        if !plan.blockers.isEmpty || !plan.warnings.isEmpty { out.append("") }
        out.append(style.bold("Steps"))
        out += renderSteps(plan.steps)
        if includeRollback {
            out.append("")
            out.append(
                style.bold("Rollback (generated: the inverse of each step, in reverse order)"))
            out += renderSteps(plan.rollback)
        }
        if includeRollback && !plan.rollbackLosses.isEmpty {
            out.append("")
            out.append(
                style.yellow("The rollback loses state; rolling back asks for an acknowledgement:"))
            out += plan.rollbackLosses.map { "  \($0)" }
        }
        if plan.isBlocked {
            out.append("")
            out.append(
                style.red(
                    "This plan is blocked: resolve the checks marked BLOCK; apply will refuse it."))
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func renderSteps(_ steps: [Step]) -> [String] {
        let width = String(steps.count).count
        var out: [String] = []
        for (index, step) in steps.enumerated() {
            let number =
                String(repeating: " ", count: width - String(index + 1).count) + "\(index + 1)"
            var head = "\(number). [\(step.kind.rawValue)] \(step.title)"
            if let outcome = step.outcome { head += "  " + badge(outcome) }
            if step.isIrreversible { head += "  " + style.red("IRREVERSIBLE") }
            out.append(head)
            let indent = String(repeating: " ", count: width + 2)
            for detail in step.details {
                out.append(indent + style.mark(detail))
            }
            for command in step.commands {
                out.append(indent + style.dim("$ \(command)"))
            }
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
}
