import InfraModel

/// Steps that change services: configure, pull, restart; start for new ones;
/// stop and remove for removed ones; and top-level declarations.
extension PlanBuilder {
    /// Services the plan starts or restarts, sorted.
    var restartedServices: [String] {
        steps.values.filter { $0.kind == .restart || $0.kind == .start }.map(\.entity).sorted()
    }

    mutating func addServiceSteps() {
        for service in serviceChanges.keys.sorted() {
            let changes = serviceChanges[service] ?? []
            if changes.contains(where: { $0.action == .add && $0.kind == .service }) {
                addNewService(service, changes)
            } else if changes.contains(where: { $0.action == .remove && $0.kind == .service }) {
                addRemovedService(service, changes)
            } else {
                addChangedService(service, changes)
            }
        }
        addStartupOrder()
    }

    private mutating func addNewService(_ name: String, _ changes: [ModelChange]) {
        add(Step(
            id: "configure:\(name)", kind: .configure, entity: name, title: "add service \(name)",
            reason: "\(name) is new in \(request.toLabel)", details: changes.flatMap(ChangeDescription.lines),
            changes: changes,
            inverse: StepInverse(kind: .configure, title: "remove service \(name) from the compose file")))
        if to.services[name]?.image != nil {
            add(Step(
                id: "pull:\(name)", kind: .pull, entity: name, title: "pull image of \(name)",
                reason: "\(name) is new", commands: [Commands.pull(name)]))
            edge("configure:\(name)", "pull:\(name)")
            edge("pull:\(name)", "start:\(name)")
        }
        add(Step(
            id: "start:\(name)", kind: .start, entity: name, title: "start \(name)", reason: "\(name) is new",
            commands: [Commands.start(name)],
            inverse: StepInverse(kind: .stop, title: "stop and remove \(name)", commands: [Commands.removeContainer(name)])))
        edge("configure:\(name)", "start:\(name)")
    }

    private mutating func addRemovedService(_ name: String, _ changes: [ModelChange]) {
        let volumes = from.services[name]?.namedVolumes ?? []
        add(Step(
            id: "stop:\(name)", kind: .stop, entity: name, title: "stop \(name)",
            reason: "\(name) is not in \(request.toLabel)", commands: [Commands.removeContainer(name)],
            inverse: StepInverse(kind: .start, title: "start \(name)", commands: [Commands.start(name)])))
        let kept = volumes.map { "named volume \($0) is kept; `docker volume rm \(to.project)_\($0)` deletes its data" }
        add(Step(
            id: "remove:\(name)", kind: .remove, entity: name, title: "remove service \(name)",
            reason: "\(name) is not in \(request.toLabel) and nothing needs it",
            details: changes.flatMap(ChangeDescription.lines) + kept, changes: changes,
            inverse: StepInverse(kind: .configure, title: "restore service \(name) in the compose file")))
        edge("stop:\(name)", "remove:\(name)")
    }

    private mutating func addChangedService(_ name: String, _ changes: [ModelChange]) {
        let recreate = Commands.recreate(name)
        add(Step(
            id: "configure:\(name)", kind: .configure, entity: name, title: "configure \(name)",
            reason: reason(for: changes), details: changes.flatMap(ChangeDescription.lines), changes: changes,
            inverse: StepInverse(
                kind: .configure, title: "restore the configuration of \(name)",
                details: changes.reversed().map(\.inverse).flatMap(ChangeDescription.lines),
                commands: needsRestart(changes) ? [recreate] : [])))
        guard needsRestart(changes) else { return }
        if case .service(let before)? = changes.first(where: { $0.kind == .service })?.before,
            case .service(let after)? = changes.first(where: { $0.kind == .service })?.after,
            let newImage = after.image, before.image != newImage
        {
            add(Step(
                id: "pull:\(name)", kind: .pull, entity: name, title: "pull \(newImage)",
                reason: "image of \(name) changes", commands: [Commands.pull(name)],
                inverse: before.image.map {
                    StepInverse(kind: .pull, title: "make sure \($0) is present", commands: [Commands.pullImage($0)])
                }))
            edge("configure:\(name)", "pull:\(name)")
            edge("pull:\(name)", "restart:\(name)")
        }
        add(Step(
            id: "restart:\(name)", kind: .restart, entity: name, title: "restart \(name)",
            reason: "its configuration changes", commands: [recreate],
            inverse: StepInverse(kind: .stop, title: "stop \(name)", commands: [Commands.stop(name)])))
        edge("configure:\(name)", "restart:\(name)")
    }

    /// Compose recreates a container when its definition changes; `depends_on`
    /// and connection estimates are not part of it.
    private func needsRestart(_ changes: [ModelChange]) -> Bool {
        changes.contains { change in
            switch change.entity {
            case .dependency(let edge): return edge.kind != .dependsOn
            case .database: return false
            default: return true
            }
        }
    }

    private func reason(for changes: [ModelChange]) -> String {
        let kinds = Set(changes.map(\.kind.rawValue)).sorted()
        let source = request.migration.map { " (\($0.path))" } ?? ""
        return "\(kinds.joined(separator: ", ")) change in \(request.toLabel)\(source)"
    }

    /// Dependencies start before their dependents; dependents stop before what they need.
    private mutating func addStartupOrder() {
        for edge in to.dependencies where edge.kind != .route {
            for before in ["restart:", "start:"] {
                for after in ["restart:", "start:"] where steps[before + edge.to] != nil && steps[after + edge.from] != nil {
                    self.edge(before + edge.to, after + edge.from)
                }
            }
        }
        for edge in from.dependencies where steps["stop:\(edge.from)"] != nil && steps["stop:\(edge.to)"] != nil {
            self.edge("stop:\(edge.from)", "stop:\(edge.to)")
        }
    }

    /// Declarations of secrets, volumes and networks: added before the services
    /// that use them are configured, removed after those services moved off them.
    mutating func addTopLevelSteps() {
        for change in topLevelChanges {
            let name = change.entity.displayName
            let id = "\(change.action == .remove ? "remove" : "configure"):\(change.kind.rawValue):\(name)"
            var details = ChangeDescription.lines(for: change)
            if change.action == .remove, case .volume = change.entity {
                details.append("the volume's data is kept; `docker volume rm \(from.project)_\(name)` deletes it")
            }
            if change.action == .remove, case .secret(let secret) = change.entity, case .file(let path) = secret.origin {
                details.append("the secret file \(path) stays on disk")
            }
            add(Step(
                id: id, kind: change.action == .remove ? .remove : .configure, entity: name,
                title: "\(change.action == .remove ? "remove" : change.action == .add ? "declare" : "change") \(change.kind.rawValue) \(name)",
                reason: change.action == .remove ? "no service uses it in \(request.toLabel)" : "used in \(request.toLabel)",
                details: details, changes: [change],
                inverse: StepInverse(kind: .configure, title: "restore \(change.kind.rawValue) \(name)")))
            for service in serviceChanges.keys.sorted() {
                if change.action == .remove {
                    edge("configure:\(service)", id)
                    if steps["restart:\(service)"] != nil { edge("restart:\(service)", id) }
                } else {
                    edge(id, "configure:\(service)")
                }
            }
        }
    }
}
