import InfraModel

/// Sections 6, 7 and 10: the checks, the steps in plan order, and the way back.
extension ReviewDocument {
    func prerequisites() -> [String] {
        let checks = plan.steps.filter { $0.outcome != nil }
        guard !checks.isEmpty else { return ["The plan has no checks."] }
        return checks.flatMap(checkLines)
    }

    private func checkLines(_ step: Step) -> [String] {
        guard let outcome = step.outcome else { return [] }
        var lines = Markdown.item(
            "**\(Self.badge(outcome))** \(step.title) (\(stepReference(step.id)))")
        lines += step.details.flatMap { Markdown.item($0, level: 1) }
        if !step.reason.isEmpty { lines += Markdown.item("why: \(step.reason)", level: 1) }
        switch outcome {
        case .manual:
            lines += Markdown.item(
                "infraplan cannot decide it; run this and judge the answer:", level: 1)
        case .block:
            lines += Markdown.item("apply refuses the plan until this is resolved", level: 1)
        case .pass, .warn:
            if !step.commands.isEmpty { lines += Markdown.item("to see it yourself:", level: 1) }
        }
        return lines + Markdown.fence(step.commands, indent: 4)
            + (step.commands.isEmpty ? [] : [""])
    }

    /// A check's outcome in capitals, as the terminal shows it.
    static func badge(_ outcome: CheckOutcome) -> String {
        switch outcome {
        case .pass: return "PASS"
        case .warn: return "WARN"
        case .block: return "BLOCKED"
        case .manual: return "CHECK BY HAND"
        }
    }

    // MARK: 7. Procedure

    func procedure() -> [String] {
        guard !plan.steps.isEmpty else {
            return ["Nothing to do: the stack already matches \(plan.to)."]
        }
        var lines =
            Markdown.wrap(
                "Run from the compose project's folder, in this order; each step's commands are "
                    + "what an operator types. Stop at the first failure and follow the rollback.")
            + [""]
        for (index, step) in plan.steps.enumerated() {
            lines += numberedStep(index + 1, step, notes: procedureNotes(step))
        }
        return lines
    }

    private func procedureNotes(_ step: Step) -> [String] {
        var notes: [String] = []
        if step.isIrreversible {
            let way =
                undo(of: step).map { "rollback step \($0.number): \($0.step.title)" } ?? "none"
            notes.append(
                "**irreversible**: its inverse cannot undo it exactly; the way back is \(way)")
        }
        return notes
    }

    /// `7. **configure**: title`, then details, notes and commands indented under it.
    func numberedStep(_ number: Int, _ step: Step, notes: [String]) -> [String] {
        let marker = "\(number). "
        let pad = String(repeating: " ", count: marker.count)
        var head = "**\(step.kind.rawValue)**: \(step.title)"
        if let outcome = step.outcome { head += " [\(Self.badge(outcome))]" }
        var lines = Markdown.wrap(head, first: marker, rest: pad)
        let marked = step.details.filter(Self.isChangeLine)
        let plain = step.details.filter { !Self.isChangeLine($0) }
        lines += (plain + notes).flatMap { Markdown.wrap($0, first: pad + "- ", rest: pad + "  ") }
        lines += Markdown.fence(marked, language: "diff", indent: pad.count)
        lines += Markdown.fence(step.commands, indent: pad.count)
        return lines + (marked.isEmpty && step.commands.isEmpty ? [] : [""])
    }

    /// True for a detail that reads as a change: `+ x`, `- x`, `~ x`.
    static func isChangeLine(_ line: String) -> Bool {
        ["+ ", "- ", "~ "].contains { line.hasPrefix($0) }
    }

    // MARK: 10. Rollback

    func rollback() -> [String] {
        guard !plan.rollback.isEmpty else {
            return ["Nothing to undo: the plan changes nothing that needs it."]
        }
        var lines =
            Markdown.wrap(
                "If verification fails, run these steps in this order. They are generated: the "
                    + "inverse of each procedure step, last step first. Undo only what ran. "
                    + "Afterwards `infraplan rollback` makes \(plan.from) the current version "
                    + "of the state again."
            ) + [""]
        for (index, step) in plan.rollback.enumerated() {
            lines += numberedStep(index + 1, step, notes: rollbackNotes(step))
        }
        return lines
    }

    private func rollbackNotes(_ undo: Step) -> [String] {
        guard let original = original(of: undo) else { return [] }
        var notes = ["undoes procedure \(stepReference(original.id)): \(original.title)"]
        if let inverse = original.inverse, !inverse.isExact {
            let backup = inverse.restoresBackup.flatMap { id in plan.steps.first { $0.id == id } }
            let taken =
                backup.map { " taken in procedure \(stepReference($0.id)) (\($0.title))" } ?? ""
            notes.append(
                "**restores the backup**\(taken): an older image alone cannot undo this step")
        }
        return notes
    }
}
