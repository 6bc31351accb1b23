import Foundation
import Testing

/// A program from the system that a test needs: found, or a failure naming the package.
///
/// Tests that need one fail rather than skip when it is missing, so a machine
/// without it cannot pass them silently; `.ci/run` installs the packages.
enum SystemTool {
    /// The path of `name` on PATH, or nil after recording a failure that names the Debian package.
    static func require(
        _ name: String, package: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record(
            "'\(name)' is not installed; this test needs it: apt-get install \(package)",
            sourceLocation: sourceLocation)
        return nil
    }

    /// Runs `executable` with `arguments`, feeding `input`; returns status, output and errors.
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws
        -> CLI.Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (
            stdin, stdout, stderr
        )
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
