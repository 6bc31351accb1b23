/// Works out each service's effective environment, as the container would see it.
///
/// `env_file` entries come first, in order (a later file wins), then the
/// `environment:` entries win over them. An env file's own values win over
/// the project's variables (process environment over `.env`), which only
/// fill its bare `KEY` lines and its `${VAR}` references, with the earlier
/// env files of the service over them, as compose-go resolves them. A bare
/// `KEY` under `environment:` takes the project's value or stays a
/// pass-through. A required `env_file` that does not exist refuses the
/// import for active services, once per file, naming every service using it;
/// a `.example` copy beside it is mentioned. An entry with `format: raw` is read
/// as written (see `DotEnvParser`); another format is refused.
struct EnvironmentResolver {
    let project: ComposeProject
    let variables: [String: String]
    var diagnostics = ComposeDiagnostics()
    /// Env files read so far, by path and the values their earlier files added to the lookup.
    private var fileCache: [EnvFileRead: [DotEnvParser.Entry]] = [:]
    private var missing: [String: (services: [String], location: SourceLocation)] = [:]

    init(project: ComposeProject, variables: [String: String]) {
        self.project = project
        self.variables = variables
    }

    /// The environment of every service, by service name, each list sorted by key.
    mutating func resolve(loader: inout ComposeLoader) -> [String: [ResolvedVariable]] {
        var result: [String: [ResolvedVariable]] = [:]
        for service in project.services {
            result[service.name] = resolve(service, loader: &loader)
        }
        for (path, usage) in missing.sorted(by: { $0.key < $1.key }) {
            let example = path + ".example"
            diagnostics.report(
                .envFileMissing(
                    path: path, services: usage.services,
                    example: FileSystem.isFile(example) ? example : nil),
                at: usage.location)
        }
        return result
    }

    private mutating func resolve(_ service: ComposeService, loader: inout ComposeLoader)
        -> [ResolvedVariable]
    {
        var byKey: [String: ResolvedVariable] = [:]
        var fromFiles: [String: String] = [:]
        for reference in service.envFiles {
            let read = EnvFileRead(
                path: reference.path, format: reference.format, earlier: fromFiles)
            for entry in envFile(reference, read, of: service, loader: &loader) {
                fromFiles[entry.key] = entry.value
                byKey[entry.key] = ResolvedVariable(
                    key: entry.key, value: entry.value, origin: .envFile(reference.path),
                    location: SourceLocation(file: reference.path, line: entry.line, column: 1))
            }
        }
        for declared in service.environment {
            let value = declared.value ?? variables[declared.key]
            let origin: EnvironmentOrigin =
                declared.isInterpolated || (declared.value == nil && value != nil)
                ? .interpolated : .inline
            byKey[declared.key] = ResolvedVariable(
                key: declared.key, value: value, origin: origin, location: declared.location)
        }
        return byKey.values.sorted { $0.key < $1.key }
    }

    private mutating func envFile(
        _ reference: EnvFileReference, _ read: EnvFileRead, of service: ComposeService,
        loader: inout ComposeLoader
    ) -> [DotEnvParser.Entry] {
        if let cached = fileCache[read] { return cached }
        guard FileSystem.isFile(reference.path) else {
            if reference.isRequired, project.isActive(service) {
                var usage = missing[reference.path] ?? ([], reference.location)
                if !usage.services.contains(service.name) { usage.services.append(service.name) }
                if reference.location < usage.location { usage.location = reference.location }
                missing[reference.path] = usage
            }
            return []
        }
        let lookup = variables.merging(read.earlier) { $1 }
        guard let format = envFileFormat(reference) else { return [] }
        let entries =
            loader.readEnvFile(
                reference.path, lookup: lookup, referencedAt: reference.location, format: format)
            ?? []
        for entry in entries {
            ProjectEnvironment.checkDollar(entry, in: reference.path, diagnostics: &diagnostics)
        }
        fileCache[read] = entries
        return entries
    }
}

extension EnvironmentResolver {
    /// The format an `env_file` entry names; nil, after reporting it, for one Compose lacks.
    ///
    /// docker compose knows its own format (no `format`, or an empty one) and `raw`, and
    /// refuses any other word where it reads the file.
    mutating func envFileFormat(_ reference: EnvFileReference) -> DotEnvParser.Format? {
        switch reference.format {
        case nil, "": return .dotenv
        case "raw": return .raw
        case let other?:
            diagnostics.report(
                .unknownEnvFileFormat(path: reference.path, format: other),
                at: reference.formatLocation ?? reference.location)
            return nil
        }
    }
}

/// One reading of an env file: the same file reads differently after other env files.
private struct EnvFileRead: Hashable {
    var path: String
    var format: String?
    /// What the service's earlier env files defined, which its references see first.
    var earlier: [String: String]
}

/// One variable of a service's effective environment; `value` nil for a pass-through without value.
struct ResolvedVariable: Sendable {
    var key: String
    var value: String?
    var origin: EnvironmentOrigin
    var location: SourceLocation

    /// The model entity, with the value classified (and redacted when sensitive).
    func entity(service: String) -> EnvironmentEntry {
        let classified =
            value.map { EnvironmentValue.classify(key: key, value: $0) } ?? .passthrough
        return EnvironmentEntry(
            service: service, name: key, value: classified, origin: origin,
            source: location.fileAndLine)
    }
}
