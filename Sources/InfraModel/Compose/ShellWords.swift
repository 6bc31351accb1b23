/// Splits a command string into words the way a POSIX shell would, without expanding anything.
///
/// Compose turns `command: postgres -c max_connections=200` into
/// `["postgres", "-c", "max_connections=200"]` with the same rules (it uses
/// go-shellwords): whitespace separates words; single quotes keep everything;
/// double quotes keep everything but `\"`, `\\` and `\$`; a backslash outside
/// quotes escapes the next character.
enum ShellWords {
    /// The words of `text`; an unclosed quote ends at the end of the text.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var isInWord = false
        var quote: Character?
        var isEscaped = false
        for character in text {
            if isEscaped {
                current.append(character)
                isEscaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                isEscaped = true
                isInWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                isInWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, let space) where space == " " || space == "\t" || space == "\n":
                if isInWord { words.append(current) }
                current = ""
                isInWord = false
            default:
                current.append(character)
                isInWord = true
            }
        }
        if isInWord { words.append(current) }
        return words
    }
}
