/// From one model change to the text edits that make it.
extension ComposeEditor {
    /// The edits that make `change`; empty when another edit already covers it.
    ///
    /// - Throws: `ComposeEditError` for a change the editor does not write.
    func textEdits(for change: ModelChange, context: EditContext) throws -> [TextEdit] {
        if let owner = change.entity.owningService, context.removedServices.contains(owner),
            change.kind != .service
        {
            return []
        }
        switch (change.action, change.entity) {
        case (.modify, .service(let after)):
            guard case .service(let before) = change.before else { throw unsupported(change) }
            return [try imageEdit(before, after)]
        case (.remove, .service(let service)):
            return [try topLevelRemoval("services", service.name, what: "service \(service.name)")]
        case (.remove, .secret(let secret)):
            return [try topLevelRemoval("secrets", secret.name, what: "secret \(secret.name)")]
        case (.remove, .environment(let entry)):
            return [try environmentRemoval(entry)]
        case (.remove, .secretGrant(let grant)):
            return [try secretGrantRemoval(grant)]
        case (.remove, .dependency(let dependency)):
            return try dependencyRemoval(dependency, context: context)
        case (.modify, .connection(let after)):
            guard case .connection(let before) = change.before else { throw unsupported(change) }
            return [try connectionEdit(before, after)]
        case (.remove, .database(let database))
        where context.removedServices.contains(database.service):
            return []
        default:
            throw unsupported(change)
        }
    }

    /// The service's definition in this file.
    func serviceNode(_ name: String) throws -> YAMLNode {
        guard let node = root["services"]?[name], node.mapping != nil else {
            throw ComposeEditError(file: file, "service '\(name)' is not defined in this file")
        }
        return node
    }

    /// Changes the tag (or the whole reference) inside a service's `image:` scalar.
    func imageEdit(_ before: Service, _ after: Service) throws -> TextEdit {
        var rest = (before, after)
        rest.0.image = nil
        rest.1.image = nil
        guard rest.0.differsOnlyInSource(from: rest.1), let old = before.image,
            let new = after.image
        else {
            throw ComposeEditError(
                file: file, "service '\(after.name)' changes more than its image")
        }
        guard let node = try serviceNode(after.name)["image"], node.scalar != nil else {
            throw ComposeEditError(
                file: file, "service '\(after.name)' has no image of its own in this file")
        }
        let range = source.byteOffset(node.start)..<source.byteOffset(node.end)
        let written = source.slice(range)
        if let problem = setVariableProblem(in: written, service: after.name, line: node.start.line) {
            throw problem
        }
        guard
            let replaced = Self.replaceOnce(old.description, with: new.description, in: written)
                ?? Self.replaceTag(old, new, in: written)
        else {
            throw ComposeEditError(
                file: file, line: node.start.line,
                "image of '\(after.name)' is written as '\(written)', "
                    + "which does not hold '\(old)' exactly once"
            )
        }
        let note = written.contains("${") ? ", as the default of an interpolation" : ""
        return TextEdit(
            range: range, replacement: replaced, nodeOffset: node.start.offset,
            services: [after.name],
            what: "image \(old) -> \(new)\(note)")
    }

    /// `text` with the one occurrence of `old` replaced; nil unless it occurs exactly once.
    static func replaceOnce(_ old: String, with new: String, in text: String) -> String? {
        let parts = text.components(separatedBy: old)
        return parts.count == 2 ? parts.joined(separator: new) : nil
    }

    /// Replaces only the tag when the repository stays, as `${TAG:-2025.8.4}` needs.
    static func replaceTag(_ old: ImageReference, _ new: ImageReference, in text: String) -> String?
    {
        guard old.repository == new.repository, old.digest == new.digest, let oldTag = old.tag,
            let newTag = new.tag
        else { return nil }
        return replaceOnce(oldTag, with: newTag, in: text)
    }

    /// Sets the number of a declared connection estimate in `x-infraplan.connections`.
    func connectionEdit(_ before: ConnectionEstimate, _ after: ConnectionEstimate) throws
        -> TextEdit
    {
        let what = "connections of \(after.client) to \(after.database)"
        guard before.origin == .declared, after.origin == .declared,
            let node = root["x-infraplan"]?["connections"]?[after.client]?[after.database],
            node.scalar == String(before.expected)
        else {
            throw ComposeEditError(
                file: file, "\(what) are not declared as \(before.expected) in x-infraplan")
        }
        return TextEdit(
            range: source.byteOffset(node.start)..<source.byteOffset(node.end),
            replacement: String(after.expected), nodeOffset: node.start.offset, services: [],
            what: "\(what) \(before.expected) -> \(after.expected)")
    }

    /// The error for a change the editor does not write.
    func unsupported(_ change: ModelChange) -> ComposeEditError {
        let verb =
            ["add": "adds", "remove": "removes", "modify": "changes"][change.action.rawValue]
            ?? "changes"
        return ComposeEditError(
            file: file,
            "the plan \(verb) \(change.kind.rawValue) '\(change.entity.displayName)', "
                + "which infraplan does not write into compose files")
    }
}
