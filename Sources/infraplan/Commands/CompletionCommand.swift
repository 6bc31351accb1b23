/// `infraplan completion bash|zsh`: print the completion script for a shell.
enum CompletionCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        switch context.arguments.positionals[0] {
        case "zsh": context.terminal.out(CompletionScript.zsh())
        default: context.terminal.out(CompletionScript.bash())
        }
        return .success
    }
}
