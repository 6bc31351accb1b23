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

    /// MariaDB's client reads the root password from the variable the image was given,
    /// or from the file a `_FILE` variable names; the value never appears in the command.
    @Test(arguments: [
        (["MARIADB_ROOT_PASSWORD": "direct-1"], "-uroot -pdirect-1"),
        (["MYSQL_ROOT_PASSWORD": "legacy-2"], "-uroot -plegacy-2"),
        (["MARIADB_ROOT_PASSWORD_FILE": "FILE"], "-uroot -pfrom-file-3"),
    ])
    func theMariaDBClientFindsItsPassword(environment: [String: String], login: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stub = folder.appendingPathComponent("mariadb")
        try "#!/bin/sh\nprintf %s \"$*\"\n".write(to: stub, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        let secret = folder.appendingPathComponent("password")
        try "from-file-3".write(to: secret, atomically: true, encoding: .utf8)
        let command = Commands.sqlClient("mariadb")
        #expect(!command.contains("direct-1"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["PATH": folder.path + ":/usr/bin:/bin"].merging(
            environment.mapValues { $0 == "FILE" ? secret.path : $0 }) { $1 }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == login)
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
