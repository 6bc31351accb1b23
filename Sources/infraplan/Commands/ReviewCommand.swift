import Foundation
import InfraModel
import Planner

/// `infraplan review TARGET`: the change-review document.
enum ReviewCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade()
        let request = try upgrade.request(for: context.arguments.positionals[0])
        let plan = try Planner.makePlan(request)
        let date = context.arguments.value("date") ?? String(ModelStore.timestamp().prefix(10))
        let document = ReviewDocument(plan: plan, before: request.from, after: request.to, date: date).render()
        if let out = context.arguments.value("out") {
            try PlanCommand.writeFile(out, document)
            context.logger.info("review written to \(out)")
        } else {
            context.terminal.out(document)
        }
        return .success
    }
}
