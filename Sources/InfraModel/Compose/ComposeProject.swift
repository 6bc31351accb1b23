/// The merged project as the importer reads it: services and top-level resources, with locations.
struct ComposeProject: Sendable {
    var name: String
    var directory: String
    var services: [ComposeService]
    var activeProfiles: [String]
    var volumes: [String: TopLevelResource] = [:]
    var networks: [String: TopLevelResource] = [:]
    var secrets: [String: TopLevelResource] = [:]
    var configs: [String: TopLevelResource] = [:]
    /// The `x-infraplan` block, if any.
    var infraplan: ComposeEntry?

    /// The service named `name`, if defined.
    func service(_ name: String) -> ComposeService? {
        services.first { $0.name == name }
    }

    /// True when the service runs under the active profiles (no profiles, `*`, or a shared one).
    func isActive(_ service: ComposeService) -> Bool {
        service.profiles.isEmpty || activeProfiles.contains("*")
            || service.profiles.contains { activeProfiles.contains($0) }
    }

    var activeServices: [ComposeService] { services.filter(isActive) }
}

/// A top-level volume, network, secret or config.
struct TopLevelResource: Sendable {
    var name: String
    var node: ComposeNode
    var location: SourceLocation

    var isExternal: Bool {
        ServiceReader.flag(node["external"]) == true || node["external"]?.entries != nil
    }

    /// The `name:` (or deprecated `external.name`) Docker knows it by, if set.
    var externalName: String? { node["name"]?.text ?? node["external"]?["name"]?.text }
}
