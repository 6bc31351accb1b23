/// Edits a compose file so that it says what a plan's changes say, changing
/// only the lines those changes are about.
///
/// Everything else — comments, key order, quoting, anchors, blank lines — is
/// kept byte for byte: the editor cuts and replaces byte ranges of the
/// original text, found from where libyaml says each node starts and ends,
/// and never re-emits YAML. What it can write:
///
/// | change | edit |
/// | --- | --- |
/// | service image | the tag (or whole reference) inside the `image:` scalar |
/// | environment removed | its `KEY: value` line, or its `- KEY=value` item |
/// | secret grant removed | its item in the service's `secrets:` list |
/// | `depends_on` removed | its key (map form) or item (list form) |
/// | connection estimate | the number in `x-infraplan.connections` |
/// | service or top-level secret removed | its whole block |
///
/// A node reached through an alias or merge key (`<<: *authentik-env`) is
/// edited where its anchor is, and only when every service that reaches it
/// gets the same change; otherwise the editor refuses. Requirements and notes
/// come from migration files and have no place in a compose file. Every other
/// change is refused with `ComposeEditError`, never approximated. The result
/// is parsed again and checked before it is returned.
public struct ComposeEditor {
    /// The file name used in messages.
    public let file: String
    let source: SourceText
    let root: YAMLNode
    /// For each node offset inside a service's definition, the services that reach it.
    let reach: [Int: Set<String>]
    /// Variables set where Compose reads this file, with where each is set
    /// (see `variablesSet(besideFile:environment:)`).
    let variables: [String: String]

    /// Kinds a compose file does not hold; their changes need no edit.
    static let migrationOnlyKinds: Set<EntityKind> = [.requirement, .note]

    /// Parses the compose file's text.
    ///
    /// - Throws: `YAMLError` when it is not YAML; `ComposeEditError` when it
    ///   is not a mapping.
    public init(text: String, file: String, variables: [String: String] = [:]) throws {
        guard let root = try YAMLParser(text: text, file: file).parse(), root.mapping != nil else {
            throw ComposeEditError(file: file, "the file holds no compose mapping")
        }
        self.file = file
        self.source = SourceText(text)
        self.root = root
        self.reach = Self.reachability(root)
        self.variables = variables
    }

    /// The file's text with the plan's changes made.
    ///
    /// - Parameter changes: a plan's model changes, in any order.
    /// - Throws: `ComposeEditError` naming the first change that cannot be made
    ///   surgically; the file is then left for the operator.
    public func edit(applying changes: [ModelChange]) throws -> ComposeEdit {
        let relevant = changes.filter {
            !$0.isCosmetic && !Self.migrationOnlyKinds.contains($0.kind)
        }
        let context = EditContext(changes: relevant)
        var edits: [TextEdit] = []
        for change in relevant {
            edits += try textEdits(for: change, context: context)
        }
        let planned = try merge(edits, context: context)
        let text = apply(planned)
        try verify(text, context: context)
        let summary = planned.map { edit in
            let owners =
                edit.services.isEmpty ? "" : " (\(edit.services.sorted().joined(separator: ", ")))"
            return "\(file):\(source.line(of: edit.range.lowerBound)) \(edit.what)\(owners)"
        }
        return ComposeEdit(text: text, summary: summary)
    }

    /// Groups edits of the same bytes, refuses conflicting or partly shared
    /// ones, folds nested deletions, and sorts the rest by position.
    func merge(_ edits: [TextEdit], context: EditContext) throws -> [TextEdit] {
        var groups: [Range<Int>: TextEdit] = [:]
        for edit in edits {
            guard var existing = groups[edit.range] else {
                groups[edit.range] = edit
                continue
            }
            guard existing.replacement == edit.replacement else {
                throw ComposeEditError(
                    file: file, line: source.line(of: edit.range.lowerBound),
                    "\(existing.what) and \(edit.what) need different text in the same place")
            }
            existing.services.formUnion(edit.services)
            groups[edit.range] = existing
        }
        let edits = try foldEmptiedContainers(Array(groups.values))
        for edit in edits { try checkSharing(edit, context: context) }
        return try foldOverlaps(edits.sorted { $0.range.lowerBound < $1.range.lowerBound })
    }

    /// Replaces the deletion of every entry of a collection by the deletion of
    /// its key, so that no `depends_on:` is left empty.
    func foldEmptiedContainers(_ edits: [TextEdit]) throws -> [TextEdit] {
        let byContainer = Dictionary(grouping: edits.filter { $0.container != nil }) {
            $0.container?.offset ?? 0
        }
        var result = edits.filter { $0.container == nil }
        for group in byContainer.values.sorted(by: {
            $0[0].range.lowerBound < $1[0].range.lowerBound
        }) {
            guard let container = group[0].container, group.count == container.size else {
                result += group
                continue
            }
            guard let range = container.parentRange else {
                throw ComposeEditError(
                    file: file, line: source.line(of: group[0].range.lowerBound),
                    "\(container.parentWhat) would leave it empty, "
                        + "and the key cannot be removed whole"
                )
            }
            let services = group.reduce(into: Set<String>()) { $0.formUnion($1.services) }
            result.append(
                TextEdit(
                    range: range, replacement: "", nodeOffset: container.offset, services: services,
                    what: container.parentWhat))
        }
        return result
    }

    /// Refuses an edit of text that services outside the change also reach;
    /// services the plan removes do not count, as their block goes anyway.
    func checkSharing(_ edit: TextEdit, context: EditContext) throws {
        let reachers = (reach[edit.nodeOffset] ?? []).subtracting(context.removedServices)
        guard reachers.isSubset(of: edit.services) else {
            let others = reachers.subtracting(edit.services).sorted().map { "'\($0)'" }
            let planned = edit.services.sorted().map { "'\($0)'" }
            throw ComposeEditError(
                file: file, line: source.line(of: edit.range.lowerBound),
                "'\(edit.what)' would change text shared through an anchor with "
                    + "\(others.joined(separator: ", ")), but the plan makes that change only for "
                    + "\(planned.isEmpty ? "no service" : planned.joined(separator: ", "))")
        }
    }

    /// Merges deletions that overlap (one inside another, or two neighbours in a
    /// flow list); any other overlap is refused.
    func foldOverlaps(_ sorted: [TextEdit]) throws -> [TextEdit] {
        var result: [TextEdit] = []
        for edit in sorted {
            guard let last = result.last, last.range.upperBound > edit.range.lowerBound else {
                result.append(edit)
                continue
            }
            guard last.replacement.isEmpty, edit.replacement.isEmpty else {
                throw ComposeEditError(
                    file: file, line: source.line(of: edit.range.lowerBound),
                    "\(last.what) and \(edit.what) overlap")
            }
            result[result.count - 1].range =
                last.range.lowerBound..<max(last.range.upperBound, edit.range.upperBound)
            if edit.range.upperBound > last.range.upperBound {
                result[result.count - 1].what += "; " + edit.what
            }
        }
        return result
    }

    /// The text with the edits made, last first so earlier offsets stay valid.
    func apply(_ edits: [TextEdit]) -> String {
        var bytes = source.bytes
        for edit in edits.reversed() {
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Maps every node offset inside each service's definition to the services reaching it.
    static func reachability(_ root: YAMLNode) -> [Int: Set<String>] {
        var reach: [Int: Set<String>] = [:]
        for pair in root["services"]?.mapping ?? [] {
            guard let name = pair.key.scalar else { continue }
            visit(pair.value) { reach[$0.start.offset, default: []].insert(name) }
        }
        return reach
    }

    /// Calls `body` for a node and every node under it, keys included.
    static func visit(_ node: YAMLNode, _ body: (YAMLNode) -> Void) {
        body(node)
        switch node.content {
        case .scalar: break
        case .sequence(let items): items.forEach { visit($0, body) }
        case .mapping(let pairs):
            for pair in pairs {
                visit(pair.key, body)
                visit(pair.value, body)
            }
        }
    }
}

/// What the editor knows about the whole change set while editing one change.
struct EditContext {
    var changes: [ModelChange]
    /// Services the plan removes: their own facts go with their block.
    var removedServices: Set<String>
    /// `service/KEY` of every environment entry the plan removes.
    var removedEnvironment: Set<String>

    init(changes: [ModelChange]) {
        self.changes = changes
        let removals = changes.filter { $0.action == .remove }
        removedServices = Set(
            removals.compactMap {
                if case .service(let service) = $0.entity { return service.name }
                return nil
            })
        removedEnvironment = Set(
            removals.compactMap {
                if case .environment(let entry) = $0.entity {
                    return "\(entry.service)/\(entry.name)"
                }
                return nil
            })
    }
}
