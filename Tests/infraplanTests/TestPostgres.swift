import Foundation

/// A throwaway PostgreSQL server for tests: a fresh cluster in a temporary
/// folder, listening on 127.0.0.1 only, stopped and deleted by `stop()`.
///
/// It uses the server binaries of Debian's `postgresql` package
/// (`/usr/lib/postgresql/<major>/bin`). PostgreSQL refuses to run as root, so
/// under root the cluster belongs to the `postgres` user and every server
/// command runs through `runuser`.
final class TestPostgres {
    let directory: URL
    let port: Int
    /// The server's own binaries: initdb, pg_ctl, psql, pg_dump, pg_restore.
    let binDirectory: String
    private let asUser: String?
    let superuser: String

    enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case command(String, String)

        var description: String {
            switch self {
            case .notInstalled:
                return "PostgreSQL server binaries not found under /usr/lib/postgresql; install the 'postgresql' package"
            case let .command(command, output):
                return "'\(command)' failed: \(output)"
            }
        }
    }

    /// Starts a new cluster on a free loopback port.
    /// - Parameter superuser: the bootstrap role, as `POSTGRES_USER` makes it in the official image.
    static func start(superuser: String = "postgres") throws -> TestPostgres {
        guard let bin = serverBinDirectory() else { throw Failure.notInstalled }
        let asUser = geteuid() == 0 ? "postgres" : nil
        let directory = URL(fileURLWithPath: "/tmp/infraplan-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let asUser { try run("/bin/chown", ["-R", asUser, directory.path], as: nil) }
        let data = directory.appendingPathComponent("data").path
        try run("\(bin)/initdb", ["-D", data, "-U", superuser, "--auth=trust", "--no-sync", "-E", "UTF8"], as: asUser)
        for attempt in 0..<20 {
            let port = Int.random(in: 20000...60000)
            let options = "-c listen_addresses=127.0.0.1 -c port=\(port) -c unix_socket_directories=\(directory.path) -c fsync=off"
            let arguments = ["-D", data, "-o", options, "-l", directory.appendingPathComponent("server.log").path, "-w", "-t", "30", "start"]
            do {
                try run("\(bin)/pg_ctl", arguments, as: asUser)
                return TestPostgres(
                    directory: directory, port: port, binDirectory: bin, asUser: asUser,
                    superuser: superuser)
            } catch where attempt < 19 {
                continue
            }
        }
        throw Failure.command("pg_ctl start", "no free port found")
    }

    private init(
        directory: URL, port: Int, binDirectory: String, asUser: String?, superuser: String
    ) {
        self.superuser = superuser
        self.directory = directory
        self.port = port
        self.binDirectory = binDirectory
        self.asUser = asUser
    }

    /// What a client needs to reach the server: host, port and user.
    var environment: [String: String] {
        ["PGHOST": "127.0.0.1", "PGPORT": String(port), "PGUSER": superuser]
    }

    /// Runs SQL through `psql` and returns its unaligned output.
    @discardableResult
    func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(
            "\(binDirectory)/psql",
            ["-h", "127.0.0.1", "-p", String(port), "-U", superuser, "-d", database, "-v", "ON_ERROR_STOP=1", "-Atc", sql],
            as: nil)
    }

    /// Stops the server and deletes its folder.
    func stop() {
        let data = directory.appendingPathComponent("data").path
        _ = try? Self.run("\(binDirectory)/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], as: asUser)
        try? FileManager.default.removeItem(at: directory)
    }

    private static func serverBinDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], as user: String?) throws -> String {
        let process = Process()
        // bash closes every descriptor above 2 before it hands over: the server
        // pg_ctl starts must not inherit the one Foundation watches for the
        // child's exit, or waiting for pg_ctl would last as long as the server.
        let closeAndExec = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let command = (user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [executable] + arguments
        process.arguments = ["-c", closeAndExec, "bash"] + command
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        // Output goes to a file, not a pipe: the server that pg_ctl starts
        // outlives it and would hold a pipe open forever.
        let capture = URL(fileURLWithPath: "/tmp/infraplan-pg-output-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        let handle = try FileHandle(forWritingTo: capture)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure.command(([executable] + arguments).joined(separator: " "), output)
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
