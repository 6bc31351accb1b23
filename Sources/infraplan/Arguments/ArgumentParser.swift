import InfraModel

/// Parses `infraplan [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]` against the command table.
///
/// Options may come before or after positional arguments, and global options
/// (`--state`, `-q`…) before the command too; `--name=value` and `--name value`
/// are both accepted; short flags combine as getopt combines them (`-qv`, and
/// `-pNAME` for a short option taking a value); `--` ends the options. A help
/// request (`--help`, `-h`, or `help COMMAND`) is reported as `.help`.
enum ArgumentParser {
    enum Outcome {
        case run(ParsedArguments)
        case help(CommandSpec?)
        case version
        /// No command at all: the overview goes to standard error, exit 64.
        case missingCommand
    }

    static func parse(_ arguments: [String], table: [CommandSpec] = CommandTable.commands) throws
        -> Outcome
    {
        var index = 0
        while index < arguments.count, isOption(arguments[index]) {
            switch arguments[index] {
            case "-h", "--help": return .help(nil)
            case "--version": return .version
            default: index += try globalOptionLength(arguments, at: index)
            }
        }
        guard index < arguments.count else {
            if index == 0 { return .missingCommand }
            throw UsageError(message: "no command given", command: nil)
        }
        let leading = Array(arguments[..<index])
        let rest = Array(arguments[(index + 1)...])
        if arguments[index] == "help" {
            guard let name = rest.first, name != "--help", name != "-h" else { return .help(nil) }
            return .help(try command(named: name, in: table))
        }
        let spec = try command(named: arguments[index], in: table)
        if rest.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(spec) }
        return .run(try parseOptions(leading + rest, for: spec))
    }

    /// True for `-x`, `--name` and combined flags; false for `-` (standard input) and `--`.
    private static func isOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-" && argument != "--"
    }

    /// How many words a global option given before the command takes: 1, or 2
    /// with its value.
    private static func globalOptionLength(_ arguments: [String], at index: Int) throws -> Int {
        let tokens = try expand(arguments[index], options: CommandTable.globalOptions, spec: nil)
        guard let last = tokens.last else { return 1 }
        let (name, inline) = split(last)
        guard let option = find(name, in: CommandTable.globalOptions) else {
            throw UsageError(
                message: "'\(name)' is not an option for every command; give it after the command",
                command: nil)
        }
        guard option.takesValue && inline == nil else { return 1 }
        guard index + 1 < arguments.count else {
            throw UsageError(
                message: "option '--\(option.name)' needs a value (\(option.value ?? "VALUE"))",
                command: nil)
        }
        return 2
    }

    private static func command(named name: String, in table: [CommandSpec]) throws -> CommandSpec {
        if let spec = table.first(where: { $0.name == name }) { return spec }
        var message = "unknown command '\(name)'"
        if let near = NameSuggestion.nearest(to: name, in: table.map(\.name)) {
            message += "; did you mean '\(near)'?"
        }
        throw UsageError(message: message, command: nil)
    }

    private static func parseOptions(_ arguments: [String], for spec: CommandSpec) throws
        -> ParsedArguments
    {
        var parsed = ParsedArguments(command: spec)
        let options = spec.options + CommandTable.globalOptions
        var queue = arguments[...]
        var optionsEnded = false
        while let argument = queue.popFirst() {
            guard !optionsEnded, isOption(argument) || argument == "--" else {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            for token in try expand(argument, options: options, spec: spec) {
                try take(token, from: &queue, options: options, spec: spec, into: &parsed)
            }
        }
        try checkPositionals(parsed.positionals, spec)
        return parsed
    }

    /// Records one option (`--name`, `--name=value`, `-x`), taking its value
    /// from the queue when it needs one and none is inline.
    private static func take(
        _ token: String, from queue: inout ArraySlice<String>, options: [OptionSpec],
        spec: CommandSpec, into parsed: inout ParsedArguments
    ) throws {
        let (name, inline) = split(token)
        guard let option = find(name, in: options) else {
            throw UsageError(message: "unknown option '\(name)' for '\(spec.name)'", command: spec.name)
        }
        if !option.isRepeatable && parsed.isGiven(option.name) {
            throw UsageError(message: "option '--\(option.name)' given twice", command: spec.name)
        }
        guard option.takesValue else {
            if inline != nil {
                throw UsageError(
                    message: "option '--\(option.name)' takes no value", command: spec.name)
            }
            parsed.set(option, nil)
            return
        }
        guard let value = inline ?? queue.popFirst() else {
            throw UsageError(
                message: "option '--\(option.name)' needs a value (\(option.value ?? "VALUE"))",
                command: spec.name)
        }
        parsed.set(option, try checkValue(value, option, spec))
    }

    /// Combined short options as separate words: `-qv` is `-q -v`, and `-pNAME`
    /// is `-p=NAME`-like (`-p` then its value); anything else is returned as is.
    private static func expand(_ argument: String, options: [OptionSpec], spec: CommandSpec?)
        throws -> [String]
    {
        guard !argument.hasPrefix("--"), argument.count > 2 else { return [argument] }
        var tokens: [String] = []
        var letters = argument.dropFirst()
        while let letter = letters.popFirst() {
            guard let option = options.first(where: { $0.short == letter }) else {
                throw UsageError(
                    message: "unknown option '-\(letter)' in '\(argument)'", command: spec?.name)
            }
            if option.takesValue && !letters.isEmpty {
                tokens.append("--\(option.name)=\(letters)")
                return tokens
            }
            tokens.append("-\(letter)")
        }
        return tokens
    }

    /// The value, when the option takes any value or this is one of its choices;
    /// a path option refuses an empty value, which SQLite or the file system
    /// would read as something else (a temporary database, the current folder).
    private static func checkValue(_ value: String, _ option: OptionSpec, _ spec: CommandSpec)
        throws -> String
    {
        if value.isEmpty, option.isPath {
            throw UsageError(
                message: "option '--\(option.name)' needs a \(option.value ?? "value"), "
                    + "not an empty string", command: spec.name)
        }
        guard !option.choices.isEmpty, !option.choices.contains(value) else { return value }
        let choices = option.choices.map { "'\($0)'" }.joined(separator: ", ")
        throw UsageError(
            message: "'--\(option.name) \(value)' is not one of \(choices)", command: spec.name)
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func find(_ name: String, in options: [OptionSpec]) -> OptionSpec? {
        if name.hasPrefix("--") { return options.first { "--\($0.name)" == name } }
        guard name.count == 2, let letter = name.last else { return nil }
        return options.first { $0.short == letter }
    }

    /// The number of positional arguments, and their values when the command has choices.
    private static func checkPositionals(_ positionals: [String], _ spec: CommandSpec) throws {
        if positionals.count < spec.minimumArguments {
            throw UsageError(message: "'\(spec.name)' needs \(spec.arguments)", command: spec.name)
        }
        if let maximum = spec.maximumArguments, positionals.count > maximum {
            let extra = positionals[maximum...].map { "'\($0)'" }.joined(separator: " ")
            throw UsageError(
                message: "unexpected argument \(extra) for '\(spec.name)'", command: spec.name)
        }
        if !spec.argumentChoices.isEmpty,
            let wrong = positionals.first(where: { !spec.argumentChoices.contains($0) })
        {
            let choices = spec.argumentChoices.map { "'\($0)'" }.joined(separator: ", ")
            throw UsageError(message: "'\(wrong)' is not one of \(choices)", command: spec.name)
        }
    }
}
