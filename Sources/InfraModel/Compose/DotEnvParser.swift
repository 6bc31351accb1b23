/// Reads `.env` files (the project's, `--env-file` ones and a service's `env_file`).
///
/// Follows compose-go's `dotenv` reader: `KEY=value` or `KEY: value` lines,
/// an optional `export ` prefix, `#` comment lines, inline comments after
/// whitespace on unquoted values, single quotes taken literally, double quotes
/// with `\n`, `\r` and backslash escapes, and a bare `KEY` line taking the value
/// from the caller's lookup when it has one. Unquoted and double-quoted values
/// are interpolated with the lookup and then the variables defined earlier in
/// the file. A key the file defines keeps the file's value even when the
/// lookup has it too: which source wins is the caller's rule (the process
/// environment wins over the project's `.env`; a service's `env_file` wins
/// over both).
struct DotEnvParser {
    /// One variable read from the file.
    struct Entry: Equatable, Sendable {
        var key: String
        var value: String
        /// 1-based line of the key.
        var line: Int
        /// The value as written, before interpolation (quotes removed).
        var rawValue: String
        /// Variables the value referenced that were set nowhere, so became empty.
        var unset: [String]
        /// True for a bare `KEY` line, whose value came from the lookup.
        var isFromLookup: Bool
    }

    /// Why a line could not be read; `line` is 1-based.
    struct Failure: Error, Equatable, Sendable {
        var line: Int
        var message: String
    }

    let text: String
    /// Values for bare keys and interpolation, consulted before the file's earlier lines.
    let lookup: [String: String]

    /// Parses the whole file; later definitions of a key replace earlier ones.
    func parse() throws(Failure) -> [Entry] {
        var cursor = Cursor(Array(text))
        var entries: [Entry] = []
        var defined: [String: String] = [:]
        while cursor.skipToStatement() {
            guard let entry = try readStatement(&cursor, defined: defined) else { continue }
            defined[entry.key] = entry.value
            entries.removeAll { $0.key == entry.key }
            entries.append(entry)
        }
        return entries
    }

    private func readStatement(_ cursor: inout Cursor, defined: [String: String]) throws(Failure)
        -> Entry?
    {
        let line = cursor.line
        let (key, isBare) = try readKey(&cursor)
        if isBare {
            guard let value = lookup[key] else { return nil }
            return Entry(
                key: key, value: value, line: line, rawValue: value, unset: [], isFromLookup: true)
        }
        let (raw, interpolate) = try readValue(&cursor, line: line)
        var value = raw
        var unset: [String] = []
        if interpolate {
            let variables = defined.merging(lookup) { _, fromLookup in fromLookup }
            do {
                let output = try Interpolator(variables: variables).substitute(raw)
                // `OPTS=-Dpw=${DB_PASSWORD}`: the password stays out of every value read.
                value = output.redactedValue
                unset = output.unset
            } catch {
                throw Failure(line: line, message: Self.describe(error, key: key))
            }
        }
        return Entry(
            key: key, value: value, line: line, rawValue: raw, unset: unset, isFromLookup: false)
    }

    /// Reads `KEY` up to `=`, `:` or the end of the line; a key alone on its line is bare.
    private func readKey(_ cursor: inout Cursor) throws(Failure) -> (String, Bool) {
        cursor.skipExportPrefix()
        var key = ""
        while let character = cursor.peek() {
            if character == "=" || character == ":" || character == "\n" {
                cursor.advance()
                let trimmed = key.trimmingTrailingSpaces()
                guard !trimmed.contains(" ") else {
                    throw Failure(
                        line: cursor.line, message: "key '\(trimmed)' cannot contain a space")
                }
                return (trimmed, character == "\n")
            }
            guard Self.isKeyCharacter(character) else {
                throw Failure(
                    line: cursor.line,
                    message: "unexpected character '\(character)' in variable name")
            }
            key.append(character)
            cursor.advance()
        }
        return (key.trimmingTrailingSpaces(), true)
    }

    /// Reads a value; returns it and whether it is to be interpolated.
    private func readValue(_ cursor: inout Cursor, line: Int) throws(Failure) -> (String, Bool) {
        cursor.skipSpaces()
        guard let quote = cursor.peek(), quote == "\"" || quote == "'" else {
            return (cursor.readUnquoted(), true)
        }
        guard let body = cursor.readQuoted(quote) else {
            throw Failure(line: line, message: "unterminated quoted value")
        }
        return quote == "'" ? (body, false) : (Self.unescape(body), true)
    }

    static func isKeyCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
            || character == " " || character == "\t"
    }

    /// Applies `\n`, `\r` and `\x` → `x` (except before `$`), as compose-go's double quotes do.
    static func unescape(_ text: String) -> String {
        var result = ""
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            guard character == "\\", let next = iterator.next() else {
                result.append(character)
                continue
            }
            switch next {
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "$": result += "\\$"
            default: result.append(next)
            }
        }
        return result
    }

    static func describe(_ failure: Interpolator.Failure, key: String) -> String {
        switch failure {
        case .required(let name, let message):
            return "required variable \(name) is missing a value: \(message)"
        case .invalid(let template):
            return "invalid interpolation in the value of \(key): '\(template)'"
        }
    }
}

/// A position in the text of an env file, counting lines.
private struct Cursor {
    let characters: [Character]
    var index = 0
    var line = 1

    init(_ characters: [Character]) { self.characters = characters }

    func peek() -> Character? { index < characters.count ? characters[index] : nil }

    mutating func advance() {
        if characters[index] == "\n" { line += 1 }
        index += 1
    }

    /// Skips blank space and comment lines; false at the end of the text.
    mutating func skipToStatement() -> Bool {
        while let character = peek() {
            if character == "#" {
                while let next = peek(), next != "\n" { advance() }
            } else if character.isWhitespace {
                advance()
            } else {
                return true
            }
        }
        return false
    }

    mutating func skipExportPrefix() {
        let prefix = Array("export")
        let end = index + prefix.count
        guard end < characters.count, Array(characters[index..<end]) == prefix,
            characters[end] == " " || characters[end] == "\t"
        else { return }
        index = end
        skipSpaces()
    }

    mutating func skipSpaces() {
        while let character = peek(), character == " " || character == "\t" || character == "\r" {
            advance()
        }
    }

    /// The rest of the line, without an inline comment and trailing space.
    mutating func readUnquoted() -> String {
        var value = ""
        while let character = peek(), character != "\n" {
            if character == "#", value.isEmpty || value.last?.isWhitespace == true { break }
            value.append(character)
            advance()
        }
        while let character = peek(), character != "\n" { advance() }
        return value.trimmingTrailingSpaces()
    }

    /// The text up to the closing quote (not one preceded by a backslash); nil if unclosed.
    mutating func readQuoted(_ quote: Character) -> String? {
        advance()
        var value = ""
        while let character = peek() {
            if character == quote, value.last != "\\" {
                advance()
                while let next = peek(), next != "\n" { advance() }
                return value
            }
            value.append(character)
            advance()
        }
        return nil
    }
}

extension String {
    /// The string without trailing spaces, tabs and carriage returns.
    func trimmingTrailingSpaces() -> String {
        var result = self
        while let last = result.last, last == " " || last == "\t" || last == "\r" {
            result.removeLast()
        }
        return result
    }
}
