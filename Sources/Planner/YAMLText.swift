/// Writes values the way a compose file would hold them, for excerpts people read.
///
/// Not a general YAML emitter: it quotes whatever a YAML 1.1 or 1.2 reader
/// could take for something other than a string (`"1"`, `"80:80"`, `"yes"`,
/// a value holding `: ` or ` #`), and leaves the rest plain, as people write it.
enum YAMLText {
    /// Words that YAML 1.1 readers (Compose's among them) take for booleans or null.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// Characters a plain scalar may hold here; anything else is quoted.
    private static let plainCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@+=-~$,()?% ")

    /// `text` as a scalar: plain when that reads back as the same string, else double-quoted.
    static func scalar(_ text: String) -> String {
        isPlain(text) ? text : quoted(text)
    }

    /// A flow sequence of double-quoted strings: `["CMD-SHELL", "pg_isready"]`.
    static func flow(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// `text` in double quotes, with the escapes YAML and JSON share.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        guard first.isLetter || "/._~$".contains(first), last != " ", last != ":" else {
            return false
        }
        guard !reservedWords.contains(text.lowercased()) else { return false }
        guard !text.contains(": "), !text.contains(" #") else { return false }
        return text.allSatisfy { plainCharacters.contains($0) }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
