import InfraModel

/// Parses `infraplan COMMAND [OPTIONS] [ARGUMENTS]` against the command table.
///
/// Options may come before or after positional arguments; `--name=value` and
/// `--name value` are both accepted; `--` ends the options. A help request
/// (`--help`, `-h`, or `help COMMAND`) is reported as `.help`.
enum ArgumentParser {
    enum Outcome {
        case run(ParsedArguments)
        case help(CommandSpec?)
        case version
    }

    static func parse(_ arguments: [String], table: [CommandSpec] = CommandTable.commands) throws -> Outcome {
        guard let first = arguments.first else { return .help(nil) }
        switch first {
        case "-h", "--help": return .help(nil)
        case "--version": return .version
        case "help":
            guard let name = arguments.dropFirst().first else { return .help(nil) }
            return .help(try command(named: name, in: table))
        default: break
        }
        let spec = try command(named: first, in: table)
        if arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(spec) }
        return .run(try parseOptions(Array(arguments.dropFirst()), for: spec))
    }

    private static func command(named name: String, in table: [CommandSpec]) throws -> CommandSpec {
        if let spec = table.first(where: { $0.name == name }) { return spec }
        var message = "unknown command '\(name)'"
        if let near = NameSuggestion.nearest(to: name, in: table.map(\.name)) {
            message += "; did you mean '\(near)'?"
        }
        throw UsageError(message: message, command: nil)
    }

    private static func parseOptions(_ arguments: [String], for spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments(command: spec)
        let options = spec.options + CommandTable.globalOptions
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !optionsEnded, argument.hasPrefix("-"), argument != "-" else {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let (name, inline) = split(argument)
            guard let option = find(name, in: options) else {
                throw UsageError(message: "unknown option '\(name)' for '\(spec.name)'", command: spec.name)
            }
            if !option.isRepeatable && parsed.isGiven(option.name) {
                throw UsageError(message: "option '--\(option.name)' given twice", command: spec.name)
            }
            guard option.takesValue else {
                if inline != nil { throw UsageError(message: "option '--\(option.name)' takes no value", command: spec.name) }
                parsed.set(option, nil)
                continue
            }
            if let inline {
                parsed.set(option, try checkChoice(inline, option, spec))
            } else if index < arguments.count {
                parsed.set(option, try checkChoice(arguments[index], option, spec))
                index += 1
            } else {
                throw UsageError(message: "option '--\(option.name)' needs a value (\(option.value ?? "VALUE"))", command: spec.name)
            }
        }
        try checkCount(parsed.positionals, spec)
        if !spec.argumentChoices.isEmpty,
            let wrong = parsed.positionals.first(where: { !spec.argumentChoices.contains($0) })
        {
            let choices = spec.argumentChoices.map { "'\($0)'" }.joined(separator: ", ")
            throw UsageError(message: "'\(wrong)' is not one of \(choices)", command: spec.name)
        }
        return parsed
    }

    /// The value, when the option takes any value or this is one of its choices.
    private static func checkChoice(_ value: String, _ option: OptionSpec, _ spec: CommandSpec) throws -> String {
        guard !option.choices.isEmpty, !option.choices.contains(value) else { return value }
        let choices = option.choices.map { "'\($0)'" }.joined(separator: ", ")
        throw UsageError(
            message: "'--\(option.name) \(value)' is not one of \(choices)", command: spec.name)
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func find(_ name: String, in options: [OptionSpec]) -> OptionSpec? {
        if name.hasPrefix("--") { return options.first { "--\($0.name)" == name } }
        guard name.count == 2, let letter = name.last else { return nil }
        return options.first { $0.short == letter }
    }

    private static func checkCount(_ positionals: [String], _ spec: CommandSpec) throws {
        if positionals.count < spec.minimumArguments {
            throw UsageError(message: "'\(spec.name)' needs \(spec.arguments)", command: spec.name)
        }
        if let maximum = spec.maximumArguments, positionals.count > maximum {
            let extra = positionals[maximum...].map { "'\($0)'" }.joined(separator: " ")
            throw UsageError(message: "unexpected argument \(extra) for '\(spec.name)'", command: spec.name)
        }
    }
}
