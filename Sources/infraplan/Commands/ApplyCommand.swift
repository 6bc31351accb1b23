import Foundation
import InfraModel
import Planner

/// `infraplan apply [PLAN | TARGET]`: make a plan's target the current version,
/// optionally editing the compose file and running the plan's commands.
enum ApplyCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        try checkOptions(context.arguments)
        let upgrade = try context.upgrade()
        if context.arguments.flag("resume") { return try resume(context, upgrade) }
        try verifyMigrations(upgrade, context)
        let saved = try savedPlan(context, upgrade)
        try upgrade.validate(saved)
        _ = try upgrade.targetModel(of: saved.plan)
        let compose = try context.arguments.value("compose").map {
            try ComposeFollower.prepare(path: $0, plan: saved.plan)
        }
        if context.arguments.flag("execute") {
            return try execute(saved, compose: compose, context, upgrade)
        }
        try upgrade.store.withLock(command: context.commandLine) { _ in
            if let compose { try ComposeFollower.write(compose) }
            try upgrade.apply(saved, compose: compose?.record)
        }
        context.terminal.out(
            "Applied \(saved.plan.from) -> \(saved.plan.to): "
                + "\(saved.plan.steps.count) steps recorded; "
                + "\(saved.plan.to) is now current. 'infraplan rollback' undoes it.\n"
                + composeLines(compose))
        return .success
    }

    /// Refuses edited migrations; warns when the folder has no sum file to check.
    private static func verifyMigrations(_ upgrade: Upgrade, _ context: CommandContext) throws {
        let directory = upgrade.catalog.directory
        if try !upgrade.verifyMigrations() && !MigrationSum.migrationFiles(in: directory).isEmpty {
            context.logger.warning(
                "\(directory) has no \(MigrationSum.fileName); migration files are not verified; "
                    + "run 'infraplan check --update' to write it")
        }
    }

    /// Refuses option combinations that mean nothing.
    private static func checkOptions(_ arguments: ParsedArguments) throws {
        let runs = arguments.flag("execute") || arguments.flag("resume")
        for option in ["no-rollback", "timeout"] where arguments.isGiven(option) && !runs {
            throw UsageError(message: "'--\(option)' needs --execute or --resume", command: "apply")
        }
        if arguments.flag("resume"),
            !arguments.positionals.isEmpty || arguments.isGiven("compose")
                || arguments.flag("execute")
        {
            throw UsageError(
                message: "'--resume' continues the last run with its own plan and compose file; "
                    + "it takes no PLAN, TARGET, --compose or --execute", command: "apply")
        }
    }

    /// The plan to apply: a saved file, a fresh plan for TARGET, or the kept one.
    private static func savedPlan(_ context: CommandContext, _ upgrade: Upgrade) throws -> SavedPlan
    {
        guard let argument = context.arguments.positionals.first else {
            guard let stored = try upgrade.store.latestPlan() else { throw UpgradeError.noPlan }
            return try SavedPlan.decode(stored.body, origin: "the plan kept in the state")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder),
            !isFolder.boolValue
        {
            let text = try String(contentsOfFile: argument, encoding: .utf8)
            return try SavedPlan.decode(text, origin: "plan file '\(argument)'")
        }
        let saved = try upgrade.makeSavedPlan(for: argument)
        try confirm(saved, context)
        return saved
    }

    /// Shows a fresh plan and asks before applying it, unless `--yes`.
    private static func confirm(_ saved: SavedPlan, _ context: CommandContext) throws {
        if saved.plan.isBlocked { throw UpgradeError.planBlocked(saved.plan.blockers) }
        if context.arguments.flag("yes") { return }
        guard context.terminal.isInputTerminal else { throw UpgradeError.needsConfirmation }
        context.terminal.out(PlanRenderer(style: context.terminal.outputStyle).render(saved.plan))
        guard context.terminal.confirm("Apply \(saved.plan.from) -> \(saved.plan.to)?") else {
            throw UpgradeError.needsConfirmation
        }
    }

    /// `apply --execute`: run the steps' commands, then move the model.
    private static func execute(
        _ saved: SavedPlan, compose: ComposeFollower.Prepared?, _ context: CommandContext,
        _ upgrade: Upgrade
    ) throws -> ExitCode {
        let options = try runbookOptions(context, composePath: compose?.record.path)
        let report = try upgrade.execute(
            saved, compose: compose, options: options, command: context.commandLine,
            progress: { context.terminal.out($0 + "\n") })
        return finish(report, plan: saved.plan, context, compose: compose)
    }

    /// `apply --resume`: continue the last run from its first unfinished step.
    private static func resume(_ context: CommandContext, _ upgrade: Upgrade) throws -> ExitCode {
        let composePath = try upgrade.store.latestRun()?.compose?.path
        let options = try runbookOptions(context, composePath: composePath)
        let report = try upgrade.resume(
            options: options, command: context.commandLine,
            progress: { context.terminal.out($0 + "\n") })
        guard let run = try upgrade.store.run(report.runID) else { return .failure }
        let saved = try SavedPlan.decode(run.planBody, origin: "the plan of run \(run.id)")
        return finish(report, plan: saved.plan, context, compose: nil)
    }

    /// Prints how a run ended; exit 1 when it did not succeed.
    private static func finish(
        _ report: Upgrade.RunReport, plan: Plan, _ context: CommandContext,
        compose: ComposeFollower.Prepared?
    ) -> ExitCode {
        guard report.succeeded else {
            context.logger.error(
                "apply \(plan.from) -> \(plan.to) failed: \(report.detail); "
                    + "\(plan.from) stays current; "
                    + "log: \(report.logPath)")
            return .failure
        }
        var text =
            "Ran the \(plan.steps.count) steps of \(plan.from) -> \(plan.to); "
            + "\(plan.to) is now current. "
            + "Log: \(report.logPath)\n" + composeLines(compose)
        if !report.manualSteps.isEmpty {
            text += "Still to do by hand:\n" + report.manualSteps.map { "  - \($0)\n" }.joined()
        }
        context.terminal.out(text)
        return .success
    }

    /// Where and with what the commands run.
    private static func runbookOptions(_ context: CommandContext, composePath: String?) throws
        -> RunbookOptions
    {
        var timeout = RunbookOptions.defaultTimeoutSeconds
        if let text = context.arguments.value("timeout") {
            guard let seconds = Int(text), seconds > 0 else {
                throw UsageError(
                    message: "'--timeout' needs a number of seconds above 0, not '\(text)'",
                    command: "apply")
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

    /// What the compose edit changed, for the summary.
    private static func composeLines(_ compose: ComposeFollower.Prepared?) -> String {
        guard let compose else { return "" }
        let record = compose.record
        let head = "Edited \(record.path) (the old file is kept as \(record.backupPath)):\n"
        return head + compose.summary.map { "  \($0)\n" }.joined()
    }
}
