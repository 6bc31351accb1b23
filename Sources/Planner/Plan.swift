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

    /// True when the plan must not be applied: a check blocks it.
    ///
    /// `plan` exits 3 for a blocked plan (whatever `--detailed-exitcode` says)
    /// and `apply` refuses it. A blocked plan is still complete: its steps,
    /// rollback and blockers say what to fix.
    public var isBlocked: Bool { !blockers.isEmpty }

    /// True when the target equals the current version: no step, no change to record.
    ///
    /// `plan` exits 0 for an empty plan; for a plan that is neither empty nor
    /// blocked it exits 0, or 2 with `--detailed-exitcode`. A plan whose only
    /// changes are record-only (notes, requirements, where facts were read) is
    /// not empty: applying it moves the state to the target version.
    public var isEmpty: Bool { steps.isEmpty && recordOnly.isEmpty }

    /// Why the rollback loses something, one line per lossy step; empty when
    /// it loses nothing. `rollback` should ask for an acknowledgement (`--ack`).
    public var rollbackLosses: [String] {
        rollback.compactMap { step in step.lossiness.map { "\(step.title): \($0)" } }
    }

    /// Every model change the plan makes, in step order, then the record-only ones.
    public var modelChanges: [ModelChange] { steps.flatMap(\.changes) + recordOnly }

    /// Every model change the rollback makes.
    public var rollbackChanges: [ModelChange] {
        rollback.flatMap(\.changes) + recordOnly.reversed().map(\.inverse)
    }

    /// The steps of one kind.
    public func steps(_ kind: StepKind) -> [Step] { steps.filter { $0.kind == kind } }

    /// A digest of the plan's canonical JSON: what `apply` checks a plan against.
    public func checksum() throws -> String {
        Checksum.sha256(try JSONCoding.encode(self))
    }
}
