import InfraModel

/// Requirements about which release each service runs: equal versions,
/// outposts that follow their server, upgrade paths and downgrade barriers.
///
/// Versions are read from image tags (`Version`); a service whose tag names
/// no version makes the rule undecidable, and the verdict says how to look.
enum VersionRules {
    typealias Verdict = Prerequisite.Verdict

    /// `name=tag` for messages; `?` when the service or its tag is missing.
    static func listed(_ services: [String], in model: StackModel) -> String {
        services.map { "\($0) \(model.services[$0]?.image?.tag ?? "?")" }.joined(separator: ", ")
    }

    static func sameVersion(_ services: [String], in model: StackModel) -> Verdict {
        let tags = Set(services.compactMap { model.services[$0]?.image?.tag })
        let listed = listed(services, in: model)
        return tags.count <= 1
            ? Verdict(outcome: .pass, finding: "same version: \(listed)")
            : Verdict(outcome: .block, finding: "version skew: \(listed) must run the same release")
    }

    /// Each follower runs its leaders' tag; leaders must agree among themselves.
    static func matchesVersion(
        _ services: [String], leaders: [String], in model: StackModel
    ) -> Verdict {
        let leaderTags = Set(leaders.compactMap { model.services[$0]?.image?.tag })
        guard leaderTags.count == 1, let tag = leaderTags.first else {
            return Verdict(
                outcome: .block, finding: "version skew among \(listed(leaders, in: model))")
        }
        let skewed = services.filter { model.services[$0]?.image?.tag != tag }
        guard skewed.isEmpty else {
            return Verdict(
                outcome: .block,
                finding: "version skew: \(listed(skewed, in: model)) must run \(tag) "
                    + "like \(leaders.joined(separator: ", "))")
        }
        return Verdict(
            outcome: .pass,
            finding: "\(services.joined(separator: ", ")) run \(tag) like their server")
    }

    /// A service that moves may not skip a release it must pass through.
    static func upgradePath(
        _ services: [String], through: [String], from: StackModel, to: StackModel
    ) -> Verdict {
        // Services that skip the same release the same way share one line.
        var skips: [String: [String]] = [:]
        for service in services {
            guard let before = from.services[service]?.image?.tag,
                let after = to.services[service]?.image?.tag,
                before != after
            else { continue }
            guard let old = Version(before), let new = Version(after) else {
                return Verdict(
                    outcome: .manual,
                    finding: "cannot read the versions of \(service) (\(before) -> \(after))",
                    command: Commands.compose("images \(service)"))
            }
            for release in through.compactMap(Version.init) {
                if old.compared(atPrecisionOf: release) == .before
                    && new.compared(atPrecisionOf: release) == .after
                {
                    skips["\(before) -> \(after) skips \(release)", default: []].append(service)
                }
            }
        }
        guard skips.isEmpty else {
            let lines = skips.keys.sorted().map {
                "\((skips[$0] ?? []).joined(separator: ", ")): \($0)"
            }
            return Verdict(
                outcome: .block,
                finding: lines.joined(separator: "; ") + "; upgrade through each release")
        }
        return Verdict(
            outcome: .pass, finding: "no release of \(through.joined(separator: ", ")) is skipped")
    }

    /// Going back below a version whose irreversible effect already ran needs
    /// that effect's backup, which a new plan does not have.
    static func noDowngrade(
        _ services: [String], version: String, database: String, effect: String,
        from: StackModel, to: StackModel
    ) -> Verdict {
        guard let barrier = Version(version) else {
            return Verdict(outcome: .pass, finding: "no version to compare with")
        }
        let below = services.filter { service in
            guard let tag = to.services[service]?.image?.tag, let target = Version(tag) else {
                return false
            }
            return target < barrier
        }
        guard !below.isEmpty else {
            return Verdict(outcome: .pass, finding: "nothing goes below \(version)")
        }
        return Verdict(
            outcome: .block,
            finding:
                "\(listed(below, in: from)) -> \(listed(below, in: to)) "
                + "goes back across '\(effect)', which changed \(database): "
                + "an older image cannot undo it, and no backup of \(database) "
                + "taken before \(version) is known to this plan; "
                + "use 'infraplan rollback' (it restores the backup its apply took) "
                + "or restore such a backup by hand")
    }
}
