import InfraModel

/// Steps that change services: configure, pull, stop, start, restart, remove.
///
/// Inverses are written so that the rollback, which runs them in reverse
/// order, works at each point: an undone start stops the service; an undone
/// stop or restart brings the service back from the configuration saved
/// before the plan (`backup:compose`), since the compose file itself is only
/// put back by the undone configure steps that come later in the rollback.
extension PlanBuilder {
    mutating func addServiceSteps() {
        for service in serviceChanges.keys.sorted() {
            addConfigurationSteps(service, serviceChanges[service] ?? [])
        }
        for service in motions.keys.sorted() { addMotionSteps(service) }
        addStartupOrder()
    }

    private mutating func addConfigurationSteps(_ name: String, _ changes: [ModelChange]) {
        let serviceChange = changes.first { $0.kind == .service }
        switch serviceChange?.action {
        case .remove?: return addRemovedService(name, changes)
        case .add?: addNewService(name, changes)
        default: addChangedService(name, changes)
        }
        addPull(name, serviceChange)
    }

    private mutating func addNewService(_ name: String, _ changes: [ModelChange]) {
        add(
            Step(
                id: "configure:\(name)", kind: .configure, entity: name,
                title: "add service \(name)",
                reason: "\(name) is new in \(request.toLabel)",
                details: changes.flatMap(ChangeDescription.lines), commands: [Commands.validate],
                changes: changes,
                inverse: StepInverse(
                    kind: .configure, title: "remove service \(name) from the compose file",
                    commands: [Commands.validate])))
        edge("configure:\(name)", startID(name))
    }

    private mutating func addChangedService(_ name: String, _ changes: [ModelChange]) {
        add(
            Step(
                id: "configure:\(name)", kind: .configure, entity: name, title: "configure \(name)",
                reason: reason(for: changes), details: changes.flatMap(ChangeDescription.lines),
                commands: [Commands.validate], changes: changes,
                inverse: StepInverse(
                    kind: .configure, title: "restore the configuration of \(name)",
                    details: changes.reversed().map(\.inverse).flatMap(ChangeDescription.lines),
                    commands: [Commands.validate])))
        edge("configure:\(name)", startID(name))
    }

    /// The service leaves the compose file after its container is gone; its
    /// named volumes stay unless the request asks for them (see `+TopLevel`).
    private mutating func addRemovedService(_ name: String, _ changes: [ModelChange]) {
        let kept = (from.services[name]?.namedVolumes ?? []).map { volume in
            // A volume another service of the target mounts is that service's data now.
            let users = (toIndex.servicesByVolume[volume] ?? []).filter { $0 != name }
            guard users.isEmpty else {
                return "named volume \(volume) stays: \(users.sorted().joined(separator: ", ")) "
                    + (users.count == 1 ? "mounts" : "mount") + " it"
            }
            return "named volume \(volume) is kept; "
                + "`docker volume rm \(dockerVolumeName(volume, in: from))` deletes its data"
        }
        add(
            Step(
                id: "remove:\(name)", kind: .remove, entity: name, title: "remove service \(name)",
                reason: "\(name) is not in \(request.toLabel) and nothing there needs it",
                details: changes.flatMap(ChangeDescription.lines) + kept,
                commands: [Commands.validate], changes: changes,
                inverse: StepInverse(
                    kind: .configure, title: "restore service \(name) in the compose file",
                    commands: [Commands.validate])))
        edge(stopID(name), "remove:\(name)")
    }

    /// A pull before a start when the image is new to the service.
    private mutating func addPull(_ name: String, _ change: ModelChange?) {
        guard let change, let start = startID(name), let image = to.services[name]?.image else {
            return
        }
        if case .service(let before)? = change.before, before.image == image { return }
        add(
            Step(
                id: "pull:\(name)", kind: .pull, entity: name, title: "pull \(image) for \(name)",
                reason: change.action == .add ? "\(name) is new" : "the image of \(name) changes",
                commands: [Commands.pull(name)]))
        edge("configure:\(name)", "pull:\(name)")
        edge("pull:\(name)", start)
    }

    private func reason(for changes: [ModelChange]) -> String {
        let kinds = Set(changes.map(\.kind.rawValue)).sorted()
        let source = request.migration.map { " (\($0.path))" } ?? ""
        return "\(kinds.joined(separator: ", ")) change in \(request.toLabel)\(source)"
    }

    /// The Docker name of a named volume: its `name:`, else `<project>_<volume>`.
    func dockerVolumeName(_ volume: String, in model: StackModel) -> String {
        model.volumes[volume]?.externalName ?? "\(model.project)_\(volume)"
    }
}

/// The stop, start and restart steps of each moving service, and their order.
extension PlanBuilder {
    private mutating func addMotionSteps(_ name: String) {
        switch motions[name] {
        case .start?: addStart(name)
        case .stop?: addStop(name)
        case .restart?: addRestart(name)
        case .stopThenStart?:
            addStop(name)
            addStart(name)
            edge("stop:\(name)", "start:\(name)")
        case nil: break
        }
    }

    private mutating func addStart(_ name: String) {
        let isNew = !from.services.contains(name)
        let again = motions[name] == .stopThenStart
        add(
            Step(
                id: "start:\(name)", kind: .start, entity: name,
                title: again ? "start \(name) again" : "start \(name)",
                reason: motionReasons[name]
                    ?? (isNew ? "\(name) is new in \(request.toLabel)" : startReason(name)),
                details: waitDetails(name), commands: Commands.start(name, waitingFor: waits[name]),
                inverse: StepInverse(
                    kind: .stop, title: isNew ? "stop and remove \(name)" : "stop \(name)",
                    commands: [
                        isNew ? Commands.removeContainer(name, project: to.project) : Commands.stop(name)
                    ])))
    }

    private func startReason(_ name: String) -> String {
        serviceChanges[name].map(reason(for:)) ?? "\(name) is switched on in \(request.toLabel)"
    }

    private mutating func addStop(_ name: String) {
        let isRemoved = !to.services.contains(name)
        let reason =
            isRemoved
            ? "\(name) is not in \(request.toLabel)"
            : "\(name) is switched off by its profiles in \(request.toLabel)"
        add(
            Step(
                id: "stop:\(name)", kind: .stop, entity: name,
                title: isRemoved ? "stop and remove the container of \(name)" : "stop \(name)",
                reason: motionReasons[name] ?? reason,
                commands: [
                    isRemoved ? Commands.removeContainer(name, project: from.project) : Commands.stop(name)
                ],
                inverse: StepInverse(
                    kind: .start, title: "start \(name) as it was",
                    commands: [
                        Commands.startSaved(name, version: request.fromLabel, waitingFor: fromWait(name))
                    ])))
    }

    private mutating func addRestart(_ name: String) {
        add(
            Step(
                id: "restart:\(name)", kind: .restart, entity: name, title: "restart \(name)",
                reason: serviceChanges[name].map(reason(for:)) ?? "its configuration changes",
                details: waitDetails(name),
                commands: Commands.recreate(name, waitingFor: waits[name]),
                inverse: StepInverse(
                    kind: .restart, title: "recreate \(name) as it was",
                    commands: [
                        Commands.recreateSaved(
                            name, version: request.fromLabel, waitingFor: fromWait(name))
                    ])))
    }

    private func waitDetails(_ name: String) -> [String] {
        guard let condition = waits[name] else { return [] }
        return [
            "waits until \(name) is \(condition == "service_healthy" ? "healthy" : "completed"): "
                + "a service that starts after it depends on it with condition \(condition)"
        ]
    }

    /// What a service needs starts before it (target edges); what needs a
    /// service stops before it (current edges). A split service's stop and
    /// start bracket every stop and restart of what it needs.
    private mutating func addStartupOrder() {
        for (service, needs) in toGraph.needs {
            guard let start = startID(service) else { continue }
            for need in needs { edge(startID(need), start) }
        }
        for (service, needs) in fromGraph.needs {
            guard let stop = stopID(service) else { continue }
            for need in needs { edge(stop, stopID(need)) }
        }
    }
}
