import Foundation
import InfraModel
import Testing

@testable import Planner

/// Properties every plan has, on generated pairs of models.
///
/// 1,200 pairs from a fixed base seed; set `INFRAPLAN_PROPERTY_SEED` (and
/// `INFRAPLAN_PROPERTY_CASES`) to run others. Each failure names the seed of
/// its case, and `INFRAPLAN_PROPERTY_SEED=<seed> INFRAPLAN_PROPERTY_CASES=1`
/// reproduces exactly that case.
@Suite struct PlannerPropertyTests {
    static let baseSeed: UInt64 = {
        let text = ProcessInfo.processInfo.environment["INFRAPLAN_PROPERTY_SEED"] ?? ""
        return UInt64(
            text.hasPrefix("0x") ? String(text.dropFirst(2)) : text,
            radix: text.hasPrefix("0x") ? 16 : 10)
            ?? 0x1F2E_3D4C
    }()

    static let cases: Int = {
        Int(ProcessInfo.processInfo.environment["INFRAPLAN_PROPERTY_CASES"] ?? "") ?? 1_200
    }()

    @Test func plansAreExactReversibleAndOrdered() throws {
        var failures = 0
        for offset in 0..<Self.cases {
            let seed = Self.baseSeed &+ UInt64(offset)
            let problems = Self.check(seed: seed)
            guard !problems.isEmpty else { continue }
            failures += 1
            Issue.record("seed \(seed): \(problems.joined(separator: "; "))")
            if failures >= 5 { break }
        }
    }

    /// Every property on one generated case; the problems found, empty when none.
    static func check(seed: UInt64) -> [String] {
        var generator = ModelPairGenerator(seed: seed)
        let (before, after) = generator.makePair()
        let migration = generator.makeMigration(before: before, after: after)
        let request = PlanRequest(
            fromLabel: "1.0", from: before, toLabel: "2.0", to: after, migration: migration,
            removesUnusedVolumes: seed % 3 == 0)
        let plan: Plan
        do {
            plan = try Planner.makePlan(request)
        } catch {
            return ["planning failed: \(error)"]
        }
        var problems = PlanProperties(plan: plan, before: before, after: after).violations()
        // Encoding is the slow part; one case in ten is enough to catch dictionary order.
        if seed % 10 == 0, !isDeterministic(plan, request) {
            problems.append("a second plan of the same request differs")
        }
        return problems
    }

    static func isDeterministic(_ plan: Plan, _ request: PlanRequest) -> Bool {
        guard let again = try? Planner.makePlan(request),
            let first = try? JSONCoding.encode(plan), let second = try? JSONCoding.encode(again)
        else { return false }
        return first == second
    }
}
