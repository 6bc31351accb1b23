import InfraModel

/// What a plan is made from: two versions of the model and, when the target
/// comes from a migration file, that migration.
public struct PlanRequest: Sendable {
    public var fromLabel: String
    public var from: StackModel
    public var toLabel: String
    public var to: StackModel
    public var migration: Migration?

    public init(fromLabel: String, from: StackModel, toLabel: String, to: StackModel, migration: Migration? = nil) {
        self.fromLabel = fromLabel
        self.from = from
        self.toLabel = toLabel
        self.to = to
        self.migration = migration
    }
}
