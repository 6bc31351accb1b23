import InfraModel

/// Declarations of secrets, volumes and networks: added before the services
/// that use them are configured; removed last, once nothing uses them.
extension PlanBuilder {
    mutating func addTopLevelSteps() {
        for change in topLevelChanges {
            if change.action == .remove {
                addRemoval(change)
            } else {
                addDeclaration(change)
            }
        }
    }

    private mutating func addDeclaration(_ change: ModelChange) {
        let name = change.entity.displayName
        let kind = change.kind.rawValue
        let id = "configure:\(kind):\(name)"
        let users = toIndex.users(of: change.entity)
        add(
            Step(
                id: id, kind: .configure, entity: name,
                title: "\(change.action == .add ? "declare" : "change") \(kind) \(name)",
                reason: users.isEmpty
                    ? "\(request.toLabel) declares it" : "used by \(users.joined(separator: ", "))",
                details: ChangeDescription.lines(for: change), commands: [Commands.validate],
                changes: [change],
                inverse: StepInverse(
                    kind: .configure,
                    title: change.action == .add
                        ? "remove the declaration of \(kind) \(name)" : "restore \(kind) \(name)",
                    commands: [Commands.validate])))
        for user in users { edge(id, "configure:\(user)") }
    }

    private mutating func addRemoval(_ change: ModelChange) {
        let name = change.entity.displayName
        let kind = change.kind.rawValue
        let former = fromIndex.users(of: change.entity)
        var step = Step(
            id: "remove:\(kind):\(name)", kind: .remove, entity: name,
            title: "remove \(kind) \(name)",
            reason: former.isEmpty
                ? "\(request.toLabel) no longer declares it"
                : "\(former.joined(separator: ", ")) no longer use it; "
                    + "nothing in \(request.toLabel) does",
            details: ChangeDescription.lines(for: change), commands: [Commands.validate],
            changes: [change],
            inverse: StepInverse(
                kind: .configure, title: "restore \(kind) \(name)", commands: [Commands.validate]))
        switch change.entity {
        case .volume(let volume): describeVolumeRemoval(volume, &step)
        case .secret(let secret):
            if case .file(let path) = secret.origin {
                step.details.append("the secret file \(path) stays on disk")
            }
        default: break
        }
        add(step)
    }

    /// A volume's data stays unless the request asks to delete it; then it is
    /// archived first, once the services that wrote it are stopped, and the
    /// inverse brings the archive back.
    private mutating func describeVolumeRemoval(_ volume: Volume, _ step: inout Step) {
        let dockerName = dockerVolumeName(volume.name, in: from)
        guard !volume.isExternal else {
            step.details.append(
                "external volume \(dockerName) is not managed by this project; it is kept")
            return
        }
        guard request.removesUnusedVolumes, toIndex.servicesByVolume[volume.name] == nil else {
            step.details.append(
                "the volume's data is kept; `docker volume rm \(dockerName)` deletes it")
            return
        }
        let backupID = "backup:volume:\(volume.name)"
        let file = "backups/volume-\(volume.name)-\(request.fromLabel).tar.gz"
        add(
            Step(
                id: backupID, kind: .backup, entity: volume.name,
                title: "archive volume \(dockerName) to \(file)",
                reason: "the plan deletes the volume's data",
                commands: Commands.backupVolume(dockerName, to: file),
                inverse: StepInverse(kind: .backup, title: "keep \(file); it is the way back")))
        for user in fromIndex.servicesByVolume[volume.name] ?? [] { edge(stopID(user), backupID) }
        edge(backupID, step.id)
        step.details.append("the volume's data is deleted (archived to \(file) first)")
        step.commands.append("docker volume rm \(dockerName)")
        step.isIrreversible = true
        step.inverse?.commands =
            Commands.restoreVolume(dockerName, from: file) + [Commands.validate]
        step.inverse?.isExact = false
        step.inverse?.restoresBackup = backupID
    }
}
