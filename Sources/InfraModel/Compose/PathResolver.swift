/// Rewrites the relative paths of one document against the folder they are relative to.
///
/// Compose resolves `env_file`, `label_file`, `extends.file` and the `file`
/// of secrets and configs against the project folder (for an included or
/// extended file, that file's own folder) when it loads the file, before
/// merging; afterwards nobody can tell which file a path came from. Volume
/// and build paths are kept as written: infraplan does not open them.
enum PathResolver {
    static func resolve(_ root: ComposeNode, against directory: String) -> ComposeNode {
        var root = root
        root.modify("services") { services in
            services.modifyValues { _, service in resolveService(&service, directory) }
        }
        for kind in ["secrets", "configs"] {
            root.modify(kind) { definitions in
                definitions.modifyValues { _, definition in
                    definition.modify("file") { resolveText(&$0, directory) }
                }
            }
        }
        return root
    }

    private static func resolveService(_ service: inout ComposeNode, _ directory: String) {
        for key in ["env_file", "label_file"] {
            service.modify(key) { value in
                resolveText(&value, directory)
                value.modifyItems { item in
                    resolveText(&item, directory)
                    item.modify("path") { resolveText(&$0, directory) }
                }
            }
        }
        service.modify("extends") { $0.modify("file") { resolveText(&$0, directory) } }
    }

    private static func resolveText(_ node: inout ComposeNode, _ directory: String) {
        node.replaceText { FilePath.resolve($0, against: directory) }
    }
}
