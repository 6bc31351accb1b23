import Foundation
import Testing

@testable import Planner

/// Values from the operator's files reach commands as single shell words.
@Suite struct CommandWordTests {
    @Test(arguments: [
        ("authentik_db", "authentik_db"),
        ("./secrets/a.pem", "./secrets/a.pem"),
        ("u; touch x #", "'u; touch x #'"),
        ("$(id)", "'$(id)'"),
        ("it's", "'it'\\''s'"),
        ("", "''"),
    ])
    func wordsAreQuotedOnlyWhenTheShellWouldReadThem(text: String, word: String) {
        #expect(Commands.word(text) == word)
    }

    /// The shell itself reads each quoted word back as the text it came from.
    @Test func theShellReadsTheWordBackUnchanged() throws {
        for text in ["u; touch x #", "$(id) `id` $HOME", "it's \"here\"", "a\\b", "\n"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "printf %s \(Commands.word(text))"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed == text)
            let echo = Process()
            echo.executableURL = URL(fileURLWithPath: "/bin/sh")
            echo.arguments = ["-c", "printf %s \(Commands.doubleQuoted(text))"]
            let echoed = Pipe()
            echo.standardOutput = echoed
            try echo.run()
            echo.waitUntilExit()
            #expect(String(decoding: echoed.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == text)
        }
    }
}
