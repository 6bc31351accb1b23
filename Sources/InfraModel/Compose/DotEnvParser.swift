/// Reads `.env` files (the project's, `--env-file` ones and a service's `env_file`).
///
/// Follows compose-go's `dotenv` reader: `KEY=value` or `KEY: value` lines,
/// an optional `export ` prefix, `#` comment lines, keys of letters, digits,
/// `_`, `.`, `-`, `[` and `]`, and a bare `KEY` line taking the value from the
/// caller's lookup when it has one. An unquoted value runs to the end of its
/// line, less a comment after ` #` and trailing space. A quoted value may span
/// lines; a backslash before its own quote keeps the quote. Single quotes are
/// literal; double quotes expand `\n`, `\r`, `\t`, `\a`, `\b`, `\f`, `\v`,
/// `\\`, `\"`, octal `\0NNN` and `\$` (a literal `$`), leaving any other
/// backslash, such as `\u00e9`, as written. Unquoted and double-quoted values
/// are interpolated with the lookup and then the variables defined earlier in
/// the file. A key the file defines keeps the file's value even when the
/// lookup has it too: which source wins is the caller's rule (the process
/// environment wins over the project's `.env`; a service's `env_file` wins
/// over both).
///
/// A service's `env_file` may instead say `format: raw`, which docker compose
/// reads as `docker run --env-file` does: each `KEY=value` line taken as
/// written, quotes and `$` included.
struct DotEnvParser {
    /// How the file is written.
    enum Format: Sendable {
        /// Compose's own format, above.
        case dotenv
        /// `KEY=value` lines taken as written (`env_file` with `format: raw`).
        case raw
    }

    /// One variable read from the file.
    struct Entry: Equatable, Sendable {
        var key: String
        var value: String
        /// 1-based line of the key.
        var line: Int
        /// The value as written, before interpolation (quotes removed, escapes expanded).
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
    var format: Format = .dotenv

    /// Parses the whole file; later definitions of a key replace earlier ones.
    func parse() throws(Failure) -> [Entry] {
        if format == .raw { return try parseRaw() }
        var cursor = Cursor(text)
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
        // The key's own line, for its errors: a bare key ends at the newline after it.
        let line = cursor.line
        var key = ""
        while let character = cursor.peek() {
            if character == "=" || character == ":" || character == "\n" {
                cursor.advance()
                return (try Self.checked(key, line: line), character == "\n")
            }
            guard Self.isKeyCharacter(character) else {
                throw Failure(
                    line: cursor.line,
                    message: "unexpected character '\(character)' in variable name")
            }
            key.append(character)
            cursor.advance()
        }
        return (try Self.checked(key, line: line), true)
    }

    /// The key without trailing blanks; one holding a space is refused, as compose-go does.
    private static func checked(_ key: String, line: Int) throws(Failure) -> String {
        let trimmed = key.trimmingTrailingSpaces()
        guard !trimmed.contains(" ") else {
            throw Failure(line: line, message: "key '\(trimmed)' cannot contain a space")
        }
        return trimmed
    }

    /// Reads a value; returns it and whether it is to be interpolated.
    ///
    /// A double-quoted value comes back with its escapes expanded and each `\$` as `$$`,
    /// which interpolation turns into a literal `$`.
    private func readValue(_ cursor: inout Cursor, line: Int) throws(Failure) -> (String, Bool) {
        cursor.skipSpaces()
        guard let quote = cursor.peek(), quote == "\"" || quote == "'" else {
            return (cursor.readUnquoted(), true)
        }
        guard let body = cursor.readQuoted(quote) else {
            throw Failure(line: line, message: "unterminated quoted value")
        }
        return quote == "'" ? (body, false) : (Self.expandEscapes(body), true)
    }

    /// Letters, digits and `_.-[]`, or the blank space compose-go skips inside a key.
    static func isKeyCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_.-[] \t\r\u{0B}\u{0C}".contains(character)
    }

    /// The escapes compose-go expands in double quotes, as Go reads them in a string literal.
    static let escapes: [Character: Character] = [
        "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t",
        "v": "\u{0B}", "\\": "\\", "\"": "\"",
    ]

    /// Expands `\n`, `\t`, `\\`… and octal `\0NNN` in a double-quoted value; `\$` becomes `$$`.
    ///
    /// Any other backslash stays as written (`\u00e9`, `\x41`, `\q`), as compose-go leaves
    /// each sequence its pattern does not match or Go cannot read.
    static func expandEscapes(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "\\", index + 1 < characters.count else {
                result.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if let expanded = escapes[next] {
                result.append(expanded)
                index += 2
            } else if next == "$" {
                result += "$$"
                index += 2
            } else if next == "0", let (octal, length) = octal(characters, after: index + 1) {
                result.append(octal)
                index += 2 + length
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }

    /// The character of `\0NNN` (three octal digits after the `0`, at most 255), and how many
    /// characters follow the `0`; nil when they are not such digits.
    private static func octal(_ characters: [Character], after zero: Int) -> (Character, Int)? {
        let digits = characters[(zero + 1)...].prefix(3)
        guard digits.count == 3, digits.allSatisfy({ ("0"..."7").contains($0) }),
            let value = UInt8(String(digits), radix: 8)
        else { return nil }
        return (Character(Unicode.Scalar(value)), 3)
    }

    /// Reads `format: raw`: `KEY=value` with the value exactly as written after the `=`.
    ///
    /// Lines are trimmed at their start; empty lines and `#` lines are skipped; a key may not
    /// hold a space or a tab; a `KEY` alone takes the lookup's value, if any.
    private func parseRaw() throws(Failure) -> [Entry] {
        var entries: [Entry] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, written) in lines.enumerated() {
            let line = written.drop { $0.isWhitespace }
            guard !line.isEmpty, line.first != "#" else { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            guard !key.contains(" "), !key.contains("\t") else {
                let shown = key.trimmingTrailingSpaces()
                throw Failure(line: index + 1, message: "key '\(shown)' cannot contain a space")
            }
            guard !key.isEmpty else {
                throw Failure(line: index + 1, message: "no variable name before '='")
            }
            let isBare = parts.count == 1
            guard let value = isBare ? lookup[key] : String(parts[1]) else { continue }
            entries.removeAll { $0.key == key }
            entries.append(
                Entry(
                    key: key, value: value, line: index + 1, rawValue: value, unset: [],
                    isFromLookup: isBare))
        }
        return entries
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
///
/// It walks Unicode scalars, not Swift characters, as compose-go walks bytes: a Swift
/// character joins `\r\n` into one, and a CRLF file would read as a single line.
private struct Cursor {
    let characters: [Unicode.Scalar]
    var index = 0
    var line = 1

    init(_ text: String) { self.characters = Array(text.unicodeScalars) }

    func peek() -> Character? { index < characters.count ? Character(characters[index]) : nil }

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
        let prefix = Array("export".unicodeScalars)
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

    /// The rest of the line, without an inline comment (after ` #`) and trailing space.
    mutating func readUnquoted() -> String {
        var value = ""
        while let character = peek(), character != "\n" {
            if character == "#", value.last == " " { break }
            value.append(character)
            advance()
        }
        while let character = peek(), character != "\n" { advance() }
        return value.trimmingTrailingSpaces()
    }

    /// The text up to the closing quote; nil if the quote is never closed.
    ///
    /// A backslash before `quote` keeps the quote and drops the backslash; before anything
    /// else both stay, for the caller to expand. What follows the closing quote on its line
    /// is read as the file's next statement, as compose-go reads it (a comment, usually).
    mutating func readQuoted(_ quote: Character) -> String? {
        advance()
        var value = ""
        var isEscaped = false
        while let character = peek() {
            advance()
            if isEscaped {
                isEscaped = false
                if character != quote { value.append("\\") }
                value.append(character)
            } else if character == "\\" {
                isEscaped = true
            } else if character == quote {
                return value
            } else {
                value.append(character)
            }
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
