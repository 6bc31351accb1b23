internal import CYAML

/// Reads one YAML document into a `YAMLNode` tree with source locations.
///
/// Built on libyaml's event parser (https://pyyaml.org/wiki/LibYAML). On top of
/// what libyaml checks, the reader refuses what Compose refuses: duplicate keys
/// in a mapping, aliases to undefined anchors, malformed merge keys, and
/// streams with more than one document. An empty stream (comments only) reads
/// as `nil`.
public struct YAMLParser {
    /// The file name used in locations.
    public let file: String
    private let bytes: [UInt8]

    public init(text: String, file: String) {
        self.file = file
        self.bytes = Array(text.utf8)
    }

    public init(bytes: [UInt8], file: String) {
        self.file = file
        self.bytes = bytes
    }

    /// Parses the document.
    ///
    /// - Returns: the root node, or nil when the stream holds no document.
    /// - Throws: `YAMLError` pointing at the first problem.
    public func parse() throws -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError("cannot initialise the YAML parser", at: location(line: 0, column: 0, index: 0))
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var reader = EventReader(parser: parser, file: file, bytes: bytes)
            defer { parser = reader.parser }
            return try reader.readStream()
        }
    }

    private func location(line: Int, column: Int, index: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1, offset: index)
    }
}

/// Walks libyaml's events and builds nodes; one instance per parse.
private struct EventReader {
    /// Deeper nesting than this is refused: no compose or migration file
    /// comes near it, and the reader and everything after it recurse.
    static let maximumDepth = 256
    /// At most this many nodes may come from aliases in one document, counted
    /// as their expansion: a few hundred bytes of nested aliases ("billion
    /// laughs") would otherwise expand to billions of nodes.
    static let maximumAliasedNodes = 1_000_000

    var parser: yaml_parser_t
    let file: String
    /// The input, to place an encoding error that libyaml gives only as a byte offset.
    let bytes: [UInt8]
    var anchors: [String: YAMLNode] = [:]
    /// The expanded size of each anchored node, aliases within it included.
    var anchorSizes: [String: Int] = [:]
    /// Nodes read so far, each alias counted as the size of what it repeats.
    var nodes = 0
    var aliasedNodes = 0
    var depth = 0

    init(parser: yaml_parser_t, file: String, bytes: [UInt8]) {
        self.parser = parser
        self.file = file
        self.bytes = bytes
    }

    mutating func readStream() throws -> YAMLNode? {
        var root: YAMLNode?
        var documents = 0
        while true {
            let event = try next()
            defer { event.release() }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError(
                        "the file holds more than one YAML document; a compose file is one document",
                        at: event.start(file))
                }
                anchors = [:]
                root = try readNode(first: try next())
                let end = try next()
                end.release()
            default:
                continue
            }
        }
    }

    /// Reads the node that starts with `first`, which this call releases.
    mutating func readNode(first event: Event) throws -> YAMLNode {
        defer { event.release() }
        let start = event.start(file)
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw YAMLError("nesting deeper than \(Self.maximumDepth) levels", at: start)
        }
        let before = nodes
        nodes += 1
        defer {
            if let anchor = event.anchor { anchorSizes[anchor] = nodes - before }
        }
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = event.aliasAnchor
            guard let node = anchors[name] else {
                throw YAMLError("alias '*\(name)' refers to an undefined anchor", at: start)
            }
            let size = anchorSizes[name] ?? 1
            nodes += size - 1
            aliasedNodes += size
            guard aliasedNodes <= Self.maximumAliasedNodes else {
                throw YAMLError(
                    "aliases expand to more than \(Self.maximumAliasedNodes) nodes", at: start)
            }
            return node
        case YAML_SCALAR_EVENT:
            let node = YAMLNode(
                .scalar(event.scalarValue, event.scalarStyle), tag: event.tag,
                start: start, end: event.end(file))
            remember(node, as: event.anchor)
            return node
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLNode] = []
            while true {
                let item = try next()
                if item.type == YAML_SEQUENCE_END_EVENT {
                    let node = YAMLNode(
                        .sequence(items), tag: event.tag, start: start, end: item.end(file))
                    item.release()
                    remember(node, as: event.anchor)
                    return node
                }
                items.append(try readNode(first: item))
            }
        case YAML_MAPPING_START_EVENT:
            return try readMapping(start: event)
        default:
            throw YAMLError("unexpected YAML event", at: start)
        }
    }

    mutating func readMapping(start event: Event) throws -> YAMLNode {
        var builder = MappingBuilder()
        while true {
            let keyEvent = try next()
            if keyEvent.type == YAML_MAPPING_END_EVENT {
                let node = YAMLNode(
                    .mapping(builder.finish()), tag: event.tag, start: event.start(file),
                    end: keyEvent.end(file))
                keyEvent.release()
                remember(node, as: event.anchor)
                return node
            }
            let key = try readNode(first: keyEvent)
            let value = try readNode(first: try next())
            try builder.add(key: key, value: value)
        }
    }

    mutating func remember(_ node: YAMLNode, as anchor: String?) {
        if let anchor { anchors[anchor] = node }
    }

    mutating func next() throws -> Event {
        let event = Event()
        guard yaml_parser_parse(&parser, &event.raw) == 1 else {
            throw parserError()
        }
        return event
    }

    func parserError() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR { return readerError(problem) }
        let context = parser.context.map { String(cString: $0) }
        let mark = parser.problem_mark
        let message = context.map { "\($0), \(problem)" } ?? problem
        return YAMLError(
            message, at: SourceLocation(
                file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                offset: Int(mark.index)))
    }

    /// An encoding error (a byte that is not UTF-8, a NUL or another control character),
    /// placed at its first byte.
    ///
    /// libyaml's reader leaves `problem_mark` unset for these and gives only
    /// `problem_offset`, the byte's offset in the input, and `problem_value`, the
    /// byte or the character (https://pyyaml.org/wiki/LibYAML, `yaml_parser_t`). A
    /// sequence cut short is reported at the byte that breaks it; it is placed at the
    /// byte that starts it instead, the first one that is wrong.
    func readerError(_ problem: String) -> YAMLError {
        var offset = min(max(Int(parser.problem_offset), 0), bytes.count)
        let value = Int(parser.problem_value)
        let message: String
        if problem.contains("trailing") || problem.contains("incomplete") {
            // A trailing byte that breaks a sequence lies after its lead byte (0b11xxxxxx);
            // an incomplete sequence is reported at its lead byte already.
            if problem.contains("trailing"), offset > 0 {
                offset -= 1
                while offset > 0, bytes[offset] & 0xC0 != 0xC0 { offset -= 1 }
            }
            let lead = offset < bytes.count ? Self.hex(bytes[offset]) : "?"
            message = "the UTF-8 sequence starting with byte \(lead) is cut short"
        } else if problem.contains("octet"), value >= 0 {
            message = "byte \(Self.hex(value)) is not UTF-8"
        } else if problem.contains("control"), value >= 0 {
            let code = String(value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            message = "control character U+\(padded) is not allowed"
        } else {
            message = problem
        }
        return YAMLError(
            message + "; the file must be UTF-8 text",
            at: Self.location(ofByte: offset, in: bytes, file: file))
    }

    static func hex<Value: BinaryInteger>(_ value: Value) -> String {
        "0x" + String(value, radix: 16, uppercase: true)
    }

    /// The line and column (in characters, both from 1) of the byte at `offset`.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Count characters as UTF-8 lead bytes: every byte but a continuation byte.
        let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
        return SourceLocation(file: file, line: line, column: column, offset: end)
    }
}

/// Collects a mapping's pairs, refusing duplicate keys and applying merge keys.
///
/// Explicit keys win over merged ones wherever they stand; among several merged
/// mappings (`<<: [*a, *b]`) the first that has a key wins, as the YAML merge
/// key specification (https://yaml.org/type/merge.html) says.
private struct MappingBuilder {
    private var explicit: [YAMLPair] = []
    private var explicitKeys: [String: SourceLocation] = [:]
    private var merged: [YAMLPair] = []
    private var mergeIndex: Int?

    mutating func add(key: YAMLNode, value: YAMLNode) throws {
        if case .scalar("<<", .plain) = key.content {
            try addMerge(value, at: key.start)
            return
        }
        let name = key.scalar ?? "\(key.start)"
        if let first = explicitKeys[name] {
            throw YAMLError(
                "duplicate key '\(name)' (first defined at line \(first.line))", at: key.start)
        }
        explicitKeys[name] = key.start
        explicit.append(YAMLPair(key: key, value: value))
    }

    private mutating func addMerge(_ value: YAMLNode, at location: SourceLocation) throws {
        let sources: [YAMLNode]
        switch value.content {
        case .mapping: sources = [value]
        case .sequence(let items): sources = items
        case .scalar:
            throw YAMLError("merge key '<<' needs a mapping or a list of mappings", at: value.start)
        }
        mergeIndex = mergeIndex ?? explicit.count
        for source in sources {
            guard let pairs = source.mapping else {
                throw YAMLError("merge key '<<' needs a mapping or a list of mappings", at: source.start)
            }
            for pair in pairs where !merged.contains(where: { $0.key.scalar == pair.key.scalar }) {
                merged.append(YAMLPair(key: pair.key, value: pair.value, isMerged: true))
            }
        }
    }

    func finish() -> [YAMLPair] {
        guard let mergeIndex else { return explicit }
        let inherited = merged.filter { explicitKeys[$0.key.scalar ?? ""] == nil }
        var pairs = explicit
        pairs.insert(contentsOf: inherited, at: mergeIndex)
        return pairs
    }
}

/// Owns one libyaml event; `release()` frees what libyaml allocated for it.
private final class Event {
    var raw = yaml_event_t()
    private var isReleased = false

    func release() {
        guard !isReleased else { return }
        isReleased = true
        yaml_event_delete(&raw)
    }

    deinit { release() }

    var type: yaml_event_type_t { raw.type }

    func start(_ file: String) -> SourceLocation {
        let mark = raw.start_mark
        return SourceLocation(
            file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
    }

    func end(_ file: String) -> SourceLocation {
        let mark = raw.end_mark
        return SourceLocation(
            file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
    }

    var scalarValue: String {
        let scalar = raw.data.scalar
        guard let value = scalar.value else { return "" }
        let buffer = UnsafeBufferPointer(start: value, count: Int(scalar.length))
        return String(decoding: buffer, as: UTF8.self)
    }

    var scalarStyle: YAMLNode.ScalarStyle {
        switch raw.data.scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    var tag: String? {
        let pointer: UnsafeMutablePointer<yaml_char_t>?
        switch raw.type {
        case YAML_SCALAR_EVENT: pointer = raw.data.scalar.tag
        case YAML_SEQUENCE_START_EVENT: pointer = raw.data.sequence_start.tag
        case YAML_MAPPING_START_EVENT: pointer = raw.data.mapping_start.tag
        default: pointer = nil
        }
        return pointer.map { String(cString: $0) }
    }

    var anchor: String? {
        let pointer: UnsafeMutablePointer<yaml_char_t>?
        switch raw.type {
        case YAML_SCALAR_EVENT: pointer = raw.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: pointer = raw.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: pointer = raw.data.mapping_start.anchor
        default: pointer = nil
        }
        return pointer.map { String(cString: $0) }
    }

    var aliasAnchor: String {
        raw.data.alias.anchor.map { String(cString: $0) } ?? ""
    }
}
