import InfraModel

/// Backups before what cannot be undone, verification after what changed,
/// and the follow-ups a person must do.
extension PlanBuilder {
    /// One backup per database that an irreversible effect changes; the effect's
    /// steps become irreversible and their inverse restores that backup.
    mutating func addBackups() {
        for effect in request.migration?.irreversible ?? [] {
            guard let db = to.databases[effect.database] ?? from.databases[effect.database] else { continue }
            let file = Commands.backupFile(db.service, from: request.fromLabel, to: request.toLabel)
            let (user, name) = credentials(of: db)
            let backupID = "backup:\(db.service)"
            if steps[backupID] == nil {
                guard let commands = Commands.dump(db, user: user, name: name, to: file) else {
                    blockers.append("cannot back up \(db.service) (\(db.engine)) before '\(effect.id)': infraplan knows no dump command for this engine")
                    continue
                }
                add(Step(
                    id: backupID, kind: .backup, entity: db.service, title: "back up \(db.service) to \(file)",
                    reason: effect.description, commands: commands,
                    inverse: StepInverse(kind: .backup, title: "keep \(file); it is the way back")))
            }
            markIrreversible(effect, database: db, backupID: backupID, restore: Commands.restore(db, user: user, name: name, from: file), file: file)
        }
    }

    private mutating func markIrreversible(
        _ effect: IrreversibleEffect, database db: Database, backupID: String, restore: [String], file: String
    ) {
        let clients = restartedServices.filter { service in
            to.connections.contains { $0.client == service && $0.database == db.service }
                || to.dependencies(of: service).contains { $0.to == db.service }
        }
        for service in effect.services {
            let id = steps["restart:\(service)"] != nil ? "restart:\(service)" : "start:\(service)"
            guard var step = steps[id] else { continue }
            step.isIrreversible = true
            step.details.append("irreversible: \(effect.description)")
            let others = clients.filter { !effect.services.contains($0) }
            step.inverse = StepInverse(
                kind: .restart, title: "stop \(service) and restore \(db.service) from \(file)",
                details: ["\(effect.id) cannot be undone by an older image; the backup is restored instead"],
                commands: (others + [service]).map(Commands.stop) + restore,
                isExact: false, restoresBackup: backupID)
            steps[id] = step
            edge(backupID, id)
            for other in others {
                edge(id, "restart:\(other)")
                edge(id, "start:\(other)")
            }
        }
    }

    /// The user and database name a dump of `db` logs in with, from its own environment.
    func credentials(of db: Database) -> (user: String, name: String) {
        func literal(_ key: String) -> String? {
            guard case .literal(let value)? = to.environment[EnvironmentEntry.Key(service: db.service, name: key)]?.value,
                !value.isEmpty
            else { return nil }
            return value
        }
        let user = literal("POSTGRES_USER") ?? "postgres"
        return (user, literal("POSTGRES_DB") ?? user)
    }

    /// Each started or restarted service is checked after it; a migration's
    /// verification commands run after the service they name.
    mutating func addVerification() {
        let verifications = request.migration?.verifications ?? []
        for service in restartedServices {
            let extra = verifications.filter { $0.service == service }
            let starter = steps["restart:\(service)"] != nil ? "restart:\(service)" : "start:\(service)"
            add(Step(
                id: "verify:\(service)", kind: .verify, entity: service, title: "verify \(service)",
                reason: "\(service) was restarted",
                details: ["\(service) is running and healthy"] + extra.map(\.description),
                commands: [Commands.status(service)] + extra.map(\.command)))
            edge(starter, "verify:\(service)")
        }
        for verification in verifications where verification.service.map({ steps["verify:\($0)"] == nil }) ?? true {
            let id = "verify:\(verification.id)"
            add(Step(
                id: id, kind: .verify, entity: verification.service ?? verification.id,
                title: "verify: \(verification.description)", reason: "listed by the migration",
                commands: [verification.command]))
            for service in restartedServices { edge("restart:\(service)", id) }
        }
    }

    /// A manual step for each breaking change or follow-up that asks for action.
    mutating func addManualSteps() {
        for note in to.notes where note.category != .warning && !from.notes.contains(note.id) {
            guard let action = note.action else { continue }
            let id = "manual:\(note.id)"
            add(Step(
                id: id, kind: .manual, entity: note.id, title: "by hand: \(note.text)",
                reason: "\(note.category == .breaking ? "breaking change" : "follow-up") (\(note.impact) impact)",
                details: [action]))
            for service in note.services where steps["verify:\(service)"] != nil { edge("verify:\(service)", id) }
        }
        for note in to.notes where note.category == .warning && !from.notes.contains(note.id) {
            warnings.append(note.text)
        }
    }
}
