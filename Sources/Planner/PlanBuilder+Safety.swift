import InfraModel

/// Backups before what cannot be undone, sessions the old version cannot
/// read, the saved configuration the rollback starts from, verification after
/// what changed, and the follow-ups a person must do.
extension PlanBuilder {
    /// One backup per database that an irreversible effect changes; the
    /// effect's starts become irreversible and their inverse restores that
    /// backup. A database no dump command fits blocks the plan.
    mutating func addBackups() {
        // Session effects last: whether a backup brings sessions back depends on the others.
        let effects = (request.migration?.irreversible ?? []).filter { effect in
            effect.services.contains { startID($0) != nil }
        }
        for effect in effects where effect.needsRestore {
            guard let db = to.databases[effect.database] ?? from.databases[effect.database] else {
                continue
            }
            guard let backupID = addDatabaseBackup(db, for: effect) else { continue }
            for service in effect.services { markIrreversible(service, effect, db, backupID) }
        }
        for effect in effects where !effect.needsRestore { addSessionCheck(effect) }
    }

    private mutating func addDatabaseBackup(
        _ db: Database, for effect: IrreversibleEffect
    ) -> String? {
        let backupID = "backup:\(db.service)"
        if steps[backupID] != nil { return backupID }
        let (user, name) = credentials(of: db)
        let file = Commands.backupFile(db.service, from: request.fromLabel, to: request.toLabel)
        guard let commands = Commands.dump(db, user: user, name: name, to: file) else {
            blockers.append(
                "cannot back up \(db.service) (\(db.engine)) before '\(effect.id)': "
                    + "infraplan knows no dump command for this engine, and only a backup undoes it"
            )
            return nil
        }
        add(
            Step(
                id: backupID, kind: .backup, entity: db.service,
                title: "back up \(db.service) to \(file)",
                reason: effect.description, commands: commands,
                inverse: StepInverse(kind: .backup, title: "keep \(file); it is the way back")))
        edge(backupID, stopID(db.service))
        return backupID
    }

    private mutating func markIrreversible(
        _ service: String, _ effect: IrreversibleEffect, _ db: Database, _ backupID: String
    ) {
        guard let id = startID(service), var step = steps[id] else { return }
        let (user, name) = credentials(of: db)
        let file = Commands.backupFile(db.service, from: request.fromLabel, to: request.toLabel)
        // When the database itself moves to a new major, going back to its old
        // data directory undoes the effect too; there is no separate dump.
        let restore =
            dataMoves[db.service] == nil
            ? Commands.restore(db, user: user, name: name, from: file) : []
        // A split service is started again by the undone stop that follows in the rollback.
        let startAgain =
            motions[service] == .restart
            ? [
                Commands.recreateSaved(
                    service, version: request.fromLabel, waitingFor: fromWait(service))
            ] : []
        step.isIrreversible = true
        step.details.append("irreversible: \(effect.description)")
        step.inverse = StepInverse(
            kind: .restart, title: "stop \(service) and restore \(db.service) from \(file)",
            details: [
                "\(effect.id) cannot be undone by an older image; the backup is restored instead"
            ],
            commands: [Commands.stop(service)] + restore + startAgain, isExact: false,
            restoresBackup: backupID)
        steps[id] = step
        edge(backupID, id)
    }

    /// Sessions the new version writes and the old cannot read: the plan says
    /// users are logged out, and the rollback ends by invalidating them (its
    /// inverse comes last in the rollback), or is marked lossy when no command
    /// is known. A restored backup of the same database brings back sessions
    /// the old version wrote, so then nothing more is needed.
    private mutating func addSessionCheck(_ effect: IrreversibleEffect) {
        let services = effect.services.joined(separator: ", ")
        let restored = steps["backup:\(effect.database)"] != nil
        var inverse = StepInverse(
            kind: .manual, title: "invalidate sessions (\(effect.description))",
            commands: effect.undo.map { [$0] } ?? [])
        if restored {
            inverse = StepInverse(
                kind: .manual, title: "sessions come back with the backup of \(effect.database)",
                details: ["sessions written since the backup are lost; their users sign in again"])
        } else if effect.undo == nil {
            inverse.isExact = false
            inverse.lossiness =
                "state written by newer version: sessions \(request.toLabel) wrote "
                + "cannot be read after the rollback"
        }
        warnings.append("sessions of \(services): all users will be logged out (\(effect.id))")
        add(
            Step(
                id: "check:sessions:\(effect.id)", kind: .check, entity: effect.database,
                title: "sessions of \(services) change format", reason: effect.description,
                details: ["all users will be logged out / sessions invalidated"], outcome: .warn,
                inverse: inverse))
    }

    /// The user and database name a dump of `db` logs in with, from its own
    /// environment in the version that still runs it.
    func credentials(of db: Database) -> (user: String, name: String) {
        let login = DatabaseMonitoring.login(
            of: db, in: to.services.contains(db.service) ? to : from)
        return (login.user, login.database)
    }

    /// The configuration as it is, saved before the first edit: the rollback
    /// starts services from it while the compose file still holds the new one.
    mutating func addSnapshot() {
        let touched = steps.values.filter {
            $0.kind == .configure || $0.kind == .remove || $0.kind.movesContainers
        }
        guard !touched.isEmpty else { return }
        let file = Commands.savedConfiguration(request.fromLabel)
        add(
            Step(
                id: "backup:compose", kind: .backup, entity: to.project,
                title: "save the configuration of \(request.fromLabel) to \(file)",
                reason: "the rollback starts services as this copy defines them",
                commands: Commands.saveConfiguration(request.fromLabel),
                inverse: StepInverse(
                    kind: .backup, title: "keep \(file) until the upgrade is confirmed")))
        for step in touched { edge("backup:compose", step.id) }
    }
}

/// Verification after what changed, and follow-ups.
extension PlanBuilder {
    /// Each started service is checked after it (and after its data is
    /// restored); a migration's verification commands run after the service
    /// they name, or after every start when they name none.
    mutating func addVerification() {
        let verifications = request.migration?.verifications ?? []
        let byService = Dictionary(
            grouping: verifications.filter { $0.service != nil }, by: { $0.service ?? "" })
        for name in motions.keys.sorted() {
            guard let start = startID(name) else { continue }
            let extra = byService[name] ?? []
            add(
                Step(
                    id: "verify:\(name)", kind: .verify, entity: name, title: "verify \(name)",
                    reason: "\(name) was started",
                    details: ["\(name) is running and healthy"] + extra.map(\.description),
                    commands: [Commands.waitRunning(name), Commands.status(name)]
                        + extra.map(\.command)))
            edge(start, "verify:\(name)")
            edge("restore:\(name)", "verify:\(name)")
        }
        for verification in verifications
        where verification.service.map({ steps["verify:\($0)"] == nil }) ?? true {
            add(
                Step(
                    id: "verify:\(verification.id)", kind: .verify,
                    entity: verification.service ?? verification.id,
                    title: "verify: \(verification.description)", reason: "listed by the migration",
                    commands: [verification.command]))
        }
    }

    /// A manual step for each breaking change or follow-up that asks for action.
    mutating func addManualSteps() {
        for note in to.notes where note.category != .warning && !from.notes.contains(note.id) {
            guard let action = note.action else { continue }
            let id = "manual:\(note.id)"
            add(
                Step(
                    id: id, kind: .manual, entity: note.id, title: "by hand: \(note.text)",
                    reason: (note.category == .breaking ? "breaking change" : "follow-up")
                        + " (\(note.impact) impact)",
                    details: [action]))
            for service in note.services { edge("verify:\(service)", id) }
        }
        for note in to.notes where note.category == .warning && !from.notes.contains(note.id) {
            warnings.append(note.text)
        }
    }
}
