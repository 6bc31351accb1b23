import InfraModel

/// Checks on model facts: connection budgets, who keeps a candidate for
/// removal, what must be up first, images, and references left dangling.
extension PlanBuilder {
    mutating func addChecks() {
        addBudgetChecks()
        addRequirementChecks()
        addDowngradeChecks()
        addKeepChecks()
        addUpChecks()
        addImageChecks()
        addVersionSkewChecks()
        addProjectNameCheck()
        addDanglingReferenceChecks()
        addSecretFileCheck()
    }

    /// A budget check for every database whose clients, estimates or limit
    /// change, or one of whose clients starts or restarts.
    private mutating func addBudgetChecks() {
        var databases = Set(connectionChanges.keys)
        for (service, changes) in serviceChanges
        where changes.contains(where: { $0.kind == .database }) {
            databases.insert(service)
        }
        for (service, motion) in motions where motion.starts {
            for estimate in toIndex.connectionsByClient[service] ?? [] {
                databases.insert(estimate.database)
            }
            if to.databases[service]?.upstream != nil { databases.insert(service) }
        }
        // A pooler is charged upstream at its pool size: what changes it changes the upstream too.
        for pooler in databases {
            for model in [from, to] {
                if let upstream = model.databases[pooler]?.upstream { databases.insert(upstream) }
            }
        }
        for database in databases.sorted() {
            guard
                let budget = ConnectionBudget.compute(
                    database: database, before: fromIndex, after: toIndex)
            else {
                recordOnly += connectionChanges[database] ?? []
                continue
            }
            // A database no client declares estimates for has nothing to count.
            guard !budget.lines.isEmpty else { continue }
            addBudgetStep(budget)
            if budget.isLimitAssumed { addCapacityCheck(budget) }
        }
    }

    private mutating func addBudgetStep(_ budget: ConnectionBudget) {
        let database = budget.database
        var details = budget.lines.map(\.text)
        details.append("total \(budget.summary)")
        if budget.outcome == .block {
            details.append(
                "over the limit; lower the estimates, raise max_connections "
                    + "or put a pooler in front"
            )
        } else if budget.outcome == .warn && !budget.isLimitAssumed {
            warnings.append("connection budget of \(database) above 80 %: \(budget.summary)")
        }
        let changes = connectionChanges[database] ?? []
        add(
            Step(
                id: "check:budget:\(database)", kind: .check, entity: database,
                title: "connection budget of \(database): \(budget.totals)",
                reason: "clients' expected connections change", details: details,
                commands: activityQuery(database).map { [$0] } ?? [],
                changes: changes, outcome: budget.outcome,
                inverse: changes.isEmpty
                    ? nil
                    : StepInverse(
                        kind: .check, title: "connection estimates of \(database) as before")))
    }

    /// The command that counts the database's sessions, logged in with its own account.
    func activityQuery(_ database: String) -> String? {
        (to.databases[database] ?? from.databases[database]).flatMap {
            DatabaseMonitoring.connectionCount(of: $0, in: to)
        }
    }

    /// Nothing declares the limit: the operator reads it (and shared memory) before the upgrade.
    private mutating func addCapacityCheck(_ budget: ConnectionBudget) {
        let database = budget.database
        let unsetShm = (to.services[database]?.shmSize ?? from.services[database]?.shmSize) == nil
        let unset = ["max_connections"] + (unsetShm ? ["shm_size"] : [])
        let settings = "\(unset.joined(separator: " and ")) \(unset.count == 1 ? "is" : "are")"
        warnings.append(
            "implicit \(budget.engine) limits on \(database): \(settings) not set; "
                + "max_connections \(budget.maxAfter) is assumed")
        add(
            Step(
                id: "check:capacity:\(database)", kind: .manual, entity: database,
                title: "verify or raise the capacity of \(database) before the upgrade",
                reason: "\(settings) not declared for \(database)",
                details: [
                    "the budget assumes the engine default max_connections "
                        + "\(budget.maxAfter): \(budget.totals)",
                    "raise max_connections (and shm_size) "
                        + "if the limit in use is lower than the total",
                ],
                commands: budget.engine == "postgres" ? capacityQueries(database) : [],
                outcome: .manual))
    }

    /// What PostgreSQL allows and uses now: its limit, shared memory and connections.
    func capacityQueries(_ database: String) -> [String] {
        let user = (to.databases[database] ?? from.databases[database])
            .map { DatabaseMonitoring.login(of: $0, in: to).user } ?? "postgres"
        let psql = "exec -T \(Commands.word(database)) psql -U \(Commands.word(user)) -Atc"
        return [
            Commands.compose("\(psql) 'SHOW max_connections'"),
            Commands.compose("\(psql) 'SHOW shared_buffers'"),
            Commands.compose("exec -T \(database) df -h /dev/shm"),
        ] + (activityQuery(database).map { [$0] } ?? [])
    }

    /// A removed dependency, grant or route makes its target a candidate for
    /// removal; the impact query on the target version says who keeps it.
    private mutating func addKeepChecks() {
        var losing: [String: Set<String>] = [:]
        for edge in fromIndex.dependencies
        where !to.dependencies.contains(edge.key) && edge.from != edge.to {
            losing[edge.to, default: []].insert(edge.from)
        }
        for route in fromIndex.routes where !to.routes.contains(route.router) {
            if let backend = route.backend {
                losing[backend, default: []].insert("route \(route.router)")
            }
        }
        for target in losing.keys.sorted() where to.services.contains(target) {
            addKeepStep(target, losing: (losing[target] ?? []).sorted())
        }
        addSecretKeepChecks()
    }

    private mutating func addKeepStep(_ target: String, losing: [String]) {
        let users = toIndex.dependents(of: target).filter { $0.from != target }
        let routes = toIndex.routesByBackend[target] ?? []
        let keptBy = Set(users.map(\.from)).sorted()
        let title =
            keptBy.isEmpty
            ? "\(target) is no longer used by \(losing.joined(separator: ", ")); "
                + "nothing else uses it"
            : "keep \(target): \(keptBy.joined(separator: ", ")) still "
                + (keptBy.count == 1 ? "uses" : "use") + " it"
        add(
            Step(
                id: "check:keep:\(target)", kind: .check, entity: target, title: title,
                reason: "\(losing.joined(separator: ", ")) stop using \(target)",
                details: users.map(Self.describe)
                    + routes.map { "route \($0.router) (\($0.hosts.joined(separator: ", ")))" }
                    + ["see: infraplan impact \(target) --version \(request.toLabel)"],
                outcome: .pass))
    }

    static func describe(_ edge: Dependency) -> String {
        let detail = edge.detail.isEmpty ? "" : " \(edge.detail)"
        let soft = edge.isRequired ? "" : ", soft"
        return
            "\(edge.from) (\(edge.kind.label)\(detail)\(soft)"
            + "\(edge.source.map { ", \($0)" } ?? ""))"
    }

    /// A secret that lost a grant stays declared while another service receives it.
    ///
    /// A service loses a secret when it receives it at no target any more; moving the mount
    /// or dropping one of two mounts keeps it a receiver.
    private mutating func addSecretKeepChecks() {
        let receivers = Set(toIndex.secretGrants.map { "\($0.service)\u{0}\($0.secret)" })
        var losing: [String: Set<String>] = [:]
        for grant in fromIndex.secretGrants
        where !receivers.contains("\(grant.service)\u{0}\(grant.secret)") {
            losing[grant.secret, default: []].insert(grant.service)
        }
        for secret in losing.keys.sorted() where to.secrets.contains(secret) {
            let keptBy = Array(Set((toIndex.grantsBySecret[secret] ?? []).map(\.service))).sorted()
            let lost = (losing[secret] ?? []).sorted().joined(separator: ", ")
            add(
                Step(
                    id: "check:keep:secret:\(secret)", kind: .check, entity: secret,
                    title: keptBy.isEmpty
                        ? "secret \(secret) is no longer used by \(lost); "
                            + "\(request.toLabel) still declares it"
                        : "keep secret \(secret): \(keptBy.joined(separator: ", ")) still "
                            + (keptBy.count == 1 ? "receives" : "receive") + " it",
                    reason: "\(lost) no longer receive \(secret)", outcome: .pass))
        }
    }

    /// Services the plan starts wait for the services they need that stay as they are.
    private mutating func addUpChecks() {
        var needed: Set<String> = []
        for (service, motion) in motions where motion.starts {
            for need in toGraph.needs(of: service) where motions[need] == nil {
                needed.insert(need)
            }
        }
        for name in needed.sorted() {
            add(
                Step(
                    id: "check:up:\(name)", kind: .check, entity: name,
                    title: "\(name) is up and healthy",
                    reason: "services started by this plan need it",
                    commands: [Commands.waitHealthy(name)], outcome: .pass))
        }
    }
}
