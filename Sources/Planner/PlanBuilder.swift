import InfraModel

/// Builds one plan: classifies the model changes, makes steps and the edges
/// between them, orders them, and derives the rollback.
///
/// The builder's extensions each add one family of steps:
/// `+Services` (configure, pull, restart, stop, start, remove),
/// `+Checks` (budgets, prerequisites, impact, dangling references),
/// `+Safety` (backups, verification, manual follow-ups).
struct PlanBuilder {
    let request: PlanRequest
    var steps: [String: Step] = [:]
    var edges: [(String, String)] = []
    var recordOnly: [ModelChange] = []
    var blockers: [String] = []
    var warnings: [String] = []
    /// Changes per owning service, in the order the diff gave them.
    var serviceChanges: [String: [ModelChange]] = [:]
    /// Connection estimate changes per database.
    var connectionChanges: [String: [ModelChange]] = [:]
    /// Top-level secrets, volumes and networks.
    var topLevelChanges: [ModelChange] = []

    var from: StackModel { request.from }
    var to: StackModel { request.to }

    init(request: PlanRequest) {
        self.request = request
    }

    mutating func build() throws -> Plan {
        classify(request.from.changes(to: request.to))
        addServiceSteps()
        addTopLevelSteps()
        addChecks()
        addBackups()
        addVerification()
        addManualSteps()
        let ordered = try order()
        return Plan(
            project: to.project, from: request.fromLabel, to: request.toLabel, migration: request.migration,
            steps: ordered, rollback: Self.rollback(of: ordered), recordOnly: recordOnly,
            blockers: blockers, warnings: warnings)
    }

    /// Sorts each change into the family of steps that will carry it.
    mutating func classify(_ changes: [ModelChange]) {
        for change in changes {
            if change.isCosmetic {
                recordOnly.append(change)
                continue
            }
            switch change.entity {
            case .requirement, .note:
                recordOnly.append(change)
            case .connection(let estimate):
                connectionChanges[estimate.database, default: []].append(change)
            case .secret, .volume, .network:
                topLevelChanges.append(change)
            default:
                if let service = change.entity.owningService {
                    serviceChanges[service, default: []].append(change)
                } else {
                    recordOnly.append(change)
                }
            }
        }
    }

    mutating func add(_ step: Step) {
        precondition(steps[step.id] == nil, "step '\(step.id)' added twice")
        steps[step.id] = step
    }

    mutating func edge(_ before: String, _ after: String) {
        edges.append((before, after))
    }

    /// Orders the steps by their edges, ties broken by kind, then entity, then id.
    func order() throws -> [Step] {
        var graph = DependencyGraph<StepPriority>()
        for step in steps.values {
            graph.addNode(step.id, priority: StepPriority(rank: step.kind.rank, entity: step.entity))
        }
        for (before, after) in edges { graph.addEdge(from: before, to: after) }
        return try graph.ordered().compactMap { steps[$0] }
    }

    /// The rollback: every inverse, in reverse order, with the inverse model changes.
    static func rollback(of steps: [Step]) -> [Step] {
        steps.reversed().compactMap { step in
            guard let inverse = step.inverse else { return nil }
            return Step(
                id: "undo:\(step.id)", kind: inverse.kind, entity: step.entity, title: inverse.title,
                reason: "undoes '\(step.title)'", details: inverse.details, commands: inverse.commands,
                changes: step.changes.reversed().map(\.inverse), isIrreversible: false)
        }
    }
}

/// The tie-break between steps that are free to go at the same time.
struct StepPriority: Comparable {
    var rank: Int
    var entity: String

    static func < (lhs: StepPriority, rhs: StepPriority) -> Bool {
        (lhs.rank, lhs.entity) < (rhs.rank, rhs.entity)
    }
}
