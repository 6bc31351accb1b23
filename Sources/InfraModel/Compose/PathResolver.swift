/// Rewrites the relative paths of one document against the folder they are relative to.
///
/// Compose resolves `env_file`, `label_file`, `extends.file` and the `file`
/// of secrets and configs against the project folder (for an included or
/// extended file, that file's own folder) when it loads the file, before
/// merging; afterwards nobody can tell which file a path came from. Relative
/// bind sources (short syntax `./x:/y`, long syntax `type: bind`) are kept
/// as written in the imported project's own files; in an included or
/// extended file elsewhere they are rewritten relative to the imported
/// project's folder (`./conf` in `common/base.yml` becomes `./common/conf`),
/// so the model and the bind-source check read them from the right place.
/// Build paths are kept as written: infraplan does not open them.
enum PathResolver {
    static func resolve(_ root: ComposeNode, in context: ProjectContext) -> ComposeNode {
        let directory = context.directory
        let isElsewhere =
            FilePath.normalize(directory) != FilePath.normalize(context.modelDirectory)
        var root = root
        root.modify("services") { services in
            services.modifyValues { _, service in
                resolveService(&service, directory)
                guard isElsewhere else { return }
                service.modify("volumes") { volumes in
                    volumes.modifyItems {
                        resolveBindSource(&$0, from: directory, to: context.modelDirectory)
                    }
                }
            }
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

    /// Rewrites a relative bind source written in `directory` relative to `modelDirectory`.
    private static func resolveBindSource(
        _ volume: inout ComposeNode, from directory: String, to modelDirectory: String
    ) {
        func rebased(_ source: String) -> String {
            FilePath.relative(FilePath.resolve(source, against: directory), to: modelDirectory)
        }
        if volume["type"]?.text == "bind" {
            volume.modify("source") { source in
                source.replaceText { isRelative($0) ? rebased($0) : $0 }
            }
            return
        }
        // Short syntax: only a source starting with `.` is a relative path; else a volume name.
        volume.replaceText { spec in
            var parts = spec.split(separator: ":", omittingEmptySubsequences: false)
                .map(String.init)
            guard parts.count >= 2, parts[0].hasPrefix(".") else { return spec }
            parts[0] = rebased(parts[0])
            return parts.joined(separator: ":")
        }
    }

    /// True for a host path relative to the file's folder (not absolute, not under `~`).
    private static func isRelative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~")
    }

    private static func resolveText(_ node: inout ComposeNode, _ directory: String) {
        node.replaceText { FilePath.resolve($0, against: directory) }
    }
}
