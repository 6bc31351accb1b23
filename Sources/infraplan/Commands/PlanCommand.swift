import Foundation
import InfraModel
import Planner

/// `infraplan plan TARGET`: make, print and keep the plan.
enum PlanCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade()
        var clock = Stopwatch()
        let request = try upgrade.request(for: context.arguments.positionals[0])
        context.logger.debug("plan: read both versions in \(clock.lap()) s")
        let saved = try upgrade.savedPlan(try Planner.makePlan(request))
        context.logger.debug("plan: planned \(saved.plan.steps.count) steps in \(clock.lap()) s")
        let plan = saved.plan
        let body = try JSONCoding.encode(saved)
        try upgrade.store.savePlan(
            fromLabel: plan.from, toLabel: plan.to, stateSerial: saved.stateSerial, checksum: saved.checksum,
            isBlocked: plan.isBlocked, body: body)
        context.logger.debug("plan: kept the plan in the state in \(clock.lap()) s")
        if let out = context.arguments.value("out") {
            try writeFile(out, try JSONCoding.encodePretty(saved) + "\n")
            context.logger.info("plan written to \(out)")
        }
        if context.wantsJSON {
            try context.printJSON(plan)
        } else if context.arguments.flag("rollback") {
            let renderer = PlanRenderer(style: context.terminal.outputStyle)
            context.terminal.out("Rollback of \(plan.from) -> \(plan.to)\n" + renderer.renderSteps(plan.rollback).joined(separator: "\n") + "\n")
        } else {
            context.terminal.out(PlanRenderer(style: context.terminal.outputStyle).render(plan))
        }
        context.logger.debug("plan: printed in \(clock.lap()) s")
        if plan.isBlocked { return .blocked }
        return context.arguments.flag("detailed-exitcode") && !plan.isEmpty ? .changesPresent : .success
    }

    /// Writes a file whole: to a temporary file beside it, then renamed over it.
    static func writeFile(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
