/// A YAML node as read from a file, with where it starts and ends.
///
/// Aliases are resolved (an alias node is a copy of its anchor's node, keeping
/// the anchor's locations) and merge keys (`<<`) are applied, so readers see
/// the document as YAML 1.1 tools and Compose see it. Scalars keep their text
/// and style; typing (`true`, `5`) is left to the reader that knows the schema.
public struct YAMLNode: Sendable {
    /// How a scalar was written; quoted scalars are never typed as null, bool or number.
    public enum ScalarStyle: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// The explicit tag, such as `!reset` or `!override`, if any.
    public var tag: String?
    /// Where the node starts.
    public var start: SourceLocation
    /// Where the node ends (exclusive).
    public var end: SourceLocation

    public init(_ content: Content, tag: String? = nil, start: SourceLocation, end: SourceLocation) {
        self.content = content
        self.tag = tag
        self.start = start
        self.end = end
    }

    /// The scalar text, or nil for a mapping or sequence.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The items of a sequence, or nil.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pairs of a mapping, in file order, or nil.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// True for a plain `null`, `~` or empty scalar (YAML's null).
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content, tag == nil || tag == "!!null" else {
            return false
        }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The value for a scalar key in a mapping, or nil.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar == key }?.value
    }

    /// The pair for a scalar key in a mapping, or nil.
    public func pair(_ key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar == key }
    }

    /// A short name for the node's kind, for messages ("a mapping").
    public var kindName: String {
        if isNull { return "null" }
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }
}

/// One key and value of a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
    /// True when the pair came in through a merge key (`<<: *anchor`).
    public var isMerged: Bool

    public init(key: YAMLNode, value: YAMLNode, isMerged: Bool = false) {
        self.key = key
        self.value = value
        self.isMerged = isMerged
    }
}
