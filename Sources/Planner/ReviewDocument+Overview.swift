import InfraModel

/// Sections 1 and 2: what changes version, and what may break.
extension ReviewDocument {
    func overview() -> [String] {
        var lines = Markdown.item("Stack: \(Markdown.code(plan.project))")
        lines += Markdown.item("From: \(plan.from)")
        lines += Markdown.item("To: \(plan.to)")
        if let migration = plan.migration {
            lines += Markdown.item(
                "Described by: \(Markdown.code(migration.path)) "
                    + "(sha256 \(migration.sha256.prefix(12))), \"\(migration.title)\"")
        }
        lines += Markdown.item("Date: \(date)")
        lines += Markdown.item(
            "Plan: \(PlanRenderer.summary(of: plan)); \(plan.steps.count) steps, "
                + "\(plan.rollback.count) rollback steps")
        lines += Markdown.item(
            plan.isBlocked
                ? "Verdict: BLOCKED, apply refuses this plan: "
                    + plan.blockers.joined(separator: "; ")
                : "Verdict: no check blocks this plan")
        lines += ["", "### Components", ""] + componentTable()
        let images = imageRows()
        if !images.isEmpty {
            lines +=
                ["", "### Images", ""] + Markdown.table(["service", "before", "after"], images)
        }
        return lines
    }

    /// Each changing component with its notable dependencies, then images no component covers.
    private func componentTable() -> [String] {
        let components = plan.migration?.components ?? []
        var rows: [[String]] = []
        for component in components {
            let services = component.services.joined(separator: ", ")
            rows.append([component.name, component.from, component.to, services])
            rows += component.notable.map { notable in
                ["\(notable.name) (in \(component.name))", notable.from, notable.to, ""]
            }
        }
        rows += uncoveredImageRows(covered: Set(components.flatMap(\.services)))
        guard !rows.isEmpty else { return ["No component changes version."] }
        return Markdown.table(["component", "from", "to", "services"], rows)
    }

    /// Image changes of services no component names, one row per distinct change.
    private func uncoveredImageRows(covered: Set<String>) -> [[String]] {
        let uncovered = imageChanges().filter { !covered.contains($0.service) }
        let grouped = Dictionary(grouping: uncovered) { "\($0.before ?? "-") \($0.after ?? "-")" }
        return grouped.keys.sorted().compactMap { key in
            let changes = grouped[key] ?? []
            guard let first = changes.first else { return nil }
            let services = changes.map(\.service).joined(separator: ", ")
            return [first.name, first.fromTag, first.toTag, services]
        }
    }

    private func imageRows() -> [[String]] {
        imageChanges().map { [$0.service, $0.before ?? "(none)", $0.after ?? "(none)"] }
    }

    /// A service whose image differs between the versions (added and removed services too).
    struct ImageChange {
        var service: String
        var before: String?
        var after: String?
        var name: String
        var fromTag: String
        var toTag: String
    }

    func imageChanges() -> [ImageChange] {
        let names = Set(before.services.keys).union(after.services.keys).sorted()
        return names.compactMap { name in
            let old = before.services[name]?.image
            let new = after.services[name]?.image
            guard old != new else { return nil }
            return ImageChange(
                service: name, before: old?.description, after: new?.description,
                name: (new ?? old)?.name ?? name, fromTag: old.map(tagText) ?? "(none)",
                toTag: new.map(tagText) ?? "(removed)")
        }
    }

    private func tagText(_ image: ImageReference) -> String {
        image.tag ?? image.digest ?? "latest"
    }

    // MARK: 2. Breaking changes

    func breakingChanges() -> [String] {
        let notes = after.notes.filter { $0.category == .breaking && !before.notes.contains($0.id) }
        var lines = notes.flatMap(noteLines)
        lines += (plan.migration?.irreversible ?? []).flatMap(irreversibleLines)
        let requirements = after.requirements.filter { before.requirements[$0.id] != $0 }
        lines += requirements.flatMap(requirementLines)
        return lines.isEmpty
            ? ["No breaking change, irreversible effect or new requirement is recorded."] : lines
    }

    private func noteLines(_ note: Note) -> [String] {
        var lines = ["### \(note.id): \(note.impact) impact", ""] + Markdown.wrap(note.text) + [""]
        if !note.services.isEmpty {
            lines += Markdown.item("Concerns: \(Self.names(note.services))")
        }
        lines += Markdown.item("Action: \(note.action ?? "none stated; read it before applying")")
        if let step = plan.steps.first(where: { $0.kind == .manual && $0.entity == note.id }) {
            lines += Markdown.item(
                "In the plan: \(stepReference(step.id)), a manual step: \(step.title)")
        } else {
            lines += Markdown.item("In the plan: no step; the operator decides before applying")
        }
        return lines + [""]
    }

    private func irreversibleLines(_ effect: IrreversibleEffect) -> [String] {
        var lines = ["### \(effect.id): irreversible (\(effect.kind) on \(effect.database))", ""]
        lines += Markdown.wrap(effect.description) + [""]
        let backup = step(.backup, on: effect.database)
        if let backup {
            lines += Markdown.item("Before it: \(stepReference(backup.id)), \(backup.title)")
        }
        for service in effect.services {
            guard
                let started = plan.steps.first(where: { $0.entity == service && $0.isIrreversible })
            else {
                continue
            }
            lines += Markdown.item("Happens at: \(stepReference(started.id)), \(started.title)")
            if let (number, undo) = undo(of: started) {
                lines += Markdown.item("Way back: rollback step \(number), \(undo.title)")
            }
        }
        if backup == nil { lines += Markdown.item("No backup step: the plan cannot undo it") }
        return lines + [""]
    }

    private func requirementLines(_ requirement: Requirement) -> [String] {
        let check = plan.steps.first { $0.entity == requirement.id && $0.outcome != nil }
        let result = check?.outcome.map(Self.verdict) ?? "not checked"
        var lines = ["### \(requirement.id): requirement, \(result)", ""]
        lines += Markdown.wrap(requirement.reason) + [""]
        if let check {
            let finding = check.details.first.map { ": \($0)" } ?? ""
            lines += Markdown.item("In the plan: \(stepReference(check.id)) checks it\(finding)")
        }
        return lines + [""]
    }

    /// A check's outcome as the document words it.
    static func verdict(_ outcome: CheckOutcome) -> String {
        switch outcome {
        case .pass: return "met"
        case .warn: return "met, with a warning"
        case .block: return "NOT MET, the plan is blocked"
        case .manual: return "to check by hand"
        }
    }
}
