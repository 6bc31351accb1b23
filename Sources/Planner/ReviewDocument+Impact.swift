import InfraModel

/// Sections 4 and 5: who notices the upgrade, and what it costs each database.
extension ReviewDocument {
    func impact() -> [String] {
        var lines = ["### Restarted services", ""] + restartTable()
        let clients = SignInClient.find(through: upgradedServices, in: after)
        if !clients.isEmpty {
            lines += ["", "### Applications that sign in through the upgraded services", ""]
            lines += clients.flatMap { Markdown.item(signInText($0)) }
        }
        lines += ["", "### Services that depend on restarted services", ""] + dependentLines()
        lines += ["", "### Shared services kept", ""] + keptLines()
        let removed = plan.steps.filter { $0.kind == .remove }
        if !removed.isEmpty {
            lines += ["", "### Removed", ""]
            lines += removed.flatMap { Markdown.item("\($0.title) (\(stepReference($0.id)))") }
        }
        return lines
    }

    private func restartTable() -> [String] {
        let rows = plan.steps.filter { [.restart, .start, .stop].contains($0.kind) }.map {
            step -> [String] in
            let routes = after.routes.filter { ($0.backend ?? $0.definedBy) == step.entity }
                .map { "\($0.router) (\($0.hosts.joined(separator: ", ")))" }
            let notes = step.isIrreversible ? "irreversible; rollback restores a backup" : ""
            return [
                step.entity, "\(number(of: step.id) ?? 0)", step.kind.rawValue,
                routes.isEmpty ? "-" : routes.joined(separator: "; "), notes,
            ]
        }
        guard !rows.isEmpty else { return ["No service restarts."] }
        let header = ["service", "step", "action", "routes that pause while it restarts", "note"]
        return Markdown.table(header, rows, numeric: [1])
    }

    private func signInText(_ client: SignInClient) -> String {
        let site = client.applicationHosts.first.map { " (https://\($0))" } ?? ""
        let verb = client.isSignIn ? "signs in through" : "calls"
        let provider = Markdown.code(client.provider)
        return "\(Markdown.code(client.application))\(site) \(verb) \(provider) at \(client.host) "
            + "(\(Self.names(client.variables))): it cannot while \(provider) restarts, "
            + "and the breaking changes above apply to it"
    }

    /// Direct dependents of each restarted service that the plan does not restart itself.
    private func dependentLines() -> [String] {
        let moving = Set(restartedServices)
        var lines: [String] = []
        for service in restartedServices {
            guard let impact = try? ImpactAnalyzer.impact(of: service, in: after, version: plan.to)
            else { continue }
            for name in impact.directServices where !moving.contains(name) {
                let kinds = impact.direct.filter { $0.service == name }.map(\.kind.label)
                lines += Markdown.item(
                    "\(Markdown.code(name)) needs \(Markdown.code(service)) "
                        + "(\(Array(Set(kinds)).sorted().joined(separator: ", ")))")
            }
        }
        return lines.isEmpty
            ? ["No other service depends on the restarted services in \(plan.to)."] : lines
    }

    /// Services and secrets some services stop using while others still need them.
    private func keptLines() -> [String] {
        var lines: [String] = []
        let lost = before.dependencies.filter { edge in
            !after.dependencies.contains(edge.key) && after.services.contains(edge.from)
        }
        for target in Set(lost.map(\.to)).sorted() where after.services.contains(target) {
            let leaving = Set(lost.filter { $0.to == target }.map(\.from)).sorted()
            lines += keptServiceLines(target, leaving: leaving)
        }
        lines += after.secrets.flatMap(keptSecretLines)
        return lines.isEmpty
            ? ["No service or secret loses some of its users while keeping others."] : lines
    }

    /// A secret that some services stop receiving, and who still receives it.
    private func keptSecretLines(_ secret: Secret) -> [String] {
        func users(_ model: StackModel) -> Set<String> {
            Set(model.secretGrants.filter { $0.secret == secret.name }.map(\.service))
        }
        let leaving = users(before).subtracting(users(after)).filter(after.services.contains)
        guard !leaving.isEmpty else { return [] }
        let staying = users(after).sorted()
        let rest =
            staying.isEmpty
            ? "nothing receives it any more"
            : "\(Self.names(staying)) still \(staying.count == 1 ? "does" : "do")"
        return Markdown.item(
            "secret \(Markdown.code(secret.name)) stays: \(Self.names(leaving.sorted())) "
                + "no longer receive it; \(rest)")
    }

    private func keptServiceLines(_ target: String, leaving: [String]) -> [String] {
        guard let impact = try? ImpactAnalyzer.impact(of: target, in: after, version: plan.to)
        else { return [] }
        let check = plan.steps.first { $0.kind == .check && $0.entity == target }
        let checked = check.map { " (checked in \(stepReference($0.id)))" } ?? ""
        if impact.directServices.isEmpty {
            return Markdown.item(
                "\(Markdown.code(target)): \(Self.names(leaving)) no longer use it "
                    + "and nothing else does\(checked)")
        }
        var lines = Markdown.item(
            "\(Markdown.code(target)) stays: \(Self.names(leaving)) no longer use it, "
                + "but these still do\(checked):")
        for service in impact.directServices {
            let uses = impact.direct.filter { $0.service == service }.map(useText)
            lines += Markdown.item(
                "\(Markdown.code(service)): \(uses.joined(separator: "; "))", level: 1)
        }
        if !impact.routes.isEmpty {
            let routes = impact.routes.map { "\($0.router) (\($0.hosts.joined(separator: ", ")))" }
            lines += Markdown.item(
                "routes that depend on it: \(routes.joined(separator: "; "))", level: 1)
        }
        return lines
    }

    /// `environment `REDIS_CACHE` at Examples/compose.yml:109`.
    private func useText(_ dependent: Impact.Dependent) -> String {
        let detail = dependent.detail.isEmpty ? "" : " \(Markdown.code(dependent.detail))"
        return "\(dependent.kind.label)\(detail)" + (dependent.source.map { " at \($0)" } ?? "")
    }

    // MARK: 5. Connection budget

    func connectionBudget() -> [String] {
        let budgets = relevantBudgets()
        guard !budgets.isEmpty else { return ["No database's clients, estimates or limit change."] }
        return budgets.flatMap(budgetLines)
    }

    /// The budgets of databases the upgrade touches, by database name.
    func relevantBudgets() -> [ConnectionBudget] {
        let databases = Set(before.databases.keys).union(after.databases.keys).sorted()
        return databases.compactMap { database -> ConnectionBudget? in
            guard
                let budget = ConnectionBudget.compute(
                    database: database, before: before, after: after),
                !budget.lines.isEmpty, isRelevant(budget)
            else { return nil }
            return budget
        }
    }

    /// A budget belongs in the review when an estimate or the limit changes, or a client restarts.
    private func isRelevant(_ budget: ConnectionBudget) -> Bool {
        budget.lines.contains { $0.before != $0.after || restartedServices.contains($0.client) }
            || budget.maxBefore != budget.maxAfter
            || plan.steps.contains { $0.kind == .check && $0.entity == budget.database }
    }

    private func budgetLines(_ budget: ConnectionBudget) -> [String] {
        let version = (after.databases[budget.database] ?? before.databases[budget.database])?
            .version
        let engine = budget.engine + (version.map { " \($0)" } ?? "")
        var lines = ["### \(budget.database) (\(engine))", ""]
        lines += Markdown.table(
            ["client", "before", "after", "change", "estimate"], budgetRows(budget),
            numeric: [1, 2, 3])
        let check = plan.steps.first {
            $0.kind == .check && $0.entity == budget.database && $0.outcome != nil
        }
        let reference = check.map { ", checked in \(stepReference($0.id))" } ?? ""
        let verdict = "Verdict: \(budget.outcome.rawValue)\(reference). \(budget.summary)."
        return lines + [""] + Markdown.wrap(verdict) + [""]
    }

    /// A row per client, then the total, the usable limit and the share of it in use.
    private func budgetRows(_ budget: ConnectionBudget) -> [[String]] {
        var rows = budget.lines.map { line in
            [
                line.client, line.before.map(String.init) ?? "-",
                line.after.map(String.init) ?? "-",
                change(line.before ?? 0, line.after ?? 0), line.origin,
            ]
        }
        let (totalBefore, totalAfter) = (budget.totalBefore, budget.totalAfter)
        rows.append([
            "total", "\(totalBefore)", "\(totalAfter)", change(totalBefore, totalAfter), "",
        ])
        let usableBefore = max(0, budget.maxBefore - budget.reserved)
        let assumed = budget.isLimitAssumed ? "; assumed, not declared" : ""
        rows.append([
            "usable limit", "\(usableBefore)", "\(budget.usableAfter)", "",
            "max_connections less \(budget.reserved) reserved\(assumed)",
        ])
        rows.append([
            "share of usable", percent(totalBefore, usableBefore),
            percent(totalAfter, budget.usableAfter), "", "warn at 80 %, refuse at 100 %",
        ])
        return rows
    }

    private func change(_ before: Int, _ after: Int) -> String {
        after == before ? "0" : after > before ? "+\(after - before)" : "\(after - before)"
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : "\(Int((Double(part) * 100 / Double(whole)).rounded())) %"
    }
}
