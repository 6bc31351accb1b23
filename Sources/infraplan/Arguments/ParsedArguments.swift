/// The result of parsing a command line.
struct ParsedArguments {
    var command: CommandSpec
    var positionals: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    init(command: CommandSpec) {
        self.command = command
    }

    mutating func set(_ option: OptionSpec, _ value: String?) {
        if let value { values[option.name, default: []].append(value) } else { flags.insert(option.name) }
    }

    /// The last value given for an option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    func values(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func isGiven(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }
}

/// A command line that cannot be understood; exits 64.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    /// The command whose usage to point at, if known.
    var command: String?

    var description: String {
        let help = command.map { "infraplan \($0) --help" } ?? "infraplan --help"
        return "\(message); see '\(help)'"
    }
}
