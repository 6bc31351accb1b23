import InfraModel

/// Renders an impact report as text.
public struct ImpactRenderer {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    public func render(_ impact: Impact) -> String {
        var lines = [style.bold("Impact of \(impact.service) in \(impact.version)")]
        if impact.direct.isEmpty {
            lines.append("No service depends on \(impact.service).")
        } else {
            lines.append("Direct dependents (\(impact.directServices.count)):")
            for dependent in impact.direct {
                var text = "  \(dependent.service)  \(dependent.kind.label)"
                if !dependent.detail.isEmpty { text += " \(dependent.detail)" }
                if dependent.isSoft { text += " (soft: required: false)" }
                if !dependent.isActive { text += " (inactive)" }
                if let source = dependent.source { text += "  \(source)" }
                lines.append(text)
            }
        }
        if !impact.transitive.isEmpty {
            lines.append("Transitive dependents (\(impact.transitive.count)):")
            let direct = Set(impact.directServices)
            for item in impact.transitive {
                let also = direct.contains(item.service) ? " (also direct)" : ""
                lines.append("  \(item.service)  via \(item.path.joined(separator: " -> "))\(also)")
            }
        }
        if !impact.clients.isEmpty {
            lines.append("Connection clients (\(impact.clients.count)):")
            for client in impact.clients {
                lines.append(
                    "  \(client.client)  \(client.expected) connections (\(client.origin))")
            }
        }
        if !impact.routes.isEmpty {
            lines.append("Routes that stop answering if \(impact.service) stops:")
            for route in impact.routes {
                let targets = route.hosts + route.paths
                let hosts = targets.joined(separator: ", ")
                lines.append("  \(route.router)  \(hosts)  (backend \(route.backend))")
            }
        }
        let broken = impact.breaksOnRemoval + impact.routes.map { "route \($0.router)" }
        lines.append(
            impact.isRemovable
                ? "Removing \(impact.service) breaks nothing."
                : "Removing \(impact.service) breaks: \(broken.joined(separator: ", ")).")
        return lines.joined(separator: "\n") + "\n"
    }
}
