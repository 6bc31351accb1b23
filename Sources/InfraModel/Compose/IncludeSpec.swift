/// One entry of a top-level `include:`, short (`- path.yml`) or long (`- path: [...]`).
struct IncludeSpec {
    /// The files to include, resolved against the including project, with where each was named.
    var paths: [(path: String, location: SourceLocation)]
    /// `env_file` values for the included project's interpolation.
    var envFiles: [(path: String, location: SourceLocation)]
    /// `project_directory`, resolved; nil for the first file's folder.
    var projectDirectory: String?
    var location: SourceLocation

    /// Reads an entry; reports and returns nil when it has no usable path.
    init?(_ node: ComposeNode, against directory: String, diagnostics: inout ComposeDiagnostics) {
        location = node.location
        func resolved(_ node: ComposeNode?) -> [(String, SourceLocation)] {
            guard let node else { return [] }
            let items = node.items ?? [node]
            return items.compactMap { item in
                item.text.map { (FilePath.resolve($0, against: directory), item.location) }
            }
        }
        if node.text != nil {
            paths = resolved(node)
            envFiles = []
        } else {
            paths = resolved(node["path"])
            envFiles = resolved(node["env_file"])
            projectDirectory = node["project_directory"]?.text.map { FilePath.resolve($0, against: directory) }
        }
        guard !paths.isEmpty else {
            diagnostics.report(
                .wrongType(path: "include", expected: "a path or a mapping with path", found: node.kindName),
                at: node.location)
            return nil
        }
    }
}
