import Foundation

/// Runs the built `infraplan` binary, as a user would, and captures what it says.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's root folder, where the README's commands run.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `infraplan` executable beside the test bundle in `.build`.
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("infraplan").path),
            folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("infraplan")
    }()

    /// Runs `infraplan ARGUMENTS` in `directory` with a clean environment plus `environment`.
    @discardableResult
    static func run(
        _ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:], input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infraplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the example state in a fresh folder, so tests never write to the committed file.
    static func exampleStateCopy() throws -> (folder: URL, state: String) {
        let folder = try temporaryDirectory()
        let state = folder.appendingPathComponent("state.db")
        try copyExampleState(to: state)
        return (folder, state.path)
    }

    /// Copies the example state to `destination`.
    ///
    /// The copy comes from a fresh import of `Examples/compose.yml`, made as
    /// `Scripts/make-example-state` makes `state.db.example`, and never from
    /// the committed file: the README's own first command keeps a plan in
    /// that file, and a user may run anything else on it. `ExampleStateTests`
    /// checks that the committed file holds what such an import holds.
    static func copyExampleState(to destination: URL) throws {
        let source = try pristineExampleState.get()
        try FileManager.default.copyItem(at: source, to: destination)
    }

    /// The example state imported once per test process, in a folder of its own.
    private static let pristineExampleState: Swift.Result<URL, any Error> = Swift.Result(catching: {
        let folder = try temporaryDirectory()
        let state = folder.appendingPathComponent("example.db")
        let result = try run(["import", "Examples/compose.yml", "--as", "2025.8.4", "--state", state.path])
        guard result.status == 0 else { throw ExampleStateError(stderr: result.stderr) }
        return state
    })

    /// The import of the example state failed.
    struct ExampleStateError: Error, CustomStringConvertible {
        var stderr: String
        var description: String { "cannot import Examples/compose.yml: \(stderr)" }
    }
}
