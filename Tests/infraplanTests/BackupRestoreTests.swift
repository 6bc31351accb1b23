import Foundation
import InfraModel
import Testing

/// The plan's own backup and restore commands, run against a real PostgreSQL.
///
/// A fake `docker` first on the PATH turns `docker compose exec -T authentik_db
/// CMD…` into CMD run on this machine against a throwaway server on loopback,
/// so `pg_dump`, `pg_restore` and `psql` run exactly as the plan writes them.
/// Recreating `authentik_server` on the new image plays authentik's schema
/// migrations: it changes the schema in ways an older image cannot undo.
@Suite(.serialized) struct BackupRestoreTests {
    static let fakeDocker = """
        #!/bin/sh
        echo "$*" >> "$FAKE_DOCKER_CALLS"
        case "$*" in *"${FAKE_DOCKER_FAIL:-never matches}"*)
            echo "fake docker fails on purpose: $*" >&2; exit 1 ;;
        esac
        case "$*" in
            "compose exec -T authentik_db "*)
                shift 4
                exec "$@" ;;
            "compose up -d --no-deps --force-recreate authentik_server")
                exec psql -U authentik -d authentik -v ON_ERROR_STOP=1 -q \\
                    -c "CREATE TABLE authentik_session_v2 (key text PRIMARY KEY)" \\
                    -c "ALTER TABLE users ADD COLUMN email_verified boolean DEFAULT false" ;;
            *" logs "*) echo "PostgreSQL session backend ready" ;;
        esac
        exit 0
        """

    /// A sandbox whose `docker` reaches `server`, and a database like authentik's.
    static func prepare(_ server: TestPostgres) throws -> Sandbox {
        let sandbox = try Sandbox()
        let docker = sandbox.folder.appendingPathComponent("bin/docker")
        try fakeDocker.write(to: docker, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: docker.path)
        try server.psql("CREATE ROLE authentik LOGIN SUPERUSER")
        try server.psql("CREATE DATABASE authentik OWNER authentik")
        try server.psql(
            "CREATE TABLE users (id int PRIMARY KEY, name text); "
                + "INSERT INTO users VALUES (1, 'byrne'), (2, 'dickinson')",
            database: "authentik")
        return sandbox
    }

    /// The server's address, and a PATH with the fake `docker` first, then the server's tools.
    static func environment(
        _ server: TestPostgres, _ sandbox: Sandbox, _ extra: [String: String] = [:]
    ) -> [String: String] {
        var environment = server.environment
        let system = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["PATH"] =
            "\(sandbox.folder.appendingPathComponent("bin").path):\(server.binDirectory):\(system)"
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// The tables of the database `authentik`, sorted, and the columns of `users`.
    static func schema(_ server: TestPostgres) throws -> String {
        try server.psql(
            "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name) "
                + "FROM information_schema.columns WHERE table_schema = 'public'",
            database: "authentik")
    }

    @Test func failedUpgradeRestoresTheDatabaseFromThePlansBackup() throws {
        let server = try TestPostgres.start()
        defer { server.stop() }
        let sandbox = try Self.prepare(server)
        defer { sandbox.remove() }
        let before = try Self.schema(server)

        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--execute"],
            environment: Self.environment(server, sandbox, ["FAKE_DOCKER_FAIL": "up -d --no-deps authentik_worker"]))

        #expect(result.status == 1, "\(result.stderr)")
        let dump = sandbox.folder.appendingPathComponent("backups/authentik_db-2025.8.4-before-2025.10.1.dump")
        let size = (try? FileManager.default.attributesOfItem(atPath: dump.path)[.size] as? Int) ?? 0
        #expect(size > 0, "the plan's pg_dump wrote no backup")
        #expect(sandbox.dockerCalls().contains { $0.contains("pg_restore") })
        #expect(try Self.schema(server) == before, "the restore left the migrated schema behind")
        #expect(try server.psql("SELECT count(*) FROM users", database: "authentik") == "2")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test func rollbackAfterASuccessfulApplyRestoresTheDump() throws {
        let server = try TestPostgres.start()
        defer { server.stop() }
        let sandbox = try Self.prepare(server)
        defer { sandbox.remove() }
        let before = try Self.schema(server)

        let apply = try sandbox.run(["apply", "2025.10.1", "--yes", "--execute"], environment: Self.environment(server, sandbox))
        #expect(apply.status == 0, "\(apply.stderr)")
        if apply.status != 0, let run = try ModelStore(path: sandbox.state).latestRun() {
            Issue.record("run log:\n\((try? String(contentsOfFile: run.logPath, encoding: .utf8)) ?? "")")
        }
        #expect(try Self.schema(server) != before, "the stand-in migration did not run")
        try server.psql("INSERT INTO users VALUES (3, 'written by 2025.10.1')", database: "authentik")

        let rollback = try sandbox.run(["rollback", "--execute"], environment: Self.environment(server, sandbox))
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(try Self.schema(server) == before)
        #expect(try server.psql("SELECT string_agg(name, ',' ORDER BY id) FROM users", database: "authentik") == "byrne,dickinson")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }
}
