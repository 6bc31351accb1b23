import InfraModel

/// Checks of the requirements the versions state.
extension PlanBuilder {
    /// One check per requirement of the target that is new or changed, or
    /// that names a service or database the plan touches; downgrade barriers
    /// are checked from the current version instead (`addDowngradeChecks`).
    mutating func addRequirementChecks() {
        var changed: Set<String> = []
        for change in recordOnly where change.action != .remove {
            if case .requirement(let requirement)? = change.after { changed.insert(requirement.id) }
        }
        for requirement in to.requirements {
            if case .noDowngrade = requirement.rule { continue }
            guard changed.contains(requirement.id) || touches(requirement) else { continue }
            addRequirementStep(requirement, id: "check:requirement:\(requirement.id)")
        }
    }

    /// Every downgrade barrier of the current version, against the target.
    mutating func addDowngradeChecks() {
        for requirement in from.requirements {
            guard case .noDowngrade = requirement.rule, touches(requirement) else { continue }
            let verdict = Prerequisite.evaluate(requirement, from: from, to: to)
            guard verdict.outcome != .pass else { continue }
            addRequirementStep(requirement, id: "check:downgrade:\(requirement.id)")
        }
    }

    private func touches(_ requirement: Requirement) -> Bool {
        let names = requirement.rule.services + (requirement.rule.database.map { [$0] } ?? [])
        return names.contains { serviceChanges[$0] != nil || motions[$0] != nil }
    }

    private mutating func addRequirementStep(_ requirement: Requirement, id: String) {
        let verdict = Prerequisite.evaluate(requirement, from: from, to: to)
        let isManual = verdict.outcome == .manual
        warnings += verdict.warnings
        add(
            Step(
                id: id, kind: isManual ? .manual : .check, entity: requirement.id,
                // The verdict shows beside the title (`PASS`, `BLOCK`); only a manual one is said.
                title: "prerequisite \(requirement.id)" + (isManual ? ": check by hand" : ""),
                reason: requirement.reason, details: [verdict.finding],
                commands: verdict.command.map { [$0] } ?? [], outcome: verdict.outcome))
    }
}
