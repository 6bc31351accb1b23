/// A stored version of the model: its label, lineage and where it came from.
public struct VersionRecord: Codable, Equatable, Sendable {
    public enum OriginKind: String, Codable, Sendable {
        /// Read from a compose file by `infraplan import`.
        case `import`
        /// Made by applying a migration file to its base.
        case migration
    }

    public var label: String
    /// The version this one was made from (a migration's base), if any.
    public var parent: String?
    public var project: String
    /// ISO 8601 UTC.
    public var createdAt: String
    public var originKind: OriginKind
    /// The file it came from, as the user named it.
    public var originPath: String
    public var originSHA256: String
    /// Every file read to make it (compose files, includes, env files), with digests.
    public var inputs: [InputDigest]
    /// What `docker compose`, run in the project folder, needs to read the
    /// project as the import did (`-f compose.yml -f erpnext.yml`, `-p`,
    /// `--profile`, `--env-file`); empty when its defaults do. Set on imports.
    public var composeArguments: [String]
    public var isCurrent: Bool

    public init(
        label: String, parent: String? = nil, project: String, createdAt: String,
        originKind: OriginKind, originPath: String, originSHA256: String,
        inputs: [InputDigest] = [], composeArguments: [String] = [], isCurrent: Bool = false
    ) {
        self.composeArguments = composeArguments
        self.label = label
        self.parent = parent
        self.project = project
        self.createdAt = createdAt
        self.originKind = originKind
        self.originPath = originPath
        self.originSHA256 = originSHA256
        self.inputs = inputs
        self.isCurrent = isCurrent
    }
}

/// A file and its SHA-256 digest.
public struct InputDigest: Codable, Equatable, Sendable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
