import InfraModel

/// Renders one version of the model as text: services with their facts.
public struct ModelRenderer {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    public func render(_ model: StackModel, record: VersionRecord) -> String {
        let current =
            record.isCurrent ? " (current)" : record.createdAt.isEmpty ? " (not applied yet)" : ""
        let origin = "\(record.originKind.rawValue) \(record.originPath)"
        var lines = [
            style.bold("\(model.project) \(record.label)\(current)"),
            "from \(origin), \(model.services.count) services", "",
        ]
        // One index for the whole model: a scan per service would make `show` quadratic.
        let index = ModelIndex(model)
        for service in index.services {
            lines += serviceLines(service, in: index)
        }
        for secret in model.secrets {
            lines.append("secret \(secret.name): \(secret.origin)")
        }
        for database in index.databases {
            let assumed = database.isLimitAssumed ? " (assumed default)" : ""
            lines.append(
                "database \(database.service): \(database.engine) \(database.version ?? "?"), "
                    + "max_connections \(database.maxConnections)\(assumed)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func serviceLines(_ service: Service, in index: ModelIndex) -> [String] {
        let profiles = service.profiles.joined(separator: ", ")
        let inactive = service.isActive ? "" : "  [inactive: profiles \(profiles)]"
        let image = service.image?.description ?? "(build only)"
        var lines = [style.bold(service.name) + "  " + image + inactive]
        for entry in index.environmentByService[service.name] ?? [] {
            lines.append("  env \(entry.name)=\(entry.value)")
        }
        for grant in index.grantsByService[service.name] ?? [] {
            lines.append("  secret \(grant.secret) at \(grant.target)")
        }
        for edge in index.dependencies(of: service.name) {
            let detail = edge.detail.isEmpty ? "" : " \(edge.detail)"
            let source = edge.source.map { "  \($0)" } ?? ""
            lines.append("  needs \(edge.to) (\(edge.kind.label)\(detail))\(source)")
        }
        for route in index.routesByDefiner[service.name] ?? [] {
            lines.append("  route \(route.router): \(route.hosts.joined(separator: ", "))")
        }
        return lines
    }
}
