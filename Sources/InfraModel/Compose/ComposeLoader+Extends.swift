/// `extends`: a service starts from another service, in the same file or another one.
///
/// The extended service is resolved first (it may extend a third), then the
/// extending service is merged onto it with the rules of `ComposeMerger`.
/// A service file named by `extends.file` resolves its own relative paths
/// against its folder. A chain that comes back to a service already on it is
/// a cycle.
extension ComposeLoader {
    /// Resolves every `extends` of the document's services.
    mutating func resolveExtends(_ root: ComposeNode, file: String, context: ProjectContext)
        -> ComposeNode
    {
        guard let services = root["services"]?.entries,
            services.contains(where: { $0.value["extends"] != nil })
        else { return root }
        let document = ExtendsDocument(file: file, services: services, context: context)
        var resolved: [String: ComposeNode] = [:]
        for entry in services where entry.value["extends"] != nil {
            resolved[entry.key] = resolveService(entry.key, in: document, stack: [])
        }
        var result = root
        result.modify("services") { services in
            services.modifyValues { name, value in
                if let node = resolved[name] { value = node }
            }
        }
        return result
    }

    /// The service `name` with its `extends` chain applied; nil after reporting a problem.
    private mutating func resolveService(
        _ name: String, in document: ExtendsDocument, stack: [String]
    ) -> ComposeNode? {
        guard var node = document.services.first(where: { $0.key == name })?.value else {
            return nil
        }
        guard let extends = node["extends"] else { return node }
        let key = "\(FilePath.normalize(document.file))#\(name)"
        let chain = stack + [key]
        if stack.contains(key) {
            let names = chain.map { String($0.split(separator: "#").last ?? "") }
            diagnostics.report(.extendsCycle(path: names), at: extends.location)
            return nil
        }
        node.removeValue(forKey: "extends")
        guard let (target, targetDocument) = extendsTarget(extends, of: name, in: document) else {
            return nil
        }
        guard let base = resolveService(target, in: targetDocument, stack: chain) else {
            return nil
        }
        return ComposeMerger.mergeService(base, node)
    }

    /// The service an `extends` names and the document holding it.
    private mutating func extendsTarget(
        _ extends: ComposeNode, of name: String, in document: ExtendsDocument
    ) -> (String, ExtendsDocument)? {
        let target = extends.text ?? extends["service"]?.text ?? ""
        var targetDocument = document
        if let fileNode = extends["file"], let file = fileNode.text,
            FilePath.normalize(file) != FilePath.normalize(document.file)
        {
            guard FileSystem.isFile(file) else {
                diagnostics.report(
                    .extendsFileMissing(path: file, service: name), at: fileNode.location)
                return nil
            }
            let context = document.context.relocated(to: FilePath.directory(of: file))
            guard
                let other = extendedDocument(
                    file, context: context, referencedAt: fileNode.location)
            else {
                return nil
            }
            targetDocument = ExtendsDocument(
                file: file, services: other["services"]?.entries ?? [], context: context)
        }
        guard targetDocument.services.contains(where: { $0.key == target }) else {
            let names = targetDocument.services.map(\.key)
            diagnostics.report(
                .extendsUndefined(
                    service: name, target: target, file: targetDocument.file,
                    suggestion: NameSuggestion.nearest(to: target, in: names)),
                at: extends["service"]?.location ?? extends.location)
            return nil
        }
        return (target, targetDocument)
    }

    /// Reads a file named by `extends.file` once per import, interpolated and path-resolved.
    private mutating func extendedDocument(
        _ file: String, context: ProjectContext, referencedAt location: SourceLocation
    ) -> ComposeNode? {
        let key = FilePath.normalize(file)
        if let cached = cachedExtendedDocument(key) { return cached }
        guard var root = parseFile(file, referencedAt: location) else { return nil }
        root = ComposeInterpolation.interpolate(
            root, with: context.variables, into: &diagnostics, substituted: &substitutedLocations)
        root = PathResolver.resolve(root, in: context)
        cacheExtendedDocument(root, key)
        return root
    }
}

/// A document whose services `extends` may name.
struct ExtendsDocument {
    var file: String
    var services: [ComposeEntry]
    var context: ProjectContext
}
