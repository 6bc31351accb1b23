/// Turning a migration into its target model.
extension Migration {
    /// Applies the migration's operations to `base` and returns the target model.
    ///
    /// After the operations, every service that lost a dependent and every
    /// secret that lost a grant is a *candidate*: it is removed only when
    /// nothing in the target still needs it (no dependency of any kind, no
    /// route, no grant). Named volumes are never removed. The target's notes are
    /// the migration's; its requirements are the base's plus the migration's.
    ///
    /// - Throws: `InputError` naming, at the operation's location, each service,
    ///   secret, database or router that the base does not have, each
    ///   operation that would change nothing, and each `add_dependency` that
    ///   closes a dependency cycle.
    public func apply(to base: StackModel) throws -> StackModel {
        var applier = MigrationApplier(model: base, baseLabel: self.base)
        for operation in operations {
            applier.apply(operation)
        }
        applier.collectCandidates()
        applier.checkReferences(of: self)
        applier.checkCycles()
        guard applier.diagnostics.isEmpty else { throw InputError(applier.diagnostics) }
        var target = applier.model
        target.notes = EntitySet(notes)
        for requirement in requirements { target.requirements.insert(requirement) }
        for requirement in downgradeBarriers(in: target) { target.requirements.insert(requirement) }
        return target
    }

    /// One `noDowngrade` requirement per irreversible schema or data migration,
    /// so that the target model itself remembers that an older image cannot
    /// run on the changed data: a later plan that goes back is blocked.
    ///
    /// The version is the image tag the effect's first service runs in the
    /// target (what a later downgrade is compared with), else this migration's
    /// version label.
    func downgradeBarriers(in target: StackModel) -> [Requirement] {
        irreversible.filter(\.needsRestore).map { effect in
            let tag = effect.services.lazy.compactMap { target.services[$0]?.image?.tag }.first
            let rule = RequirementRule.noDowngrade(
                services: effect.services, version: tag ?? version, database: effect.database,
                effect: effect.id)
            return Requirement(
                id: "no-downgrade:\(effect.id)", rule: rule, reason: effect.description,
                source: "\(path) (irreversible '\(effect.id)')")
        }
    }
}

/// The working state of one migration application.
struct MigrationApplier {
    var model: StackModel
    let baseLabel: String
    var diagnostics: [Diagnostic] = []
    private var candidateServices: Set<String> = []
    private var candidateSecrets: Set<String> = []
    /// The `depends_on` edges `add_dependency` made (`from`, `to`), with where each is asked for.
    private var addedEdges: [[String]: SourceLocation] = [:]

    init(model: StackModel, baseLabel: String) {
        self.model = model
        self.baseLabel = baseLabel
    }

    mutating func apply(_ operation: MigrationOperation) {
        let at = operation.location
        switch operation.action {
        case let .setImage(services, tag, image):
            for name in existingServices(services, at) {
                setImage(name, tag: tag, image: image, at)
            }
        case let .removeEnvironment(services, patterns):
            for name in existingServices(services, at) { removeEnvironment(name, patterns, at) }
        case let .setEnvironment(services, name, value):
            for service in existingServices(services, at) {
                setEnvironment(service, name, value, at)
            }
        case let .revokeSecret(services, secret):
            for name in existingServices(services, at) { revokeSecret(name, secret, at) }
        case let .grantSecret(services, secret):
            guard model.secrets.contains(secret) else {
                return fail("secret '\(secret)' is not declared in version '\(baseLabel)'", at)
            }
            for name in existingServices(services, at) {
                model.secretGrants.insert(
                    SecretGrant(service: name, secret: secret, source: at.fileAndLine))
            }
        case let .removeDependency(services, target):
            for name in existingServices(services, at) { removeDependency(name, on: target, at) }
        case let .addDependency(services, target, condition):
            guard model.services.contains(target) else { return fail(unknownService(target), at) }
            for name in existingServices(services, at) {
                model.dependencies.insert(
                    Dependency(
                        from: name, to: target, kind: .dependsOn,
                        condition: condition ?? "service_started",
                        source: at.fileAndLine))
                addedEdges[[name, target]] = addedEdges[[name, target]] ?? at
            }
        default:
            applyDatabaseOperation(operation.action, at)
        }
    }

    private mutating func applyDatabaseOperation(
        _ action: MigrationOperation.Action, _ at: SourceLocation
    ) {
        switch action {
        case let .scaleConnections(clients, database, factor):
            for client in clients {
                guard
                    var estimate = model.connections[
                        ConnectionEstimate.Key(client: client, database: database)]
                else {
                    fail(
                        "version '\(baseLabel)' has no connection estimate for '\(client)' on '\(database)'",
                        at)
                    continue
                }
                estimate.expected = Int(
                    (Double(estimate.expected) * factor).rounded(.toNearestOrAwayFromZero))
                estimate.source = at.fileAndLine
                model.connections.insert(estimate)
            }
        case let .setConnections(clients, database, expected):
            guard model.databases.contains(database) else {
                return fail(unknownDatabase(database), at)
            }
            for client in clients {
                model.connections.insert(
                    ConnectionEstimate(
                        client: client, database: database, expected: expected, origin: .declared,
                        source: at.fileAndLine))
            }
        case let .setMaxConnections(database, value):
            guard var entry = model.databases[database] else {
                return fail(unknownDatabase(database), at)
            }
            entry.maxConnections = value
            entry.isLimitAssumed = false
            model.databases.insert(entry)
        case let .removeService(service):
            guard model.services.contains(service) else { return fail(unknownService(service), at) }
            // What the removed service needed becomes a candidate in turn.
            for edge in model.dependencies(of: service) { candidateServices.insert(edge.to) }
            for grant in model.secretGrants where grant.service == service {
                candidateSecrets.insert(grant.secret)
            }
            removeService(service)
        case let .addRouteHost(router, host):
            guard var route = model.routes[router] else {
                return fail("version '\(baseLabel)' has no route '\(router)'", at)
            }
            guard !route.hosts.contains(host) else {
                return fail("route '\(router)' already matches '\(host)'", at)
            }
            route.hosts = (route.hosts + [host]).sorted()
            route.rule += " || Host(`\(host)`)"
            model.routes.insert(route)
        default:
            preconditionFailure("service operations are handled by apply(_:)")
        }
    }

    private mutating func setImage(
        _ name: String, tag: String?, image: String?, _ at: SourceLocation
    ) {
        guard var service = model.services[name] else { return }
        if let image {
            service.image = ImageReference(parsing: image)
        } else if let tag, let current = service.image {
            service.image = ImageReference(repository: current.repository, tag: tag)
        } else {
            return fail("service '\(name)' has no image whose tag could change; use 'image'", at)
        }
        guard service != model.services[name] else {
            return fail("service '\(name)' already runs \(service.image?.description ?? "")", at)
        }
        model.services.insert(service)
    }

    private mutating func removeEnvironment(
        _ service: String, _ patterns: [String], _ at: SourceLocation
    ) {
        let matching = model.environment.filter { entry in
            entry.service == service && patterns.contains { Glob.matches($0, entry.name) }
        }
        guard !matching.isEmpty else {
            return fail(
                "no environment variable of '\(service)' matches \(patterns.map { "'\($0)'" }.joined(separator: ", "))",
                at)
        }
        let names = Set(matching.map(\.name))
        for entry in matching { model.environment.remove(entry.key) }
        for edge in model.dependencies(of: service)
        where edge.kind == .environment && names.contains(edge.detail) {
            model.dependencies.remove(edge.key)
            candidateServices.insert(edge.to)
        }
    }

    /// Sets a variable and the hosts it names, as the importer reads them:
    /// the edges the old value gave go, those the new one gives come.
    private mutating func setEnvironment(
        _ service: String, _ name: String, _ text: String, _ at: SourceLocation
    ) {
        let value = EnvironmentValue.classify(key: name, value: text)
        model.environment.insert(
            EnvironmentEntry(service: service, name: name, value: value, source: at.fileAndLine))
        for edge in model.dependencies(of: service)
        where edge.kind == .environment && edge.detail == name {
            model.dependencies.remove(edge.key)
            candidateServices.insert(edge.to)
        }
        guard let readable = value.readableText else { return }
        let finder = HostReferenceFinder(services: model.services)
        for target in finder.services(in: readable, key: name) where target != service {
            model.dependencies.insert(
                Dependency(
                    from: service, to: target, kind: .environment, detail: name,
                    source: at.fileAndLine))
            candidateServices.remove(target)
        }
    }

    private mutating func revokeSecret(_ service: String, _ secret: String, _ at: SourceLocation) {
        let isGrant = { (grant: SecretGrant) in grant.service == service && grant.secret == secret }
        guard model.secretGrants.contains(where: isGrant) else {
            return fail("service '\(service)' does not receive secret '\(secret)'", at)
        }
        // Every mount of the secret goes: a service may receive it at several targets.
        model.secretGrants.removeAll(where: isGrant)
        candidateSecrets.insert(secret)
    }

    private mutating func removeDependency(
        _ service: String, on target: String, _ at: SourceLocation
    ) {
        let edges = model.dependencies(of: service).filter { $0.to == target }
        guard !edges.isEmpty else {
            return fail("service '\(service)' does not depend on '\(target)'", at)
        }
        for edge in edges { model.dependencies.remove(edge.key) }
        candidateServices.insert(target)
    }

    /// Removes a service and every fact that belongs to it; its named volumes stay.
    mutating func removeService(_ name: String) {
        removeServices([name])
    }

    /// Removes services and every fact that belongs to them, in one pass over
    /// each kind of fact; their named volumes stay.
    mutating func removeServices(_ names: Set<String>) {
        guard !names.isEmpty else { return }
        for name in names { model.services.remove(name) }
        model.environment.removeAll { names.contains($0.service) }
        model.secretGrants.removeAll { names.contains($0.service) }
        model.dependencies.removeAll { names.contains($0.from) }
        model.routes.removeAll { names.contains($0.definedBy) }
        model.connections.removeAll { names.contains($0.client) || names.contains($0.database) }
        for name in names { model.databases.remove(name) }
    }

    /// Removes candidates that nothing needs any more.
    ///
    /// A candidate is needed while any dependency of any kind or any route
    /// points at it. Candidates are decided in name order, and removing one
    /// releases what it needed, so a later candidate that only it used goes
    /// too. Uses are counted once, so this is linear in the model's size.
    mutating func collectCandidates() {
        var uses: [String: Int] = [:]
        for edge in model.dependencies { uses[edge.to, default: 0] += 1 }
        for route in model.routes {
            if let backend = route.backend { uses[backend, default: 0] += 1 }
        }
        let outgoing = Dictionary(grouping: model.dependencies.sorted, by: \.from)
        let granted = Dictionary(grouping: model.secretGrants.sorted, by: \.service)
        var removed: Set<String> = []
        for name in candidateServices.sorted() where model.services.contains(name) {
            guard uses[name, default: 0] == 0 else { continue }
            removed.insert(name)
            for edge in outgoing[name] ?? [] { uses[edge.to, default: 0] -= 1 }
            for grant in granted[name] ?? [] { candidateSecrets.insert(grant.secret) }
        }
        removeServices(removed)
        let stillGranted = Set(model.secretGrants.map(\.secret))
        for secret in candidateSecrets.sorted() where !stillGranted.contains(secret) {
            model.secrets.remove(secret)
        }
    }

    /// Checks that requirements and irreversible effects name what the target has.
    mutating func checkReferences(of migration: Migration) {
        let at = SourceLocation(file: migration.path, line: 1, column: 1)
        for effect in migration.irreversible {
            if !model.databases.contains(effect.database) {
                fail(unknownDatabase(effect.database), at)
            }
            for service in effect.services where !model.services.contains(service) {
                fail(unknownService(service), at)
            }
        }
        for requirement in migration.requirements {
            let location = requirement.source.flatMap(SourceLocation.init(fileAndLine:)) ?? at
            if let database = requirement.rule.database, !model.databases.contains(database) {
                fail(unknownDatabase(database), location)
            }
            for service in requirement.rule.services where !model.services.contains(service) {
                fail(unknownService(service), location)
            }
        }
    }

    /// Refuses a cycle among the running services' start-up edges, at the `add_dependency`
    /// that closed it: the import refuses cycles, so only an added edge can make one.
    ///
    /// These are the edges the planner orders start-up by (`depends_on`, `links`,
    /// `network_mode`, `volumes_from`), between services present and active.
    mutating func checkCycles() {
        guard !addedEdges.isEmpty else { return }
        var edges: [String: [String]] = [:]
        for edge in model.dependencies.sorted where edge.kind.ordersStartup {
            guard model.services[edge.from]?.isActive == true,
                model.services[edge.to]?.isActive == true
            else { continue }
            edges[edge.from, default: []].append(edge.to)
        }
        for path in DependencyCycles(edges: edges).cycles() {
            let added = zip(path, path.dropFirst()).compactMap { addedEdges[[$0, $1]] }
            guard let at = added.min() else { continue }
            fail("add_dependency makes a dependency cycle: \(path.joined(separator: " -> "))", at)
        }
    }

    private mutating func existingServices(_ names: [String], _ at: SourceLocation) -> [String] {
        names.filter { name in
            if model.services.contains(name) { return true }
            fail(unknownService(name), at)
            return false
        }
    }

    private func unknownService(_ name: String) -> String {
        "migration names service '\(name)', which does not exist in version '\(baseLabel)'"
    }

    private func unknownDatabase(_ name: String) -> String {
        "migration names database '\(name)', which version '\(baseLabel)' does not know as a database"
    }

    private mutating func fail(_ message: String, _ at: SourceLocation) {
        diagnostics.append(.error("migration-reference", message, at: at))
    }
}
