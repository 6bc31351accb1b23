/// Collects the errors and warnings of one import, each once.
///
/// The importer validates everything it can before giving up, so that the
/// user sees every problem of a file in one run; `errors` decides at the end
/// whether the import throws. The same problem at the same place is kept once
/// (an anchor used by five services reports its unset variable once).
struct ComposeDiagnostics: Sendable {
    private(set) var errors: [Diagnostic] = []
    private(set) var warnings: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    var hasErrors: Bool { !errors.isEmpty }

    /// Records `problem` found at `location`.
    mutating func report(_ problem: ComposeProblem, at location: SourceLocation?) {
        let diagnostic = Diagnostic(
            problem.severity, problem.code, problem.message, at: location, note: problem.note)
        guard seen.insert(diagnostic).inserted else { return }
        if diagnostic.severity == .error {
            errors.append(diagnostic)
        } else {
            warnings.append(diagnostic)
        }
    }

    /// Records a diagnostic made elsewhere (a YAML syntax error).
    mutating func report(_ diagnostic: Diagnostic) {
        guard seen.insert(diagnostic).inserted else { return }
        if diagnostic.severity == .error {
            errors.append(diagnostic)
        } else {
            warnings.append(diagnostic)
        }
    }

    /// Takes over every diagnostic of `other`.
    mutating func absorb(_ other: ComposeDiagnostics) {
        for diagnostic in other.errors + other.warnings { report(diagnostic) }
    }

    /// The warnings in location order.
    var sortedWarnings: [Diagnostic] { warnings.sorted(by: Diagnostic.ordered) }
}
