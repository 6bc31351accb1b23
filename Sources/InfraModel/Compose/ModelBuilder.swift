/// Turns a validated `ComposeProject` into a `StackModel`.
///
/// Services (inactive ones marked), their environment (env files first, then
/// inline values, each classified so that secrets never enter the model),
/// declared dependencies, dependencies found in environment values, top-level
/// volumes, networks and secrets, and secret grants. Routes, databases and
/// connection estimates are added by their own readers.
struct ModelBuilder {
    let project: ComposeProject
    let variables: [String: String]
    var diagnostics = ComposeDiagnostics()
    var model: StackModel
    /// Effective environment per service, before redaction, for readers that look at values.
    private(set) var environments: [String: [ResolvedVariable]] = [:]

    init(_ project: ComposeProject, variables: [String: String]) {
        self.project = project
        self.variables = variables
        self.model = StackModel(project: project.name)
    }

    mutating func build(loader: inout ComposeLoader) {
        for service in project.services {
            model.services.insert(Self.entity(service, isActive: project.isActive(service)))
            addDeclaredDependencies(service)
        }
        var resolver = EnvironmentResolver(project: project, variables: variables)
        environments = resolver.resolve(loader: &loader)
        diagnostics.absorb(resolver.diagnostics)
        for (service, variables) in environments {
            for variable in variables {
                model.environment.insert(variable.entity(service: service))
            }
        }
        addEnvironmentDependencies()
        addResources()
        var routes = TraefikRouteReader(project, environments: environments)
        for route in routes.routes() { model.routes.insert(route) }
        diagnostics.absorb(routes.diagnostics)
        addDatabases()
    }

    /// Databases, poolers and connection estimates, from images, commands and `x-infraplan`.
    private mutating func addDatabases() {
        var extensionReader = InfraplanExtensionReader(serviceNames: project.services.map(\.name))
        let facts = extensionReader.read(project.infraplan)
        diagnostics.absorb(extensionReader.diagnostics)
        var reader = DatabaseReader(project: project, facts: facts, environments: environments)
        for database in reader.databases() { model.databases.insert(database) }
        diagnostics.absorb(reader.diagnostics)
        for connection in facts.connections {
            guard model.databases.contains(connection.database) else {
                diagnostics.report(
                    .infraplanInvalid(
                        path: "x-infraplan.connections.\(connection.client)",
                        reason:
                            "\(connection.database) is not a database; declare its engine under "
                            + "x-infraplan.databases"),
                    at: connection.location)
                continue
            }
            model.connections.insert(
                ConnectionEstimate(
                    client: connection.client, database: connection.database,
                    expected: connection.expected,
                    origin: .declared, source: connection.location.fileAndLine))
        }
        warnAboutComposeVersion(facts)
    }

    /// `depends_on.required` arrived in docker compose 2.20; an older one refuses the key.
    private mutating func warnAboutComposeVersion(_ facts: InfraplanExtension) {
        guard let version = facts.composeVersion, Self.isOlder(version, than: [2, 20]) else {
            return
        }
        for service in project.services {
            guard
                let node = service.dependencies.first(where: {
                    $0.kind == .dependsOn && $0.hasRequiredKey
                })
            else {
                continue
            }
            diagnostics.report(
                .requiredNeedsNewerCompose(service: service.name, version: version),
                at: node.location)
        }
    }

    /// True when a dotted version (`2.19.1`, `v2.19`) is below `minimum`.
    static func isOlder(_ version: String, than minimum: [Int]) -> Bool {
        let parts = version.drop { $0 == "v" }.split(separator: ".").map {
            Int($0.prefix { $0.isNumber }) ?? 0
        }
        for (index, wanted) in minimum.enumerated() {
            let part = index < parts.count ? parts[index] : 0
            if part != wanted { return part < wanted }
        }
        return false
    }

    /// The service as the model keeps it, credentials in its command lines,
    /// healthcheck and labels hidden (`Credentials`).
    static func entity(_ service: ComposeService, isActive: Bool) -> Service {
        let networks = service.networks.map(\.name)
        var healthcheck = service.healthcheck
        if let test = healthcheck?.test { healthcheck?.test = Credentials.redact(command: test) }
        return Service(
            name: service.name, image: service.image.map(ImageReference.init(parsing:)),
            hasBuild: service.hasBuild, command: service.command.map(Credentials.redact(command:)),
            entrypoint: service.entrypoint.map(Credentials.redact(command:)),
            restart: service.restart, healthcheck: healthcheck, profiles: service.profiles,
            isActive: isActive,
            labels: Dictionary(
                service.labels.map { ($0.key, Credentials.redact(label: $0.key, value: $0.value)) }
            ) { $1 },
            ports: service.ports, volumes: service.volumes.map(\.spec),
            networks: networks.isEmpty && service.networkMode == nil
                ? ["default"] : networks.sorted(),
            configs: service.configs.map(Self.configSpec),
            containerName: service.containerName?.name, replicas: service.replicas,
            source: service.location.fileAndLine)
    }

    /// `source`, or `source:target` when the config is mounted somewhere else.
    static func configSpec(_ config: MountReference) -> String {
        guard let target = config.target else { return config.source }
        return "\(config.source):\(target)"
    }

    private mutating func addDeclaredDependencies(_ service: ComposeService) {
        for dependency in service.dependencies where project.service(dependency.target) != nil {
            model.dependencies.insert(
                Dependency(
                    from: service.name, to: dependency.target, kind: dependency.kind,
                    condition: dependency.kind == .dependsOn ? dependency.condition : nil,
                    isRequired: dependency.isRequired,
                    restartsWithTarget: dependency.restartsWithTarget,
                    source: dependency.location.fileAndLine))
        }
    }

    /// Adds an `.environment` edge for every value naming another service as a host, and warns
    /// when an active service reaches a service it does not declare in `depends_on` or `links`.
    private mutating func addEnvironmentDependencies() {
        let finder = HostReferenceFinder(hosts: hostNames())
        for service in project.services {
            var warned: Set<String> = []
            for variable in environments[service.name] ?? [] {
                guard let value = variable.value else { continue }
                for target in finder.services(in: value, key: variable.key)
                where target != service.name {
                    model.dependencies.insert(
                        Dependency(
                            from: service.name, to: target, kind: .environment,
                            detail: variable.key,
                            source: variable.location.fileAndLine))
                    let declared = service.dependencies.contains {
                        $0.target == target && $0.kind.ordersStartup
                    }
                    if !declared, project.isActive(service), warned.insert(target).inserted {
                        diagnostics.report(
                            .undeclaredDependency(
                                service: service.name, target: target, key: variable.key),
                            at: variable.location)
                    }
                }
            }
        }
    }

    /// Host names that reach a service: its name and its container name.
    private func hostNames() -> [String: String] {
        var hosts: [String: String] = [:]
        for service in project.services {
            hosts[service.name.lowercased()] = service.name
            for alias in service.aliases where hosts[alias.lowercased()] == nil {
                hosts[alias.lowercased()] = service.name
            }
            if let container = service.containerName?.name {
                hosts[container.lowercased()] = hosts[container.lowercased()] ?? service.name
            }
        }
        return hosts
    }
}

extension ModelBuilder {
    private mutating func addResources() {
        for resource in project.volumes.values {
            model.volumes.insert(
                Volume(
                    name: resource.name, externalName: resource.externalName,
                    isExternal: resource.isExternal,
                    driver: resource.node["driver"]?.text, source: resource.location.fileAndLine))
        }
        for resource in project.networks.values {
            model.networks.insert(
                Network(
                    name: resource.name, externalName: resource.externalName,
                    isExternal: resource.isExternal,
                    isInternal: ServiceReader.flag(resource.node["internal"]) == true,
                    source: resource.location.fileAndLine))
        }
        for resource in project.secrets.values {
            model.secrets.insert(
                Secret(
                    name: resource.name,
                    origin: Self.origin(of: resource, projectDirectory: project.directory),
                    source: resource.location.fileAndLine))
        }
        for service in project.services {
            for secret in service.secrets {
                model.secretGrants.insert(
                    SecretGrant(
                        service: service.name, secret: secret.source,
                        target: secret.target.map(Self.secretTarget),
                        source: secret.location.fileAndLine))
            }
        }
    }

    /// A relative secret target is a file name under `/run/secrets`.
    static func secretTarget(_ target: String) -> String {
        target.hasPrefix("/") ? target : "/run/secrets/\(target)"
    }

    /// Where a top-level secret's value comes from; inline content is never kept.
    ///
    /// A file inside the project folder is recorded relative to it (`./secrets/db.txt`), so the
    /// model does not change with the folder the import ran from.
    static func origin(of resource: TopLevelResource, projectDirectory: String) -> SecretOrigin {
        if let file = resource.node["file"]?.text {
            return .file(FilePath.relative(file, to: projectDirectory))
        }
        if let variable = resource.node["environment"]?.text { return .environment(variable) }
        if resource.node["content"] != nil { return .inlineContent }
        return .external(resource.externalName)
    }
}
