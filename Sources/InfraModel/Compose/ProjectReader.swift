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
