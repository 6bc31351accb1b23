import InfraModel

/// The shell commands steps carry, for an operator in the compose project's folder.
///
/// Commands name services, never secret values: credentials come from the
/// containers' own environment or secret files. None of them is
/// `--remove-orphans`: in a project that shares its name with another compose
/// file, Compose counts the other file's services as orphans and removes them.
enum Commands {
    static func compose(_ arguments: String) -> String { "docker compose \(arguments)" }

    /// `text` as one word of a POSIX shell: as it is when it holds only
    /// characters no shell treats specially, else in single quotes. Every
    /// value the model took from a file (a service, a user, a database name)
    /// goes through here before it reaches a command, so a value never runs.
    static func word(_ text: String) -> String {
        let plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,:/=@%+"
        if !text.isEmpty, text.allSatisfy({ plain.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` inside double quotes, with what the shell expands there escaped.
    static func doubleQuoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\"\\$`".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"" + escaped + "\""
    }

    /// `command` with `arguments` (`-f a.yml -f b.yml -p site`) after its `docker compose`.
    ///
    /// A command on the saved configuration (`-f backups/compose-V.yml`)
    /// keeps that one file and takes the other arguments.
    static func composing(_ command: String, with arguments: [String]) -> String {
        let head = "docker compose "
        // `grep … dump | docker compose exec …`: the compose command is piped into.
        if !command.hasPrefix(head), let pipe = command.range(of: "| " + head) {
            let tail = String(command[command.index(pipe.lowerBound, offsetBy: 2)...])
            return command[..<pipe.lowerBound] + "| " + composing(tail, with: arguments)
        }
        guard !arguments.isEmpty, command.hasPrefix(head) else { return command }
        let isSaved = command.hasPrefix(head + "--project-directory . -f backups/")
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let pair = Array(arguments[index..<min(index + 2, arguments.count)])
            if !(isSaved && pair[0] == "-f") { words += pair.map(word) }
            index += 2
        }
        guard !words.isEmpty else { return command }
        return head + words.joined(separator: " ") + " " + command.dropFirst(head.count)
    }

    /// Checks the edited compose file without printing it (and so without values).
    static let validate = compose("config --quiet")

    static func waitHealthy(_ service: String) -> String {
        compose("up -d --wait \(word(service))")
    }

    static func pull(_ service: String) -> String { compose("pull \(word(service))") }

    static func pullImage(_ image: ImageReference) -> String { "docker pull \(image)" }

    /// Succeeds when `path` is a regular file (not a directory, and there).
    static func isRegularFile(_ path: String) -> String {
        "test -f " + word(path)
    }

    /// Starts a service; `--wait` when a dependent waits for it to be healthy,
    /// `compose wait` when one waits for it to complete.
    static func start(_ service: String, waitingFor condition: String? = nil) -> [String] {
        upCommands("up -d --no-deps", service, condition)
    }

    /// Recreates a service with its new definition.
    static func recreate(_ service: String, waitingFor condition: String? = nil) -> [String] {
        upCommands("up -d --no-deps --force-recreate", service, condition)
    }

    private static func upCommands(
        _ up: String, _ service: String, _ condition: String?
    ) -> [String] {
        let service = word(service)
        switch condition {
        case "service_healthy"?: return [compose("\(up) --wait \(service)")]
        case "service_completed_successfully"?:
            return [compose("\(up) \(service)"), compose("wait \(service)")]
        default: return [compose("\(up) \(service)")]
        }
    }

    static func stop(_ service: String) -> String { compose("stop \(word(service))") }

    /// Stops and removes a service's containers by Compose's labels, not
    /// through a compose file: when it runs, the file on disk may no longer
    /// define the service (a removal after the edit, the undo of a new one
    /// after the old file is back).
    static func removeContainer(_ service: String, project: String) -> String {
        "docker ps -aq --filter " + word("label=com.docker.compose.project=\(project)")
            + " --filter " + word("label=com.docker.compose.service=\(service)")
            + " | xargs -r docker rm -f"
    }

    /// Fails unless the service runs (and is healthy, when it has a health
    /// check) within Compose's wait: `ps` alone exits 0 for an exited or
    /// crash-looping container. `--no-recreate` leaves a running one alone.
    static func waitRunning(_ service: String) -> String {
        compose("up -d --no-deps --no-recreate --wait \(word(service))")
    }

    static func status(_ service: String) -> String {
        compose("ps --format '{{.Service}} {{.State}} {{.Health}}' \(word(service))")
    }

    /// Where the configuration of `version` is saved before a plan edits it.
    static func savedConfiguration(_ version: String) -> String { "backups/compose-\(version).yml" }

    /// Saves the whole configuration, uninterpolated, so no value of a variable
    /// is written out; Compose resolves relative paths, so the copy stands alone.
    static func saveConfiguration(_ version: String) -> [String] {
        ["mkdir -p backups", compose("config --no-interpolate > \(savedConfiguration(version))")]
    }

    /// Compose on the saved configuration, from the project folder (for `.env`).
    private static func saved(_ version: String, _ arguments: String) -> String {
        compose("--project-directory . -f \(savedConfiguration(version)) \(arguments)")
    }

    /// Starts a service as the saved configuration defines it.
    static func startSaved(_ service: String, version: String, waitingFor condition: String? = nil)
        -> String
    {
        saved(version, "up -d --no-deps" + waitFlag(condition) + " \(word(service))")
    }

    /// ` --wait` when a dependent waits for the service to be healthy.
    private static func waitFlag(_ condition: String?) -> String {
        condition == "service_healthy" ? " --wait" : ""
    }

    /// Recreates a service as the saved configuration defines it.
    static func recreateSaved(
        _ service: String, version: String, waitingFor condition: String? = nil
    ) -> String {
        saved(
            version, "up -d --no-deps --force-recreate" + waitFlag(condition) + " \(word(service))")
    }

    /// The file a backup of `database` taken before moving to `target` goes to.
    static func backupFile(_ database: String, from: String, to target: String) -> String {
        "backups/\(database)-\(from)-before-\(target).dump"
    }

    /// A consistent dump of one database, by engine; nil when infraplan cannot take one.
    static func dump(_ db: Database, user: String, name: String, to file: String) -> [String]? {
        switch db.engine {
        case "postgres":
            let dump = "pg_dump -U \(word(user)) -d \(word(name)) --format=custom"
            return [
                "mkdir -p backups", compose("exec -T \(word(db.service)) \(dump) > \(file)"),
                "test -s \(file)",
            ]
        case "mysql", "mariadb":
            return dumpAll(db, user: user, to: file)
        default:
            return nil
        }
    }

    /// The restore of a dump taken by `dump`.
    ///
    /// For PostgreSQL the whole database is dropped and created again from the
    /// dump (`--clean --create`, connected to the maintenance database
    /// `postgres`): `--clean` alone drops only what the dump holds, so tables a
    /// newer version's migrations created would survive the restore. Its
    /// clients must be stopped first, as the rollback does.
    static func restore(_ db: Database, user: String, name: String, from file: String) -> [String] {
        switch db.engine {
        case "postgres":
            let restore = "pg_restore -U \(word(user)) -d postgres --clean --if-exists --create"
            return [compose("exec -T \(word(db.service)) \(restore) < \(file)")]
        default:
            return restoreAll(db, user: user, from: file)
        }
    }

    /// MySQL's root login, its password read inside the container, never written here.
    /// The SQL client of a MySQL-family engine, logged in as root with the
    /// password read inside the container, never written here. MariaDB's
    /// images name their tools `mariadb` and `mariadb-dump` (11 ships no
    /// `mysql` names) and their variable `MARIADB_ROOT_PASSWORD`, the MySQL
    /// name still read when it is the one set.
    /// A password given as a `_FILE` variable (Docker secrets) is read from that file.
    static func sqlClient(_ engine: String, dump: Bool = false) -> String {
        let mysqlPassword =
            "${MYSQL_ROOT_PASSWORD:-$(cat \"${MYSQL_ROOT_PASSWORD_FILE:-/dev/null}\")}"
        guard engine == "mariadb" else {
            return (dump ? "mysqldump" : "mysql") + " -uroot -p\"\(mysqlPassword)\""
        }
        let password =
            "${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-$(cat "
            + "\"${MARIADB_ROOT_PASSWORD_FILE:-${MYSQL_ROOT_PASSWORD_FILE:-/dev/null}}\")}}"
        return (dump ? "mariadb-dump" : "mariadb") + " -uroot -p\"\(password)\""
    }

    /// True when `dumpAll` knows a command for the engine.
    static func canDumpAll(engine: String) -> Bool {
        ["postgres", "mysql", "mariadb"].contains(engine)
    }

    /// A dump of every database and role of a server, for a new major version.
    static func dumpAll(_ db: Database, user: String, to file: String) -> [String]? {
        let dump: String
        switch db.engine {
        // `--clean --if-exists`: the restore drops and recreates what the new
        // server's first start created itself (the database of POSTGRES_DB).
        case "postgres": dump = "pg_dumpall -U \(word(user)) --clean --if-exists"
        case "mysql", "mariadb":
            dump =
                "sh -c "
                + word(
                    "exec \(sqlClient(db.engine, dump: true)) --single-transaction --all-databases")
        default: return nil
        }
        return [
            "mkdir -p backups", compose("exec -T \(word(db.service)) \(dump) > \(file)"),
            "test -s \(file)",
        ]
    }

    /// The restore of a dump taken by `dumpAll`, once the server accepts connections.
    static func restoreAll(_ db: Database, user: String, from file: String) -> [String] {
        switch db.engine {
        case "postgres":
            let ready = "sh -c " + word("until pg_isready -U \(word(user)); do sleep 1; done")
            let service = word(db.service)
            // The new server's own superuser is the role the restore logs in as:
            // the dump's lines that drop and create it would fail, so they go.
            let quoted = "\"" + user.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let own = [user, quoted].flatMap {
                ["CREATE ROLE \($0);", "DROP ROLE IF EXISTS \($0);"]
            }
            let filter = "grep -v -x -F " + own.map { "-e " + word($0) }.joined(separator: " ")
            return [
                compose("exec -T \(service) \(ready)"),
                "\(filter) \(file) | "
                    + compose(
                        "exec -T \(service) psql -U \(word(user)) -d postgres -v ON_ERROR_STOP=1"),
            ]
        default:
            return [
                compose(
                    "exec -T \(word(db.service)) sh -c \(word("exec \(sqlClient(db.engine))")) < \(file)"
                )
            ]
        }
    }

    /// A tarball of a named volume's content, taken through a throwaway container.
    static func backupVolume(_ dockerName: String, to file: String) -> [String] {
        [
            "mkdir -p backups",
            "docker run --rm -v \(word(dockerName + ":/data:ro")) -v \"$PWD/backups\":/backup alpine "
                + "tar czf /backup/\(file.split(separator: "/").last ?? "") -C /data .",
            "test -s \(file)",
        ]
    }

    /// Recreates a named volume from a tarball taken by `backupVolume`.
    static func restoreVolume(_ dockerName: String, from file: String) -> [String] {
        [
            "docker volume create \(word(dockerName))",
            "docker run --rm -v \(word(dockerName + ":/data")) -v \"$PWD/backups\":/backup alpine "
                + "tar xzf /backup/\(file.split(separator: "/").last ?? "") -C /data",
        ]
    }

    /// Reads the version variables an official database image sets.
    static func inspectVersion(_ image: ImageReference) -> [String] {
        [
            pullImage(image),
            "docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' \(image) "
                + "| grep -E '^(PG_MAJOR|PG_VERSION|MYSQL_MAJOR|MYSQL_VERSION|MARIADB_VERSION)='",
        ]
    }
}
