/// The state file's own schema, as numbered steps.
///
/// `PRAGMA user_version` holds the number of steps applied. A newer infraplan
/// runs the missing steps in one transaction when it opens an older file; an
/// older infraplan refuses a file whose schema is newer than it knows.
/// Steps are append-only: a released step is never edited.
enum StateSchema {
    static let steps: [String] = [
        // 1: versions, their facts, the current pointer, saved plans and history.
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE versions (
            id            INTEGER PRIMARY KEY,
            label         TEXT NOT NULL UNIQUE,
            parent        TEXT,
            project       TEXT NOT NULL,
            created_at    TEXT NOT NULL,
            origin_kind   TEXT NOT NULL CHECK (origin_kind IN ('import', 'migration')),
            origin_path   TEXT NOT NULL,
            origin_sha256 TEXT NOT NULL,
            inputs_json   TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE entities (
            version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL,
            key        TEXT NOT NULL,
            service    TEXT,
            source     TEXT,
            body       TEXT NOT NULL,
            PRIMARY KEY (version_id, kind, key)
        ) WITHOUT ROWID;
        CREATE INDEX entities_by_service ON entities(version_id, service);
        CREATE TABLE current_version (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            version_id INTEGER NOT NULL REFERENCES versions(id)
        );
        CREATE TABLE plans (
            id           INTEGER PRIMARY KEY,
            created_at   TEXT NOT NULL,
            from_label   TEXT NOT NULL,
            to_label     TEXT NOT NULL,
            state_serial INTEGER NOT NULL,
            checksum     TEXT NOT NULL,
            is_blocked   INTEGER NOT NULL,
            body         TEXT NOT NULL
        );
        CREATE TABLE history (
            id             INTEGER PRIMARY KEY,
            at             TEXT NOT NULL,
            action         TEXT NOT NULL CHECK (action IN ('apply', 'rollback')),
            from_label     TEXT NOT NULL,
            to_label       TEXT NOT NULL,
            plan_checksum  TEXT NOT NULL,
            outcome        TEXT NOT NULL,
            rollback_body  TEXT
        );
        CREATE VIEW services AS
            SELECT v.label AS version, e.key AS name,
                   json_extract(e.body, '$.image.repository') AS repository,
                   json_extract(e.body, '$.image.tag') AS tag,
                   json_extract(e.body, '$.isActive') AS active, e.source
            FROM entities e JOIN versions v ON v.id = e.version_id WHERE e.kind = 'service';
        CREATE VIEW dependencies AS
            SELECT v.label AS version, json_extract(e.body, '$.from') AS from_service,
                   json_extract(e.body, '$.to') AS to_service,
                   json_extract(e.body, '$.kind') AS kind,
                   json_extract(e.body, '$.detail') AS detail, e.source
            FROM entities e JOIN versions v ON v.id = e.version_id WHERE e.kind = 'dependency';
        CREATE VIEW environment AS
            SELECT v.label AS version, e.service, json_extract(e.body, '$.name') AS name,
                   e.body AS value_json, e.source
            FROM entities e JOIN versions v ON v.id = e.version_id WHERE e.kind = 'environment';
        """,
        // 2: the writers' lock, runbook runs and their steps, compose file edits, and
        //    which write of the state made each version and history entry.
        """
        CREATE TABLE locks (
            slot          INTEGER PRIMARY KEY CHECK (slot = 1),
            id            TEXT NOT NULL,
            pid           INTEGER NOT NULL,
            process_start TEXT,
            host          TEXT NOT NULL,
            command       TEXT NOT NULL,
            acquired_at   TEXT NOT NULL,
            run_id        TEXT
        );
        CREATE TABLE runs (
            id                    TEXT PRIMARY KEY,
            action                TEXT NOT NULL CHECK (action IN ('apply', 'rollback')),
            from_label            TEXT NOT NULL,
            to_label              TEXT NOT NULL,
            plan_checksum         TEXT NOT NULL,
            plan_body             TEXT NOT NULL,
            started_at            TEXT NOT NULL,
            finished_at           TEXT,
            status                TEXT NOT NULL,
            detail                TEXT NOT NULL DEFAULT '',
            log_path              TEXT NOT NULL,
            timeout_seconds       INTEGER NOT NULL,
            compose_path          TEXT,
            compose_backup        TEXT,
            compose_before_sha256 TEXT,
            compose_after_sha256  TEXT
        );
        CREATE TABLE run_steps (
            run_id      TEXT NOT NULL REFERENCES runs(id),
            seq         INTEGER NOT NULL,
            phase       TEXT NOT NULL CHECK (phase IN ('forward', 'undo')),
            step_index  INTEGER NOT NULL,
            step_id     TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            outcome     TEXT,
            exit_status INTEGER,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE compose_edits (
            history_id    INTEGER PRIMARY KEY REFERENCES history(id),
            path          TEXT NOT NULL,
            backup_path   TEXT NOT NULL,
            before_sha256 TEXT NOT NULL,
            after_sha256  TEXT NOT NULL,
            restored      INTEGER NOT NULL DEFAULT 0
        );
        ALTER TABLE history ADD COLUMN serial INTEGER;
        ALTER TABLE history ADD COLUMN moved INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE history ADD COLUMN run_id TEXT;
        ALTER TABLE versions ADD COLUMN created_serial INTEGER;
        """,
        // 3: the arguments `docker compose` needs to see an imported version's project.
        """
        ALTER TABLE versions ADD COLUMN compose_arguments TEXT NOT NULL DEFAULT '[]';
        """,
    ]

    /// The schema version this build of infraplan writes.
    static var currentVersion: Int { steps.count }
}
