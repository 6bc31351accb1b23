import Foundation
import Planner

/// Standard output and error, and whether they are a terminal that may be coloured.
///
/// Colour only on a terminal, never when `NO_COLOR` is set (https://no-color.org)
/// or `--no-color` is given, never when piped.
final class Terminal {
    let environment: [String: String]
    var forbidsColor: Bool

    init(environment: [String: String], forbidsColor: Bool = false) {
        self.environment = environment
        self.forbidsColor = forbidsColor
    }

    var isOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    var isInputTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// An empty `NO_COLOR` does not count, as https://no-color.org says.
    private var colorAllowed: Bool {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !forbidsColor && !noColor && environment["TERM"] != "dumb"
    }

    /// The style for results printed to standard output.
    var outputStyle: TextStyle { TextStyle(isColored: colorAllowed && isOutputTerminal) }

    /// The style for diagnostics printed to standard error.
    var errorStyle: TextStyle { TextStyle(isColored: colorAllowed && isatty(STDERR_FILENO) == 1) }

    /// Writes results to standard output.
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a line to standard error.
    func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Asks a yes/no question on the terminal; false unless the answer is yes.
    func confirm(_ question: String) -> Bool {
        err("\(question) [y/N] ")
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
