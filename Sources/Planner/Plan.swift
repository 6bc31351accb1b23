import InfraModel

/// An ordered, reversible upgrade plan from one version of a stack to another.
///
/// The rollback is never written by hand: it is the inverse of every step
/// that has one, in reverse order, with the inverse model changes.
public struct Plan: Codable, Equatable, Sendable {
    /// The shape of this JSON document; bumped on incompatible changes.
    public static let formatVersion = 1

    public var formatVersion: Int
    public var project: String
    public var from: String
    public var to: String
    /// The migration the target comes from, when it does.
    public var migration: Migration?
    public var steps: [Step]
    public var rollback: [Step]
    /// Changes that need no step (notes, requirements, where a fact was read).
    public var recordOnly: [ModelChange]
    /// Why the plan must not be applied; empty when it may.
    public var blockers: [String]
    public var warnings: [String]

    public init(
        project: String, from: String, to: String, migration: Migration?, steps: [Step],
        rollback: [Step], recordOnly: [ModelChange], blockers: [String], warnings: [String]
    ) {
        self.formatVersion = Plan.formatVersion
        self.project = project
        self.from = from
        self.to = to
        self.migration = migration
        self.steps = steps
        self.rollback = rollback
        self.recordOnly = recordOnly
        self.blockers = blockers
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case project, from, to, migration, steps, rollback, blockers, warnings
        case recordOnly = "record_only"
    }

    public var isBlocked: Bool { !blockers.isEmpty }

    /// True when nothing changes at all.
    public var isEmpty: Bool { modelChanges.isEmpty }

    /// Every model change the plan makes, in step order, then the record-only ones.
    public var modelChanges: [ModelChange] { steps.flatMap(\.changes) + recordOnly }

    /// Every model change the rollback makes.
    public var rollbackChanges: [ModelChange] { rollback.flatMap(\.changes) + recordOnly.reversed().map(\.inverse) }

    /// The steps of one kind.
    public func steps(_ kind: StepKind) -> [Step] { steps.filter { $0.kind == kind } }

    /// A digest of the plan's canonical JSON: what `apply` checks a plan against.
    public func checksum() throws -> String {
        Checksum.sha256(try JSONCoding.encode(self))
    }
}
