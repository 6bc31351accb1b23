import Foundation

/// Reads Compose files into a `StackModel` exactly as `docker compose config` reads them.
///
/// The steps, each of which stops the import if it found an error:
///
/// 1. The project's env files (`.env`, or `--env-file`), under the process environment.
/// 2. Each file's YAML (anchors, merge keys, no duplicate keys, one document), and
///    the project's name, which interpolation sees as `COMPOSE_PROJECT_NAME`.
/// 3. Each file's interpolation, relative paths, `include`, `extends`; then the
///    files merged in order.
/// 4. The Compose schema: unknown keys, wrong types.
/// 5. The project: services under the active profiles, references, cycles,
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

        // Environment, name and files: a broken file leaves nothing to check further.
        let environment = ProjectEnvironment.load(request, directory: directory, loader: &loader)
        let parsed = request.files.map { ($0, loader.parseFile($0, referencedAt: nil)) }
        let naming = ProjectNaming.decide(
            request, environment: environment, files: parsed.compactMap(\.1),
            directory: directory, diagnostics: &diagnostics)
        let variables = ProjectNaming.variables(environment.variables, projectName: naming.name)
        let root = loadFiles(
            parsed, context: ProjectContext(directory: directory, variables: variables),
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
        if naming.isImplicit {
            warnAboutSharedName(
                naming.name, request, directory: directory, loader: loader, &diagnostics)
        }
        var reader = ProjectReader(substituted: loader.substitutedLocations)
        var project = reader.read(
            root, name: naming.name, directory: directory, profiles: environment.profiles)
        LabelFiles.apply(to: &project, loader: &loader)
        diagnostics.absorb(reader.diagnostics)
        let model = buildModel(
            project, variables: variables, loader: &loader, diagnostics: &diagnostics)
        try stopOnErrors(diagnostics)

        let inputs = loader.inputs.map { ImportedFile(path: $0.key, sha256: $0.value) }.sorted {
            $0.path < $1.path
        }
        return ComposeImport(model: model, warnings: diagnostics.sortedWarnings, inputs: inputs)
    }

    /// Resolves every parsed file and merges them in order; nil when none could be read.
    static func loadFiles(
        _ files: [(path: String, root: ComposeNode?)], context: ProjectContext,
        loader: inout ComposeLoader
    ) -> ComposeNode? {
        var merged: ComposeNode?
        for (file, parsed) in files {
            guard let parsed else { continue }
            let document = loader.resolveDocument(parsed, file: file, context: context)
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

    /// For a project named after its folder, a warning if another compose file there would
    /// get the same name (field case B09).
    static func warnAboutSharedName(
        _ name: String, _ request: ComposeImportRequest, directory: String,
        loader: ComposeLoader, _ diagnostics: inout ComposeDiagnostics
    ) {
        guard let first = request.files.first else { return }
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
    }

    static func stopOnErrors(_ diagnostics: ComposeDiagnostics) throws {
        if diagnostics.hasErrors { throw InputError(diagnostics.errors) }
    }
}
