import InfraModel
import Planner

/// `infraplan diff A B`: every fact that differs between two versions.
enum DiffCommand {
    struct Document: Encodable {
        var formatVersion = 1
        var from: String
        var to: String
        var changes: [ModelChange]

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case from, to, changes
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade(.read)
        let (a, b) = (context.arguments.positionals[0], context.arguments.positionals[1])
        let (before, after) = (try upgrade.readableModel(a).0, try upgrade.readableModel(b).0)
        let changes = before.changes(to: after).filter { !$0.isCosmetic }
        if before.project != after.project && !context.wantsJSON {
            context.terminal.out("~ project \(before.project) -> \(after.project)\n")
        }
        if context.wantsJSON {
            try context.printJSON(Document(from: a, to: b, changes: changes))
            return .success
        }
        let style = context.terminal.outputStyle
        guard !changes.isEmpty else {
            if before.project == after.project {
                context.terminal.out("No differences between \(a) and \(b).\n")
            }
            return .success
        }
        let counts = [ModelChange.Action.add, .modify, .remove].map { action in
            "\(action.symbol)\(changes.filter { $0.action == action }.count)"
        }
        var lines = [
            "\(changes.count) difference\(changes.count == 1 ? "" : "s") between \(a) and \(b) "
                + "(\(counts.joined(separator: " "))):"
        ]
        // Grouped by service, top-level facts last; within a group, the diff's own order.
        let grouped = changes.enumerated().sorted { left, right in
            let l = left.element.entity.owningService.map { "0\($0)" } ?? "1"
            let r = right.element.entity.owningService.map { "0\($0)" } ?? "1"
            return (l, left.offset) < (r, right.offset)
        }.map(\.element)
        var owner: String?
        for change in grouped {
            let group = change.entity.owningService ?? "(top level)"
            if group != owner {
                lines.append("  \(group)")
                owner = group
            }
            lines += ChangeDescription.lines(for: change).map { "    " + style.mark($0) }
        }
        context.terminal.out(lines.joined(separator: "\n") + "\n")
        return .success
    }
}
