/// A Traefik router rule, parsed far enough to know which hosts and paths it matches.
///
/// Grammar (Traefik v2 and v3): matchers such as ``Host(`a.example`)`` joined
/// by `&&` and `||`, negated with `!`, grouped with parentheses; arguments in
/// backticks, double or single quotes, several separated by commas (v2's
/// ``Host(`a`, `b`)``). `&&` binds tighter than `||`. Hosts come from `Host`,
/// `HostHeader` and `HostSNI`; paths from `Path` and `PathPrefix`; a negated
/// matcher contributes nothing, since the rule does not match it. A matcher
/// may be spelled as Traefik registers it: canonical (`PathPrefix`), lowercase
/// (`pathprefix`), uppercase (`PATHPREFIX`) or Title case of the lowercase
/// (`Pathprefix`); other mixes (`pathPrefix`) are unknown to Traefik too.
struct TraefikRule: Equatable, Sendable {
    /// Every host the rule can match, lowercased, sorted, without duplicates.
    var hosts: [String]
    /// Every path or path prefix the rule names, sorted, without duplicates.
    var paths: [String]

    /// Matcher names Traefik v2 and v3 know.
    static let matchers: Set<String> = [
        "Host", "HostHeader", "HostRegexp", "HostSNI", "HostSNIRegexp", "Path", "PathPrefix",
        "PathRegexp", "Method", "Header", "HeaderRegexp", "Headers", "HeadersRegexp", "Query",
        "QueryRegexp", "ClientIP", "ALPN",
    ]

    /// Every spelling Traefik accepts for a matcher → its canonical name.
    static let spellings: [String: String] = {
        var result: [String: String] = [:]
        for name in matchers {
            let lower = name.lowercased()
            let title = lower.prefix(1).uppercased() + lower.dropFirst()
            for spelling in [name, lower, name.uppercased(), title] { result[spelling] = name }
        }
        return result
    }()

    /// Why a rule could not be parsed; `offset` counts characters from the rule's start.
    struct ParseError: Error, Equatable, Sendable {
        var message: String
        var offset: Int
    }

    init(hosts: [String], paths: [String]) {
        self.hosts = hosts
        self.paths = paths
    }

    /// Parses `rule`.
    ///
    /// - Throws: `ParseError` for an unknown matcher, an unclosed quote or
    ///   parenthesis, a missing operand, an empty argument (``Host(``)``), or text
    ///   after the end of the rule.
    init(parsing rule: String) throws(ParseError) {
        var parser = RuleParser(tokens: try RuleLexer.tokens(of: rule), length: rule.count)
        try parser.parseExpression(isNegated: false)
        try parser.expectEnd()
        hosts = Array(Set(parser.hosts)).sorted()
        paths = Array(Set(parser.paths)).sorted()
    }
}

/// A token of a rule and where it starts.
private struct RuleToken {
    enum Kind: Equatable {
        case name(String), string(String), open, close, comma, and, or, not
    }
    var kind: Kind
    var offset: Int
}

/// Splits a rule into tokens.
private enum RuleLexer {
    static func tokens(of rule: String) throws(TraefikRule.ParseError) -> [RuleToken] {
        let characters = Array(rule)
        var tokens: [RuleToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            switch character {
            case " ", "\t", "\n": index += 1; continue
            case "(": tokens.append(RuleToken(kind: .open, offset: start)); index += 1
            case ")": tokens.append(RuleToken(kind: .close, offset: start)); index += 1
            case ",": tokens.append(RuleToken(kind: .comma, offset: start)); index += 1
            case "!": tokens.append(RuleToken(kind: .not, offset: start)); index += 1
            case "&", "|":
                guard index + 1 < characters.count, characters[index + 1] == character else {
                    throw .init(message: "expected '\(character)\(character)'", offset: start)
                }
                tokens.append(RuleToken(kind: character == "&" ? .and : .or, offset: start))
                index += 2
            case "`", "\"", "'":
                guard let end = characters[(index + 1)...].firstIndex(of: character) else {
                    throw .init(message: "unclosed \(character) quote", offset: start)
                }
                tokens.append(
                    RuleToken(kind: .string(String(characters[(index + 1)..<end])), offset: start))
                index = end + 1
            case let letter where letter.isLetter:
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber
                { index += 1 }
                tokens.append(
                    RuleToken(kind: .name(String(characters[start..<index])), offset: start))
            default:
                throw .init(message: "unexpected '\(character)'", offset: start)
            }
        }
        return tokens
    }
}

/// Recursive descent over the tokens, collecting hosts and paths of non-negated matchers.
///
/// Nesting (parentheses and `!`) is limited to `maximumDepth`, so a hostile label cannot
/// exhaust the stack.
private struct RuleParser {
    /// Far deeper than any rule written by hand; Traefik's own parser has no such need.
    static let maximumDepth = 64
    let tokens: [RuleToken]
    let length: Int
    var position = 0
    var depth = 0
    var hosts: [String] = []
    var paths: [String] = []

    init(tokens: [RuleToken], length: Int) {
        self.tokens = tokens
        self.length = length
    }

    var current: RuleToken? { position < tokens.count ? tokens[position] : nil }

    mutating func parseExpression(isNegated: Bool) throws(TraefikRule.ParseError) {
        try parseConjunction(isNegated: isNegated)
        while current?.kind == .or {
            position += 1
            try parseConjunction(isNegated: isNegated)
        }
    }

    mutating func parseConjunction(isNegated: Bool) throws(TraefikRule.ParseError) {
        try parseUnary(isNegated: isNegated)
        while current?.kind == .and {
            position += 1
            try parseUnary(isNegated: isNegated)
        }
    }

    mutating func parseUnary(isNegated: Bool) throws(TraefikRule.ParseError) {
        guard let token = current else {
            throw .init(message: "the rule ends where a matcher was expected", offset: length)
        }
        guard depth < Self.maximumDepth else {
            throw .init(
                message: "the rule nests more than \(Self.maximumDepth) levels",
                offset: token.offset)
        }
        depth += 1
        defer { depth -= 1 }
        switch token.kind {
        case .not:
            position += 1
            try parseUnary(isNegated: !isNegated)
        case .open:
            position += 1
            try parseExpression(isNegated: isNegated)
            guard current?.kind == .close else {
                throw .init(message: "missing ')'", offset: current?.offset ?? length)
            }
            position += 1
        case .name(let name):
            try parseMatcher(name, at: token.offset, isNegated: isNegated)
        default:
            throw .init(message: "expected a matcher", offset: token.offset)
        }
    }

    mutating func parseMatcher(
        _ written: String, at offset: Int, isNegated: Bool
    ) throws(TraefikRule.ParseError) {
        guard let name = TraefikRule.spellings[written] else {
            throw .init(message: "unknown matcher '\(written)'", offset: offset)
        }
        position += 1
        guard current?.kind == .open else {
            throw .init(
                message: "expected '(' after \(written)", offset: current?.offset ?? length)
        }
        position += 1
        var arguments: [String] = []
        while let token = current, case .string(let text) = token.kind {
            // Traefik refuses the rule ("empty args for matcher"), so the router never serves.
            guard !text.isEmpty else {
                throw .init(message: "\(written) has an empty argument", offset: token.offset)
            }
            arguments.append(text)
            position += 1
            guard current?.kind == .comma else { break }
            position += 1
        }
        guard current?.kind == .close else {
            throw .init(
                message: "expected a quoted argument or ')'", offset: current?.offset ?? length)
        }
        position += 1
        guard !arguments.isEmpty else {
            throw .init(message: "\(written) needs an argument", offset: offset)
        }
        if !isNegated { record(name, arguments) }
    }

    mutating func record(_ name: String, _ arguments: [String]) {
        switch name {
        case "Host", "HostHeader", "HostSNI":
            hosts += arguments.filter { $0 != "*" }.map { $0.lowercased() }
        case "Path", "PathPrefix":
            paths += arguments
        default:
            break
        }
    }

    func expectEnd() throws(TraefikRule.ParseError) {
        if let token = current {
            throw .init(message: "unexpected text after the rule", offset: token.offset)
        }
    }
}
