import InfraModel

/// Renders an impact report for a terminal: a summary line first, then who
/// depends on the service directly (with the kind and the line it was read
/// from), who depends on it through others, its connection clients, the routes
/// that stop with it, and the verdict on removing it, red when something breaks.
public struct ImpactRenderer {
    /// Colours, or plain text; the caller decides from the terminal.
    public var style: TextStyle

    /// A renderer that colours with `style`.
    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// The report, ending with a newline.
    public func render(_ impact: Impact) -> String {
        let summary =
            "\(impact.directServices.count) direct, \(impact.transitive.count) transitive, "
            + "\(impact.routes.count) route\(impact.routes.count == 1 ? "" : "s")"
        var lines = [style.bold("Impact of \(impact.service) in \(impact.version): \(summary)")]
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
                let targets = (route.hosts + route.paths).joined(separator: ", ")
                lines.append("  \(route.router)  \(targets)  (backend \(route.backend))")
            }
        }
        lines.append(verdict(impact))
        return lines.joined(separator: "\n") + "\n"
    }

    private func directLines(_ impact: Impact) -> [String] {
        guard !impact.direct.isEmpty else { return ["No service depends on \(impact.service)."] }
        return ["Direct dependents (\(impact.directServices.count)):"] + impact.direct.map(dependentLine)
    }

    /// `  erpnext_byrne  environment REDIS_CACHE  Examples/compose.yml:109`.
    private func dependentLine(_ dependent: Impact.Dependent) -> String {
        var text = "  \(dependent.service)  \(dependent.kind.label)"
        if !dependent.detail.isEmpty { text += " \(dependent.detail)" }
        if dependent.isSoft { text += " (soft: required: false)" }
        if !dependent.isActive { text += " (inactive)" }
        if let source = dependent.source { text += "  \(source)" }
        return text
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

    private func verdict(_ impact: Impact) -> String {
        guard !impact.isRemovable else {
            return style.green("Removing \(impact.service) breaks nothing.")
        }
        let broken = impact.breaksOnRemoval + impact.routes.map { "route \($0.router)" }
        return style.red("Removing \(impact.service) breaks: \(broken.joined(separator: ", ")).")
    }
}
