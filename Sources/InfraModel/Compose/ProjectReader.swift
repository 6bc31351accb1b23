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
        project.services = Self.resolvingContainerNames(services, root["services"])
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

    /// `network_mode: container:vpn` and `volumes_from: [container:vpn]` name a
    /// container; when it is one of the project's (`container_name: vpn`), that
    /// service is a dependency like `service:gluetun` would make it. A
    /// container from outside the project gives no edge.
    static func resolvingContainerNames(
        _ services: [ComposeService], _ node: ComposeNode?
    ) -> [ComposeService] {
        var byContainer: [String: String] = [:]
        for service in services {
            if let container = service.containerName?.name { byContainer[container] = service.name }
        }
        guard !byContainer.isEmpty else { return services }
        return services.map { service in
            var service = service
            let body = node?[service.name]
            var references: [(ComposeNode, DependencyKind)] = []
            if let mode = body?["network_mode"] { references.append((mode, .networkMode)) }
            for item in body?["volumes_from"]?.items ?? [] { references.append((item, .volumesFrom)) }
            for (reference, kind) in references {
                guard let text = reference.text, text.hasPrefix("container:") else { continue }
                let name = String(text.dropFirst("container:".count).split(separator: ":").first ?? "")
                guard let target = byContainer[name], target != service.name else { continue }
                service.dependencies.append(
                    DeclaredDependency(target: target, kind: kind, location: reference.location))
            }
            return service
        }
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
///
/// A name given explicitly — `-p`, `COMPOSE_PROJECT_NAME` (the environment or the
/// project's env files) or the top-level `name:` — must already be what Compose
/// accepts: lowercase letters, digits, `-` and `_`, starting with a letter or
/// digit. compose-go refuses any other, so the import does too, at the line that
/// set it. Only a name taken from the project folder is normalised.
enum ProjectNaming {
    /// The project's name, and whether only its folder gave it.
    struct Decision {
        var name: String
        /// True when nothing names the project, so Compose names it after its folder.
        var isImplicit: Bool
    }

    /// A name and where it was set: `-p` has no place, nor a process environment variable.
    struct Candidate {
        var name: String
        var origin: String
        var location: SourceLocation?
    }

    /// The name of the project `request` imports from `files` (parsed, not yet interpolated).
    ///
    /// An explicit name Compose refuses is reported in `diagnostics` and used as written.
    static func decide(
        _ request: ComposeImportRequest, environment: ProjectEnvironment, files: [ComposeNode],
        directory: String, diagnostics: inout ComposeDiagnostics
    ) -> Decision {
        guard let explicit = explicitName(request, environment: environment, files: files) else {
            return Decision(name: folderName(directory), isImplicit: true)
        }
        if !isValid(explicit.name) {
            diagnostics.report(
                .invalidProjectName(name: explicit.name, origin: explicit.origin),
                at: explicit.location)
        }
        return Decision(name: explicit.name, isImplicit: false)
    }

    /// `-p`, else `COMPOSE_PROJECT_NAME` (environment or `.env`), else the top-level `name:`.
    static func explicitName(
        _ request: ComposeImportRequest, environment: ProjectEnvironment, files: [ComposeNode]
    ) -> Candidate? {
        if let requested = request.projectName, !requested.isEmpty {
            return Candidate(name: requested, origin: "-p")
        }
        let key = "COMPOSE_PROJECT_NAME"
        if let variable = environment.variables[key], !variable.isEmpty {
            return Candidate(name: variable, origin: key, location: environment.locations[key])
        }
        return declaredName(in: files, variables: environment.variables)
    }

    /// The folder's name normalised: lowercase; only `a-z0-9_-`; no leading `_` or `-`.
    static func folderName(_ directory: String) -> String {
        let absolute =
            directory.hasPrefix("/")
            ? directory
            : FilePath.resolve(directory, against: FileManager.default.currentDirectoryPath)
        return normalize(FilePath.baseName(of: absolute))
    }

    /// The top-level `name:` of the last file that sets one, interpolated, as compose-go reads
    /// it before the files themselves: before `COMPOSE_PROJECT_NAME` takes the project's name.
    ///
    /// A template that does not interpolate is no name here; interpolating the file reports it
    /// at its place.
    static func declaredName(in files: [ComposeNode], variables: [String: String]) -> Candidate? {
        let written = files.compactMap { $0["name"] }.last { !($0.text ?? "").isEmpty }
        guard let written, let text = written.text,
            let output = try? Interpolator(variables: variables).substitute(text),
            !output.value.isEmpty
        else { return nil }
        return Candidate(name: output.value, origin: "name:", location: written.location)
    }

    /// The variables interpolation sees: `COMPOSE_PROJECT_NAME` is the project's name unless the
    /// environment or the project's env files set it.
    static func variables(_ variables: [String: String], projectName: String) -> [String: String] {
        var result = variables
        if result["COMPOSE_PROJECT_NAME"] == nil { result["COMPOSE_PROJECT_NAME"] = projectName }
        return result
    }

    /// True for a name Compose takes as it is: one that normalising leaves unchanged.
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && normalize(name) == name
    }

    static func normalize(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        let kept = name.lowercased().filter { allowed.contains($0) }
        return String(kept.drop { $0 == "_" || $0 == "-" })
    }
}
