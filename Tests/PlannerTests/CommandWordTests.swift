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
            #expect(try Self.shellPrints(Commands.word(text)) == text)
            #expect(try Self.shellPrints(Commands.doubleQuoted(text)) == text)
        }
    }

    /// What `/bin/sh -c 'printf %s WORD'` prints.
    static func shellPrints(_ word: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf %s \(word)"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
