/// The check of an edited text: it must parse, and say what the plan says.
extension ComposeEditor {
    /// Parses the edited text and looks for each change again.
    ///
    /// - Throws: `ComposeEditError` when the text is no longer YAML, or a change
    ///   is not visible in it (say, a key removed from a service that a merge
    ///   key still brings back).
    func verify(_ text: String, context: EditContext) throws {
        let edited: ComposeEditor
        do {
            edited = try ComposeEditor(text: text, file: file)
        } catch {
            throw ComposeEditError(file: file, "the edited file would not be valid YAML (\(error))")
        }
        for change in context.changes {
            if let problem = edited.remainder(of: change, context: context) {
                throw ComposeEditError(file: file, "after the edit, \(problem)")
            }
        }
    }

    /// What of `change` the text does not show yet; nil when it shows it all.
    func remainder(of change: ModelChange, context: EditContext) -> String? {
        let services = root["services"]
        if let owner = change.entity.owningService, context.removedServices.contains(owner),
            change.kind != .service
        {
            return services?[owner] == nil ? nil : "service '\(owner)' is still defined"
        }
        switch (change.action, change.entity) {
        case (.remove, .service(let service)):
            let present = services?[service.name] != nil
            return present ? "service '\(service.name)' is still defined" : nil
        case (.remove, .secret(let secret)):
            let present = root["secrets"]?[secret.name] != nil
            return present ? "secret '\(secret.name)' is still defined" : nil
        case (.remove, .environment(let entry)):
            let present = has(entry.service, "environment", entry.name) { item in
                item.scalar == entry.name || item.scalar?.hasPrefix(entry.name + "=") == true
            }
            return present ? "environment \(entry.name) of \(entry.service) is still there" : nil
        case (.remove, .secretGrant(let grant)):
            let present = has(grant.service, "secrets", nil) {
                ComposeEditor.item($0, mounts: grant)
            }
            return present ? "secret \(grant.secret) of \(grant.service) is still there" : nil
        case (.remove, .dependency(let dependency)) where dependency.kind == .dependsOn:
            let present = has(dependency.from, "depends_on", dependency.to) { item in
                item.scalar == dependency.to
            }
            let what = "depends_on \(dependency.to) of \(dependency.from)"
            return present ? "\(what) is still there" : nil
        case (.modify, .service(let service)):
            let written = services?[service.name]?["image"]?.scalar ?? ""
            let expected = service.image?.tag ?? service.image?.description ?? ""
            return written.contains(expected) ? nil : "the image of \(service.name) is '\(written)'"
        case (.modify, .connection(let estimate)):
            let node = root["x-infraplan"]?["connections"]?[estimate.client]?[estimate.database]
            let expected = String(estimate.expected)
            return node?.scalar == expected ? nil : "\(estimate.displayName) is not \(expected)"
        default:
            return nil
        }
    }

    /// True when `service.key` holds the pair `name` or an item `matches` accepts.
    func has(_ service: String, _ key: String, _ name: String?, item matches: (YAMLNode) -> Bool)
        -> Bool
    {
        guard let collection = root["services"]?[service]?[key] else { return false }
        if let name, collection[name] != nil { return true }
        return collection.sequence?.contains(where: matches) ?? false
    }
}
