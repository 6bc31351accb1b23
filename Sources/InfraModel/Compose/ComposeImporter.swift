import Foundation

/// Reads Compose files into a `StackModel` exactly as `docker compose config` reads them.
///
/// The steps, each of which stops the import if it found an error:
///
/// 1. The project's env files (`.env`, or `--env-file`), under the process environment.
/// 2. Each file: YAML (anchors, merge keys, no duplicate keys, one document),
///    interpolation, relative paths, `include`, `extends`; then the files merged in order.
/// 3. The Compose schema: unknown keys, wrong types.
/// 4. The project: services under the active profiles, references, cycles,
///    env files, Traefik routes, the `x-infraplan` block.
///
/// Nothing is written anywhere; secret files are never opened.
public enum ComposeImporter {
    /// Reads the files of `request` into a model.
    ///
    /// - Parameter request: files, environment, env files, profiles and project name.
    /// - Returns: the model, the warnings sorted by location, and every file read.
    /// - Throws: `InputError` holding every error found, each with `file:line:column`.
    public static func load(_ request: ComposeImportRequest) throws -> ComposeImport {
        guard let first = request.files.first else {
            throw InputError(.error("no-file", "no compose file given"))
        }
        var loader = ComposeLoader()
        var diagnostics = ComposeDiagnostics()
        let directory = FilePath.directory(of: first)

        // Environment and files: a broken file leaves nothing to check further.
        let environment = ProjectEnvironment.load(request, directory: directory, loader: &loader)
        let root = loadFiles(
            request.files,
            context: ProjectContext(directory: directory, variables: environment.variables),
            loader: &loader)
        diagnostics.absorb(loader.diagnostics)
        try stopOnErrors(diagnostics)
        guard let root else { throw InputError(.error("no-file", "no compose file could be read")) }

        // Schema, as Compose checks it before reading anything.
        var checker = SchemaChecker()
        checker.check(root, .file, path: [])
        diagnostics.absorb(checker.diagnostics)
        try stopOnErrors(diagnostics)

        // The project: read, validate, build the model.
        let name = projectName(
            request, variables: environment.variables, root: root, directory: directory,
            loader: loader, diagnostics: &diagnostics)
        var reader = ProjectReader(substituted: loader.substitutedLocations)
        var project = reader.read(
            root, name: name, directory: directory, profiles: environment.profiles)
        LabelFiles.apply(to: &project, loader: &loader)
        diagnostics.absorb(reader.diagnostics)
        let model = buildModel(
            project, variables: environment.variables, loader: &loader, diagnostics: &diagnostics)
        try stopOnErrors(diagnostics)

        let inputs = loader.inputs.map { ImportedFile(path: $0.key, sha256: $0.value) }.sorted {
            $0.path < $1.path
        }
        return ComposeImport(model: model, warnings: diagnostics.sortedWarnings, inputs: inputs)
    }

    /// Loads every file and merges them in order; nil when none could be read.
    static func loadFiles(_ files: [String], context: ProjectContext, loader: inout ComposeLoader)
        -> ComposeNode?
    {
        var merged: ComposeNode?
        for file in files {
            guard let document = loader.loadDocument(file, context: context) else { continue }
            merged = merged.map { ComposeMerger.mergeDocuments($0, document) } ?? document
        }
        return merged?.removingMergeTags()
    }

    /// Validates the project and builds its model, collecting every problem.
    static func buildModel(
        _ project: ComposeProject, variables: [String: String], loader: inout ComposeLoader,
        diagnostics: inout ComposeDiagnostics
    ) -> StackModel {
        var validator = ProjectValidator(project)
        validator.validate()
        diagnostics.absorb(validator.diagnostics)

        var builder = ModelBuilder(project, variables: variables)
        builder.build(loader: &loader)
        diagnostics.absorb(builder.diagnostics)
        diagnostics.absorb(loader.diagnostics)
        return builder.model
    }

    /// The project's name; when Compose would take it from the folder, a warning if
    /// another compose file there would get the same name (field case B09).
    static func projectName(
        _ request: ComposeImportRequest, variables: [String: String], root: ComposeNode,
        directory: String, loader: ComposeLoader, diagnostics: inout ComposeDiagnostics
    ) -> String {
        let declared = root["name"]?.text
        let name = ProjectNaming.name(
            requested: request.projectName, variables: variables, declared: declared,
            directory: directory)
        guard
            ProjectNaming.isImplicit(
                requested: request.projectName, variables: variables, declared: declared),
            let first = request.files.first
        else { return name }
        // Files imported together are one project here, but each run alone
        // (`docker compose -f erpnext.yml up --remove-orphans`) is the same project too.
        let here = FileManager.default.currentDirectoryPath
        let folder = FilePath.resolve(directory, against: here)
        let together = request.files.dropFirst().filter {
            FilePath.directory(of: FilePath.resolve($0, against: here)) == folder
        }.map(FilePath.baseName).filter {
            SiblingComposeFiles.isYAMLName($0) && !$0.lowercased().contains("override")
        }
        let others =
            together + SiblingComposeFiles.others(in: directory, imported: Array(loader.inputs.keys))
        if !others.isEmpty {
            diagnostics.report(
                .sharedImplicitName(name: name, others: others),
                at: SourceLocation(file: first, line: 1, column: 1))
        }
        return name
    }

    static func stopOnErrors(_ diagnostics: ComposeDiagnostics) throws {
        if diagnostics.hasErrors { throw InputError(diagnostics.errors) }
    }
}
