/// Reading and writing versions of the model.
extension ModelStore {
    /// Every version, oldest first.
    public func versions() throws -> [VersionRecord] {
        let current = try currentVersionID()
        return try db.query("SELECT * FROM versions ORDER BY id").map { row in
            try record(from: row, currentID: current)
        }
    }

    /// The version with this label, if any.
    public func version(_ label: String) throws -> VersionRecord? {
        let current = try currentVersionID()
        return try db.query("SELECT * FROM versions WHERE label = ?", [.text(label)]).first.map {
            try record(from: $0, currentID: current)
        }
    }

    /// The version with this label.
    ///
    /// - Throws: `StoreError.unknownVersion` naming the known labels.
    public func requireVersion(_ label: String) throws -> VersionRecord {
        guard let record = try version(label) else {
            throw StoreError.unknownVersion(label, known: try versions().map(\.label))
        }
        return record
    }

    /// The version last applied (or first imported), if any.
    public func currentVersion() throws -> VersionRecord? {
        try versions().first(where: \.isCurrent)
    }

    /// The current version; throws when the state is empty.
    public func requireCurrentVersion() throws -> VersionRecord {
        guard let current = try currentVersion() else { throw StoreError.noCurrentVersion }
        return current
    }

    /// The model of the version with this label.
    public func model(_ label: String) throws -> StackModel {
        guard
            let row = try db.query(
                "SELECT id, project FROM versions WHERE label = ?", [.text(label)]
            ).first,
            let id = row.int("id")
        else {
            throw StoreError.unknownVersion(label, known: try versions().map(\.label))
        }
        var model = StackModel(project: row.text("project"))
        let rows = try db.query(
            "SELECT kind, key, body FROM entities WHERE version_id = ? ORDER BY kind, key",
            [.int(id)])
        for entityRow in rows {
            let body =
                "{\"kind\":\(try JSONCoding.encode(entityRow.text("kind"))),\"value\":\(entityRow.text("body"))}"
            do {
                model.insert(try JSONCoding.decode(AnyEntity.self, from: body))
            } catch {
                throw StoreError.corrupt(
                    "version '\(label)' \(entityRow.text("kind")) '\(entityRow.text("key"))': \(error)"
                )
            }
        }
        return model
    }

    /// Stores a new version and its facts; call inside `write(movesModel: true)`.
    ///
    /// - Parameter makeCurrent: also make it the current version.
    /// - Throws: `StoreError.versionExists` when the label is taken.
    public func insertVersion(_ record: VersionRecord, model: StackModel, makeCurrent: Bool) throws
    {
        if try version(record.label) != nil { throw StoreError.versionExists(record.label) }
        try db.run(
            """
            INSERT INTO versions(label, parent, project, created_at, origin_kind, origin_path,
                                 origin_sha256, inputs_json, created_serial, compose_arguments)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(record.label), .text(record.parent), .text(model.project),
                .text(record.createdAt),
                .text(record.originKind.rawValue), .text(record.originPath),
                .text(record.originSHA256),
                .text(try JSONCoding.encode(record.inputs)), .int(try serial()),
                .text(try JSONCoding.encode(record.composeArguments)),
            ])
        let id = db.lastInsertRowID
        for entity in model.allEntities {
            try db.run(
                "INSERT INTO entities(version_id, kind, key, service, source, body) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .integer(id), .text(entity.kind.rawValue), .text(entity.keyText),
                    .text(entity.owningService), .text(entity.source), .text(try entity.bodyJSON()),
                ])
        }
        if makeCurrent { try setCurrent(record.label) }
    }

    /// Makes the version with this label current; call inside `write(movesModel: true)`.
    public func setCurrent(_ label: String) throws {
        guard
            let id = try db.query("SELECT id FROM versions WHERE label = ?", [.text(label)]).first?
                .int("id")
        else {
            throw StoreError.unknownVersion(label, known: try versions().map(\.label))
        }
        try db.run(
            "INSERT INTO current_version(id, version_id) VALUES (1, ?) "
                + "ON CONFLICT(id) DO UPDATE SET version_id = excluded.version_id",
            [.int(id)])
    }

    private func currentVersionID() throws -> Int? {
        try db.query("SELECT version_id FROM current_version WHERE id = 1").first?.int("version_id")
    }

    private func record(from row: SQLiteRow, currentID: Int?) throws -> VersionRecord {
        let inputs =
            (try? JSONCoding.decode([InputDigest].self, from: row.text("inputs_json"))) ?? []
        let arguments =
            (try? JSONCoding.decode([String].self, from: row.text("compose_arguments"))) ?? []
        return VersionRecord(
            label: row.text("label"), parent: row.string("parent"), project: row.text("project"),
            createdAt: row.text("created_at"),
            originKind: VersionRecord.OriginKind(rawValue: row.text("origin_kind")) ?? .import,
            originPath: row.text("origin_path"), originSHA256: row.text("origin_sha256"),
            inputs: inputs, composeArguments: arguments, isCurrent: row.int("id") == currentID)
    }
}

extension AnyEntity {
    /// The entity's value alone as canonical JSON (the kind is stored beside it).
    func bodyJSON() throws -> String {
        try JSONCoding.encode(base)
    }
}
