import Foundation
import Testing

@testable import InfraModel

/// Compose v1 (`docker-compose` 1.29, Debian package `docker-compose`) run on a corpus case.
///
/// v1 is the Python implementation that predates parts of today's Compose
/// specification. Its `config` command prints the project normalized and
/// interpolated, without a Docker engine, which makes it a second reader to
/// hold infraplan's import against.
enum ComposeV1 {
    /// What v1 said about one case.
    enum Outcome {
        /// `config` succeeded: its output, parsed by infraplan's own `YAMLParser`.
        case accepted(YAMLNode)
        /// `config` failed: everything v1 wrote, for the limitation that explains it.
        case refused(String)
    }

    /// The Debian package that provides `docker-compose`; `.ci/run` installs it.
    static let package = "docker-compose"

    /// The `docker-compose` executable on PATH, or nil after recording a failure.
    ///
    /// A missing v1 fails the test rather than skipping it, so a machine without
    /// the package cannot pass the comparison silently.
    static func executable(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/docker-compose"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record(
            "'docker-compose' is not installed; this test needs it: apt-get install \(package)",
            sourceLocation: sourceLocation)
        return nil
    }

    /// The arguments the corpus README gives for a case, in v1's syntax.
    ///
    /// `docker-compose [--env-file E]... [--profile P]... -f F1 [-f F2]... config`, with
    /// every path absolute inside `workspace`.
    static func arguments(for corpusCase: CorpusCase, in workspace: CorpusWorkspace) -> [String] {
        corpusCase.envFiles.flatMap { ["--env-file", workspace.path($0)] }
            + corpusCase.profiles.flatMap { ["--profile", $0] }
            + corpusCase.files.flatMap { ["-f", workspace.path($0)] } + ["config"]
    }

    /// Runs `config` on `corpusCase` prepared in `workspace`, as the corpus README says.
    ///
    /// The environment holds exactly the case's `env` column (so the harness's
    /// own `HOSTNAME` or `COMPOSE_*` variables cannot leak in), and the working
    /// folder is the first file's folder, the project folder.
    ///
    /// - Throws: when the process cannot be started or its output not read.
    static func config(
        _ corpusCase: CorpusCase, in workspace: CorpusWorkspace, executable: String
    ) async throws -> Outcome {
        let folder = FilePath.directory(of: workspace.path(corpusCase.files[0]))
        let result = try await ToolRun.run(
            executable, arguments(for: corpusCase, in: workspace),
            environment: corpusCase.environment, in: folder)
        guard result.status == 0 else { return .refused(result.stderr + result.stdout) }
        let parser = YAMLParser(text: result.stdout, file: "docker-compose config")
        guard let root = try parser.parse() else { return .refused("empty output") }
        return .accepted(root)
    }
}
