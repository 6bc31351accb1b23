/// The graph in Graphviz's DOT language (https://graphviz.org/doc/info/lang.html).
///
/// Services are rounded boxes, databases cylinders, routes notes; edges carry
/// their kind as a label, and dependencies Compose does not see (environment
/// values) are dashed. In a plan's graph, what the plan adds is green and
/// marked `+`, what it removes red and `-`, what it changes amber and `~`, and
/// a service others still keep is blue.
extension StackDiagram {
    /// The DOT document, ending with a newline.
    public func dot() -> String {
        var lines = [
            "digraph \(Self.dotQuoted(title)) {",
            "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, "
                + "label=\(Self.dotQuoted(caption))];",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        lines += nodes.map { "  \(Self.dotQuoted($0.id)) [\(Self.attributes(of: $0))];" }
        lines += edges.map { edge in
            let ends = "\(Self.dotQuoted(edge.from)) -> \(Self.dotQuoted(edge.to))"
            return "  \(ends) [\(Self.attributes(of: edge))];"
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    /// The title, and for a plan the legend of its colours.
    var caption: String {
        guard isPlan else { return title }
        return title
            + "\n+ added (green)   - removed (red)   ~ changed (amber)   kept, still used (blue)"
            + "   dashed: found in environment values"
    }

    private static func attributes(of node: Node) -> String {
        let mark = node.status.mark.map { "\($0) " } ?? ""
        var text = mark + node.name + (node.detail.map { "\n\($0)" } ?? "")
        if !node.isActive { text += "\n(inactive profile)" }
        if node.status == .kept { text += "\n(kept: others still use it)" }
        var attributes = ["label=\(dotQuoted(text))"]
        switch node.kind {
        case .database: attributes.append("shape=cylinder")
        case .route: attributes.append("shape=note")
        case .service: break
        }
        var styles = node.kind == .service ? ["rounded"] : []
        if node.status == .removed || !node.isActive { styles.append("dashed") }
        if !styles.isEmpty {
            attributes.append("style=\(dotQuoted(styles.joined(separator: ",")))")
        }
        if let color = color(of: node.status) {
            attributes += [
                "color=\(dotQuoted(color))", "fontcolor=\(dotQuoted(color))", "penwidth=2",
            ]
        }
        return attributes.joined(separator: ", ")
    }

    private static func attributes(of edge: Edge) -> String {
        let mark = edge.status.mark.map { "\($0) " } ?? ""
        var attributes = ["label=\(dotQuoted(mark + edge.label))"]
        if edge.isDashed { attributes.append("style=dashed") }
        if let color = color(of: edge.status) {
            attributes += [
                "color=\(dotQuoted(color))", "fontcolor=\(dotQuoted(color))", "penwidth=2",
            ]
        }
        return attributes.joined(separator: ", ")
    }

    /// The colour of a status, as `#rrggbb`; nil for the default black.
    static func color(of status: Status) -> String? {
        switch status {
        case .added: return "#1a7f37"
        case .removed: return "#cf222e"
        case .changed: return "#9a6700"
        case .kept: return "#0969da"
        case .unchanged: return nil
        }
    }

    /// A DOT string literal: double quotes, with `"` and `\` escaped and newlines as `\n`.
    static func dotQuoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
