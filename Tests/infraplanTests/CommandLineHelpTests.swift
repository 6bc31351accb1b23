import Foundation
import Testing

/// `--help` on every command, and the completion scripts made from the same table.
@Suite struct CommandLineHelpTests {
    /// The command names `infraplan --help` lists.
    static func commands() throws -> [String] {
        let help = try CLI.run(["--help"]).stdout
        let listed =
            help.components(separatedBy: "commands:\n").last?
            .components(separatedBy: "\n\n").first ?? ""
        return listed.split(separator: "\n").compactMap {
            $0.split(separator: " ").first.map(String.init)
        }
    }

    /// The long options one command's help lists, its own and the global ones.
    static func options(of command: String) throws -> [String] {
        let help = try CLI.run([command, "--help"]).stdout
        return help.split(separator: "\n").filter { $0.hasPrefix("  -") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("--") }.map(String.init)
        }
    }

    @Test func everyCommandHasHelpWithAnExampleAndTheExitCodes() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 12)
        #expect(commands.contains("graph") && commands.contains("completion"))
        for command in commands {
            let result = try CLI.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("infraplan \(command) - "))
            let examples = result.stdout.components(separatedBy: "examples:\n").last ?? ""
            let first = examples.split(separator: "\n").first ?? ""
            #expect(first.contains("infraplan \(command)"), "'\(command) --help' has no example")
            #expect(result.stdout.contains("exit codes: 0 success"))
            #expect(result.stdout.contains("64 usage error"))
        }
    }

    @Test func readmeListsEveryCommandOptionAndExitCode() throws {
        let readme = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section =
            readme.components(separatedBy: "## Commands\n").last?
            .components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let global = try Self.options(of: "log").filter { $0 != "--json" }
        for command in try Self.commands() {
            let row = try #require(
                rows.first { $0.hasPrefix("| `\(command)") }, "README lacks '\(command)'")
            for option in try Self.options(of: command) where !global.contains(option) {
                let written = ["`", " ", ","].contains { row.contains(option + $0) }
                #expect(written, "README: \(command) \(option)")
            }
        }
        for option in global + ["--help"] {
            #expect(section.contains("`\(option)") || section.contains(", \(option)"))
        }
        for code in [
            "`0` success", "`1` error", "`2` changes present", "`3` plan blocked",
            "`64` usage error",
        ] {
            #expect(section.contains(code))
        }
    }

    @Test func bashCompletionOffersCommandsOptionsAndValues() throws {
        guard let bash = SystemTool.require("bash", package: "bash") else { return }
        let script = try CLI.run(["completion", "bash"])
        #expect(script.status == 0)
        let syntax = try SystemTool.run(bash, ["-n"], input: script.stdout)
        #expect(syntax.status == 0, "\(syntax.stderr)")
        let cases: [(String, String)] = [
            ("infraplan pl", "plan"),
            ("infraplan --state x.db gr", "graph"),
            ("infraplan graph --format ", "dot mermaid svg"),
            ("infraplan completion ", "bash zsh"),
            ("infraplan review 2025.10.1 --da", "--date"),
        ]
        for (line, expected) in cases {
            let program =
                script.stdout + """
                    read -ra COMP_WORDS <<< '\(line)'
                    [[ '\(line)' == *' ' ]] && COMP_WORDS+=('')
                    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                    _infraplan
                    echo "${COMPREPLY[*]}"
                    """
            let result = try SystemTool.run(bash, ["-c", program])
            #expect(
                result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected,
                "for '\(line)'")
        }
        for command in try Self.commands() {
            for option in try Self.options(of: command) {
                let line = "infraplan \(command) \(option)"
                let program =
                    script.stdout + """
                        COMP_WORDS=(infraplan \(command) '\(option)'); COMP_CWORD=2; _infraplan
                        echo "${COMPREPLY[*]}"
                        """
                let result = try SystemTool.run(bash, ["-c", program])
                #expect(
                    result.stdout.split(separator: " ").contains {
                        $0.trimmingCharacters(in: .whitespacesAndNewlines) == option
                    }, "'\(line)' not offered")
            }
        }
    }

    @Test func zshCompletionParsesAndNamesEveryCommandAndOption() throws {
        guard let zsh = SystemTool.require("zsh", package: "zsh") else { return }
        let script = try CLI.run(["completion", "zsh"])
        #expect(script.status == 0 && script.stdout.hasPrefix("#compdef infraplan\n"))
        let syntax = try SystemTool.run(zsh, ["-n"], input: script.stdout)
        #expect(syntax.status == 0, "\(syntax.stderr)")
        for command in try Self.commands() {
            #expect(script.stdout.contains("    '\(command):"))
            let block =
                script.stdout.components(separatedBy: "        \(command))\n").last?
                .components(separatedBy: ";;").first ?? ""
            for option in try Self.options(of: command) {
                #expect(
                    block.contains("\(option)[") || block.contains("\(option)}"),
                    "zsh completion of '\(command)' lacks \(option)")
            }
        }
        #expect(try CLI.run(["completion", "fish"]).status == 64)
    }
}
