import InfraModel

/// Section 3: each changed part of the compose file, before and after.
extension ReviewDocument {
    func configurationChanges() -> [String] {
        var lines: [String] = []
        var seen: Set<String> = []
        for step in plan.steps where [.configure, .remove].contains(step.kind) {
            let service = step.entity
            guard before.services.contains(service) || after.services.contains(service),
                seen.insert(service).inserted
            else { continue }
            lines += serviceChange(service, step: step)
        }
        if let excerpt = ComposeExcerpt.topLevel(before: before, after: after) {
            lines += ["### Top-level declarations", ""] + beforeAndAfter(excerpt)
        }
        if let excerpt = ComposeExcerpt.extensionBlock(before: before, after: after) {
            lines += ["### The `x-infraplan` block", ""]
            lines +=
                Markdown.wrap(
                    "Facts Compose cannot hold: databases and the connections each client "
                        + "is expected to open.") + [""]
            lines += beforeAndAfter(excerpt)
        }
        return lines.isEmpty ? ["The compose definitions do not change."] : lines
    }

    private func serviceChange(_ service: String, step: Step) -> [String] {
        var lines = ["### \(service) (procedure \(stepReference(step.id)))", ""]
        if let excerpt = ComposeExcerpt.service(service, before: before, after: after) {
            lines += beforeAndAfter(excerpt)
        } else {
            lines += ["No key of its compose definition changes.", ""]
        }
        let derived = derivedChanges(of: service)
        if !derived.isEmpty {
            lines += ["Found in the model, not written in the compose file:", ""]
            lines += derived.flatMap { Markdown.item($0) } + [""]
        }
        return lines
    }

    private func beforeAndAfter(_ excerpt: ComposeExcerpt) -> [String] {
        ["Before (\(plan.from)):"] + Markdown.fence(excerpt.before, language: "yaml") + [""]
            + ["After (\(plan.to)):"] + Markdown.fence(excerpt.after, language: "yaml") + [""]
    }

    /// Dependencies the model read from environment values or routes, which change with them.
    private func derivedChanges(of service: String) -> [String] {
        let edges = before.dependencies(of: service) + after.dependencies(of: service)
        let derived = edges.filter { !$0.kind.ordersStartup }
        var lines: [String] = []
        var seen: Set<Dependency.Key> = []
        for edge in derived where seen.insert(edge.key).inserted {
            let inBefore = before.dependencies.contains(edge.key)
            let inAfter = after.dependencies.contains(edge.key)
            guard inBefore != inAfter else { continue }
            let how =
                edge.kind == .environment
                ? "through the environment value \(Markdown.code(edge.detail))" : "through a route"
            lines.append(
                inBefore
                    ? "no longer needs \(Markdown.code(edge.to)) \(how)"
                    : "now needs \(Markdown.code(edge.to)) \(how)")
        }
        return lines
    }
}
