import InfraModel

/// Renders an impact report as text.
public struct ImpactRenderer {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// The report: direct and transitive dependents, connection clients,
    /// routes that stop answering, and whether removal breaks anything.
    public func render(_ impact: Impact) -> String {
        var lines = [style.bold("Impact of \(impact.service) in \(impact.version)")]
        lines += directLines(impact) + transitiveLines(impact)
        if !impact.clients.isEmpty {
            lines.append("Connection clients (\(impact.clients.count)):")
            lines += impact.clients.map {
                "  \($0.client)  \($0.expected) connections (\($0.origin))"
            }
        }
        if !impact.routes.isEmpty {
            lines.append("Routes that stop answering if \(impact.service) stops:")
            for route in impact.routes {
                let hosts = (route.hosts + route.paths).joined(separator: ", ")
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

    private func directLines(_ impact: Impact) -> [String] {
        guard !impact.direct.isEmpty else { return ["No service depends on \(impact.service)."] }
        return ["Direct dependents (\(impact.directServices.count)):"]
            + impact.direct.map { dependent in
                var text = "  \(dependent.service)  \(dependent.kind.label)"
                if !dependent.detail.isEmpty { text += " \(dependent.detail)" }
                if dependent.isSoft { text += " (soft: required: false)" }
                if !dependent.isActive { text += " (inactive)" }
                if let source = dependent.source { text += "  \(source)" }
                return text
            }
    }

    private func transitiveLines(_ impact: Impact) -> [String] {
        guard !impact.transitive.isEmpty else { return [] }
        let direct = Set(impact.directServices)
        return ["Transitive dependents (\(impact.transitive.count)):"]
            + impact.transitive.map { item in
                let also = direct.contains(item.service) ? " (also direct)" : ""
                return "  \(item.service)  via \(item.path.joined(separator: " -> "))\(also)"
            }
    }
}
