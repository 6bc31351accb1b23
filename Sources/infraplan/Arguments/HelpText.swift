/// `--help` text, made from the command table.
enum HelpText {
    /// The exit codes every command may end with, as help and the README list them.
    static let exitCodes = [
        "exit codes: 0 success (or no changes), 1 error, 2 changes present",
        "            (plan --detailed-exitcode), 3 plan blocked by a check, 64 usage error",
    ]

    static func overview() -> String {
        var lines = [
            "infraplan - plan, apply and roll back upgrades of a Docker Compose stack",
            "",
            "usage: infraplan COMMAND [OPTIONS] [ARGUMENTS]",
            "",
            "commands:",
        ]
        let width = (CommandTable.commands.map(\.name.count).max() ?? 0) + 2
        for command in CommandTable.commands {
            lines.append("  " + command.name.padding(width) + command.summary)
        }
        lines += ["", "options for every command:"]
        lines += optionLines(CommandTable.globalOptions)
        lines += [""] + exitCodes
        lines += ["", "Run 'infraplan COMMAND --help' for a command's options and an example."]
        return lines.joined(separator: "\n") + "\n"
    }

    static func command(_ spec: CommandSpec) -> String {
        let arguments = spec.arguments.isEmpty ? "" : " \(spec.arguments)"
        var lines = [
            "infraplan \(spec.name) - \(spec.summary)", "",
            "usage: infraplan \(spec.name)\(arguments) [OPTIONS]",
        ]
        if !spec.argumentChoices.isEmpty {
            let choices = spec.argumentChoices.joined(separator: ", ")
            lines.append("       \(spec.arguments) is one of: \(choices)")
        }
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.options.isEmpty {
            lines += ["", "options:"]
            lines += optionLines(spec.options)
        }
        lines += ["", "options for every command:"]
        lines += optionLines(CommandTable.globalOptions)
        lines += ["", "examples:"] + spec.examples.map { "  \($0)" }
        lines += [""] + exitCodes
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per option: its synopsis, its help, and its choices when it has some.
    private static func optionLines(_ options: [OptionSpec]) -> [String] {
        let width = (options.map(\.synopsis.count).max() ?? 0) + 2
        return options.map { option in
            let choices =
                option.choices.isEmpty ? "" : " (\(option.choices.joined(separator: "|")))"
            return "  " + option.synopsis.padding(width) + option.help + choices
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
