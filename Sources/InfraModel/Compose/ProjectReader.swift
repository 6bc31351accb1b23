import Foundation

/// Reads the merged document into a `ComposeProject`: services, top-level resources, name.
struct ProjectReader {
    var diagnostics = ComposeDiagnostics()
    var substituted: Set<SourceLocation> = []

    /// Reads `root`; `name` is the project name already decided by `ProjectNaming`.
    mutating func read(
        _ root: ComposeNode, name: String, directory: String, profiles: [String]
    ) -> ComposeProject {
        var project = ComposeProject(
            name: name, directory: directory, services: [], activeProfiles: profiles)
        var reader = ServiceReader(substituted: substituted)
        var services: [ComposeService] = []
        for entry in root["services"]?.entries ?? [] {
            guard !entry.value.isNull else {
                diagnostics.report(.nullService(service: entry.key), at: entry.keyLocation)
                continue
            }
            services.append(reader.read(entry.key, entry.value, at: entry.keyLocation))
        }
        project.services = services
        for warning in reader.diagnostics.warnings { diagnostics.report(warning) }
        for error in reader.diagnostics.errors { diagnostics.report(error) }
        project.volumes = Self.resources(root["volumes"])
        project.networks = Self.resources(root["networks"])
        project.secrets = Self.resources(root["secrets"])
        project.configs = Self.resources(root["configs"])
        project.infraplan = root.entry("x-infraplan")
        checkObsoleteKeys(root)
        return project
    }

    static func resources(_ node: ComposeNode?) -> [String: TopLevelResource] {
        var result: [String: TopLevelResource] = [:]
        for entry in node?.entries ?? [] {
            result[entry.key] = TopLevelResource(
                name: entry.key, node: entry.value, location: entry.keyLocation)
        }
        return result
    }

    private mutating func checkObsoleteKeys(_ root: ComposeNode) {
        for kind in ["volumes", "networks", "secrets", "configs"] {
            for entry in root[kind]?.entries ?? [] {
                guard let name = entry.value["external"]?.entry("name") else { continue }
                diagnostics.report(
                    .obsoleteKey(
                        path: "\(kind).\(entry.key).external.name", remedy: "use name: instead"),
                    at: name.keyLocation)
            }
        }
    }
}

/// Decides the project name as Compose does.
enum ProjectNaming {
    /// The name of the project `request` imports from `files` (parsed, not yet interpolated),
    /// and whether it is only the folder's, since nothing else names the project.
    static func decide(
        _ request: ComposeImportRequest, variables: [String: String], files: [ComposeNode],
        directory: String
    ) -> (name: String, isImplicit: Bool) {
        let declared = declaredName(in: files, variables: variables)
        let name = name(
            requested: request.projectName, variables: variables, declared: declared,
            directory: directory)
        let isImplicit = isImplicit(
            requested: request.projectName, variables: variables, declared: declared)
        return (name, isImplicit)
    }

    /// `-p`, else `COMPOSE_PROJECT_NAME` (environment or `.env`), else the top-level `name:`,
    /// else the project folder's name normalised (lowercase; only `a-z0-9_-`; no leading `_-`).
    static func name(
        requested: String?, variables: [String: String], declared: String?, directory: String
    ) -> String {
        if let requested, !requested.isEmpty { return normalize(requested) }
        if let variable = variables["COMPOSE_PROJECT_NAME"], !variable.isEmpty {
            return normalize(variable)
        }
        if let declared, !declared.isEmpty { return normalize(declared) }
        let absolute =
            directory.hasPrefix("/")
            ? directory
            : FilePath.resolve(directory, against: FileManager.default.currentDirectoryPath)
        return normalize(FilePath.baseName(of: absolute))
    }

    /// The top-level `name:` of the last file that sets one, interpolated, as compose-go reads
    /// it before the files themselves: before `COMPOSE_PROJECT_NAME` takes the project's name.
    ///
    /// A template that does not interpolate is left as written here; interpolating the file
    /// reports it at its place.
    static func declaredName(in files: [ComposeNode], variables: [String: String]) -> String? {
        guard let written = files.compactMap({ $0["name"]?.text }).last(where: { !$0.isEmpty })
        else { return nil }
        let output = try? Interpolator(variables: variables).substitute(written)
        return output?.value ?? written
    }

    /// The variables interpolation sees: `COMPOSE_PROJECT_NAME` is the project's name unless the
    /// environment or the project's env files set it.
    static func variables(_ variables: [String: String], projectName: String) -> [String: String] {
        var result = variables
        if result["COMPOSE_PROJECT_NAME"] == nil { result["COMPOSE_PROJECT_NAME"] = projectName }
        return result
    }

    /// True when nothing names the project, so Compose names it after its folder.
    static func isImplicit(requested: String?, variables: [String: String], declared: String?)
        -> Bool
    {
        [requested, variables["COMPOSE_PROJECT_NAME"], declared].allSatisfy {
            $0?.isEmpty ?? true
        }
    }

    static func normalize(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        let kept = name.lowercased().filter { allowed.contains($0) }
        return String(kept.drop { $0 == "_" || $0 == "-" })
    }
}
