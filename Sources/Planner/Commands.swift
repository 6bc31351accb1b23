import InfraModel

/// The shell commands steps carry, for an operator in the compose project's folder.
///
/// Commands name services, never secret values: credentials come from the
/// containers' own environment or secret files.
enum Commands {
    static func compose(_ arguments: String) -> String { "docker compose \(arguments)" }

    static func waitHealthy(_ service: String) -> String { compose("up -d --wait \(service)") }

    static func pull(_ service: String) -> String { compose("pull \(service)") }

    static func pullImage(_ image: ImageReference) -> String { "docker pull \(image)" }

    static func recreate(_ service: String) -> String { compose("up -d --no-deps --force-recreate \(service)") }

    static func start(_ service: String) -> String { compose("up -d --no-deps \(service)") }

    static func stop(_ service: String) -> String { compose("stop \(service)") }

    static func removeContainer(_ service: String) -> String { compose("rm -f -s \(service)") }

    static func status(_ service: String) -> String {
        compose("ps --format '{{.Service}} {{.State}} {{.Health}}' \(service)")
    }

    /// The file a backup of `database` taken before moving to `target` goes to.
    static func backupFile(_ database: String, from: String, to target: String) -> String {
        "backups/\(database)-\(from)-before-\(target).dump"
    }

    /// A consistent dump of a database, by engine; nil when infraplan cannot take one.
    static func dump(_ db: Database, user: String, name: String, to file: String) -> [String]? {
        switch db.engine {
        case "postgres":
            return ["mkdir -p backups",
                    compose("exec -T \(db.service) pg_dump -U \(user) -d \(name) --format=custom > \(file)"),
                    "test -s \(file)"]
        case "mysql", "mariadb":
            return ["mkdir -p backups",
                    compose("exec -T \(db.service) sh -c 'exec mysqldump --single-transaction --all-databases -uroot -p\"$MYSQL_ROOT_PASSWORD\"' > \(file)"),
                    "test -s \(file)"]
        default:
            return nil
        }
    }

    /// The restore of a dump taken by `dump`.
    static func restore(_ db: Database, user: String, name: String, from file: String) -> [String] {
        switch db.engine {
        case "postgres":
            return [compose("exec -T \(db.service) pg_restore -U \(user) -d \(name) --clean --if-exists --single-transaction < \(file)")]
        default:
            return [compose("exec -T \(db.service) sh -c 'exec mysql -uroot -p\"$MYSQL_ROOT_PASSWORD\"' < \(file)")]
        }
    }
}
