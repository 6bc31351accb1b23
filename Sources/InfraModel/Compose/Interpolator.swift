/// Substitutes variables in a string the way Compose (compose-go's `template`) does.
///
/// Supported forms: `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty),
/// `${VAR-default}` (unset), `${VAR:?message}` (refuse when unset or empty),
/// `${VAR?message}` (refuse when unset), `${VAR:+alt}` (alt when set and not
/// empty), `${VAR+alt}` (alt when set), and `$$` for a literal `$`. Defaults,
/// alternatives and messages may nest further references
/// (`${A:-${B:-x}}`, `${TAG:-$VERSION}`). A `$` followed by anything else, or an
/// unclosed `${`, is an invalid template, as in Compose. Names are
/// `[_a-zA-Z][_a-zA-Z0-9]*`. A `}` closes the innermost open `${`, counted the
/// way compose-go counts them.
struct Interpolator: Sendable {
    /// The variables in effect; a missing key is an unset variable.
    var variables: [String: String]

    /// What one substitution produced.
    struct Output: Equatable, Sendable {
        var value: String
        /// Variables referenced without a default that were not set, in order of use.
        var unset: [String]
        /// What references to sensitive variables (`DB_PASSWORD`, `API_TOKEN`)
        /// put into the value, their defaults included: the reader hides these
        /// wherever the value lands, so a password passed on a command line
        /// (`--requirepass ${REDIS_PASSWORD}`) never reaches the model.
        var sensitive: [String] = []

        /// The value with what sensitive variables put into it replaced by
        /// the redaction marker, longest first so a value holding another goes whole.
        var redactedValue: String {
            sensitive.sorted { $0.count > $1.count }.reduce(value) {
                $0.replacingOccurrences(of: $1, with: EnvironmentValue.redactionMarker)
            }
        }
    }

    /// Why a template was refused.
    enum Failure: Error, Equatable, Sendable {
        /// `${NAME:?message}` or `${NAME?message}` with nothing to use.
        case required(name: String, message: String)
        /// A `$` that starts no valid reference.
        case invalid(template: String)
    }

    /// Substitutes every reference in `text`.
    ///
    /// - Throws: `Failure` for a required variable without a value or an invalid template.
    func substitute(_ text: String) throws(Failure) -> Output {
        guard text.contains("$") else { return Output(value: text, unset: []) }
        var scanner = Scanner(characters: Array(text), template: text)
        return try scanner.run(self)
    }

    fileprivate func lookup(_ name: String) -> String? { variables[name] }
}

/// Walks one template; a fresh scanner handles each nested default.
private struct Scanner {
    let characters: [Character]
    let template: String
    var output = ""
    var unset: [String] = []
    var sensitive: [String] = []

    init(characters: [Character], template: String) {
        self.characters = characters
        self.template = template
    }

    mutating func run(_ context: Interpolator) throws(Interpolator.Failure) -> Interpolator.Output {
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$" else {
                output.append(character)
                index += 1
                continue
            }
            index = try reference(at: index, context)
        }
        return Interpolator.Output(value: output, unset: unset, sensitive: sensitive)
    }

    /// Reads the reference starting with the `$` at `index`; returns the index after it.
    mutating func reference(at index: Int, _ context: Interpolator) throws(Interpolator.Failure)
        -> Int
    {
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        switch next {
        case "$":
            output.append("$")
            return index + 2
        case "{":
            guard let close = closingBrace(from: index) else { throw .invalid(template: template) }
            let inner = String(characters[(index + 2)..<close])
            try braced(inner, context)
            return close + 1
        case let first? where Self.isNameStart(first):
            var end = index + 1
            while end < characters.count, Self.isNameCharacter(characters[end]) { end += 1 }
            let name = String(characters[(index + 1)..<end])
            use(name, context)
            return end
        default:
            throw .invalid(template: template)
        }
    }

    /// The index of the `}` closing the `${` at `start`, counting nested `${` as compose-go does.
    func closingBrace(from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < characters.count {
            if characters[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{"
            {
                depth += 1
                index += 1
            }
            index += 1
        }
        return nil
    }

    /// Substitutes the inside of `${...}`.
    mutating func braced(_ inner: String, _ context: Interpolator) throws(Interpolator.Failure) {
        let name = String(inner.prefix { Self.isNameCharacter($0) })
        guard let first = name.first, Self.isNameStart(first) else {
            throw .invalid(template: template)
        }
        let rest = String(inner.dropFirst(name.count))
        if rest.isEmpty {
            use(name, context)
            return
        }
        guard let (operation, argument) = Self.split(rest) else {
            throw .invalid(template: template)
        }
        try apply(operation, name: name, argument: argument, context)
    }

    mutating func apply(
        _ operation: String, name: String, argument: String, _ context: Interpolator
    ) throws(Interpolator.Failure) {
        let value = context.lookup(name)
        let isEmpty = value?.isEmpty ?? true
        let start = output.endIndex
        defer {
            if EnvironmentValue.isSensitive(key: name), output.endIndex > start {
                sensitive.append(String(output[start...]))
            }
        }
        switch operation {
        case ":-": output += isEmpty ? try nested(argument, context) : value ?? ""
        case "-": output += value == nil ? try nested(argument, context) : value ?? ""
        case ":+": output += isEmpty ? "" : try nested(argument, context)
        case "+": output += value == nil ? "" : try nested(argument, context)
        case ":?", "?":
            let isMissing = operation == ":?" ? isEmpty : value == nil
            if isMissing {
                let message = (try? nested(argument, context)) ?? argument
                throw .required(name: name, message: message)
            }
            output += value ?? ""
        default:
            throw .invalid(template: template)
        }
    }

    /// Substitutes a default, alternative or message, collecting its unset variables.
    mutating func nested(_ text: String, _ context: Interpolator) throws(Interpolator.Failure)
        -> String
    {
        let result = try context.substitute(text)
        unset += result.unset
        sensitive += result.sensitive
        return result.value
    }

    mutating func use(_ name: String, _ context: Interpolator) {
        if let value = context.lookup(name) {
            output += value
            if EnvironmentValue.isSensitive(key: name), !value.isEmpty { sensitive.append(value) }
        } else {
            unset.append(name)
        }
    }

    /// Splits `:-default` into the operator and its argument; nil when no operator leads.
    static func split(_ rest: String) -> (String, String)? {
        for operation in [":-", ":?", ":+", "-", "?", "+"] where rest.hasPrefix(operation) {
            return (operation, String(rest.dropFirst(operation.count)))
        }
        return nil
    }

    static func isNameStart(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && character.isLetter)
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        isNameStart(character) || (character.isASCII && character.isNumber)
    }
}
