import InfraModel

/// One-line descriptions of model changes, as plans and reviews print them.
///
/// Secret values never appear: environment values are shown as the model
/// keeps them, which is already redacted.
public enum ChangeDescription {
    /// `- environment AUTHENTIK_REDIS__HOST`, `~ image server:2025.8.4 -> server:2025.10.1`…
    public static func lines(for change: ModelChange) -> [String] {
        let mark = change.action.symbol
        switch (change.before, change.after) {
        case (.service(let before)?, .service(let after)?):
            return serviceFieldChanges(before, after).map { "~ \($0)" }
        default:
            let subject = subject(of: change.entity, action: change.action, before: change.before)
            return ["\(mark) \(subject)"]
        }
    }

    /// What a single entity is, for a change line.
    static func subject(
        of entity: AnyEntity, action: ModelChange.Action, before: AnyEntity?
    ) -> String {
        switch entity {
        case .service(let service):
            return "service \(service.name)" + (service.image.map { " (\($0))" } ?? "")
        case .environment(let entry):
            if action == .modify, case .environment(let old)? = before {
                return "environment \(entry.name): \(old.value) -> \(entry.value)"
            }
            return action == .remove
                ? "environment \(entry.name)" : "environment \(entry.name)=\(entry.value)"
        case .secretGrant(let grant): return "secret \(grant.secret)"
        case .dependency(let edge):
            switch edge.kind {
            case .dependsOn:
                return "depends_on \(edge.to)" + (edge.condition.map { " (\($0))" } ?? "")
            case .environment: return "dependency on \(edge.to) (environment \(edge.detail))"
            default: return "\(edge.kind.label) \(edge.to)"
            }
        case .route(let route):
            return "route \(route.router) (\(route.hosts.joined(separator: ", ")))"
        case .database(let db):
            if action == .modify, case .database(let old)? = before {
                let version = old.version == db.version ? "" : "\(old.version ?? "?") -> "
                let limit =
                    old.maxConnections == db.maxConnections ? "" : "\(old.maxConnections) -> "
                return "database \(db.service): \(db.engine) \(version)\(db.version ?? "?"), "
                    + "max_connections \(limit)\(db.maxConnections)"
            }
            return "database \(db.service): \(db.engine) \(db.version ?? "?"), "
                + "max_connections \(db.maxConnections)"
        case .connection(let estimate):
            let was: String
            if action == .modify, case .connection(let old)? = before {
                was = "\(old.expected) -> "
            } else {
                was = ""
            }
            return "connections \(estimate.client) -> \(estimate.database): \(was)\(estimate.expected)"

        case .secret(let secret): return "secret declaration \(secret.name) (\(secret.origin))"
        case .volume(let volume): return "volume \(volume.name)"
        case .network(let network): return "network \(network.name)"
        case .requirement(let requirement): return "requirement \(requirement.id)"
        case .note(let note): return "note \(note.id)"
        }
    }

    /// The fields of a service that differ: `image a -> b`, `command …`.
    public static func serviceFieldChanges(_ before: Service, _ after: Service) -> [String] {
        var lines: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T, _ render: (T) -> String) {
            if a != b { lines.append("\(name) \(render(a)) -> \(render(b))") }
        }
        compare("image", before.image, after.image) { $0?.description ?? "(none)" }
        compare("command", before.command, after.command) {
            $0.map { $0.joined(separator: " ") } ?? "(default)"
        }
        compare("entrypoint", before.entrypoint, after.entrypoint) {
            $0.map { $0.joined(separator: " ") } ?? "(default)"
        }
        compare("restart", before.restart, after.restart) { $0 ?? "(default)" }
        compare("healthcheck", before.healthcheck, after.healthcheck) {
            $0.map { $0.test.joined(separator: " ") } ?? "(none)"
        }
        compare("profiles", before.profiles, after.profiles) { "[\($0.joined(separator: ", "))]" }
        compare("active", before.isActive, after.isActive) { String($0) }
        compare("ports", before.ports, after.ports) { "[\($0.joined(separator: ", "))]" }
        compare("volumes", before.volumes, after.volumes) { "[\($0.joined(separator: ", "))]" }
        compare("networks", before.networks, after.networks) { "[\($0.joined(separator: ", "))]" }
        compare("configs", before.configs, after.configs) { "[\($0.joined(separator: ", "))]" }
        compare("container_name", before.containerName, after.containerName) { $0 ?? "(default)" }
        compare("replicas", before.replicas, after.replicas) { $0.map(String.init) ?? "(default)" }
        compare("shm_size", before.shmSize, after.shmSize) { $0 ?? "(default)" }
        compare("build", before.hasBuild, after.hasBuild) { String($0) }
        for key in Set(before.labels.keys).union(after.labels.keys).sorted()
        where before.labels[key] != after.labels[key] {
            let old = before.labels[key] ?? "(none)"
            lines.append("label \(key): \(old) -> \(after.labels[key] ?? "(none)")")
        }
        return lines
    }
}
