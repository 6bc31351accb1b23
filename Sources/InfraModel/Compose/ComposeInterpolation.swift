/// Applies `Interpolator` to every string value of a document tree.
///
/// Compose interpolates the whole file, extension fields too, before reading
/// it; mapping keys are kept as written, as compose-go interpolates values
/// only (`environment: {${K}: v}` defines the variable `${K}`). A required variable without a value, or an invalid template, is an
/// error at the scalar that holds it; an unset variable without a default is
/// a warning naming the variable and the key that used it.
enum ComposeInterpolation {
    /// Interpolates `node`; `substituted` receives where each scalar with a reference was.
    static func interpolate(
        _ node: ComposeNode, with variables: [String: String],
        into diagnostics: inout ComposeDiagnostics,
        substituted: inout Set<SourceLocation>
    ) -> ComposeNode {
        var walker = Walker(interpolator: Interpolator(variables: variables))
        let result = walker.visit(node, path: [])
        for (problem, location) in walker.findings {
            diagnostics.report(problem, at: location)
        }
        substituted.formUnion(walker.substituted)
        return result
    }

    private struct Walker {
        let interpolator: Interpolator
        var findings: [(ComposeProblem, SourceLocation)] = []
        var substituted: Set<SourceLocation> = []
        /// Unset variables already reported, by place and name: an anchor merged into five
        /// services is one use, not five.
        var reportedUnset: Set<String> = []

        mutating func visit(_ node: ComposeNode, path: [String]) -> ComposeNode {
            var node = node
            switch node.content {
            case .string(let text):
                node.content = .string(substitute(text, at: node.location, path: path))
            case .sequence(let items):
                node.content = .sequence(
                    items.enumerated().map { index, item in
                        visit(item, path: path + ["[\(index)]"])
                    })
            case .mapping(let entries):
                node.content = .mapping(
                    entries.map { entry in
                        var entry = entry
                        entry.value = visit(entry.value, path: path + [entry.key])
                        return entry
                    })
            default:
                break
            }
            return node
        }

        mutating func substitute(_ text: String, at location: SourceLocation, path: [String])
            -> String
        {
            if text.contains("$") { substituted.insert(location) }
            do {
                let output = try interpolator.substitute(text)
                for name in output.unset where reportedUnset.insert("\(location)|\(name)").inserted
                {
                    let context = "used in \(SchemaChecker.dotted(path))"
                    findings.append((.unsetVariable(name: name, context: context), location))
                }
                return output.redactedValue
            } catch {
                switch error {
                case .required(let name, let message):
                    findings.append((.requiredVariable(name: name, message: message), location))
                case .invalid(let template):
                    findings.append((.invalidTemplate(template: template), location))
                }
            }
            return ""
        }
    }
}
