import Foundation
import InfraModel
import Planner

/// `infraplan apply [PLAN | TARGET]`: make a plan's target the current version,
/// optionally editing the compose file and running the plan's commands.
enum ApplyCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        try checkOptions(context.arguments)
        let upgrade = try context.upgrade(.write)
        if context.arguments.flag("resume") {
            return try RunbookSupport.resume("apply", context, upgrade)
        }
        try upgrade.store.requireUnlocked()
        try verifyMigrations(upgrade, context)
        let saved = try savedPlan(context, upgrade)
        try upgrade.validate(saved)
        _ = try upgrade.targetModel(of: saved.plan)
        let compose = try context.arguments.value("compose").map {
            try ComposeFollower.prepare(
                path: $0, plan: saved.plan, environment: context.environment)
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
                + "No command was run: run the plan's steps by hand, or use --execute.\n"
                + (compose == nil
                    ? "The compose file was not edited (--compose FILE edits it).\n" : "")
                + composeLines(compose))
        return .success
    }

    /// Refuses edited migrations; warns when the folder has no sum file to check.
    static func verifyMigrations(_ upgrade: Upgrade, _ context: CommandContext) throws {
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
        if isPlanFile(argument) {
            let bytes = try readPlanFile(argument)
            return try SavedPlan.decode(
                String(decoding: bytes, as: UTF8.self), origin: "plan file '\(argument)'")
        }
        // With --compose, the secret files are those beside that file.
        let saved = try upgrade.makeSavedPlan(
            for: argument, composeFile: context.arguments.value("compose"))
        try confirm(saved, context)
        return saved
    }

    /// True when the argument names a plan file rather than a version: it ends
    /// in `.json`, holds a `/`, or is an existing file.
    static func isPlanFile(_ argument: String) -> Bool {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
        return argument.hasSuffix(".json") || argument.contains("/")
            || (exists && !isFolder.boolValue)
    }

    /// The bytes of a saved plan file.
    ///
    /// - Throws: `FileAccessError.noSuchPlanFile` when it does not exist.
    private static func readPlanFile(_ path: String) throws -> [UInt8] {
        do {
            return try FileAccess.read(path)
        } catch FileAccessError.noSuchFile {
            throw FileAccessError.noSuchPlanFile(path)
        }
    }

    /// Shows a fresh plan and asks before applying it, unless `--yes`.
    private static func confirm(_ saved: SavedPlan, _ context: CommandContext) throws {
        if saved.plan.isBlocked { throw UpgradeError.planBlocked(saved.plan.blockers) }
        if context.arguments.flag("yes") { return }
        guard context.terminal.isInputTerminal else { throw UpgradeError.needsConfirmation }
        context.terminal.out(PlanRenderer(style: context.terminal.outputStyle).render(saved.plan))
        guard context.terminal.confirm("Apply \(saved.plan.from) -> \(saved.plan.to)?") else {
            throw CommandCancelled(command: "apply")
        }
    }

    /// `apply --execute`: run the steps' commands, then move the model.
    private static func execute(
        _ saved: SavedPlan, compose: ComposeFollower.Prepared?, _ context: CommandContext,
        _ upgrade: Upgrade
    ) throws -> ExitCode {
        let options = try RunbookSupport.options(context, composePath: compose?.record.path)
        let report = try upgrade.execute(
            saved, compose: compose, options: options, command: context.commandLine,
            progress: { context.terminal.out($0 + "\n") })
        return RunbookSupport.finish(report, context, composeSummary: composeLines(compose))
    }

    /// What the compose edit changed, for the summary.
    private static func composeLines(_ compose: ComposeFollower.Prepared?) -> String {
        guard let compose else { return "" }
        let record = compose.record
        let head = "Edited \(record.path) (the old file is kept as \(record.backupPath)):\n"
        return head + compose.summary.map { "  \($0)\n" }.joined()
    }
}
