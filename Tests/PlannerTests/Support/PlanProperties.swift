import InfraModel

@testable import Planner

/// The properties a plan from `before` to `after` must have, as a checker
/// that lists every violation it finds.
struct PlanProperties {
    let plan: Plan
    let before: StackModel
    let after: StackModel
    private let position: [String: Int]

    init(plan: Plan, before: StackModel, after: StackModel) {
        self.plan = plan
        self.before = before
        self.after = after
        position = Dictionary(
            uniqueKeysWithValues: plan.steps.enumerated().map { ($0.element.id, $0.offset) })
    }

    func violations() -> [String] {
        exactness() + startupOrder() + stopOrder() + phases() + completeness()
    }

    /// Applying the plan to `before` gives `after`; the rollback takes it back.
    func exactness() -> [String] {
        var problems: [String] = []
        var forward = before
        do { try forward.apply(plan.modelChanges) } catch { problems.append("forward: \(error)") }
        if forward != after { problems.append("forward result differs from the target") }
        var backward = after
        do { try backward.apply(plan.rollbackChanges) } catch {
            problems.append("rollback: \(error)")
        }
        if backward != before {
            problems.append("rollback result differs from the current version")
        }
        return problems
    }

    private func index(ofStart service: String) -> Int? {
        position["restart:\(service)"] ?? position["start:\(service)"]
    }

    private func index(ofStop service: String) -> Int? {
        position["restart:\(service)"] ?? position["stop:\(service)"]
    }

    private static func isRunning(_ service: String, in model: StackModel) -> Bool {
        model.services[service]?.isActive == true
    }

    /// For each start-up dependency S -> T of the target where both start, T starts first.
    func startupOrder() -> [String] {
        after.dependencies.compactMap { edge in
            guard edge.kind.ordersStartup, edge.from != edge.to,
                Self.isRunning(edge.from, in: after), Self.isRunning(edge.to, in: after),
                let dependent = index(ofStart: edge.from), let needed = index(ofStart: edge.to)
            else { return nil }
            return needed < dependent
                ? nil : "\(edge.displayName): \(edge.to) starts after \(edge.from)"
        }
    }

    /// For each start-up dependency S -> T of the current version where both stop, S stops first.
    func stopOrder() -> [String] {
        before.dependencies.compactMap { edge in
            guard edge.kind.ordersStartup, edge.from != edge.to,
                Self.isRunning(edge.from, in: before), Self.isRunning(edge.to, in: before),
                let dependent = index(ofStop: edge.from), let needed = index(ofStop: edge.to)
            else { return nil }
            return dependent < needed
                ? nil : "\(edge.displayName): \(edge.to) stops before \(edge.from)"
        }
    }

    /// Checks first; configuration before pulls before moves; backups before
    /// what they protect; verification after its start; removals after every move.
    func phases() -> [String] {
        var problems: [String] = []
        let steps = plan.steps
        if let lastCheck = steps.lastIndex(where: PlanBuilder.isCheck),
            let firstOther = steps.firstIndex(where: { !PlanBuilder.isCheck($0) }),
            firstOther < lastCheck
        {
            problems.append("\(steps[firstOther].id) comes before check \(steps[lastCheck].id)")
        }
        problems += precedes(
            steps.filter { $0.kind == .configure }, steps.filter { $0.kind == .pull })
        problems += precedes(
            steps.filter { $0.kind == .pull }, steps.filter { $0.kind.movesContainers })
        problems += precedes(
            steps.filter { $0.kind.movesContainers }, steps.filter { $0.kind == .remove })
        for step in steps {
            if let backup = step.inverse?.restoresBackup,
                (position[backup] ?? Int.max) > (position[step.id] ?? 0)
            {
                problems.append("\(step.id) comes before its backup \(backup)")
            }
            if step.kind == .verify, step.id == "verify:\(step.entity)",
                let start = index(ofStart: step.entity), start > (position[step.id] ?? 0)
            {
                problems.append("\(step.id) comes before the start it verifies")
            }
        }
        return problems
    }

    private func precedes(_ first: [Step], _ second: [Step]) -> [String] {
        guard let last = first.compactMap({ position[$0.id] }).max(),
            let earliest = second.compactMap({ position[$0.id] }).min(), earliest < last
        else { return [] }
        return ["\(plan.steps[earliest].id) comes before \(plan.steps[last].id)"]
    }

    /// Every step says what it touches and why; every action says how; every
    /// change can be undone; the rollback mirrors the steps; no orphan removal.
    func completeness() -> [String] {
        var problems: [String] = []
        let actions: Set<StepKind> = [
            .configure, .pull, .stop, .start, .restart, .restore, .backup, .remove,
        ]
        for step in plan.steps {
            if step.entity.isEmpty || step.reason.isEmpty {
                problems.append("\(step.id) lacks entity or reason")
            }
            if actions.contains(step.kind) && step.commands.isEmpty {
                problems.append("\(step.id) has no command")
            }
            if !step.changes.isEmpty && step.inverse == nil {
                problems.append("\(step.id) has no inverse")
            }
            if step.commands.contains(where: { $0.contains("--remove-orphans") }) {
                problems.append("\(step.id) removes orphans")
            }
        }
        let expected = plan.steps.reversed().filter { $0.inverse != nil }.map { "undo:\($0.id)" }
        if plan.rollback.map(\.id) != expected {
            problems.append("rollback is not the steps' inverses reversed")
        }
        let blocking = plan.steps.contains { $0.outcome == .block }
        if blocking && !plan.isBlocked {
            problems.append("a check blocks but the plan is not blocked")
        }
        return problems
    }
}
