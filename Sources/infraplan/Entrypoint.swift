import Foundation
import InfraModel
import Planner

/// The command line: parse, run one command, map its outcome to an exit code.
@main
enum Entrypoint {
    static func main() {
        let environment = ProcessInfo.processInfo.environment
        let terminal = Terminal(environment: environment)
        let code = run(Array(CommandLine.arguments.dropFirst()), environment: environment, terminal: terminal)
        exit(code.rawValue)
    }

    static func run(_ arguments: [String], environment: [String: String], terminal: Terminal) -> ExitCode {
        let outcome: ArgumentParser.Outcome
        do {
            outcome = try ArgumentParser.parse(arguments)
        } catch {
            terminal.err("error: \(error)")
            return .usage
        }
        switch outcome {
        case .help(let command):
            terminal.out(command.map(HelpText.command) ?? HelpText.overview())
            return .success
        case .missingCommand:
            terminal.err(String(HelpText.overview().dropLast()))
            return .usage
        case .run(let parsed) where parsed.flag("help"):
            terminal.out(HelpText.command(parsed.command))
            return .success
        case .version:
            terminal.out("infraplan 0.1.0\n")
            return .success
        case .run(let parsed):
            terminal.forbidsColor = parsed.flag("no-color")
            let logger = Logger(threshold: level(parsed), terminal: terminal)
            let context = CommandContext(arguments: parsed, terminal: terminal, logger: logger, environment: environment)
            return execute(context)
        }
    }

    static func execute(_ context: CommandContext) -> ExitCode {
        do {
            try context.checkMigrationsFolder()
            return try dispatch(context)
        } catch let error as CommandCancelled {
            context.terminal.err("\(error)")
            return .failure
        } catch let error as SQLiteError where error.isDamage || error.isBusy {
            // Found past the opening of the state (a damaged page deep in the
            // file, a lock held for longer than the busy timeout).
            let translated: StoreError =
                error.isDamage
                ? .notAStateFile(context.statePath) : .busy(context.statePath, holder: nil)
            context.logger.error("\(translated)")
            return .failure
        } catch let error as InputError {
            for diagnostic in error.diagnostics { context.terminal.err(diagnostic.description) }
            return .failure
        } catch let error as UsageError {
            context.terminal.err("error: \(error)")
            return .usage
        } catch let error as UpgradeError {
            context.logger.error("\(error)")
            if case .planBlocked = error { return .blocked }
            return .failure
        } catch {
            context.logger.error("\(error)")
            return .failure
        }
    }

    static func dispatch(_ context: CommandContext) throws -> ExitCode {
        switch context.arguments.command.name {
        case "import": return try ImportCommand.run(context)
        case "versions": return try VersionsCommand.run(context)
        case "show": return try ShowCommand.run(context)
        case "diff": return try DiffCommand.run(context)
        case "plan": return try PlanCommand.run(context)
        case "apply": return try ApplyCommand.run(context)
        case "rollback": return try RollbackCommand.run(context)
        case "impact": return try ImpactCommand.run(context)
        case "review": return try ReviewCommand.run(context)
        case "log": return try LogCommand.run(context)
        case "graph": return try GraphCommand.run(context)
        case "completion": return try CompletionCommand.run(context)
        case "check": return try CheckCommand.run(context)
        case "unlock": return try UnlockCommand.run(context)
        default: preconditionFailure("command '\(context.arguments.command.name)' is in the table but not dispatched")
        }
    }

    private static func level(_ arguments: ParsedArguments) -> Logger.Level {
        if arguments.flag("debug") { return .debug }
        if arguments.flag("verbose") { return .info }
        if arguments.flag("quiet") { return .error }
        return .warning
    }
}
