import Foundation

/// Reads and strictly validates a migration file (format 1).
///
/// Every problem is reported, sorted by location, as `file:line:column`:
/// unknown keys, missing keys, wrong types, unknown operations, duplicate ids.
/// Whether the services it names exist is checked later, against the base
/// version, by `Migration.apply(to:)`.
public enum MigrationReader {
    /// The format this reader understands (`format: 1`).
    public static let formatVersion = 1

    /// Reads the migration file at `path`.
    public static func read(path: String) throws -> Migration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.error("migration-unreadable", "cannot read migration file '\(path)'"))
        }
        return try read(bytes: Array(data), path: path)
    }

    /// Reads a migration from its bytes; `path` names it in locations.
    public static func read(bytes: [UInt8], path: String) throws -> Migration {
        let root: YAMLNode?
        do {
            root = try YAMLParser(bytes: bytes, file: path).parse()
        } catch let error as YAMLError {
            throw InputError(error.diagnostic)
        }
        guard let root else {
            throw InputError(
                .error(
                    "migration-empty", "migration file is empty",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        var context = ReadContext(path: path, sha256: Checksum.sha256(bytes))
        let migration = context.readMigration(root)
        let errors = context.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let migration else {
            throw InputError(
                errors.isEmpty
                    ? [.error("migration-invalid", "invalid migration", at: root.start)] : errors)
        }
        return migration
    }
}

/// The state of one read: the file's identity and the diagnostics so far.
struct ReadContext {
    let path: String
    let sha256: String
    var diagnostics: [Diagnostic] = []

    init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    mutating func readMigration(_ root: YAMLNode) -> Migration? {
        var fields = FieldReader(root, context: "the migration")
        let format = fields.int("format")
        if let format, format != MigrationReader.formatVersion {
            fields.fail(
                "unsupported migration format \(format); this infraplan reads format 1",
                at: root["format"])
        }
        let version = fields.string("version")
        let base = fields.string("base")
        // Labels reach backup file names and printed commands (see `VersionLabel`).
        for (key, label) in [("version", version), ("base", base)] {
            if let label, let problem = VersionLabel.problem(label) {
                fields.fail("'\(key)': \(problem)", at: root[key])
            }
        }
        let title = fields.string("title", required: false)
        var components: [Component] = []
        for item in items(fields.value("components"), "components") {
            if let value = readComponent(item) { components.append(value) }
        }
        var operations: [MigrationOperation] = []
        for item in items(fields.value("changes"), "changes") {
            if let value = readOperation(item) { operations.append(value) }
        }
        var requirements: [Requirement] = []
        var ids: [String: [(String, SourceLocation)]] = [:]
        for item in items(fields.value("requirements"), "requirements") {
            guard let value = readRequirement(item) else { continue }
            requirements.append(value)
            ids["requirement", default: []].append((value.id, Self.idLocation(item)))
        }
        var irreversible: [IrreversibleEffect] = []
        for item in items(fields.value("irreversible"), "irreversible") {
            if let value = readIrreversible(item) { irreversible.append(value) }
        }
        var notes: [Note] = []
        for item in items(fields.value("notes"), "notes") {
            guard let value = readNote(item) else { continue }
            notes.append(value)
            ids["note", default: []].append((value.id, Self.idLocation(item)))
        }
        var verifications: [Verification] = []
        for item in items(fields.value("verify"), "verify") {
            guard let value = readVerification(item) else { continue }
            verifications.append(value)
            ids["verification", default: []].append((value.id, Self.idLocation(item)))
        }
        diagnostics += fields.finish()
        for what in ["requirement", "note", "verification"] {
            checkUnique(ids[what] ?? [], what)
        }
        guard let version, let base else { return nil }
        return Migration(
            path: path, sha256: sha256, version: version, base: base,
            title: title ?? "upgrade to \(version)", components: components,
            operations: operations, requirements: requirements, irreversible: irreversible,
            notes: notes, verifications: verifications)
    }

    /// The items of an optional list; anything but a list is an error.
    mutating func items(_ node: YAMLNode?, _ name: String) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else {
            diagnostics.append(.error("migration-type", "'\(name)' must be a list", at: node.start))
            return []
        }
        return items
    }

    /// Refuses each id used a second time, at the `id` that repeats it.
    mutating func checkUnique(_ ids: [(id: String, location: SourceLocation)], _ what: String) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in ids {
            guard let earlier = first[id] else {
                first[id] = location
                continue
            }
            diagnostics.append(
                .error(
                    "migration-duplicate",
                    "duplicate \(what) id '\(id)' (first used at line \(earlier.line))",
                    at: location))
        }
    }

    /// Where an item's `id` is written, or the item when it has none.
    static func idLocation(_ item: YAMLNode) -> SourceLocation {
        item["id"]?.start ?? item.start
    }

    mutating func readComponent(_ node: YAMLNode) -> Component? {
        var fields = FieldReader(node, context: "a component")
        let name = fields.string("name")
        let from = fields.string("from")
        let to = fields.string("to")
        let services = fields.strings("services", required: false) ?? []
        var notable: [NotableChange] = []
        if let map = fields.value("notable") {
            for pair in map.mapping ?? [] {
                var change = FieldReader(pair.value, context: "notable '\(pair.key.scalar ?? "")'")
                if let before = change.string("from"), let after = change.string("to") {
                    notable.append(
                        NotableChange(name: pair.key.scalar ?? "", from: before, to: after))
                }
                diagnostics += change.finish()
            }
            if map.mapping == nil {
                diagnostics.append(
                    .error(
                        "migration-type", "'notable' must be a mapping of name to {from, to}",
                        at: map.start))
            }
        }
        diagnostics += fields.finish()
        guard let name, let from, let to else { return nil }
        return Component(name: name, from: from, to: to, services: services, notable: notable)
    }

    mutating func readRequirement(_ node: YAMLNode) -> Requirement? {
        var fields = FieldReader(node, context: "a requirement")
        let id = fields.string("id")
        let reason = fields.string("reason")
        let forms = ReadContext.requirementForms.filter { node[$0] != nil }
        var rule: RequirementRule?
        if forms == ["same_version"] {
            rule = fields.strings("same_version").map { .sameVersion(services: $0) }
        } else if forms.count == 1, let form = forms.first, let body = fields.value(form) {
            rule = readRule(form, body)
        } else {
            let names = ReadContext.requirementForms.map { "'\($0)'" }.joined(separator: ", ")
            fields.fail("a requirement needs exactly one of \(names)", at: node)
            for form in ReadContext.requirementForms { _ = fields.value(form) }
        }
        diagnostics += fields.finish()
        guard let id, let reason, let rule else { return nil }
        return Requirement(id: id, rule: rule, reason: reason, source: node.start.fileAndLine)
    }

    /// The keys that state a requirement's rule, one per requirement.
    static let requirementForms = [
        "tls", "min_engine_version", "same_version", "match_version", "upgrade_path",
        "obsolete_environment",
    ]

    private mutating func readRule(_ form: String, _ body: YAMLNode) -> RequirementRule? {
        var fields = FieldReader(body, context: "requirement '\(form)'")
        defer { diagnostics += fields.finish() }
        switch form {
        case "tls":
            guard let database = fields.string("database"),
                let minimum = fields.string("min_version")
            else { return nil }
            let ems = fields.bool("or_extended_master_secret") ?? false
            return .tls(database: database, minimumVersion: minimum, orExtendedMasterSecret: ems)
        case "min_engine_version":
            guard let database = fields.string("database"), let engine = fields.string("engine"),
                let version = fields.string("version")
            else { return nil }
            return .minimumEngineVersion(database: database, engine: engine, version: version)
        case "match_version":
            guard let services = fields.strings("services"), let leaders = fields.strings("of")
            else { return nil }
            return .matchesVersion(services: services, leaders: leaders)
        case "upgrade_path":
            guard let services = fields.strings("services"), let through = fields.strings("through")
            else { return nil }
            return .upgradePath(services: services, through: through)
        default:
            guard let services = fields.strings("services"), let keys = fields.strings("keys")
            else { return nil }
            return .obsoleteEnvironment(services: services, patterns: keys)
        }
    }

    mutating func readIrreversible(_ node: YAMLNode) -> IrreversibleEffect? {
        var fields = FieldReader(node, context: "an irreversible effect")
        let id = fields.string("id")
        let kind = fields.string("kind")
        if let kind, !IrreversibleEffect.kinds.contains(kind) {
            let kinds = IrreversibleEffect.kinds.joined(separator: ", ")
            fields.fail(
                "irreversible 'kind' must be one of \(kinds), not '\(kind)'", at: node["kind"])
        }
        let database = fields.string("database")
        let services = fields.strings("services")
        let description = fields.string("description")
        let undo = fields.string("undo", required: false)
        if undo != nil, let kind, kind != "session_format" {
            // A schema or data migration is undone by restoring the backup;
            // a command here would promise a second, untested way back.
            fields.fail(
                "'undo' is only for session_format; \(kind) is undone by the backup",
                at: node["undo"])
        }
        diagnostics += fields.finish()
        guard let id, let kind, let database, let services, let description else { return nil }
        return IrreversibleEffect(
            id: id, kind: kind, database: database, services: services, description: description,
            undo: undo)
    }

    mutating func readNote(_ node: YAMLNode) -> Note? {
        var fields = FieldReader(node, context: "a note")
        let id = fields.string("id")
        let categoryText = fields.string("category")
        let category = categoryText.flatMap(NoteCategory.init(rawValue:))
        if let categoryText, category == nil {
            fields.fail(
                "note 'category' must be breaking, follow_up or warning, not '\(categoryText)'",
                at: node["category"])
        }
        let impact = fields.string("impact", required: false) ?? "medium"
        if !["high", "medium", "low"].contains(impact) {
            fields.fail(
                "note 'impact' must be high, medium or low, not '\(impact)'", at: node["impact"])
        }
        let text = fields.string("text")
        let action = fields.string("action", required: false)
        let services = fields.strings("services", required: false) ?? []
        diagnostics += fields.finish()
        guard let id, let category, let text else { return nil }
        return Note(
            id: id, category: category, impact: impact, text: text, action: action,
            services: services,
            source: node.start.fileAndLine)
    }

    mutating func readVerification(_ node: YAMLNode) -> Verification? {
        var fields = FieldReader(node, context: "a verification")
        let id = fields.string("id")
        let service = fields.string("service", required: false)
        let description = fields.string("description")
        let command = fields.string("command")
        diagnostics += fields.finish()
        guard let id, let description, let command else { return nil }
        return Verification(id: id, service: service, description: description, command: command)
    }
}
