import Foundation
import InfraModel
import Planner

/// `infraplan review TARGET`: the change-review document.
enum ReviewCommand {
    static func run(_ context: CommandContext) throws -> ExitCode {
        let date = try reviewDate(context.arguments.value("date"))
        let upgrade = try context.upgrade(.read)
        let request = try upgrade.request(for: context.arguments.positionals[0])
        let plan = try Planner.makePlan(request)
        let document = ReviewDocument(
            plan: plan, before: request.from, after: request.to, date: date)
        let text = document.render()
        if let out = context.arguments.value("out") {
            try FileAccess.write(text, to: out)
            context.logger.info("review written to \(out)")
        } else {
            context.terminal.out(text)
        }
        return .success
    }

    /// The date to print: `--date` when given (it must read `YYYY-MM-DD`), else today in UTC.
    ///
    /// - Throws: `UsageError` for a date in another form.
    static func reviewDate(_ given: String?) throws -> String {
        guard let given else { return String(ModelStore.timestamp().prefix(10)) }
        let parts = given.split(separator: "-", omittingEmptySubsequences: false)
        let widths = parts.map(\.count)
        let numbers = parts.compactMap { Int($0) }
        guard widths == [4, 2, 2], numbers.count == 3, (1...12).contains(numbers[1]),
            (1...31).contains(numbers[2])
        else {
            throw UsageError(
                message: "'--date \(given)' is not a date in the form YYYY-MM-DD", command: "review"
            )
        }
        return given
    }
}
