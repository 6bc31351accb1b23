import InfraModel

/// The change-review document for a plan: what a careful operator writes by
/// hand before an upgrade, made from the two versions of the model, the
/// migration and the plan.
///
/// Eleven numbered sections, each filled from those facts; step numbers refer
/// to the plan's order, so that the document and `infraplan plan` agree.
/// Markdown that reads as plain text. It holds no secret value: everything in
/// it comes from the model, which keeps none. The same plan always gives the
/// same document, apart from `date`.
///
/// The sections live in extensions: `+Overview` (overview, breaking changes),
/// `+Configuration`, `+Impact` (impact, connection budget), `+Procedure`
/// (prerequisites, procedure, rollback) and `+Checklist` (verification,
/// testing checklist, known warnings).
public struct ReviewDocument {
    /// The plan the document explains; its step order numbers the procedure.
    public let plan: Plan
    /// The model of the current version (`plan.from`).
    public let before: StackModel
    /// The model of the target version (`plan.to`).
    public let after: StackModel
    /// The date printed in the overview (`YYYY-MM-DD`).
    public let date: String

    /// A document for `plan`, made from the two models it was planned between.
    public init(plan: Plan, before: StackModel, after: StackModel, date: String) {
        self.plan = plan
        self.before = before
        self.after = after
        self.date = date
    }

    /// One numbered section: its title and its Markdown body.
    public struct Section: Equatable, Sendable {
        /// 1 to 11.
        public var number: Int
        /// One of `sectionTitles`.
        public var title: String
        /// The Markdown body, without the heading.
        public var lines: [String]
    }

    /// The titles of the sections, in order; section `n` has title `sectionTitles[n - 1]`.
    public static let sectionTitles = [
        "Overview", "Breaking changes", "Configuration changes", "Impact", "Connection budget",
        "Prerequisites", "Procedure", "Verification and monitoring", "Testing checklist",
        "Rollback",
        "Known warnings",
    ]

    /// Every section, filled; one with nothing to say says so in a sentence.
    public func sections() -> [Section] {
        let bodies = [
            overview(), breakingChanges(), configurationChanges(), impact(), connectionBudget(),
            prerequisites(), procedure(), verification(), testingChecklist(), rollback(),
            knownWarnings(),
        ]
        return zip(Self.sectionTitles, bodies).enumerated().map { index, pair in
            Section(number: index + 1, title: pair.0, lines: pair.1)
        }
    }

    /// The whole document, ending with a newline.
    public func render() -> String {
        var lines = ["# Change review: \(plan.project) \(plan.from) -> \(plan.to)", ""]
        for section in sections() {
            lines += ["## \(section.number). \(section.title)", ""] + section.lines + [""]
        }
        var text: [String] = []
        for line in lines where !(line.isEmpty && text.last?.isEmpty == true) {
            text.append(line)
        }
        while text.last?.isEmpty == true { text.removeLast() }
        return text.joined(separator: "\n") + "\n"
    }

    // MARK: Facts several sections share

    /// The 1-based number of the procedure step with `id`, if the plan has it.
    func number(of id: String) -> Int? {
        plan.steps.firstIndex { $0.id == id }.map { $0 + 1 }
    }

    /// "step 7", or an empty string when the plan has no such step.
    func stepReference(_ id: String) -> String {
        number(of: id).map { "step \($0)" } ?? ""
    }

    /// The first procedure step of `kind` that touches `entity`.
    func step(_ kind: StepKind, on entity: String) -> Step? {
        plan.steps.first { $0.kind == kind && $0.entity == entity }
    }

    /// Services the plan starts or restarts, in plan order.
    var restartedServices: [String] {
        plan.steps.filter { $0.kind == .restart || $0.kind == .start }.map(\.entity)
    }

    /// Services whose image changes, or that a migration component names, sorted.
    var upgradedServices: [String] {
        var names = Set(plan.migration?.components.flatMap(\.services) ?? [])
        for service in after.services {
            if let old = before.services[service.name], old.image != service.image {
                names.insert(service.name)
            }
        }
        return names.filter { after.services.contains($0) }.sorted()
    }

    /// The rollback step that undoes the procedure step `step`, with its 1-based number.
    func undo(of step: Step) -> (number: Int, step: Step)? {
        guard let inverse = step.inverse else { return nil }
        let index =
            plan.rollback.firstIndex { $0.id == "undo:\(step.id)" }
            ?? plan.rollback.firstIndex { $0.entity == step.entity && $0.title == inverse.title }
        return index.map { ($0 + 1, plan.rollback[$0]) }
    }

    /// The procedure step a rollback step undoes.
    func original(of undo: Step) -> Step? {
        plan.steps.first { "undo:\($0.id)" == undo.id }
            ?? plan.steps.first { $0.entity == undo.entity && $0.inverse?.title == undo.title }
    }

    /// `a`, `b` and `c` as code spans joined by commas.
    static func names(_ items: [String]) -> String {
        items.map(Markdown.code).joined(separator: ", ")
    }
}
