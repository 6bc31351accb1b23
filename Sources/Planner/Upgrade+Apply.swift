import InfraModel

/// Applying plans and rolling them back, on the model.
extension Upgrade {
    /// Makes a plan for TARGET and binds it to the state as it is now.
    ///
    /// - Parameter composeFile: the compose file the plan is for, if known; see `request`.
    public func makeSavedPlan(for target: String, composeFile: String? = nil) throws -> SavedPlan {
        try savedPlan(try Planner.makePlan(try request(for: target, composeFile: composeFile)))
    }

    /// Binds a plan to the state as it is now.
    public func savedPlan(_ plan: Plan) throws -> SavedPlan {
        try SavedPlan(
            plan: plan, stateID: try store.stateID(), stateSerial: try store.serial(),
            createdAt: ModelStore.timestamp())
    }

    /// Refuses a plan that is altered, for another state, stale or blocked,
    /// naming what moved since it was made.
    public func validate(_ saved: SavedPlan) throws {
        guard try saved.computeChecksum() == saved.checksum else {
            throw UpgradeError.planAltered("its checksum does not match")
        }
        let stateID = try store.stateID()
        guard saved.stateID == stateID else {
            throw UpgradeError.otherState(planState: saved.stateID, state: stateID)
        }
        let current = try store.requireCurrentVersion()
        let serial = try store.serial()
        guard saved.stateSerial == serial, saved.plan.from == current.label else {
            throw UpgradeError.stalePlan(
                planSerial: saved.stateSerial, stateSerial: serial, madeFrom: saved.plan.from,
                current: current.label,
                moves: try store.movesSince(serial: saved.stateSerial))
        }
        guard !saved.plan.isBlocked else { throw UpgradeError.planBlocked(saved.plan.blockers) }
    }

    /// The model the plan leads to: its changes applied to its starting version.
    public func targetModel(of plan: Plan) throws -> StackModel {
        var target = try store.model(plan.from)
        do {
            try target.apply(plan.modelChanges)
        } catch {
            throw UpgradeError.targetMismatch("\(error)")
        }
        return target
    }

    /// Applies a saved plan to the model: the target version becomes current.
    ///
    /// The target is computed by applying the plan's changes to the current
    /// model; when the state already holds the target version, the two must be
    /// equal. The version, the current pointer, the history entry, the compose
    /// edit and the end of the run are written in one transaction, which also
    /// checks that no other writer moved the state since the plan was made.
    ///
    /// - Parameters:
    ///   - compose: the compose file edit already written for this apply, if any.
    ///   - runID: the runbook run that carried the plan out, if any.
    public func apply(
        _ saved: SavedPlan, compose: ModelStore.ComposeEditRecord? = nil, runID: String? = nil
    ) throws {
        try verifyMigrations()
        try validate(saved)
        let plan = saved.plan
        let target = try targetModel(of: plan)
        let body = try JSONCoding.encode(saved)
        try store.write(expectingSerial: saved.stateSerial) {
            try makeCurrent(target, of: saved)
            let historyID = try store.appendHistory(
                action: "apply", fromLabel: plan.from, toLabel: plan.to,
                planChecksum: saved.checksum,
                outcome: runID == nil ? "applied" : "applied; every step ran", rollbackBody: body,
                runID: runID)
            if let compose { try store.recordComposeEdit(compose, historyID: historyID) }
            if let runID { try store.setRunStatus(runID, .succeeded, detail: "") }
        }
    }

    /// Stores the target version (or checks the stored one) and makes it current.
    private func makeCurrent(_ target: StackModel, of saved: SavedPlan) throws {
        let plan = saved.plan
        if let existing = try store.version(plan.to) {
            guard try store.model(existing.label) == target else {
                throw UpgradeError.targetMismatch(
                    "stored version '\(plan.to)' differs from the plan's result")
            }
            try store.setCurrent(plan.to)
        } else {
            let record = VersionRecord(
                label: plan.to, parent: plan.from, project: target.project,
                createdAt: saved.createdAt,
                originKind: .migration, originPath: plan.migration?.path ?? "plan",
                originSHA256: plan.migration?.sha256 ?? saved.checksum)
            try store.insertVersion(record, model: target, makeCurrent: true)
        }
    }
}

/// Rolling back.
extension Upgrade {
    /// The apply `rollback` would undo, with its stored plan and compose edit.
    public struct PendingRollback: Sendable {
        public var entry: ModelStore.HistoryEntry
        public var saved: SavedPlan
        public var compose: ModelStore.ComposeEditRecord?
    }

    /// The last apply that has not been rolled back, checked against the state.
    ///
    /// - Parameter acknowledgingLosses: true when the operator accepts that
    ///   the rollback loses state (`rollback --ack`); a rollback whose plan
    ///   lists losses is refused without it.
    /// - Throws: `UpgradeError.nothingToRollBack`, `.rollbackLoses` naming each
    ///   loss when not acknowledged, or `.rollbackMismatch` when the stored
    ///   rollback does not lead exactly back to the version before.
    public func pendingRollback(acknowledgingLosses: Bool = false) throws -> PendingRollback {
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
            throw UpgradeError.rollbackMismatch(
                "the result differs from version '\(saved.plan.from)'")
        }
        return PendingRollback(
            entry: entry, saved: saved, compose: try store.pendingComposeEdit(historyID: entry.id))
    }

    /// Rolls back the last apply that has not been rolled back yet.
    ///
    /// The compose file the apply edited is restored first (unless
    /// `keepingCompose`), then the state moves back in one transaction; a crash
    /// in between leaves a restored file and a rollback that can run again.
    ///
    /// - Returns: the version that is current afterwards.
    @discardableResult
    public func rollback(
        keepingCompose: Bool = false, runID: String? = nil, acknowledgingLosses: Bool = false
    ) throws -> String {
        let pending = try pendingRollback(acknowledgingLosses: acknowledgingLosses)
        let serial = try store.serial()
        if let compose = pending.compose, !keepingCompose {
            try ComposeFollower.restore(compose)
        }
        let plan = pending.saved.plan
        try store.write(expectingSerial: serial) {
            try store.setCurrent(plan.from)
            try store.appendHistory(
                action: "rollback", fromLabel: plan.to, toLabel: plan.from,
                planChecksum: pending.saved.checksum,
                outcome: keepingCompose && pending.compose != nil
                    ? "rolled back; compose file kept" : "rolled back",
                rollbackBody: nil, runID: runID)
            if pending.compose != nil {
                try store.markComposeEditRestored(historyID: pending.entry.id)
            }
            if let runID { try store.setRunStatus(runID, .succeeded, detail: "") }
        }
        return plan.from
    }

    /// Applies that no rollback has undone, oldest first; runs that failed
    /// without moving the model are not applies.
    public func pendingApplies() throws -> [ModelStore.HistoryEntry] {
        var stack: [ModelStore.HistoryEntry] = []
        for entry in try store.history() where entry.movedModel {
            if entry.action == "apply" {
                stack.append(entry)
            } else if entry.action == "rollback", stack.last?.planChecksum == entry.planChecksum {
                stack.removeLast()
            }
        }
        return stack
    }
}
