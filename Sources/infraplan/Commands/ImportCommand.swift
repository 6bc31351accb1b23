import Foundation
import InfraModel
import Planner

/// `infraplan import FILE... --as VERSION`: read compose files into a new version.
enum ImportCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        guard let label = context.arguments.value("as"), !label.isEmpty else {
            throw UsageError(message: "'import' needs --as VERSION", command: "import")
        }
        if let problem = VersionLabel.problem(label) {
            throw UsageError(message: "--as: \(problem)", command: "import")
        }
        let request = ComposeImportRequest(
            files: context.arguments.positionals, environment: context.environment,
            envFiles: context.arguments.values("env-file"), profiles: context.arguments.values("profile"),
            projectName: context.arguments.value("project-name"))

        // A state that is already there is opened first, so that a damaged one
        // is said before any warning about the files; a new one is created only
        // after everything was read, so that a refused file creates nothing.
        let existing = FileManager.default.fileExists(atPath: context.statePath)
        // Opened as a creator: a file another import has just created, its schema not
        // yet written, is a new state, not a damaged one.
        let early = existing ? try context.openStore(.create) : nil
        if let early, try early.version(label) != nil { throw StoreError.versionExists(label) }
        let result = try ComposeImporter.load(request)
        for warning in result.warnings { context.logger.diagnostic(warning) }

        let store = try early ?? context.openStore(.create)
        // A run holds the lock for its whole length; a new version in between
        // would make its final write refuse, so import waits its turn too.
        try store.requireUnlocked()
        let makeCurrent = try store.currentVersion() == nil || context.arguments.flag("current")
        let inputs = result.inputs.map { InputDigest(path: $0.path, sha256: $0.sha256) }
        let record = VersionRecord(
            label: label, project: result.model.project, createdAt: ModelStore.timestamp(),
            originKind: .import, originPath: request.files.joined(separator: " "),
            originSHA256: Checksum.sha256(inputs.map { "\($0.path) \($0.sha256)" }.joined(separator: "\n")),
            inputs: inputs,
            composeArguments: ComposeInvocation.arguments(for: request, model: result.model))
        try store.write(movesModel: true) {
            try store.insertVersion(record, model: result.model, makeCurrent: makeCurrent)
        }
        let active = result.model.services.filter(\.isActive).count
        context.terminal.out(
            "Imported \(result.model.services.count) services (\(active) active) of project "
                + "'\(result.model.project)' as \(label)\(makeCurrent ? " (current)" : "").\n")
        return .success
    }
}
