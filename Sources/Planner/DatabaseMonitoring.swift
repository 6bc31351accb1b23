import InfraModel

/// The queries that watch a database's connections after an upgrade, by engine.
///
/// Each query runs inside the database's own container with the account the
/// container was created with (`POSTGRES_USER`, `POSTGRES_DB`), so no
/// credential appears in a command: PostgreSQL's local socket trusts that
/// account, and MySQL reads its root password from the container's environment.
public enum DatabaseMonitoring {
    /// One command to run, and what its answer means.
    public struct Query: Equatable, Sendable {
        /// What the answer tells: `sessions on the database authentik`.
        public var purpose: String
        /// The shell command, run from the compose project's folder.
        public var command: String
    }

    /// The account and database name a session inside `db`'s container logs in with.
    public static func login(of db: Database, in model: StackModel) -> (
        user: String, database: String
    ) {
        func literal(_ key: String) -> String? {
            let key = EnvironmentEntry.Key(service: db.service, name: key)
            guard case .literal(let value)? = model.environment[key]?.value, !value.isEmpty else {
                return nil
            }
            return value
        }
        let user =
            literal("POSTGRES_USER") ?? literal("MYSQL_USER") ?? literal("MARIADB_USER")
            ?? "postgres"
        let name =
            literal("POSTGRES_DB") ?? literal("MYSQL_DATABASE") ?? literal("MARIADB_DATABASE")
            ?? clientsDatabase(of: db, in: model) ?? user
        return (user, name)
    }

    /// The one database the clients of `db` name, when its own environment
    /// names none (Mastodon's `DB_NAME=mastodon_production` beside a server
    /// that only sets `POSTGRES_HOST_AUTH_METHOD`): a `*DB_NAME`,
    /// `*DATABASE_NAME` or `*DB_DATABASE` variable of a service that reaches
    /// it, or the path of a URL to it. nil when they name none or several.
    static func clientsDatabase(of db: Database, in model: StackModel) -> String? {
        let clients = Set(model.dependencies.filter { $0.to == db.service }.map(\.from))
        var names: Set<String> = []
        for entry in model.environment where clients.contains(entry.service) {
            guard case .literal(let value) = entry.value, !value.isEmpty else { continue }
            let key = entry.name.uppercased()
            if ["DB_NAME", "DATABASE_NAME", "DB_DATABASE", "POSTGRES_DB"].contains(where: key.hasSuffix),
                !value.contains("/"), !value.contains(" ")
            {
                names.insert(value)
            } else if let name = urlDatabase(value, host: db.service) {
                names.insert(name)
            }
        }
        return names.count == 1 ? names.first : nil
    }

    /// `app` of `postgres://u:p@db:5432/app?sslmode=off` when its host is `host`.
    static func urlDatabase(_ value: String, host: String) -> String? {
        guard let scheme = value.range(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let authority = rest[..<slash]
        let hostPart = authority.split(separator: "@").last.map(String.init) ?? ""
        guard hostPart.split(separator: ":").first.map(String.init)?.lowercased() == host.lowercased()
        else { return nil }
        let path = rest[rest.index(after: slash)...].prefix { $0 != "?" && $0 != "#" && $0 != "/" }
        return path.isEmpty ? nil : String(path)
    }

    /// The number of sessions the server holds, the figure `max_connections` limits.
    ///
    /// - Returns: nil for an engine infraplan knows no query for.
    public static func connectionCount(of db: Database, in model: StackModel) -> String? {
        queries(for: db, in: model).first?.command
    }

    /// Connection count, count on the application's database, who holds them, and the limit.
    ///
    /// - Returns: an empty list for an engine infraplan knows no query for.
    public static func queries(for db: Database, in model: StackModel) -> [Query] {
        switch db.engine {
        case "postgres": return postgresQueries(db, in: model)
        case "mysql", "mariadb": return mysqlQueries(db)
        default: return []
        }
    }

    private static func postgresQueries(_ db: Database, in model: StackModel) -> [Query] {
        let (user, name) = login(of: db, in: model)
        let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        func psql(_ flags: String, _ sql: String) -> String {
            "docker compose exec -T \(Commands.word(db.service)) psql -U \(Commands.word(user)) "
                + "-d \(Commands.word(name)) \(flags) \(Commands.doubleQuoted(sql))"
        }
        return [
            Query(
                purpose: "sessions on the whole server (what max_connections limits)",
                command: psql("-Atc", "SELECT count(*) FROM pg_stat_activity")),
            Query(
                purpose: "sessions on the database \(name)",
                command: psql(
                    "-Atc", "SELECT count(*) FROM pg_stat_activity WHERE datname = \(literal)")),
            Query(
                purpose: "who holds them",
                command: psql(
                    "-c",
                    "SELECT usename, application_name, client_addr, state, count(*) "
                        + "FROM pg_stat_activity WHERE datname = \(literal) "
                        + "GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC"
                )),
            Query(purpose: "the limit", command: psql("-Atc", "SHOW max_connections")),
        ]
    }

    private static func mysqlQueries(_ db: Database) -> [Query] {
        func mysql(_ sql: String) -> String {
            let login = Commands.sqlClient(db.engine)
            let script = "exec \(login) -Ne \(Commands.doubleQuoted(sql))"
            return "docker compose exec -T \(Commands.word(db.service)) sh -c \(Commands.word(script))"
        }
        return [
            Query(
                purpose: "sessions on the whole server (what max_connections limits)",
                command: mysql("SELECT COUNT(*) FROM information_schema.PROCESSLIST")),
            Query(
                purpose: "who holds them",
                command: mysql(
                    "SELECT USER, HOST, DB, COUNT(*) FROM information_schema.PROCESSLIST "
                        + "GROUP BY 1, 2, 3 ORDER BY 4 DESC")),
            Query(purpose: "the limit", command: mysql("SELECT @@max_connections")),
        ]
    }
}
