import InfraModel

/// Sections 8, 9 and 11: what to check after the upgrade, by command and by
/// hand, and what the migration warns about.
extension ReviewDocument {
    func verification() -> [String] {
        var lines: [String] = []
        let verifications = plan.migration?.verifications ?? []
        for step in plan.steps where step.kind == .verify {
            lines += Markdown.item("\(step.title) (\(stepReference(step.id)))")
            var commands: [String] = []
            for command in step.commands {
                let purpose =
                    verifications.first { $0.command == command }?.description
                    ?? (command.hasPrefix("docker compose ps")
                        ? "\(step.entity) is running and healthy" : nil)
                commands += (purpose.map { ["# \($0)"] } ?? []) + [command]
            }
            lines += Markdown.fence(commands, indent: 2) + [""]
        }
        if lines.isEmpty {
            lines = ["The plan restarts nothing, so there is nothing to verify.", ""]
        }
        return lines + monitoring()
    }

    /// Connection counts per database whose budget the plan checks, and the logs of what restarted.
    private func monitoring() -> [String] {
        var lines = ["### Monitoring for the first day", ""]
        for budget in relevantBudgets() {
            guard let db = after.databases[budget.database] else { continue }
            lines += databaseMonitoring(db, budget)
        }
        let services = restartedServices
        if !services.isEmpty {
            lines += Markdown.item("errors in the logs of the restarted services:")
            lines += Markdown.fence(
                [
                    "docker compose logs --since 1h \(services.joined(separator: " ")) "
                        + "| grep -iE 'error|exception|traceback'"
                ], indent: 2)
        }
        return lines
    }

    private func databaseMonitoring(_ db: Database, _ budget: ConnectionBudget) -> [String] {
        let warnAt = Int((Double(budget.usableAfter) * ConnectionBudget.warnRatio).rounded(.down))
        var lines = Markdown.item(
            "connections of \(Markdown.code(db.service)): expect about \(budget.totalAfter) "
                + "from the clients this plan knows (\(budget.totalBefore) before); "
                + "worry above \(warnAt) (80 % of \(budget.usableAfter) usable); "
                + "at \(budget.usableAfter) new clients are refused")
        let queries = DatabaseMonitoring.queries(for: db, in: after)
        if queries.isEmpty {
            lines += Markdown.item(
                "infraplan knows no query for \(db.engine); count its sessions by hand", level: 1)
        }
        lines += Markdown.fence(queries.flatMap { ["# \($0.purpose)", $0.command] }, indent: 2)
        return lines + [""]
    }

    // MARK: 9. Testing checklist

    func testingChecklist() -> [String] {
        var lines = Markdown.wrap("Tick each line by hand once the procedure is done.") + [""]
        let moving = Set(restartedServices)
        let hosts = after.routes.flatMap { route in route.hosts.map { (host: $0, route: route) } }
            .sorted { ($0.host, $0.route.router) < ($1.host, $1.route.router) }
        lines += ["### Every route host", ""]
        for (host, route) in hosts {
            let backend = route.backend ?? route.definedBy
            let scheme = route.tls || route.certResolver != nil ? "https" : "http"
            let restarted = moving.contains(backend) ? ", restarted by this plan" : ""
            lines += Markdown.checkbox(
                "\(scheme)://\(host) answers "
                    + "(route \(route.router) to \(Markdown.code(backend))\(restarted))")
        }
        if hosts.isEmpty { lines.append("No route is known in \(plan.to).") }
        lines += ["", "### Applications that sign in through the upgraded services", ""]
        let clients = SignInClient.find(through: upgradedServices, in: after)
        for client in clients {
            let site = client.applicationHosts.first.map { " at https://\($0)" } ?? ""
            let verb = client.isSignIn ? "sign in to" : "use"
            lines += Markdown.checkbox(
                "\(verb) \(Markdown.code(client.application))\(site) through \(client.host) "
                    + "(\(Self.names(client.variables)))")
        }
        if clients.isEmpty { lines.append("No application names a host of the upgraded services.") }
        return lines + manualChecklist()
    }

    /// The manual steps, to tick once done.
    private func manualChecklist() -> [String] {
        let manual = plan.steps.filter { $0.kind == .manual }
        guard !manual.isEmpty else { return [] }
        return ["", "### Manual steps done", ""]
            + manual.flatMap { Markdown.checkbox("\($0.title) (\(stepReference($0.id)))") }
    }

    // MARK: 11. Known warnings

    func knownWarnings() -> [String] {
        let notes = after.notes.filter { $0.category != .breaking && !before.notes.contains($0.id) }
        var lines = notes.flatMap { note -> [String] in
            let kind = note.category == .followUp ? "follow-up" : "warning"
            var text = "**\(kind), \(note.impact) impact** (\(note.id)): \(note.text)"
            if let action = note.action { text += " Action: \(action)" }
            if let step = plan.steps.first(where: { $0.kind == .manual && $0.entity == note.id }) {
                text += " (\(stepReference(step.id)))"
            }
            return Markdown.item(text)
        }
        let noteTexts = Set(notes.map(\.text))
        lines += plan.warnings.filter { !noteTexts.contains($0) }.flatMap {
            Markdown.item("**plan**: \($0)")
        }
        return lines.isEmpty ? ["The migration and the plan raise no warning."] : lines
    }
}
