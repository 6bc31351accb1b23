import Foundation
import Testing

/// Colour on a terminal only: never when piped, never with NO_COLOR or --no-color.
@Suite struct TerminalColorTests {
    static let escape = "\u{1B}["

    /// Runs `infraplan ARGUMENTS` on a pseudo-terminal through util-linux's `script`.
    static func onTerminal(_ arguments: [String], environment: [String: String]) throws -> String? {
        guard let script = SystemTool.require("script", package: "bsdutils") else { return nil }
        let command = ([CLI.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = CLI.packageRoot
        process.environment = ["PATH": "/usr/bin:/bin", "TERM": "xterm"].merging(environment) { $1 }
        let output = Pipe()
        (process.standardOutput, process.standardInput) = (output, FileHandle.nullDevice)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func planIsColouredOnATerminalOnly() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["plan", "2025.10.1", "--state", state]
        let terminal = try #require(try Self.onTerminal(arguments, environment: [:]))
        #expect(terminal.contains(Self.escape + "33m~ "), "no colour on a terminal:\n\(terminal)")
        let noColor = try #require(try Self.onTerminal(arguments, environment: ["NO_COLOR": "1"]))
        #expect(!noColor.contains(Self.escape))
        let flag = try #require(try Self.onTerminal(arguments + ["--no-color"], environment: [:]))
        #expect(!flag.contains(Self.escape))
        let piped = try CLI.run(arguments, environment: ["NO_COLOR": ""])
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains(Self.escape))
        #expect(piped.stdout.hasPrefix("Plan homestack 2025.8.4 -> 2025.10.1: 2 to change, "))
    }
}
