import Foundation
import InfraModel

/// A folder holding a copy of the example stack — state, compose file, secrets,
/// migrations — and a fake `docker` first on the PATH, for tests that apply,
/// execute and roll back without touching the repository or needing Docker.
///
/// The fake `docker` appends each call to `calls.log`, prints its arguments
/// (so `pg_dump > file` makes a non-empty file), prints the session-backend
/// line the reference plan's verification greps for, and obeys:
///
/// - `FAKE_DOCKER_FAIL=TEXT`: exit 1 when the arguments contain TEXT;
/// - `FAKE_DOCKER_HANG=TEXT`: when the arguments contain TEXT and the file
///   `hang` exists, write its pid to `hang.pid` and sleep (until killed);
/// - `FAKE_DOCKER_ECHO=TEXT`: print TEXT (a canary a log must not show).
///
/// With `COMPOSE_FILE` set, each call is also written to `calls.log.compose`
/// with whether the compose file it sees is the old or the new one.
struct Sandbox {
    let folder: URL

    var state: String { folder.appendingPathComponent("state.db").path }
    var compose: String { folder.appendingPathComponent("compose.yml").path }
    var migrations: String { folder.appendingPathComponent("Migrations").path }
    var calls: String { folder.appendingPathComponent("calls.log").path }

    static let fakeDocker = """
        #!/bin/sh
        echo "$*" >> "$FAKE_DOCKER_CALLS"
        if [ -n "$COMPOSE_FILE" ]; then
            if grep -q "server:2025.10.1" "$COMPOSE_FILE"; then seen=new; else seen=old; fi
            echo "$* [$seen compose file]" >> "$FAKE_DOCKER_CALLS.compose"
        fi
        case "$*" in *"${FAKE_DOCKER_FAIL:-never matches}"*)
            echo "fake docker fails on purpose: $*" >&2; exit 1 ;;
        esac
        case "$*" in *"${FAKE_DOCKER_HANG:-never matches}"*)
            if [ -f "$FAKE_DOCKER_DIR/hang" ]; then
                echo $$ > "$FAKE_DOCKER_DIR/hang.pid"; exec sleep 60
            fi ;;
        esac
        echo "fake docker: $*"
        [ -n "$FAKE_DOCKER_ECHO" ] && echo "leaked? $FAKE_DOCKER_ECHO"
        case "$*" in *" logs "*) echo "PostgreSQL session backend ready" ;; esac
        exit 0
        """

    init() throws {
        folder = try CLI.temporaryDirectory()
        let manager = FileManager.default
        let root = CLI.packageRoot
        try CLI.copyExampleState(to: URL(fileURLWithPath: state))
        try manager.copyItem(
            at: root.appendingPathComponent("Examples/compose.yml"),
            to: URL(fileURLWithPath: compose))
        try manager.copyItem(
            at: root.appendingPathComponent("Examples/secrets"),
            to: folder.appendingPathComponent("secrets"))
        try manager.copyItem(
            at: root.appendingPathComponent("Migrations"), to: URL(fileURLWithPath: migrations))
        let bin = folder.appendingPathComponent("bin")
        try manager.createDirectory(at: bin, withIntermediateDirectories: true)
        let docker = bin.appendingPathComponent("docker")
        try Self.fakeDocker.write(to: docker, atomically: true, encoding: .utf8)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: docker.path)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The environment the fake `docker` reads, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let path =
            folder.appendingPathComponent("bin").path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var environment = [
            "PATH": path, "FAKE_DOCKER_CALLS": calls, "FAKE_DOCKER_DIR": folder.path,
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `infraplan ARGUMENTS --state … --migrations …` in the sandbox folder.
    @discardableResult
    func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CLI.Result {
        try run(arguments, environment: extra)
    }

    /// Runs `infraplan ARGUMENTS --state … --migrations …` with `extra` in the environment.
    func run(_ arguments: [String], environment extra: [String: String]) throws -> CLI.Result {
        try CLI.run(
            arguments + ["--state", state, "--migrations", migrations], in: folder,
            environment: environment(extra))
    }

    /// The calls the fake `docker` received, one per line.
    func dockerCalls() -> [String] {
        ((try? String(contentsOfFile: calls, encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
    }

    /// The calls with the compose file each saw (`… [old compose file]`).
    func composeCalls() -> [String] {
        ((try? String(contentsOfFile: calls + ".compose", encoding: .utf8)) ?? "").split(
            separator: "\n"
        ).map(String.init)
    }

    /// The state's current version label, read directly.
    func currentVersion() throws -> String? {
        try ModelStore(path: state).currentVersion()?.label
    }

    /// Writes a migration file into the sandbox's folder and rewrites its sum.
    func addMigration(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(migrations)/\(name)", atomically: true, encoding: .utf8)
        let result = try run(["check", "--update"])
        precondition(result.status == 0, "check --update failed: \(result.stderr)")
    }
}
