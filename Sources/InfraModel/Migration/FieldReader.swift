/// Reads one YAML mapping field by field, collecting located errors.
///
/// Every key a reader does not ask for is reported as unknown when
/// `finish()` runs, so a typo in a migration file never passes silently.
struct FieldReader {
    let node: YAMLNode
    let context: String
    private(set) var diagnostics: [Diagnostic] = []
    private var known: Set<String> = []

    /// Starts reading `node`, which must be a mapping; `context` names it in messages.
    init(_ node: YAMLNode, context: String) {
        self.node = node
        self.context = context
        if node.mapping == nil {
            diagnostics.append(
                .error(
                    "migration-type", "\(context) must be a mapping, not \(node.kindName)",
                    at: node.start))
        }
    }

    /// The value node for `key`, if present.
    mutating func value(_ key: String) -> YAMLNode? {
        known.insert(key)
        return node[key]
    }

    /// A required or optional scalar.
    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = value.scalar, !value.isNull else {
            fail("'\(key)' of \(context) must be a string, not \(value.kindName)", at: value)
            return nil
        }
        return text
    }

    /// A required or optional integer.
    mutating func int(
        _ key: String, required: Bool = true, in range: ClosedRange<Int> = Int.min...Int.max
    ) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Int(text) else {
            fail("'\(key)' of \(context) must be an integer, not '\(text)'", at: node[key])
            return nil
        }
        guard range.contains(number) else {
            fail(
                "'\(key)' of \(context) must be from \(range.lowerBound) to \(range.upperBound), "
                    + "not \(number)", at: node[key])
            return nil
        }
        return number
    }

    /// A required or optional number.
    mutating func double(_ key: String, required: Bool = true) -> Double? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Double(text), number.isFinite else {
            fail("'\(key)' of \(context) must be a number, not '\(text)'", at: node[key])
            return nil
        }
        return number
    }

    /// An optional Boolean (`true`/`false`).
    mutating func bool(_ key: String) -> Bool? {
        guard let text = string(key, required: false) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            fail("'\(key)' of \(context) must be true or false, not '\(text)'", at: node[key])
            return nil
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let value = value(key) else {
            if required { missing(key) }
            return nil
        }
        if let text = value.scalar, !value.isNull { return [text] }
        guard let items = value.sequence else {
            fail("'\(key)' of \(context) must be a list of strings", at: value)
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let text = item.scalar, !item.isNull else {
                fail("'\(key)' of \(context) must be a list of strings", at: item)
                return nil
            }
            result.append(text)
        }
        if required && result.isEmpty {
            fail("'\(key)' of \(context) must not be empty", at: value)
        }
        return result
    }

    mutating func missing(_ key: String) {
        diagnostics.append(.error("migration-missing", "\(context) needs '\(key)'", at: node.start))
    }

    mutating func fail(_ message: String, at node: YAMLNode?) {
        diagnostics.append(.error("migration-invalid", message, at: node?.start ?? self.node.start))
    }

    /// Reports every key that was never asked for; returns all diagnostics.
    mutating func finish() -> [Diagnostic] {
        for pair in node.mapping ?? [] {
            let key = pair.key.scalar ?? ""
            if !known.contains(key) {
                let expected = known.sorted().joined(separator: ", ")
                diagnostics.append(
                    .error(
                        "migration-unknown-key", "unknown key '\(key)' in \(context)",
                        at: pair.key.start,
                        note: "expected one of: \(expected)"))
            }
        }
        return diagnostics
    }
}
