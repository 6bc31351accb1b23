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
        let services = impact.directServices.count
        let references = impact.direct.count
        let count =
            references == services
            ? "\(services)"
            : "\(services) service\(services == 1 ? "" : "s"), \(references) references"
        let rows = impact.direct.map(dependentColumns)
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return ["Direct dependents (\(count)):"]
            + rows.map { row in
                var text = "  " + row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
                text += "  " + row[1]
                if !row[2].isEmpty {
                    text += String(repeating: " ", count: widths[1] - row[1].count) + "  " + row[2]
                }
                return text
            }
    }

    /// The service, the kind of dependency with its detail and marks, and where
    /// it was read: `erpnext_byrne`, `environment REDIS_CACHE`, `Examples/compose.yml:109`.
    private func dependentColumns(_ dependent: Impact.Dependent) -> [String] {
        var kind = dependent.kind.label
        if !dependent.detail.isEmpty { kind += " \(dependent.detail)" }
        if dependent.isSoft { kind += " (soft: required: false)" }
        if !dependent.isActive { kind += " (inactive)" }
        return [dependent.service, kind, dependent.source ?? ""]
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
