import InfraModel

/// What a plan is made from: two versions of the model and, when the target
/// comes from a migration file, that migration.
public struct PlanRequest: Sendable {
    public var fromLabel: String
    public var from: StackModel
    public var toLabel: String
    public var to: StackModel
    public var migration: Migration?
    /// True to delete the data of named volumes the target no longer declares
    /// and nothing mounts (archived first; the rollback restores the archive).
    /// False, the default, keeps their data and says so.
    public var removesUnusedVolumes: Bool
    /// Where the current version's relative paths resolve; see `ProjectFolder`.
    public var fromFolder: ProjectFolder?
    /// Where the target's relative paths resolve, for the secret files it needs.
    ///
    /// nil when the models were not read from files (built in memory): then no
    /// file is checked. When the folder is not found from here, the check is a
    /// manual step.
    public var toFolder: ProjectFolder?
    /// What `docker compose` needs to see the current version's project
    /// (`VersionRecord.composeArguments`); the backup of its configuration
    /// and the rollback use it.
    public var fromComposeArguments: [String] = []
    /// The same for the target; the forward steps use it.
    public var toComposeArguments: [String] = []

    public init(
        fromLabel: String, from: StackModel, toLabel: String, to: StackModel,
        migration: Migration? = nil, removesUnusedVolumes: Bool = false,
        fromFolder: ProjectFolder? = nil, toFolder: ProjectFolder? = nil
    ) {
        self.fromLabel = fromLabel
        self.from = from
        self.toLabel = toLabel
        self.to = to
        self.migration = migration
        self.removesUnusedVolumes = removesUnusedVolumes
        self.fromFolder = fromFolder
        self.toFolder = toFolder
    }
}
