import InfraModel

/// Phases, the order of the steps, and the rollback.
///
/// Besides the edges between steps, phases hold the plan's shape: every
/// check comes before anything else; every edit of the configuration before
/// any pull, and every pull before any container moves (so downtime starts
/// only once the images are there); every removal and follow-up after every
/// container has moved and been verified. A phase is a node of the graph that
/// is not a step (its name starts with `~`), so it costs one edge per step
/// instead of one per pair of steps.
extension PlanBuilder {
    private enum Phase {
        static let checked = "~checked"
        static let configured = "~configured"
        static let pulled = "~pulled"
        static let started = "~started"
        static let settled = "~settled"
    }

    /// Steps of the check phase: checks, and checks that must be done by hand.
    static func isCheck(_ step: Step) -> Bool {
        step.kind == .check || (step.kind == .manual && step.id.hasPrefix("check:"))
    }

    mutating func addPhases() {
        edge(Phase.configured, Phase.pulled)
        edge(Phase.pulled, Phase.started)
        edge(Phase.started, Phase.settled)
        for step in steps.values {
            if Self.isCheck(step) {
                edge(step.id, Phase.checked)
                continue
            }
            edge(Phase.checked, step.id)
            addPhaseEdges(step)
        }
    }

    private mutating func addPhaseEdges(_ step: Step) {
        switch step.kind {
        case .configure: edge(step.id, Phase.configured)
        case .pull:
            edge(Phase.configured, step.id)
            edge(step.id, Phase.pulled)
        case .stop, .start, .restart, .restore:
            edge(Phase.pulled, step.id)
            edge(step.id, Phase.started)
        case .verify:
            // A verification a migration lists without a service waits for every start.
            if step.id != "verify:\(step.entity)" { edge(Phase.started, step.id) }
            edge(step.id, Phase.settled)
        case .remove, .manual: edge(Phase.settled, step.id)
        case .check, .backup: break
        }
    }

    /// Orders the steps by their edges, ties broken by kind, then entity, then id.
    ///
    /// - Throws: `PlanError.cycle` naming the steps of a cycle, in order.
    func order() throws -> [Step] {
        var graph = DependencyGraph<StepPriority>()
        for step in steps.values {
            graph.addNode(
                step.id, priority: StepPriority(rank: step.kind.rank, entity: step.entity))
        }
        let phases = [Phase.checked, Phase.configured, Phase.pulled, Phase.started, Phase.settled]
        for (rank, phase) in phases.enumerated() {
            graph.addNode(phase, priority: StepPriority(rank: rank, entity: ""))
        }
        for (before, after) in edges { graph.addEdge(from: before, to: after) }
        return try graph.ordered().compactMap { steps[$0] }
    }

    /// The rollback: every inverse, in reverse order, with the inverse model changes.
    static func rollback(of steps: [Step]) -> [Step] {
        steps.reversed().compactMap { step in
            guard let inverse = step.inverse else {
                precondition(
                    step.changes.isEmpty, "step '\(step.id)' changes the model but has no inverse")
                return nil
            }
            return Step(
                id: "undo:\(step.id)", kind: inverse.kind, entity: step.entity,
                title: inverse.title,
                reason: "undoes '\(step.title)'", details: inverse.details,
                commands: inverse.commands,
                changes: step.changes.reversed().map(\.inverse), isIrreversible: false,
                lossiness: inverse.lossiness)
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
