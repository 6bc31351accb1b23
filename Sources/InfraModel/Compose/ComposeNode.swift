/// A node of a Compose document after YAML reading, with typed scalars and locations.
///
/// The importer works on this tree between reading a file and building the
/// model: interpolation rewrites its string scalars, `extends`, `include` and
/// several `-f` files are merged on it, and the schema check walks it. Every
/// node keeps where it was read, so a problem found after merging still points
/// at the line that caused it.
struct ComposeNode: Sendable {
    /// The value a node holds.
    ///
    /// Scalars are typed as YAML 1.2's core schema types them (the schema Compose's YAML
    /// reader uses); quoted scalars are strings.
    enum Content: Sendable {
        case null
        case string(String)
        case bool(Bool)
        case number(String)
        case sequence([ComposeNode])
        case mapping([ComposeEntry])
    }

    var content: Content
    /// An explicit tag kept for merging: `!reset` or `!override`.
    var tag: String?
    var location: SourceLocation

    init(_ content: Content, tag: String? = nil, at location: SourceLocation) {
        self.content = content
        self.tag = tag
        self.location = location
    }

    /// The text of a scalar (numbers and booleans as written); nil for null and collections.
    var text: String? {
        switch content {
        case .string(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null, .sequence, .mapping: return nil
        }
    }

    /// The items of a sequence, or nil.
    var items: [ComposeNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries of a mapping, in file order, or nil.
    var entries: [ComposeEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    var isScalar: Bool { text != nil }

    /// The value for `key` in a mapping, or nil.
    subscript(key: String) -> ComposeNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The entry for `key` in a mapping, or nil.
    func entry(_ key: String) -> ComposeEntry? {
        entries?.first { $0.key == key }
    }

    /// A short name of the node's kind for messages: "a mapping", "a string".
    var kindName: String {
        switch content {
        case .null: return "null"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// One key and value of a mapping node.
struct ComposeEntry: Sendable {
    var key: String
    /// Where the key was written; entries merged from an anchor keep the anchor's place.
    var keyLocation: SourceLocation
    var value: ComposeNode
}

extension ComposeNode {
    /// Converts a YAML node, typing plain scalars.
    init(yaml node: YAMLNode) {
        switch node.content {
        case .scalar(let text, let style):
            self.init(
                Self.typedScalar(text, style: style, tag: node.tag), tag: node.tag, at: node.start)
        case .sequence(let items):
            self.init(.sequence(items.map(ComposeNode.init(yaml:))), tag: node.tag, at: node.start)
        case .mapping(let pairs):
            let entries = pairs.map { pair in
                ComposeEntry(
                    key: pair.key.scalar ?? "", keyLocation: pair.key.start,
                    value: ComposeNode(yaml: pair.value))
            }
            self.init(.mapping(entries), tag: node.tag, at: node.start)
        }
    }

    /// Types a scalar as YAML 1.2's core schema does; quoted and block scalars stay strings.
    static func typedScalar(_ text: String, style: YAMLNode.ScalarStyle, tag: String?) -> Content {
        if tag == "!!str" || tag == "tag:yaml.org,2002:str" { return .string(text) }
        guard style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: return isNumber(text) ? .number(text) : .string(text)
        }
    }

    /// True for YAML 1.2 core-schema integers and floats (`5`, `-3`, `0x1F`, `1.5e3`, `.inf`).
    static func isNumber(_ text: String) -> Bool {
        let special: Set<String> = [
            ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN",
        ]
        if special.contains(text) { return true }
        if text.hasPrefix("0x") || text.hasPrefix("0o") {
            let digits = text.dropFirst(2)
            let radix = text.hasPrefix("0x") ? 16 : 8
            return !digits.isEmpty && Int(digits, radix: radix) != nil
        }
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard let first = body.first, first.isNumber || first == "." else { return false }
        let allowed = Set("0123456789.eE+-")
        return body.allSatisfy { allowed.contains($0) } && Double(body) != nil
    }
}
