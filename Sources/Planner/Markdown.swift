/// Builders for the Markdown of the review document.
///
/// Everything they make reads as plain text too: prose is wrapped near
/// `width` columns, tables are padded so that their columns line up, and
/// commands sit in fenced blocks that are never wrapped, so that they can be
/// copied whole.
enum Markdown {
    /// Where prose is wrapped; a single word longer than the room left stays whole.
    static let width = 100

    /// `text` wrapped at `width`: the first line starts with `first`, the others with `rest`.
    ///
    /// A line never starts with a word Markdown would read as a list marker
    /// or a heading (`-`, `+`, `*`, `#`, `>`, `12.`): such a word stays on the
    /// line before, even past the width.
    static func wrap(_ text: String, first: String = "", rest: String? = nil) -> [String] {
        let rest = rest ?? String(repeating: " ", count: first.count)
        var lines: [String] = []
        var line = first
        var isLineEmpty = true
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let fits = line.count + 1 + word.count <= width
            if isLineEmpty || fits || isUnsafeLineStart(word) {
                line += (isLineEmpty ? "" : " ") + word
            } else {
                lines.append(line)
                line = rest + word
            }
            isLineEmpty = false
        }
        lines.append(line)
        return lines
    }

    /// A bullet: `- text`, wrapped with a hanging indent, nested `level` deep.
    static func item(_ text: String, level: Int = 0) -> [String] {
        let indent = String(repeating: "  ", count: level)
        return wrap(text, first: indent + "- ", rest: indent + "  ")
    }

    /// A checklist line to tick by hand: `- [ ] text`.
    static func checkbox(_ text: String) -> [String] {
        wrap(text, first: "- [ ] ", rest: "      ")
    }

    /// A fenced code block indented by `indent` spaces, preceded by a blank line.
    static func fence(_ lines: [String], language: String = "sh", indent: Int = 0) -> [String] {
        guard !lines.isEmpty else { return [] }
        let pad = String(repeating: " ", count: indent)
        let longestRun = lines.map(longestBacktickRun).max() ?? 0
        let marker = String(repeating: "`", count: max(3, longestRun + 1))
        return [""] + [pad + marker + language] + lines.map { pad + $0 } + [pad + marker]
    }

    /// `text` as a code span, fenced with more backticks than it holds in a row.
    static func code(_ text: String) -> String {
        let marker = String(repeating: "`", count: longestBacktickRun(text) + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return marker + padded + marker
    }

    /// A pipe table whose columns line up; `numeric` columns are right-aligned.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> [String] {
        let cells = ([header] + rows).map { $0.map(escapeCell) }
        let widths = header.indices.map { column in
            max(3, cells.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0)
        }
        func render(_ row: [String]) -> String {
            let padded = header.indices.map { column -> String in
                let text = row.indices.contains(column) ? row[column] : ""
                let fill = String(repeating: " ", count: widths[column] - text.count)
                return numeric.contains(column) ? fill + text : text + fill
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = header.indices.map { column in
            let dashes = String(repeating: "-", count: widths[column])
            return numeric.contains(column) ? String(dashes.dropLast()) + ":" : dashes
        }
        return [render(cells[0]), "| " + rule.joined(separator: " | ") + " |"]
            + cells.dropFirst().map(render)
    }

    /// True when a line starting with `word` would begin a list, a heading or a quote.
    private static func isUnsafeLineStart(_ word: String) -> Bool {
        if ["-", "+", "*", ">", "|"].contains(word) || word.hasPrefix("#") { return true }
        let digits = word.prefix { $0.isNumber }
        let rest = word.dropFirst(digits.count)
        return !digits.isEmpty && (rest == "." || rest == ")")
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
