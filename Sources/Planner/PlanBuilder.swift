import InfraModel

/// Builds one plan: classifies the model changes, decides how each service
/// moves, makes steps and the edges between them, orders them, and derives
/// the rollback.
///
/// The builder's extensions each add one family of steps:
/// `+Motion` (which services stop, start or restart, and why),
/// `+Services` (configure, pull, stop, start, restart, remove),
/// `+TopLevel` (secrets, volumes and networks),
/// `+Databases` (major version changes: dump, new data directory, restore),
/// `+Checks` and `+Requirements` (budgets, prerequisites, who keeps a
/// candidate, dangling references), `+Safety` (backups before what cannot be
/// undone, verification, follow-ups) and `+Order` (phases, order, rollback).
///
/// Every lookup goes through a `ModelIndex` built once, so that no step of
/// planning scans the whole model per service: planning is O(N log N) in the
/// number of services, dependencies and other facts.
struct PlanBuilder {
    let request: PlanRequest
    let fromIndex: ModelIndex
    let toIndex: ModelIndex
    /// Start-up order of the current version (for stops) and of the target (for starts).
    var fromGraph = ServiceGraph()
    var toGraph = ServiceGraph()
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
    /// How each service that moves moves; services that stay as they are are absent.
    var motions: [String: Motion] = [:]
    /// Why a service moves although its own definition does not change.
    var motionReasons: [String: String] = [:]
    /// Databases whose data moves to a new major version.
    var dataMoves: [String: DataMove] = [:]
    /// Services whose start waits until they are healthy (or have completed).
    var waits: [String: String] = [:]

    var from: StackModel { request.from }
    var to: StackModel { request.to }

    init(request: PlanRequest) {
        self.request = request
        self.fromIndex = ModelIndex(request.from)
        self.toIndex = ModelIndex(request.to)
    }

    mutating func build() throws -> Plan {
        classify(request.from.changes(to: request.to))
        try makeGraphs()
        decideMotions()
        addServiceSteps()
        addTopLevelSteps()
        addDataMoveSteps()
        addChecks()
        addBackups()
        addSnapshot()
        addVerification()
        addManualSteps()
        addPhases()
        let ordered = try order().map {
            $0.composing(
                forward: $0.id == "backup:compose"
                    ? request.fromComposeArguments : request.toComposeArguments,
                inverse: request.fromComposeArguments)
        }
        collectBlockers()
        return Plan(
            project: to.project, from: request.fromLabel, to: request.toLabel,
            migration: request.migration, steps: ordered, rollback: Self.rollback(of: ordered),
            recordOnly: recordOnly, blockers: blockers, warnings: warnings.sorted())
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

    /// The graphs of both versions; orderings the plan adds are soft edges in both.
    mutating func makeGraphs() throws {
        let extra = addedOrderings()
        fromGraph = try ServiceGraph.make(fromIndex, extra: extra, isStrict: false)
        toGraph = try ServiceGraph.make(toIndex, extra: extra, isStrict: true)
    }

    mutating func add(_ step: Step) {
        precondition(steps[step.id] == nil, "step '\(step.id)' added twice")
        steps[step.id] = step
    }

    /// Adds `before -> after`; an edge naming a step that does not exist is ignored.
    mutating func edge(_ before: String?, _ after: String?) {
        guard let before, let after else { return }
        edges.append((before, after))
    }

    /// Every blocking check's finding, plus the blockers found along the way, sorted.
    mutating func collectBlockers() {
        for step in steps.values where step.outcome == .block {
            let finding = step.details.isEmpty ? step.reason : step.details.joined(separator: "; ")
            blockers.append("\(step.title): \(finding)")
        }
        blockers.sort()
    }
}

/// A database whose data moves to a new major version by dump and restore.
struct DataMove: Equatable {
    var database: Database
    var fromMajor: Int
    var toMajor: Int
    /// Named volumes the database used before that nothing mounts afterwards.
    var freedVolumes: [String]
    /// Named volumes that keep the old data next to the new (a new mount point).
    var sharedVolumes: [String]
}
