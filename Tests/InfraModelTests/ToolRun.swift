import Foundation

/// Runs a program from the system without holding a thread while it runs.
///
/// Parameterized tests run concurrently on Swift's cooperative pool, which has
/// one thread per core; waiting on a child with `waitUntilExit` would take a
/// thread away for as long as the child runs. Output goes to temporary files,
/// not pipes, so that a child writing more than a pipe holds never blocks.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `executable` with `arguments` and exactly `environment`, in `folder`.
    ///
    /// - Throws: when the program cannot be started or its output files not made.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String],
        in folder: String
    ) async throws -> ToolRun {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        (process.standardOutput, process.standardError) = (out, err)
        let status = try await wait(for: process)

        return ToolRun(
            status: status, stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Starts `process` and suspends until it exits; returns its exit status.
    private static func wait(for process: Process) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
