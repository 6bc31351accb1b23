import Foundation

/// Runs Graphviz's `dot` to draw a DOT graph as SVG.
///
/// Graphviz is optional: only `graph --format svg` needs it, and without it
/// that command fails with a message saying what to install.
enum Graphviz {
    /// `dot` is missing, or ran and failed.
    enum Failure: Error, CustomStringConvertible {
        case notFound(path: String)
        case failed(status: Int32, message: String)

        var description: String {
            switch self {
            case .notFound(let path):
                let searched = path.isEmpty ? "PATH is empty" : "searched PATH \(path)"
                return "Graphviz's 'dot' is not installed (\(searched)); install it "
                    + "(apt-get install graphviz) or use --format dot or --format mermaid"
            case let .failed(status, message):
                return "'dot -Tsvg' exited with status \(status): \(message)"
            }
        }
    }

    /// The first executable `dot` on `path`, a colon-separated list of folders.
    static func executable(onPath path: String) -> URL? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The SVG drawing of `graph`, a DOT document.
    ///
    /// - Throws: `Failure.notFound` when no `dot` is on `path`; `Failure.failed` when it fails.
    static func svg(from graph: String, path: String) throws -> String {
        guard let dot = executable(onPath: path) else { throw Failure.notFound(path: path) }
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (
            input, output, errors
        )
        try process.run()
        // Written before reading: dot reads its whole input before it draws, so this cannot
        // block on a full output pipe.
        input.fileHandleForWriting.write(Data(graph.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw Failure.failed(status: process.terminationStatus, message: text)
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
