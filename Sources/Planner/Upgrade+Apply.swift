import InfraModel

/// Applying plans and rolling them back, on the model.
extension Upgrade {
    /// Makes a plan for TARGET and binds it to the state as it is now.
    public func makeSavedPlan(for target: String) throws -> SavedPlan {
        let plan = try Planner.makePlan(try request(for: target))
        return try SavedPlan(
            plan: plan, stateID: try store.stateID(), stateSerial: try store.serial(),
            createdAt: ModelStore.timestamp())
    }

    /// Refuses a plan that is altered, for another state, stale or blocked.
    public func validate(_ saved: SavedPlan) throws {
        guard try saved.computeChecksum() == saved.checksum else {
            throw UpgradeError.planAltered("its checksum does not match")
        }
        let stateID = try store.stateID()
        guard saved.stateID == stateID else { throw UpgradeError.otherState(planState: saved.stateID, state: stateID) }
        let current = try store.requireCurrentVersion()
        let serial = try store.serial()
        guard saved.stateSerial == serial, saved.plan.from == current.label else {
            throw UpgradeError.stalePlan(
                planSerial: saved.stateSerial, stateSerial: serial, madeFrom: saved.plan.from, current: current.label)
        }
        guard !saved.plan.isBlocked else { throw UpgradeError.planBlocked(saved.plan.blockers) }
    }

    /// Applies a saved plan to the model: the target version becomes current.
    ///
    /// The target is computed by applying the plan's changes to the current
    /// model; when the state already holds the target version, the two must be
    /// equal. The version, the current pointer and the history entry are
    /// written in one transaction.
    public func apply(_ saved: SavedPlan) throws {
        try validate(saved)
        let plan = saved.plan
        var target = try store.model(plan.from)
        do {
            try target.apply(plan.modelChanges)
        } catch {
            throw UpgradeError.targetMismatch("\(error)")
        }
        let body = try JSONCoding.encode(saved)
        try store.write(movesModel: true) {
            if let existing = try store.version(plan.to) {
                guard try store.model(existing.label) == target else {
                    throw UpgradeError.targetMismatch("stored version '\(plan.to)' differs from the plan's result")
                }
                try store.setCurrent(plan.to)
            } else {
                let record = VersionRecord(
                    label: plan.to, parent: plan.from, project: target.project, createdAt: saved.createdAt,
                    originKind: .migration, originPath: plan.migration?.path ?? "plan",
                    originSHA256: plan.migration?.sha256 ?? saved.checksum)
                try store.insertVersion(record, model: target, makeCurrent: true)
            }
            try store.appendHistory(
                action: "apply", fromLabel: plan.from, toLabel: plan.to, planChecksum: saved.checksum,
                outcome: "applied", rollbackBody: body)
        }
    }

    /// Rolls back the last apply that has not been rolled back yet.
    ///
    /// - Parameter acknowledgingLosses: true when the operator accepts that
    ///   the rollback loses state (`rollback --ack`); a rollback whose plan
    ///   lists losses is refused without it.
    /// - Returns: the version that is current afterwards.
    /// - Throws: `UpgradeError.rollbackLoses` naming each loss when not acknowledged.
    @discardableResult
    public func rollback(acknowledgingLosses: Bool = false) throws -> String {
        let current = try store.requireCurrentVersion()
        guard let entry = try pendingApplies().last, entry.toLabel == current.label,
            let body = entry.rollbackBody
        else {
            throw UpgradeError.nothingToRollBack
        }
        let saved = try SavedPlan.decode(body, origin: "the stored plan of apply #\(entry.id)")
        let losses = saved.plan.rollbackLosses
        guard losses.isEmpty || acknowledgingLosses else { throw UpgradeError.rollbackLoses(losses) }
        var restored = try store.model(current.label)
        do {
            try restored.apply(saved.plan.rollbackChanges)
        } catch {
            throw UpgradeError.rollbackMismatch("\(error)")
        }
        guard restored == (try store.model(saved.plan.from)) else {
            throw UpgradeError.rollbackMismatch("the result differs from version '\(saved.plan.from)'")
        }
        try store.write(movesModel: true) {
            try store.setCurrent(saved.plan.from)
            try store.appendHistory(
                action: "rollback", fromLabel: current.label, toLabel: saved.plan.from,
                planChecksum: saved.checksum, outcome: "rolled back", rollbackBody: nil)
        }
        return saved.plan.from
    }

    /// Applies that no rollback has undone, oldest first.
    public func pendingApplies() throws -> [ModelStore.HistoryEntry] {
        var stack: [ModelStore.HistoryEntry] = []
        for entry in try store.history() {
            if entry.action == "apply" {
                stack.append(entry)
            } else if entry.action == "rollback", stack.last?.planChecksum == entry.planChecksum {
                stack.removeLast()
            }
        }
        return stack
    }
}
