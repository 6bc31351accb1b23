import InfraModel

/// What a step does; the order of the cases is the order steps take when
/// nothing else decides (checks first, removals and manual work last).
public enum StepKind: String, Codable, CaseIterable, Sendable {
    case check, backup, configure, pull, stop, start, restart, restore, verify, remove, manual

    /// The tie-break rank used by the ordering.
    public var rank: Int {
        switch self {
        case .check: return 0
        case .backup: return 1
        case .configure: return 2
        case .pull: return 3
        case .stop: return 4
        case .start, .restart: return 5
        case .restore: return 6
        case .verify: return 7
        case .remove: return 8
        case .manual: return 9
        }
    }

    /// True for steps that stop, start or recreate containers or move their data.
    public var movesContainers: Bool {
        switch self {
        case .stop, .start, .restart, .restore: return true
        default: return false
        }
    }
}

/// The verdict of a check step.
public enum CheckOutcome: String, Codable, Sendable {
    /// The check passes.
    case pass
    /// It passes, but something deserves attention (80 % of a budget…).
    case warn
    /// The plan must not be applied.
    case block
    /// It cannot be decided from the model; the step says what to run.
    case manual
}

/// One step of a plan: what it touches, why, how, and how to undo it.
public struct Step: Codable, Equatable, Sendable {
    /// Stable within a plan: `restart:authentik_server`.
    public var id: String
    public var kind: StepKind
    /// The service, database, secret or volume the step touches.
    public var entity: String
    /// One line: `restart authentik_server`.
    public var title: String
    /// Which change caused it.
    public var reason: String
    /// Lines shown under the step: `- environment AUTHENTIK_REDIS__HOST`.
    public var details: [String]
    /// What an operator runs, in order.
    public var commands: [String]
    /// The model changes this step makes; the plan's changes are all steps' changes.
    public var changes: [ModelChange]
    /// For checks: the verdict.
    public var outcome: CheckOutcome?
    /// True when the step's effect cannot be undone by its inverse alone.
    public var isIrreversible: Bool
    /// For rollback steps: why running it loses something; nil when nothing is lost.
    public var lossiness: String?
    /// How to undo the step; nil when there is nothing to undo.
    public var inverse: StepInverse?

    public init(
        id: String, kind: StepKind, entity: String, title: String, reason: String,
        details: [String] = [], commands: [String] = [], changes: [ModelChange] = [],
        outcome: CheckOutcome? = nil, isIrreversible: Bool = false, inverse: StepInverse? = nil,
        lossiness: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.entity = entity
        self.title = title
        self.reason = reason
        self.details = details
        self.commands = commands
        self.changes = changes
        self.outcome = outcome
        self.isIrreversible = isIrreversible
        self.inverse = inverse
        self.lossiness = lossiness
    }
}

/// The undoing of a step, as it appears in the rollback.
extension Step {
    /// The step with `forward` arguments in its `docker compose` commands and
    /// `inverse` in its inverse's (see `Commands.composing`).
    func composing(forward: [String], inverse: [String]) -> Step {
        var step = self
        step.commands = commands.map { Commands.composing($0, with: forward) }
        step.inverse?.commands = self.inverse?.commands.map { Commands.composing($0, with: inverse) } ?? []
        return step
    }
}

public struct StepInverse: Codable, Equatable, Sendable {
    public var kind: StepKind
    public var title: String
    public var details: [String]
    public var commands: [String]
    /// False when the inverse restores a backup instead of reversing the step exactly.
    public var isExact: Bool
    /// The backup step whose dump this inverse restores, if any.
    public var restoresBackup: String?
    /// Why undoing the step loses something (state the newer version wrote
    /// that the older cannot read); nil when it loses nothing. A rollback with
    /// a lossy step needs the operator's acknowledgement.
    public var lossiness: String?

    public init(
        kind: StepKind, title: String, details: [String] = [], commands: [String] = [],
        isExact: Bool = true, restoresBackup: String? = nil, lossiness: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.details = details
        self.commands = commands
        self.isExact = isExact
        self.restoresBackup = restoresBackup
        self.lossiness = lossiness
    }
}
