import Foundation
import InfraModel
import Planner

/// What `apply` and `rollback` share when they run a plan's commands.
enum RunbookSupport {
    /// Where and with what the commands run: the compose file's folder with
    /// `COMPOSE_FILE` set when there is one, else the current folder.
    static func options(_ context: CommandContext, composePath: String?) throws -> RunbookOptions {
        var timeout = RunbookOptions.defaultTimeoutSeconds
        if let text = context.arguments.value("timeout") {
            guard let seconds = Int(text), seconds > 0 else {
                throw UsageError(
                    message: "'--timeout' needs a number of seconds above 0, not '\(text)'",
                    command: context.arguments.command.name)
            }
            timeout = seconds
        }
        var environment = context.environment
        var directory = FileManager.default.currentDirectoryPath
        if let composePath {
            environment["COMPOSE_FILE"] = composePath
            directory = (composePath as NSString).deletingLastPathComponent
        }
        return RunbookOptions(
            timeoutSeconds: timeout, rollsBackOnFailure: !context.arguments.flag("no-rollback"),
            environment: environment, directory: directory)
    }

    /// `apply --resume` and `rollback --resume`: the last run, from its first unfinished step.
    static func resume(_ action: String, _ context: CommandContext, _ upgrade: Upgrade) throws
        -> ExitCode
    {
        let composePath = try upgrade.store.latestRun()?.compose?.path
        let report = try upgrade.resume(
            action, options: try options(context, composePath: composePath),
            command: context.commandLine, progress: { context.terminal.out($0 + "\n") })
        return finish(report, context, composeSummary: "")
    }

    /// Prints how a run ended; exit 1 when it did not succeed.
    static func finish(
        _ report: Upgrade.RunReport, _ context: CommandContext, composeSummary: String
    ) -> ExitCode {
        let move = "\(report.fromLabel) -> \(report.toLabel)"
        guard report.succeeded else {
            context.logger.error(
                "\(report.action) \(move) failed: \(report.detail); \(report.fromLabel) stays "
                    + "current; log: \(report.logPath)")
            return .failure
        }
        let steps = report.action == "apply" ? "steps" : "rollback steps"
        var text =
            "Ran the \(report.stepCount) \(steps) of \(move); \(report.toLabel) is now current. "
            + "Log: \(report.logPath)\n" + composeSummary
        if !report.manualSteps.isEmpty {
            text += "Still to do by hand:\n" + report.manualSteps.map { "  - \($0)\n" }.joined()
        }
        context.terminal.out(text)
        return .success
    }
}
