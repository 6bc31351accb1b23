/// How rendered text marks changes: plain, or with ANSI colours for a terminal.
public struct TextStyle: Sendable {
    public var isColored: Bool

    public init(isColored: Bool) {
        self.isColored = isColored
    }

    public static let plain = TextStyle(isColored: false)

    public func green(_ text: String) -> String { paint(text, "32") }
    public func red(_ text: String) -> String { paint(text, "31") }
    public func yellow(_ text: String) -> String { paint(text, "33") }
    public func bold(_ text: String) -> String { paint(text, "1") }
    public func dim(_ text: String) -> String { paint(text, "2") }

    /// Colours a change line by its leading mark: `+` green, `-` red, `~` yellow.
    public func mark(_ line: String) -> String {
        switch line.first {
        case "+": return green(line)
        case "-": return red(line)
        case "~": return yellow(line)
        default: return line
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        isColored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
