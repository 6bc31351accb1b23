import InfraModel

/// Renders one version of the model as text: services with their facts.
public struct ModelRenderer {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    public func render(_ model: StackModel, record: VersionRecord) -> String {
        let current = record.isCurrent ? " (current)" : ""
        let origin = "\(record.originKind.rawValue) \(record.originPath)"
        var lines = [
            style.bold("\(model.project) \(record.label)\(current)"),
            "from \(origin), \(model.services.count) services", "",
        ]
        for service in model.services {
            lines += serviceLines(service, in: model)
        }
        for secret in model.secrets {
            lines.append("secret \(secret.name): \(secret.origin)")
        }
        for database in model.databases {
            let assumed = database.isLimitAssumed ? " (assumed default)" : ""
            lines.append(
                "database \(database.service): \(database.engine) \(database.version ?? "?"), "
                    + "max_connections \(database.maxConnections)\(assumed)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func serviceLines(_ service: Service, in model: StackModel) -> [String] {
        let inactive =
            service.isActive
            ? "" : "  [inactive: profiles \(service.profiles.joined(separator: ", "))]"
        var lines = [
            style.bold(service.name) + "  " + (service.image?.description ?? "(build only)")
                + inactive
        ]
        for entry in model.environment where entry.service == service.name {
            lines.append("  env \(entry.name)=\(entry.value)")
        }
        for grant in model.secretGrants where grant.service == service.name {
            lines.append("  secret \(grant.secret) at \(grant.target)")
        }
        for edge in model.dependencies(of: service.name) {
            let detail = edge.detail.isEmpty ? "" : " \(edge.detail)"
            lines.append(
                "  needs \(edge.to) (\(edge.kind.label)\(detail))"
                    + (edge.source.map { "  \($0)" } ?? ""))
        }
        for route in model.routes where route.definedBy == service.name {
            lines.append("  route \(route.router): \(route.hosts.joined(separator: ", "))")
        }
        return lines
    }
}
