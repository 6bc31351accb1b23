import Foundation
import InfraModel
import Testing

@testable import Planner

/// The dump and restore a plan runs for a PostgreSQL major upgrade, on real
/// servers: the old one with its data, a new one as the official image's
/// first start leaves it (its superuser and database made from
/// `POSTGRES_USER` and `POSTGRES_DB`).
@Suite(.serialized) struct MajorUpgradeRestoreTests {
    /// Runs a plan command with `docker compose exec -T db` taken off, against `server`.
    static func run(_ command: String, on server: TestPostgres, in folder: URL) throws {
        let local = command.replacingOccurrences(of: "docker compose exec -T db ", with: "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", local]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment.merge(server.environment) { _, new in new }
        environment["PATH"] = "\(server.binDirectory):\(environment["PATH"] ?? "/usr/bin:/bin")"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(local)\n\(text)")
    }

    @Test func theDumpOfTheOldMajorRestoresIntoTheNewServersFirstState() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try TestPostgres.start(superuser: "gitea")
        defer { old.stop() }
        try old.psql("CREATE DATABASE gitea OWNER gitea")
        try old.psql("CREATE TABLE repos (id int PRIMARY KEY, name text); INSERT INTO repos VALUES (1, 'infraplan')", database: "gitea")
        try old.psql("CREATE ROLE reader LOGIN")
        let new = try TestPostgres.start(superuser: "gitea")
        defer { new.stop() }
        try new.psql("CREATE DATABASE gitea OWNER gitea")

        let db = Database(service: "db", engine: "postgres", version: "16", maxConnections: 100)
        let file = "backups/db.dump"
        for command in try #require(Commands.dumpAll(db, user: "gitea", to: file)) {
            try Self.run(command, on: old, in: folder)
        }
        for command in Commands.restoreAll(db, user: "gitea", from: file) {
            try Self.run(command, on: new, in: folder)
        }
        #expect(try new.psql("SELECT string_agg(name, ',') FROM repos", database: "gitea") == "infraplan")
        #expect(try new.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'reader'") == "1")
    }
}
