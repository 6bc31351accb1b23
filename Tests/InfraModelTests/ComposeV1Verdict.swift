@testable import InfraModel

/// How infraplan's reading of one corpus case stands against Compose v1's.
///
/// Four outcomes: both refuse (nothing to compare); v1 refuses what infraplan
/// reads, or v1 reads what infraplan refuses (each needs a documented
/// limitation); both read it, and every fact that differs needs one too.
struct ComposeV1Verdict {
    /// Differences no limitation explains; the comparison fails on any.
    var unexplained: [String] = []
    /// Limitations naming this case that explain nothing in it; the list must shrink.
    var stale: [String] = []

    /// Judges one case.
    ///
    /// - Parameters:
    ///   - infraplan: infraplan's import, nil when it refused the case.
    ///   - v1: what `docker-compose config` said.
    ///   - limitations: the documented limitations that name the case.
    init(infraplan: ComposeImport?, v1: ComposeV1.Outcome, limitations: [ComposeV1Limitation]) {
        var used: [Int] = []
        switch (infraplan, v1) {
        case (nil, .refused):
            break
        case (nil, .accepted):
            used = limitations.indices.filter { Self.isAccepts(limitations[$0].effect) }
            if used.isEmpty { unexplained = ["v1 accepts the case, infraplan refuses it"] }
        case (.some, .refused(let output)):
            used = limitations.indices.filter {
                guard case .refuses(let fragment) = limitations[$0].effect else { return false }
                return output.contains(fragment)
            }
            if used.isEmpty { unexplained = ["v1 refuses the case: " + Self.summary(output)] }
        case (.some(let result), .accepted(let root)):
            let lines = ComposeReading(model: result.model).differences(
                from: ComposeReading(v1: root))
            (unexplained, used) = Self.explain(lines, by: limitations)
        }
        stale = limitations.indices.filter { !used.contains($0) }.map {
            "\(limitations[$0].reason) (\(limitations[$0].cases.joined(separator: ", ")))"
        }
    }

    /// The lines no `differs` limitation covers, and the limitations that covered any.
    private static func explain(_ lines: [String], by limitations: [ComposeV1Limitation])
        -> ([String], [Int])
    {
        var used: Set<Int> = []
        let unexplained = lines.filter { line in
            let covering = limitations.indices.filter {
                guard case .differs(let fragments) = limitations[$0].effect else { return false }
                return fragments.contains { line.contains($0) }
            }
            used.formUnion(covering)
            return covering.isEmpty
        }
        return (unexplained, used.sorted())
    }

    private static func isAccepts(_ effect: ComposeV1Limitation.Effect) -> Bool {
        if case .accepts = effect { return true }
        return false
    }

    /// v1's error without its boilerplate: the lines that say what is wrong, joined.
    private static func summary(_ output: String) -> String {
        output.split(separator: "\n").map(String.init)
            .filter { !$0.contains("variable is not set") && !$0.isEmpty }
            .prefix(4).joined(separator: " / ")
    }
}
