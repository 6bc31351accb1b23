import InfraModel

/// Which services stop, start or restart, and why.
extension PlanBuilder {
    /// Orderings that are not in either model but that the plan must respect,
    /// as soft "needs" edges: clients of a database that an irreversible step
    /// migrates wait for the migrating service, and services that must match
    /// another's version (outposts, workers) wait for it.
    func addedOrderings() -> [ServiceGraph.Pair] {
        var pairs: [ServiceGraph.Pair] = []
        for effect in request.migration?.irreversible ?? [] where effect.needsRestore {
            let migrating = Set(effect.services)
            for client in clients(of: effect.database, in: toIndex)
            where !migrating.contains(client) {
                pairs += effect.services.map { ServiceGraph.Pair(from: client, to: $0) }
            }
        }
        for requirement in to.requirements {
            guard case .matchesVersion(let services, let leaders) = requirement.rule else {
                continue
            }
            for service in services {
                pairs += leaders.filter { $0 != service }.map {
                    ServiceGraph.Pair(from: service, to: $0)
                }
            }
        }
        return pairs
    }

    /// Services that use `database`: dependencies of any kind but routes, and estimates.
    func clients(of database: String, in index: ModelIndex) -> [String] {
        let users = index.dependents(of: database).filter { $0.kind != .route }.map(\.from)
        let estimates = (index.connectionsByDatabase[database] ?? []).map(\.client)
        return Set(users + estimates).subtracting([database]).sorted()
    }

    /// Decides every motion: the service's own change first, then clients that
    /// must stop for a database's data move, then restarts split around what
    /// they need, then which starts wait for health.
    mutating func decideMotions() {
        for (service, changes) in serviceChanges {
            if let motion = ownMotion(service, changes) { motions[service] = motion }
        }
        findDataMoves()
        for database in dataMoves.keys.sorted() { stopClients(of: database) }
        followRestarts()
        splitRestarts()
        findWaits()
    }

    /// How a service moves because of its own change, if it moves at all.
    private func ownMotion(_ service: String, _ changes: [ModelChange]) -> Motion? {
        switch (fromIndex.isRunning(service), toIndex.isRunning(service)) {
        case (true, true): return needsRestart(changes) ? .restart : nil
        case (false, true): return .start
        case (true, false): return .stop
        case (false, false): return nil
        }
    }

    /// Compose recreates a container when its definition changes; `depends_on`,
    /// database facts and connection estimates are not part of it.
    func needsRestart(_ changes: [ModelChange]) -> Bool {
        changes.contains { change in
            switch change.entity {
            case .dependency(let edge): return edge.kind != .dependsOn
            case .database: return false
            default: return true
            }
        }
    }

    /// Clients that stay as they are still stop while `database` is dumped and
    /// restored: what they wrote in between would be lost.
    private mutating func stopClients(of database: String) {
        // Every client, also one that reaches it only through an environment
        // value (`PGHOST: db`) or an estimate: its writes after the dump would be lost.
        let clients = Set(
            fromGraph.neededBy(of: database) + toGraph.neededBy(of: database)
                + clients(of: database, in: fromIndex) + clients(of: database, in: toIndex))
        for client in clients.sorted() where motions[client] == nil {
            guard fromIndex.isRunning(client), toIndex.isRunning(client) else { continue }
            motions[client] = .stopThenStart
            motionReasons[client] =
                "\(database) moves its data to a new major version; "
                + "its clients stop while it is dumped and restored"
        }
    }

    /// Services that go down with what they need: a dependent by `depends_on`,
    /// `links`, `volumes_from` or `network_mode: service:X` stops before X
    /// stops or is recreated and starts after it, through chains of such
    /// edges, so it never runs against a service that is going away. (A
    /// container in X's network namespace must: it loses the namespace;
    /// `depends_on: {X: {restart: true}}` asks for it.) Dependents through an
    /// environment value only are left running, as Compose leaves them.
    private mutating func followRestarts() {
        var queue = motions.filter { $0.value.stops }.map(\.key).sorted()
        while let target = queue.first {
            queue.removeFirst()
            for edge in toIndex.dependents(of: target) where edge.from != target {
                guard edge.kind.ordersStartup, motions[edge.from] == nil,
                    fromIndex.isRunning(edge.from), toIndex.isRunning(edge.from)
                else { continue }
                motions[edge.from] = .stopThenStart
                switch edge.kind {
                case .networkMode:
                    motionReasons[edge.from] =
                        "it runs in the network namespace of \(target), which is recreated"
                case .dependsOn where edge.restartsWithTarget:
                    motionReasons[edge.from] =
                        "its depends_on asks to restart with \(target) (restart: true)"
                default:
                    motionReasons[edge.from] =
                        "it needs \(target) (\(edge.kind.label)), which restarts: "
                        + "it stops first and starts after"
                }
                queue.append(edge.from)
            }
        }
    }

    /// A restart whose needs stop or restart becomes a stop before them and a start after.
    private mutating func splitRestarts() {
        let decided = motions
        for (service, motion) in decided where motion == .restart {
            let needs = fromGraph.needs(of: service) + toGraph.needs(of: service)
            let moving = Set(needs.filter { decided[$0]?.stops == true }).sorted()
            guard !moving.isEmpty else { continue }
            motions[service] = .stopThenStart
            motionReasons[service] =
                "it needs \(moving.joined(separator: ", ")), which "
                + (moving.count == 1 ? "stops" : "stop") + " too: it stops first and starts after"
        }
    }

    /// A start waits for health (or completion) when a dependent that starts
    /// after it says `condition: service_healthy` (or `service_completed_successfully`).
    private mutating func findWaits() {
        for edge in toIndex.dependencies where edge.kind == .dependsOn {
            guard motions[edge.from]?.starts == true, motions[edge.to]?.starts == true,
                let condition = edge.condition, condition != "service_started"
            else { continue }
            if waits[edge.to] != "service_healthy" { waits[edge.to] = condition }
        }
        for database in dataMoves.keys { waits[database] = "service_healthy" }
    }

    /// What the rollback's start of `service` waits for: health when a
    /// dependent in the current version says `service_healthy`.
    func fromWait(_ service: String) -> String? {
        let conditions = fromIndex.dependents(of: service).filter { $0.kind == .dependsOn }
            .compactMap(\.condition)
        if conditions.contains("service_healthy") { return "service_healthy" }
        return conditions.contains("service_completed_successfully")
            ? "service_completed_successfully" : nil
    }

    /// The step that starts or recreates `service`, if the plan has one.
    func startID(_ service: String) -> String? {
        switch motions[service] {
        case .restart?: return "restart:\(service)"
        case .start?, .stopThenStart?: return "start:\(service)"
        case .stop?, nil: return nil
        }
    }

    /// The step that stops or recreates `service`, if the plan has one.
    func stopID(_ service: String) -> String? {
        switch motions[service] {
        case .restart?: return "restart:\(service)"
        case .stop?, .stopThenStart?: return "stop:\(service)"
        case .start?, nil: return nil
        }
    }
}
