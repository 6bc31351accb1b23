/// `--help` text, made from the command table.
enum HelpText {
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
        lines += [
            "", "exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode),",
            "            3 plan blocked, 64 usage error",
            "", "Run 'infraplan COMMAND --help' for a command's options and an example.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func command(_ spec: CommandSpec) -> String {
        var lines = [
            "infraplan \(spec.name) - \(spec.summary)", "",
            "usage: infraplan \(spec.name)\(spec.arguments.isEmpty ? "" : " \(spec.arguments)") [OPTIONS]",
        ]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.options.isEmpty {
            lines += ["", "options:"]
            lines += optionLines(spec.options)
        }
        lines += ["", "options for every command:"]
        lines += optionLines(CommandTable.globalOptions)
        lines += ["", "examples:"] + spec.examples.map { "  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func optionLines(_ options: [OptionSpec]) -> [String] {
        let width = (options.map(\.synopsis.count).max() ?? 0) + 2
        return options.map { "  " + $0.synopsis.padding(width) + $0.help }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
