import Foundation

/// Checks a read project as `docker compose config` does, plus what infraplan warns about.
///
/// Only active services are checked, as Compose checks only the services it
/// would run: a fragment whose services sit behind a profile loads without it.
/// Errors: services without image or build, references to undefined or
/// inactive services (an optional `depends_on` is skipped only when the
/// target is disabled by its profiles, as compose-go skips it; an undefined
/// one is refused), undeclared secrets, configs, networks and volumes,
/// dependency cycles, `container_name` with replicas or shared by two
/// services, `network_mode` with `networks`, a `healthcheck.test` list not
/// starting with `CMD`, `CMD-SHELL` or `NONE`, a secret or config with no source or
/// with two. Warnings: unpinned images,
/// `service_healthy` on a service without healthcheck, skipped optional
/// dependencies, missing secret files.
struct ProjectValidator {
    let project: ComposeProject
    var diagnostics = ComposeDiagnostics()

    init(_ project: ComposeProject) {
        self.project = project
    }

    mutating func validate() {
        for service in project.activeServices {
            checkImage(service)
            checkDependencies(service)
            checkResources(service)
            checkExclusions(service)
            checkHealthcheck(service)
            checkBindSources(service)
        }
        checkContainerNames()
        checkCycles()
        checkSources()
        checkSecretFiles()
    }

    private mutating func checkImage(_ service: ComposeService) {
        guard let image = service.image else {
            if !service.hasBuild {
                diagnostics.report(.noImageOrBuild(service: service.name), at: service.location)
            }
            return
        }
        let reference = ImageReference(parsing: image)
        guard reference.isUnpinned, !image.isEmpty, !service.hasBuild else { return }
        let isStateful = service.volumes.contains { $0.kind == .volume || $0.kind == .bind }
        diagnostics.report(
            .unpinnedImage(
                service: service.name, image: image, isImplicitLatest: reference.tag == nil,
                isStateful: isStateful),
            at: service.imageLocation)
    }

    private mutating func checkDependencies(_ service: ComposeService) {
        for dependency in service.dependencies {
            guard let target = project.service(dependency.target) else {
                let names = project.services.map(\.name)
                diagnostics.report(
                    .undefinedService(
                        service: service.name, relation: Self.relation(dependency.kind),
                        target: dependency.target,
                        suggestion: NameSuggestion.nearest(to: dependency.target, in: names)),
                    at: dependency.location)
                continue
            }
            checkTarget(target, of: dependency, from: service)
        }
    }

    private mutating func checkTarget(
        _ target: ComposeService, of dependency: DeclaredDependency, from service: ComposeService
    ) {
        guard project.isActive(target) else {
            if dependency.isRequired {
                diagnostics.report(
                    .inactiveDependency(
                        service: service.name, target: target.name, profiles: target.profiles),
                    at: dependency.location)
            } else {
                diagnostics.report(
                    .skippedDependency(service: service.name, target: target.name),
                    at: dependency.location)
            }
            return
        }
        let hasHealthcheck = target.healthcheck.map { !$0.isDisabled && !$0.test.isEmpty } ?? false
        if dependency.condition == "service_healthy", !hasHealthcheck {
            diagnostics.report(
                .healthcheckMissing(service: service.name, target: target.name),
                at: dependency.location)
        }
    }

    static func relation(_ kind: DependencyKind) -> String {
        switch kind {
        case .links: return "links to"
        case .volumesFrom: return "takes volumes from"
        case .networkMode: return "shares the network of"
        default: return "depends on"
        }
    }
}

extension ProjectValidator {
    private mutating func checkResources(_ service: ComposeService) {
        for secret in service.secrets where project.secrets[secret.source] == nil {
            reportUndefined(service, "secret", secret.source, secret.location, project.secrets.keys)
        }
        for config in service.configs where project.configs[config.source] == nil {
            reportUndefined(service, "config", config.source, config.location, project.configs.keys)
        }
        for network in service.networks
        where network.name != "default" && project.networks[network.name] == nil {
            reportUndefined(
                service, "network", network.name, network.location, project.networks.keys)
        }
        for volume in service.volumes where volume.kind == .volume {
            guard let name = volume.source, project.volumes[name] == nil else { continue }
            reportUndefined(service, "volume", name, volume.location, project.volumes.keys)
        }
    }

    private mutating func reportUndefined(
        _ service: ComposeService, _ kind: String, _ name: String, _ location: SourceLocation,
        _ candidates: Dictionary<String, TopLevelResource>.Keys
    ) {
        diagnostics.report(
            .undefinedResource(
                service: service.name, kind: kind, name: name,
                suggestion: NameSuggestion.nearest(to: name, in: Array(candidates))),
            at: location)
    }

    private mutating func checkExclusions(_ service: ComposeService) {
        if let containerName = service.containerName, let replicas = service.replicas, replicas > 1
        {
            diagnostics.report(
                .containerNameWithReplicas(service: service.name, replicas: replicas),
                at: containerName.location)
        }
        if let mode = service.networkMode, !service.networks.isEmpty {
            diagnostics.report(.networkModeWithNetworks(service: service.name), at: mode.location)
        }
    }

    /// Refuses a `healthcheck.test` list whose first word Docker does not know.
    private mutating func checkHealthcheck(_ service: ComposeService) {
        guard let location = service.healthcheckTestLocation,
            let first = service.healthcheck?.test.first,
            !["CMD", "CMD-SHELL", "NONE"].contains(first)
        else { return }
        diagnostics.report(.invalidHealthcheck(service: service.name, first: first), at: location)
    }

    /// Refuses a `container_name` that an earlier active service already sets.
    private mutating func checkContainerNames() {
        var owners: [String: String] = [:]
        for service in project.activeServices {
            guard let containerName = service.containerName else { continue }
            if let owner = owners[containerName.name] {
                diagnostics.report(
                    .duplicateContainerName(
                        service: service.name, name: containerName.name, owner: owner),
                    at: containerName.location)
            } else {
                owners[containerName.name] = service.name
            }
        }
    }

    /// Warns about long-syntax bind mounts whose source is missing: Docker refuses to start them,
    /// where the short syntax would create an empty folder instead.
    private mutating func checkBindSources(_ service: ComposeService) {
        for volume in service.volumes where volume.isLongSyntax && volume.kind == .bind {
            guard let source = volume.source, !source.isEmpty else { continue }
            let path = FilePath.resolve(source, against: project.directory)
            if !FileSystem.exists(path) {
                diagnostics.report(
                    .missingBindSource(service: service.name, path: source), at: volume.location)
            }
        }
    }

    /// Reports each cycle among active services once, at the first edge of its path.
    private mutating func checkCycles() {
        var edges: [String: [String]] = [:]
        var locations: [String: SourceLocation] = [:]
        for service in project.activeServices {
            for dependency in service.dependencies where dependency.kind.ordersStartup {
                guard let target = project.service(dependency.target), project.isActive(target)
                else { continue }
                edges[service.name, default: []].append(target.name)
                locations["\(service.name)\u{0}\(target.name)"] =
                    locations["\(service.name)\u{0}\(target.name)"]
                    ?? dependency.location
            }
        }
        for path in DependencyCycles(edges: edges).cycles() {
            let location = locations["\(path[0])\u{0}\(path[1])"]
            diagnostics.report(.dependencyCycle(path: path), at: location)
        }
    }

    /// Refuses a top-level secret or config with no source, or with more than one.
    ///
    /// A secret comes from exactly one of `file`, `environment` or `external: true`; a config
    /// may also give its `content`. One with a `driver` needs none, as that driver may supply
    /// it. compose-go refuses the rest when it validates the project.
    private mutating func checkSources() {
        for (kind, resources) in [("secret", project.secrets), ("config", project.configs)] {
            for resource in resources.values.sorted(by: { $0.name < $1.name }) {
                let given = Self.sources(of: resource)
                if given.isEmpty, resource.node["driver"] != nil { continue }
                guard given.count != 1 else { continue }
                let location = given.count > 1 ? given[1].keyLocation : resource.location
                diagnostics.report(
                    .resourceSources(kind: kind, name: resource.name, given: given.map(\.key)),
                    at: location)
            }
        }
    }

    /// The entries of `resource` that give its value, in file order.
    static func sources(of resource: TopLevelResource) -> [ComposeEntry] {
        let keys: Set<String> = ["file", "environment", "content"]
        return (resource.node.entries ?? []).filter {
            keys.contains($0.key) || ($0.key == "external" && resource.isExternal)
        }
    }

    /// Warns about secret and config files that do not exist; refuses a directory in their place.
    private mutating func checkSecretFiles() {
        for (kind, resources) in [("secret", project.secrets), ("config", project.configs)] {
            for resource in resources.values.sorted(by: { $0.name < $1.name }) {
                guard let fileNode = resource.node["file"], let path = fileNode.text else {
                    continue
                }
                let users = project.activeServices.filter { service in
                    (kind == "secret" ? service.secrets : service.configs).contains {
                        $0.source == resource.name
                    }
                }.map(\.name).sorted()
                let shown = FilePath.relative(path, to: project.directory)
                if FileSystem.isDirectory(path) {
                    diagnostics.report(
                        .secretFileIsDirectory(kind: kind, name: resource.name, path: shown),
                        at: fileNode.location)
                } else if !FileSystem.exists(path) {
                    diagnostics.report(
                        .missingFile(kind: kind, name: resource.name, path: shown, users: users),
                        at: fileNode.location)
                }
            }
        }
    }
}
