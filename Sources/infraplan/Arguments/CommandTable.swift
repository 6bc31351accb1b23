/// Every command infraplan has, with its options, help text and examples.
///
/// The parser, `--help`, shell completion and the README's command list all
/// read this table, so a command exists in one place only.
enum CommandTable {
    static let globalOptions: [OptionSpec] = [
        .value("state", "PATH", "state file (default: $INFRAPLAN_STATE, else state.db)"),
        .value("migrations", "DIR", "folder of migration files (default: Migrations)"),
        .flag("quiet", short: "q", "print errors only"),
        .flag("verbose", short: "v", "print progress"),
        .flag("debug", "print everything, for bug reports"),
        .flag("no-color", "never colour output (NO_COLOR does the same)"),
        .flag("help", short: "h", "show this help"),
    ]

    static let json = OptionSpec.flag("json", "print JSON for machines (with a format_version)")

    static let commands: [CommandSpec] = [
        CommandSpec(
            name: "import", summary: "read compose files into a new version of the model",
            arguments: "FILE...", minimumArguments: 1, maximumArguments: nil,
            options: [
                .value(
                    "as", "VERSION",
                    "label of the new version (required): a letter or digit, then up to 63 "
                        + "letters, digits, '.', '_', '+' or '-'"),
                .value(
                    "env-file", "FILE", repeatable: true,
                    "read variables from FILE instead of .env (repeatable)"),
                .value(
                    "profile", "NAME", repeatable: true, "activate a compose profile (repeatable)"),
                .value("project-name", "NAME", short: "p", "compose project name"),
                .flag(
                    "current", "make the new version current even when the state already has one"),
            ],
            discussion: """
                Several files are merged in order, as `docker compose -f a.yml -f b.yml` merges them.
                The first version imported into a state becomes the current one. Nothing is written
                when a file is refused. VERSION starts with a letter or a digit, followed by at most
                63 letters, digits, '.', '_', '+' or '-' (it names files and enters commands).
                """,
            examples: ["infraplan import Examples/compose.yml --as 2025.8.4"]),
        CommandSpec(
            name: "versions",
            summary: "list the versions in the state and the migrations available",
            arguments: "", minimumArguments: 0, maximumArguments: 0, options: [json],
            discussion: "The current version is marked with '*'.", examples: ["infraplan versions"]),
        CommandSpec(
            name: "show", summary: "show one version of the model (default: the current one)",
            arguments: "[VERSION]", minimumArguments: 0, maximumArguments: 1, options: [json],
            discussion: "Secret values are never shown: the model does not hold them.",
            examples: ["infraplan show 2025.8.4 --json"]),
        CommandSpec(
            name: "diff", summary: "show what differs between two versions",
            arguments: "A B", minimumArguments: 2, maximumArguments: 2, options: [json],
            discussion: "Exits 0 whether or not they differ.",
            examples: ["infraplan diff 2025.8.4 2025.10.1"]),
        CommandSpec(
            name: "plan",
            summary: "make the ordered, reversible plan from the current version to TARGET",
            arguments: "TARGET", minimumArguments: 1, maximumArguments: 1,
            options: [
                .value("out", "FILE", "also write the plan as a self-contained JSON file"),
                .flag(
                    "detailed-exitcode", "exit 2 when the plan has changes (0: none, 3: blocked)"),
                .flag("rollback", "print only the rollback"),
                json,
            ],
            discussion: """
                TARGET is a version already in the state or a migration file Migrations/TARGET.yaml.
                The plan is kept in the state; 'infraplan apply' with no argument applies it.
                Exit codes: 0 success, 1 error, 2 changes present (with --detailed-exitcode), 3 blocked.
                """,
            examples: ["infraplan plan 2025.10.1", "infraplan plan 2025.10.1 --out upgrade.json"]),
        CommandSpec(
            name: "apply",
            summary: "apply the kept plan, a saved plan file, or a fresh plan to TARGET",
            arguments: "[PLAN | TARGET]", minimumArguments: 0, maximumArguments: 1,
            options: [
                .flag("yes", short: "y", "do not ask for confirmation"),
                .value(
                    "compose", "FILE",
                    "edit FILE to match the target, keeping a copy FILE.infraplan-FROM.bak"),
                .flag("execute", "run each step's commands, undoing what ran if one fails"),
                .flag("no-rollback", "with --execute: leave the steps that ran when one fails"),
                .value("timeout", "SECONDS", "with --execute: limit per step (default 900)"),
                .flag("resume", "continue the last interrupted or failed run where it stopped"),
            ],
            discussion: """
                With no argument, applies the plan the last 'plan' kept; it refuses when the state moved
                since that plan was made, or when the plan is blocked. PLAN is a file written by
                'plan --out'; it is applied exactly, and refused when altered or stale. With TARGET,
                plans afresh and asks for confirmation on a terminal (--yes skips the question).

                --compose changes only the lines the plan changes; where it cannot, nothing is
                written.

                --execute runs the commands through /bin/sh, records each step in the state, writes
                their output to .infraplan/runs/RUN.log beside the state, and moves the current
                version only when every step succeeded.

                Exit codes: 0 applied, 1 refused or failed, 3 the plan is blocked.
                """,
            examples: [
                "infraplan apply", "infraplan apply upgrade.json --compose compose.yml",
                "infraplan apply 2025.10.1 --yes --execute --compose compose.yml",
                "infraplan apply --resume",
            ]),
        CommandSpec(
            name: "rollback", summary: "undo the last apply with its generated rollback",
            arguments: "", minimumArguments: 0, maximumArguments: 0,
            options: [
                .value("to", "VERSION", "keep rolling back until VERSION is current"),
                .flag("keep-compose", "leave the compose file an apply edited as it is"),
                .flag("ack", "accept a rollback that loses what the newer version wrote"),
                .flag(
                    "execute",
                    "run the rollback's commands; the version moves back when all succeed"),
                .value("timeout", "SECONDS", "with --execute: limit per step (default 900)"),
                .flag("resume", "continue the last interrupted or failed rollback run"),
            ],
            discussion: """
                The rollback is the stored inverse of the applied plan. A compose file the apply
                edited is put back from the copy kept beside it, unless it was edited since.
                With --execute, a failing step stops the run and leaves what ran; fix the cause
                and continue with --resume.
                """,
            examples: [
                "infraplan rollback", "infraplan rollback --to 2025.8.4",
                "infraplan rollback --execute",
            ]),
        CommandSpec(
            name: "impact", summary: "show who depends on SERVICE and what stops if it stops",
            arguments: "SERVICE", minimumArguments: 1, maximumArguments: 1,
            options: [
                .value("version", "V", "look in version V (default: the current one)"), json,
            ],
            discussion:
                "Counts every kind of dependency, including environment values that name the service.",
            examples: ["infraplan impact redis_cache"]),
        CommandSpec(
            name: "review", summary: "write the change-review document for the upgrade to TARGET",
            arguments: "TARGET", minimumArguments: 1, maximumArguments: 1,
            options: [
                .value("out", "FILE", "write the document to FILE instead of standard output"),
                .value("date", "YYYY-MM-DD", "date to print (default: today)"),
            ],
            discussion: "Markdown, readable as plain text. Holds no secret values.",
            examples: ["infraplan review 2025.10.1 --out review-2025.10.1.md"]),
        CommandSpec(
            name: "log", summary: "list every apply and rollback",
            arguments: "", minimumArguments: 0, maximumArguments: 0, options: [json],
            discussion: "Failed runs are listed too; they leave the current version as it was.",
            examples: ["infraplan log"]),
        CommandSpec(
            name: "graph",
            summary: "draw the dependency graph of a version, or what a plan changes in it",
            arguments: "", minimumArguments: 0, maximumArguments: 0,
            options: [
                .value("version", "V", "draw version V (default: the current one)"),
                .value("plan", "TARGET", "draw the plan to TARGET: what it adds, removes, keeps"),
                .value(
                    "format", "FORMAT", choices: ["dot", "mermaid", "svg"],
                    "dot (default), mermaid, or svg drawn by Graphviz's dot"),
                .value("out", "FILE", "write the graph to FILE instead of standard output"),
            ],
            discussion: """
                Edges point from a service to what it needs and are labelled by kind; dependencies
                found in environment values are dashed. With --plan, green is added, red removed,
                amber changed, blue kept because others still use it. --format svg runs
                'dot -Tsvg' from Graphviz (apt-get install graphviz).
                """,
            examples: [
                "infraplan graph --format svg --out stack.svg",
                "infraplan graph --plan 2025.10.1 --format mermaid",
            ]),
        CommandSpec(
            name: "completion", summary: "print a completion script for bash or zsh",
            arguments: "SHELL", minimumArguments: 1, maximumArguments: 1, options: [],
            discussion: """
                The script completes commands, options and their fixed values as this version of
                infraplan knows them; generate it again after an upgrade.
                """,
            examples: [
                "source <(infraplan completion bash)",
                "infraplan completion zsh > ~/.zfunc/_infraplan",
            ],
            argumentChoices: ["bash", "zsh"]),
        CommandSpec(
            name: "check",
            summary: "verify the migrations against their checksum file and the state",
            arguments: "", minimumArguments: 0, maximumArguments: 0,
            options: [.flag("update", "rewrite DIR/infraplan.sum from the files in DIR")],
            discussion: """
                DIR is the migrations folder (--migrations DIR, by default Migrations). Each line
                of DIR/infraplan.sum covers its file and every line above it, so an edit, an
                insertion or a removal anywhere is caught; plan and apply refuse a folder that does
                not match, and a migration edited after a version was made from it. --update refuses
                such an edit too.
                """,
            examples: ["infraplan check", "infraplan check --update"]),
        CommandSpec(
            name: "unlock", summary: "release the state's lock, left by a process that is gone",
            arguments: "ID", minimumArguments: 1, maximumArguments: 1, options: [],
            discussion: """
                ID is the lock's id, which the refusal of a second writer prints. A lock whose
                holder still runs on this host is not released.
                """,
            examples: ["infraplan unlock 3f9c2e1a-7b4d-4c1e-9a2f-5d8e6b0c1a47"]),
    ]
}
