import InfraModel

/// Checks: connection budgets, prerequisites, who keeps a candidate for
/// removal, what must be up first, and references left dangling.
extension PlanBuilder {
    mutating func addChecks() {
        addBudgetChecks()
        addRequirementChecks()
        addKeepChecks()
        addUpChecks()
        addDatabaseVersionChecks()
        addDanglingReferenceChecks()
        for step in steps.values where step.outcome == .block {
            blockers.append("\(step.title): \(step.details.last ?? step.reason)")
        }
        blockers.sort()
    }

    /// A budget check for every database whose clients, estimates or limit change.
    private mutating func addBudgetChecks() {
        var databases = Set(connectionChanges.keys)
        for (service, changes) in serviceChanges where changes.contains(where: { $0.kind == .database }) {
            databases.insert(service)
        }
        for service in restartedServices {
            for estimate in to.connections where estimate.client == service { databases.insert(estimate.database) }
        }
        for database in databases.sorted() {
            guard let budget = ConnectionBudget.compute(database: database, before: from, after: to) else {
                recordOnly += connectionChanges[database] ?? []
                continue
            }
            addBudgetStep(budget)
        }
    }

    private mutating func addBudgetStep(_ budget: ConnectionBudget) {
        let database = budget.database
        var details = budget.lines.map { line in
            "\(line.client): \(line.before.map(String.init) ?? "-") -> \(line.after.map(String.init) ?? "-") (\(line.origin))"
        }
        details.append("total \(budget.summary)")
        if budget.isLimitAssumed {
            warnings.append(
                "implicit \(budget.engine) limits on \(database): max_connections is not declared, "
                    + "the default \(budget.maxAfter) is assumed; shm_size is not set either")
        }
        if budget.outcome == .warn && !budget.isLimitAssumed {
            warnings.append("connection budget of \(database) above 80 %: \(budget.summary)")
        }
        let changes = connectionChanges[database] ?? []
        add(Step(
            id: "check:budget:\(database)", kind: .check, entity: database,
            title: "connection budget of \(database): \(budget.totalBefore) -> \(budget.totalAfter) of \(budget.maxAfter)",
            reason: "clients' expected connections change", details: details,
            commands: to.databases[database].flatMap { DatabaseMonitoring.connectionCount(of: $0, in: to) }
                .map { [$0] } ?? [],
            changes: changes, outcome: budget.outcome,
            inverse: changes.isEmpty ? nil : StepInverse(kind: .check, title: "connection estimates of \(database) as before")))
    }

    /// One check per requirement the target adds or changes.
    private mutating func addRequirementChecks() {
        for change in recordOnly where change.action != .remove {
            guard case .requirement(let requirement)? = change.after else { continue }
            let verdict = Prerequisite.evaluate(requirement, in: to)
            let id = "check:requirement:\(requirement.id)"
            add(Step(
                id: id, kind: verdict.outcome == .manual ? .manual : .check, entity: requirement.id,
                title: "prerequisite \(requirement.id): \(verdict.outcome == .manual ? "check by hand" : verdict.outcome.rawValue)",
                reason: requirement.reason, details: [verdict.finding],
                commands: verdict.command.map { [$0] } ?? [], outcome: verdict.outcome))
            if verdict.outcome == .manual {
                for other in steps.values where other.kind.rank > StepKind.check.rank && other.kind != .manual {
                    edge(id, other.id)
                }
            }
        }
    }

    /// A removed dependency makes its target a candidate for removal; the impact
    /// query on the target version says who keeps it.
    private mutating func addKeepChecks() {
        let removed = (from.dependencies.sorted).filter { !to.dependencies.contains($0.key) && to.services.contains($0.from) }
        for target in Set(removed.map(\.to)).sorted() where to.services.contains(target) {
            guard let impact = try? ImpactAnalyzer.impact(of: target, in: to, version: request.toLabel) else { continue }
            let losing = Set(removed.filter { $0.to == target }.map(\.from)).sorted()
            let users = impact.direct.map { dependent in
                "\(dependent.service) (\(dependent.kind.label)\(dependent.detail.isEmpty ? "" : " \(dependent.detail)")"
                    + "\(dependent.source.map { ", \($0)" } ?? ""))"
            }
            let keptBy = impact.directServices
            add(Step(
                id: "check:keep:\(target)", kind: .check, entity: target,
                title: keptBy.isEmpty
                    ? "\(target) is no longer used by \(losing.joined(separator: ", ")); nothing else uses it"
                    : "keep \(target): \(keptBy.joined(separator: ", ")) still use it",
                reason: "\(losing.joined(separator: ", ")) stop using \(target)",
                details: users + impact.routes.map { "route \($0.router) (\($0.hosts.joined(separator: ", ")))" },
                outcome: .pass))
        }
    }

    /// Services the plan restarts wait for the unchanged services they need.
    private mutating func addUpChecks() {
        let moving = Set(steps.values.filter { [.restart, .start, .stop].contains($0.kind) }.map(\.entity))
        for service in restartedServices {
            for edge in to.dependencies(of: service)
            where (edge.kind.ordersStartup || edge.kind == .environment) && !moving.contains(edge.to)
                && to.services[edge.to]?.isActive == true && edge.isRequired
            {
                let id = "check:up:\(edge.to)"
                if steps[id] == nil {
                    add(Step(
                        id: id, kind: .check, entity: edge.to, title: "\(edge.to) is up and healthy",
                        reason: "services restarted by this plan need it",
                        commands: [Commands.waitHealthy(edge.to)], outcome: .pass))
                }
                self.edge(id, "restart:\(service)")
                self.edge(id, "start:\(service)")
            }
        }
    }

    /// A database whose major version changes cannot be rolled back by its image.
    private mutating func addDatabaseVersionChecks() {
        for database in to.databases where from.databases.contains(database.service) {
            let before = from.services[database.service]?.image
            let after = to.services[database.service]?.image
            let majorBefore = before?.majorVersion ?? from.databases[database.service]?.majorVersion
            let majorAfter = after?.majorVersion ?? database.majorVersion
            guard let majorBefore, let majorAfter, majorBefore != majorAfter else { continue }
            add(Step(
                id: "check:major:\(database.service)", kind: .check, entity: database.service,
                title: "\(database.engine) major version of \(database.service): \(majorBefore) -> \(majorAfter)",
                reason: "the image of \(database.service) changes its major version",
                details: ["a major version change needs a dump, a new data volume (or pg_upgrade) and a restore; a plain tag change refuses to start"],
                outcome: .block))
        }
    }

    /// Anything in the target that names what the target does not have.
    private mutating func addDanglingReferenceChecks() {
        var dangling: [String] = []
        for edge in to.dependencies where !to.services.contains(edge.to) {
            dangling.append("\(edge.from) \(edge.kind.label) '\(edge.to)', which \(request.toLabel) does not have")
        }
        for grant in to.secretGrants where !to.secrets.contains(grant.secret) {
            dangling.append("\(grant.service) uses secret '\(grant.secret)', which \(request.toLabel) does not declare")
        }
        for route in to.routes {
            if let backend = route.backend, !to.services.contains(backend) {
                dangling.append("route \(route.router) sends traffic to '\(backend)', which \(request.toLabel) does not have")
            }
        }
        guard !dangling.isEmpty else { return }
        add(Step(
            id: "check:references", kind: .check, entity: "references", title: "dangling references in \(request.toLabel)",
            reason: "the target version names things it does not define", details: dangling.sorted(), outcome: .block))
    }
}
