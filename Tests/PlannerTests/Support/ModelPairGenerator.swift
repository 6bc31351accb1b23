import InfraModel

/// Generates a model and a changed copy of it, for property tests.
///
/// The first model has services with images, profiles, volumes and networks;
/// dependencies of every kind (start-up kinds acyclic by a random rank, soft
/// kinds in any direction, cycles included); environment entries, some of
/// them naming other services as hosts; secrets and grants; routes; databases,
/// a pooler and connection estimates; requirements and notes. The second is
/// the first with services added and removed, images changed (database major
/// versions included, with or without a new volume), and every other kind of
/// fact added, removed or modified. Its start-up dependencies follow a rank
/// that may differ from the first's, so edges can turn around. Dangling
/// references are allowed: the plan must still be exact, only blocked.
struct ModelPairGenerator {
    var random: SplitMix64
    /// Start-up rank: a service may need only services of lower rank.
    var rank: [String: Int] = [:]

    static let hardKinds: [DependencyKind] = [
        .dependsOn, .dependsOn, .links, .networkMode, .volumesFrom,
    ]
    static let conditions: [String?] = [
        nil, "service_started", "service_healthy", "service_completed_successfully",
    ]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func makePair() -> (StackModel, StackModel) {
        let before = makeModel()
        var after = before
        mutate(&after)
        return (before, after)
    }

    // MARK: - The first model

    private mutating func makeModel() -> StackModel {
        var model = StackModel(project: "gen")
        let count = random.int(2...10)
        let names = (0..<count).map { "s\($0)" }
        for (position, name) in names.shuffled(using: &random).enumerated() {
            rank[name] = position
        }
        for name in names { model.services.insert(makeService(name)) }
        addDatabases(&model)
        for name in names { addDependencies(of: name, in: &model) }
        for name in names { addEnvironment(of: name, in: &model) }
        addSecrets(&model)
        addRoutes(&model)
        addDeclarations(&model)
        addRequirements(&model)
        return model
    }

    private mutating func makeService(_ name: String) -> Service {
        let active = random.chance(0.9)
        return Service(
            name: name,
            image: ImageReference(
                repository: random.pick(["app", "web", "ghcr.io/example/api"]),
                tag: "\(random.int(1...3)).\(random.int(0...5))"),
            healthcheck: random.chance(0.5) ? Healthcheck(test: ["CMD", "true"]) : nil,
            profiles: active ? [] : ["debug"], isActive: active,
            volumes: random.chance(0.3) ? ["vol\(random.int(0...2)):/data"] : [],
            networks: random.chance(0.3) ? ["net\(random.int(0...1))"] : [])
    }

    private mutating func addDatabases(_ model: inout StackModel) {
        let names = model.serviceNames
        for name in names where random.chance(0.3) {
            let engine = random.pick(["postgres", "postgres", "mysql", "redis"])
            let major = random.int(14...17)
            model.services[name]?.image = ImageReference(
                repository: engine, tag: "\(major).\(random.int(0...9))")
            model.services[name]?.volumes = ["data_\(name):/var/lib/\(engine)"]
            model.databases.insert(
                Database(
                    service: name, engine: engine, version: "\(major)",
                    maxConnections: random.int(50...400),
                    reservedConnections: engine == "postgres" ? 3 : 0,
                    isLimitAssumed: random.chance(0.3)))
            for client in names where client != name && random.chance(0.4) {
                model.connections.insert(
                    ConnectionEstimate(
                        client: client, database: name, expected: random.int(1...40),
                        origin: random.chance(0.8) ? .declared : .assumed))
            }
            if random.chance(0.3) {
                model.connections.insert(
                    ConnectionEstimate(
                        client: "other_clients", database: name, expected: random.int(1...60),
                        origin: .declared))
            }
        }
        addPooler(&model, names: names)
    }

    private mutating func addPooler(_ model: inout StackModel, names: [String]) {
        let upstreams = model.databases.filter { $0.engine == "postgres" }.map(\.service)
        guard !upstreams.isEmpty, random.chance(0.4) else { return }
        let candidates = names.filter { !model.databases.contains($0) }
        guard !candidates.isEmpty else { return }
        let pooler = random.pick(candidates)
        model.databases.insert(
            Database(
                service: pooler, engine: "pgbouncer", maxConnections: 500,
                upstream: random.pick(upstreams),
                poolSize: random.int(5...30)))
    }

    /// Start-up kinds only towards lower ranks (acyclic); soft kinds anywhere.
    private mutating func addDependencies(of name: String, in model: inout StackModel) {
        for other in model.serviceNames where other != name {
            if (rank[name] ?? 0) > (rank[other] ?? 0) && random.chance(0.25) {
                var edge = makeHardEdge(from: name, to: other)
                // Mostly as Compose wants it: a dependency on a switched-off service is optional.
                if model.services[other]?.isActive == false && random.chance(0.8) {
                    edge.isRequired = false
                }
                model.dependencies.insert(edge)
            }
            if random.chance(0.08) {
                model.dependencies.insert(Dependency(from: name, to: other, kind: .route))
            }
        }
    }

    mutating func makeHardEdge(from: String, to: String) -> Dependency {
        let kind = random.pick(Self.hardKinds)
        return Dependency(
            from: from, to: to, kind: kind,
            condition: kind == .dependsOn ? random.pick(Self.conditions) : nil,
            isRequired: random.chance(0.85), restartsWithTarget: random.chance(0.2))
    }

    private mutating func addEnvironment(of name: String, in model: inout StackModel) {
        for index in 0..<random.int(0...3) {
            let value: EnvironmentValue = random.pick([
                .literal("v\(random.int(0...9))"), .redacted, .passthrough,
            ])
            model.environment.insert(
                EnvironmentEntry(service: name, name: "K\(index)", value: value))
        }
        guard random.chance(0.4) else { return }
        let host = random.pick(model.serviceNames)
        guard host != name else { return }
        let key = "HOST_\(host.uppercased())"
        model.environment.insert(
            EnvironmentEntry(service: name, name: key, value: .literal("\(host):80")))
        model.dependencies.insert(Dependency(from: name, to: host, kind: .environment, detail: key))
    }

    private mutating func addSecrets(_ model: inout StackModel) {
        for index in 0..<random.int(0...3) {
            let secret = "sec\(index)"
            model.secrets.insert(Secret(name: secret, origin: .file("./secrets/\(secret).txt")))
            for service in model.serviceNames where random.chance(0.3) {
                model.secretGrants.insert(SecretGrant(service: service, secret: secret))
                if random.chance(0.5) {
                    model.environment.insert(
                        EnvironmentEntry(
                            service: service, name: "\(secret.uppercased())_FILE",
                            value: .fileReference("/run/secrets/\(secret)")))
                }
            }
        }
    }

    private mutating func addRoutes(_ model: inout StackModel) {
        for service in model.serviceNames where random.chance(0.25) {
            let backend = random.chance(0.8) ? service : random.pick(model.serviceNames)
            model.routes.insert(
                Route(
                    router: "r_\(service)", definedBy: service,
                    rule: "Host(`\(service).example.com`)",
                    hosts: ["\(service).example.com"], backend: backend, port: 8080))
        }
    }

    /// Top-level volumes and networks the services use, and an unused one now and then.
    private mutating func addDeclarations(_ model: inout StackModel) {
        for service in model.services {
            for volume in service.namedVolumes { model.volumes.insert(Volume(name: volume)) }
            for network in service.networks { model.networks.insert(Network(name: network)) }
        }
        if random.chance(0.3) {
            model.volumes.insert(Volume(name: "spare", isExternal: random.chance(0.5)))
        }
    }

    private mutating func addRequirements(_ model: inout StackModel) {
        let names = model.serviceNames
        guard names.count >= 2, random.chance(0.3) else { return }
        let pair = [random.pick(names), random.pick(names)]
        let rule: RequirementRule =
            random.chance(0.5)
            ? .sameVersion(services: pair)
            : .matchesVersion(services: [pair[0]], leaders: [pair[1]])
        model.requirements.insert(
            Requirement(id: "req\(random.int(0...2))", rule: rule, reason: "generated"))
        if random.chance(0.5) {
            model.notes.insert(
                Note(id: "note0", category: .followUp, impact: "low", text: "t", action: "a"))
        }
    }
}
