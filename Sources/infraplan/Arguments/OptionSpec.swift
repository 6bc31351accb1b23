/// One option a command accepts.
struct OptionSpec: Sendable {
    /// The long name without dashes: `state`.
    var name: String
    /// A one-letter alias, without the dash: `p`.
    var short: Character?
    /// The value's placeholder (`PATH`); nil for a flag.
    var value: String?
    /// True when the option may be given several times.
    var isRepeatable: Bool
    var help: String
    /// The only values the option accepts, in the order help lists them; empty for any value.
    var choices: [String] = []

    static func flag(_ name: String, short: Character? = nil, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, value: nil, isRepeatable: false, help: help)
    }

    static func value(
        _ name: String, _ placeholder: String, short: Character? = nil, repeatable: Bool = false,
        choices: [String] = [], _ help: String
    ) -> OptionSpec {
        OptionSpec(
            name: name, short: short, value: placeholder, isRepeatable: repeatable, help: help,
            choices: choices)
    }

    var takesValue: Bool { value != nil }

    /// True when the value names a file or a folder (`PATH`, `FILE`, `DIR`).
    var isPath: Bool {
        ["PATH", "FILE", "DIR"].contains { value?.contains($0) == true }
    }

    /// `--state PATH` or `-p, --project-name NAME`.
    var synopsis: String {
        let long = "--\(name)" + (value.map { " \($0)" } ?? "")
        return short.map { "-\($0), \(long)" } ?? long
    }
}

/// One subcommand: its name, what it does, its arguments and an example.
struct CommandSpec: Sendable {
    var name: String
    var summary: String
    /// Positional arguments as shown in usage: `FILE...`, `[VERSION]`.
    var arguments: String
    var minimumArguments: Int
    /// nil for no limit.
    var maximumArguments: Int?
    var options: [OptionSpec]
    var discussion: String
    var examples: [String]
    /// The only values the positional argument accepts (`bash`, `zsh`); empty for any value.
    var argumentChoices: [String] = []
}
