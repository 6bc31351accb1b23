/// The graph as a Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html),
/// which GitHub and GitLab draw inside Markdown.
///
/// Shapes, labels, dashes and colours follow the DOT rendering. Node ids are
/// made from the names (`n_authentik_server`), since a name may hold characters
/// Mermaid reserves or be one of its keywords (`end`).
extension StackDiagram {
    /// The Mermaid document, with a title block, ending with a newline.
    public func mermaid() -> String {
        let ids = mermaidIDs()
        var lines = ["---", "title: \(YAMLText.quoted(title))", "---", "flowchart LR"]
        if isPlan {
            lines.append(
                "  %% + added (green), - removed (red), ~ changed (amber), kept: still used (blue)"
            )
        }
        for node in nodes {
            let id = ids[node.id] ?? node.id
            lines.append("  \(id)\(Self.shape(of: node, label: Self.label(of: node)))")
        }
        for edge in edges {
            let arrow = edge.isDashed ? "-.->" : "-->"
            let mark = edge.status.mark.map { "\($0) " } ?? ""
            let label = Self.mermaidText(mark + edge.label)
            lines.append(
                "  \(ids[edge.from] ?? edge.from) \(arrow)|\"\(label)\"| \(ids[edge.to] ?? edge.to)"
            )
        }
        lines += styleLines(ids: ids)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Class definitions per status, the class of each marked node, the colour of each marked edge.
    private func styleLines(ids: [String: String]) -> [String] {
        var lines: [String] = []
        for status in Status.allCases {
            guard let color = Self.color(of: status) else { continue }
            let marked = nodes.filter { $0.status == status }.compactMap { ids[$0.id] }
            guard !marked.isEmpty else { continue }
            let dash = status == .removed ? ",stroke-dasharray:5 5" : ""
            lines.append(
                "  classDef \(status.rawValue) "
                    + "stroke:\(color),stroke-width:2px,color:\(color)\(dash)"
            )
            lines.append("  class \(marked.joined(separator: ",")) \(status.rawValue)")
        }
        for (index, edge) in edges.enumerated() {
            guard let color = Self.color(of: edge.status) else { continue }
            lines.append("  linkStyle \(index) stroke:\(color),stroke-width:2px,color:\(color)")
        }
        return lines
    }

    /// Unique Mermaid ids by node id: `n_` and the name, anything but letters and digits as `_`.
    private func mermaidIDs() -> [String: String] {
        var ids: [String: String] = [:]
        var taken: Set<String> = []
        for node in nodes {
            let base = "n_" + String(node.id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            var id = base
            var suffix = 2
            while !taken.insert(id).inserted {
                id = "\(base)_\(suffix)"
                suffix += 1
            }
            ids[node.id] = id
        }
        return ids
    }

    private static func label(of node: Node) -> String {
        let mark = node.status.mark.map { "\($0) " } ?? ""
        var parts = [mark + node.name] + (node.detail.map { [$0] } ?? [])
        if !node.isActive { parts.append("(inactive profile)") }
        if node.status == .kept { parts.append("(kept: others still use it)") }
        return parts.map(mermaidText).joined(separator: "<br/>")
    }

    private static func shape(of node: Node, label: String) -> String {
        switch node.kind {
        case .database: return "[(\"\(label)\")]"
        case .route: return ">\"\(label)\"]"
        case .service: return "(\"\(label)\")"
        }
    }

    /// Text safe inside a quoted Mermaid label: quotes and markup characters as entity codes.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
