/// Checks a merged Compose document against `ComposeShape`, as `docker compose` does first.
///
/// Reports every unknown key, every value of the wrong kind, every word
/// outside a key's `enum`, every required key left out and every item a
/// unique list repeats, each at its own location, and does not descend into
/// a value whose kind is already wrong (one mistake, one message).
struct SchemaChecker {
    private(set) var diagnostics = ComposeDiagnostics()

    /// Checks `node` against `shape`; `path` names the node in messages (`services.web`).
    mutating func check(_ node: ComposeNode, _ shape: ComposeShape, path: [String]) {
        switch shape {
        case .any: return
        case .string: expectScalar(node, path, allowsBool: false, expected: "a string")
        case .text: expectText(node, path)
        case .integer: expectInteger(node, path)
        case .scalar: expectScalar(node, path, allowsBool: true, expected: "a string or a number")
        case .boolean: expectBoolean(node, path)
        case .castBoolean: expectCastBoolean(node, path)
        case .choice(let words): expectChoice(node, words, path)
        case .nullableScalar:
            if !node.isNull { expectScalar(node, path, allowsBool: true, expected: "a scalar") }
        case .object(let keys): checkObject(node, keys, path)
        case .dictionary(let value): checkDictionary(node, value, path)
        case .names(let kind, let value): checkNames(node, kind, value, path)
        case .list(let item): checkList(node, item, path)
        case .uniqueList(let item): checkUniqueList(node, item, path)
        case .requiring(let keys, let inner): checkRequired(node, keys, inner, path)
        case .nullable(let inner):
            if !node.isNull { check(node, inner, path: path) }
        case .either(let shapes): checkEither(node, shapes, path)
        }
    }

    private mutating func expectScalar(
        _ node: ComposeNode, _ path: [String], allowsBool: Bool, expected: String
    ) {
        switch node.content {
        case .string, .number: return
        case .bool where allowsBool: return
        default: wrongType(node, path, expected)
        }
    }

    private mutating func expectText(_ node: ComposeNode, _ path: [String]) {
        if case .string = node.content { return }
        wrongType(node, path, "a string")
    }

    /// Accepts an integer, written as one or as a string compose-go casts to one.
    private mutating func expectInteger(_ node: ComposeNode, _ path: [String]) {
        switch node.content {
        case .number(let text), .string(let text):
            guard Int(text) == nil else { return }
            diagnostics.report(
                .invalidValue(path: Self.dotted(path), value: text, expected: "an integer"),
                at: node.location)
        default: wrongType(node, path, "an integer")
        }
    }

    private mutating func expectBoolean(_ node: ComposeNode, _ path: [String]) {
        switch node.content {
        case .bool, .string: return
        default: wrongType(node, path, "a boolean")
        }
    }

    /// Accepts a boolean or a string that compose-go's cast reads as one.
    private mutating func expectCastBoolean(_ node: ComposeNode, _ path: [String]) {
        switch node.content {
        case .bool: return
        case .string(let text) where Self.booleanWords.contains(text.lowercased()): return
        case .string(let text):
            diagnostics.report(
                .invalidValue(path: Self.dotted(path), value: text, expected: "true or false"),
                at: node.location)
        default: wrongType(node, path, "a boolean")
        }
    }

    /// The strings compose-go's interpolation casts to a boolean (YAML 1.1's words).
    static let booleanWords: Set<String> = ["true", "yes", "y", "on", "false", "no", "n", "off"]

    private mutating func expectChoice(_ node: ComposeNode, _ words: [String], _ path: [String]) {
        guard let text = node.text, !node.content.isBool else {
            return wrongType(node, path, "a string")
        }
        guard words.contains(text) else {
            let expected = "one of " + words.joined(separator: ", ")
            diagnostics.report(
                .invalidValue(path: Self.dotted(path), value: text, expected: expected),
                at: node.location)
            return
        }
    }

    private mutating func checkObject(
        _ node: ComposeNode, _ keys: [String: ComposeShape], _ path: [String]
    ) {
        guard let entries = node.entries else { return wrongType(node, path, "a mapping") }
        for entry in entries where !entry.key.hasPrefix("x-") {
            guard let shape = keys[entry.key] else {
                diagnostics.report(
                    .unknownKey(key: entry.key, context: Self.describe(path)), at: entry.keyLocation
                )
                continue
            }
            check(entry.value, shape, path: path + [entry.key])
        }
    }

    private mutating func checkDictionary(
        _ node: ComposeNode, _ value: ComposeShape, _ path: [String]
    ) {
        guard let entries = node.entries else { return wrongType(node, path, "a mapping") }
        for entry in entries {
            check(entry.value, value, path: path + [entry.key])
        }
    }

    /// Refuses a name outside `[a-zA-Z0-9._-]+` (the schema's pattern) at its key.
    ///
    /// Compose interpolates values only, so a key written `${NAME}` is refused here too.
    private mutating func checkNames(
        _ node: ComposeNode, _ kind: String, _ value: ComposeShape, _ path: [String]
    ) {
        guard let entries = node.entries else { return wrongType(node, path, "a mapping") }
        for entry in entries {
            guard Self.isValidName(entry.key) else {
                diagnostics.report(
                    .invalidName(kind: kind, name: entry.key), at: entry.keyLocation)
                continue
            }
            check(entry.value, value, path: path + [entry.key])
        }
    }

    /// True for a name the Compose schema allows: letters, digits, `.`, `_` and `-`, not empty.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    private mutating func checkList(_ node: ComposeNode, _ item: ComposeShape, _ path: [String]) {
        guard let items = node.items else { return wrongType(node, path, "a list") }
        for (index, element) in items.enumerated() {
            check(element, item, path: path + ["[\(index)]"])
        }
    }

    /// Checks the items, then refuses each scalar item written a second time, at that item.
    private mutating func checkUniqueList(
        _ node: ComposeNode, _ item: ComposeShape, _ path: [String]
    ) {
        checkList(node, item, path)
        var seen: Set<String> = []
        for element in node.items ?? [] {
            guard let text = element.text, !seen.insert(text).inserted else { continue }
            diagnostics.report(
                .duplicateItem(path: Self.dotted(path), item: text), at: element.location)
        }
    }

    /// Refuses a mapping without one of `keys`, at the mapping, then checks it as `inner`.
    private mutating func checkRequired(
        _ node: ComposeNode, _ keys: [String], _ inner: ComposeShape, _ path: [String]
    ) {
        if node.entries != nil {
            for key in keys where node.entry(key) == nil {
                diagnostics.report(
                    .missingKey(path: Self.dotted(path), key: key), at: node.location)
            }
        }
        check(node, inner, path: path)
    }

    /// Picks the alternative whose outer kind matches the node, then checks it fully.
    private mutating func checkEither(
        _ node: ComposeNode, _ shapes: [ComposeShape], _ path: [String]
    ) {
        if let match = shapes.first(where: { Self.accepts($0, kindOf: node) }) {
            check(node, match, path: path)
            return
        }
        let expected = shapes.map(Self.kindName).joined(separator: " or ")
        wrongType(node, path, expected)
    }

    private mutating func wrongType(_ node: ComposeNode, _ path: [String], _ expected: String) {
        diagnostics.report(
            .wrongType(path: Self.dotted(path), expected: expected, found: node.kindName),
            at: node.location)
    }

    /// True when `shape`'s outer kind admits the node's kind.
    static func accepts(_ shape: ComposeShape, kindOf node: ComposeNode) -> Bool {
        switch (shape, node.content) {
        case (.any, _): return true
        case (.string, .string), (.string, .number), (.text, .string): return true
        case (.integer, .string), (.integer, .number): return true
        case (.scalar, .string), (.scalar, .number), (.scalar, .bool): return true
        case (.boolean, .bool), (.boolean, .string): return true
        case (.castBoolean, .bool), (.castBoolean, .string): return true
        case (.choice, .string), (.choice, .number): return true
        case (.nullableScalar, .mapping), (.nullableScalar, .sequence): return false
        case (.nullableScalar, _): return true
        case (.object, .mapping), (.dictionary, .mapping), (.names, .mapping): return true
        case (.list, .sequence), (.uniqueList, .sequence): return true
        case (.requiring(_, let inner), _): return accepts(inner, kindOf: node)
        case (.nullable, .null): return true
        case (.nullable(let inner), _): return accepts(inner, kindOf: node)
        case (.either(let shapes), _): return shapes.contains { accepts($0, kindOf: node) }
        default: return false
        }
    }

    static func kindName(_ shape: ComposeShape) -> String {
        switch shape {
        case .any: return "anything"
        case .string, .text, .choice: return "a string"
        case .integer: return "an integer"
        case .scalar, .nullableScalar: return "a scalar"
        case .boolean, .castBoolean: return "a boolean"
        case .object, .dictionary, .names: return "a mapping"
        case .list, .uniqueList: return "a list"
        case .requiring(_, let inner): return kindName(inner)
        case .nullable(let inner): return kindName(inner)
        case .either(let shapes): return shapes.map(kindName).joined(separator: " or ")
        }
    }

    /// `services.web.ports[0]` from its components.
    static func dotted(_ path: [String]) -> String {
        var text = ""
        for part in path {
            if part.hasPrefix("[") || text.isEmpty {
                text += part
            } else {
                text += "." + part
            }
        }
        return text.isEmpty ? "the file" : text
    }

    /// "service web", "services.web.deploy" or "the top level" for unknown-key messages.
    static func describe(_ path: [String]) -> String {
        if path.isEmpty { return "the top level" }
        if path.count == 2, path[0] == "services" { return "service \(path[1])" }
        return dotted(path)
    }
}
