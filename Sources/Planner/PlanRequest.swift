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

    public init(
        fromLabel: String, from: StackModel, toLabel: String, to: StackModel,
        migration: Migration? = nil, removesUnusedVolumes: Bool = false
    ) {
        self.fromLabel = fromLabel
        self.from = from
        self.toLabel = toLabel
        self.to = to
        self.migration = migration
        self.removesUnusedVolumes = removesUnusedVolumes
    }
}
