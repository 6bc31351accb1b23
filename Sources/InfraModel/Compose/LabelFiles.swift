/// Reads `label_file:` entries into a service's labels, as Compose does before anything else.
///
/// A label file holds `key=value` lines in the `.env` format; labels written
/// in `labels:` win over the file's. A label file that does not exist is an
/// error at the entry that names it.
enum LabelFiles {
    /// Adds every label file's labels to the services of `project`.
    static func apply(to project: inout ComposeProject, loader: inout ComposeLoader) {
        guard project.services.contains(where: { !$0.labelFiles.isEmpty }) else { return }
        var services = project.services
        for index in services.indices {
            var fromFiles: [DeclaredLabel] = []
            for reference in services[index].labelFiles {
                guard FileSystem.isFile(reference.path) else {
                    loader.diagnostics.report(
                        .unreadableFile(path: reference.path, reason: "label_file not found"),
                        at: reference.location)
                    continue
                }
                let entries = loader.readEnvFile(
                    reference.path, lookup: [:], referencedAt: reference.location)
                fromFiles += (entries ?? []).map { entry in
                    DeclaredLabel(
                        key: entry.key, value: entry.value,
                        location: SourceLocation(file: reference.path, line: entry.line, column: 1))
                }
            }
            let written = Set(services[index].labels.map(\.key))
            services[index].labels =
                fromFiles.filter { !written.contains($0.key) } + services[index].labels
        }
        project.services = services
    }
}
