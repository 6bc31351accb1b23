/// Builds the model's routes from the Traefik labels of a project's active services.
///
/// A router's backend is the compose service that receives its traffic: the
/// service whose labels define the Traefik service named by
/// `routers.X.service`, or the one whose generated Traefik service it names
/// (`<service>-<project>`, what Traefik's Docker provider calls it), or, with
/// no `service` label, the service that defines the router. A service of
/// another provider (`api@internal`, `x@file`) has no backend in the stack.
///
/// When a Traefik service of the project sets `providers.docker.exposedByDefault`
/// to false (see `TraefikDockerProvider`), only services labelled
/// `traefik.enable=true` are exposed; the routers of the others are no routes.
///
/// Refused: a rule that does not parse (at its label), a `loadbalancer.server.port`
/// that is not a port (at its label), one router defined by
/// two services with different rules, a router naming a Traefik service that
/// nothing defines. Warned: two routers that match the same host, paths and
/// entrypoints without a priority to order them.
struct TraefikRouteReader {
    let project: ComposeProject
    /// False when a Traefik service exposes only containers that enable themselves.
    let exposedByDefault: Bool
    var diagnostics = ComposeDiagnostics()
    private var definers: [String: [(service: String, port: Int?)]] = [:]
    private var generated: [String: String] = [:]

    /// - Parameter environments: each service's effective environment, by service name.
    init(_ project: ComposeProject, environments: [String: [ResolvedVariable]]) {
        self.project = project
        exposedByDefault = !project.activeServices.contains { service in
            let environment = environments[service.name] ?? []
            return TraefikDockerProvider.exposedByDefault(of: service, environment: environment)
                == false
        }
    }

    /// Every route, keyed by router name.
    mutating func routes() -> [Route] {
        let labelled = project.activeServices.map {
            ($0, TraefikLabels($0.labels, exposedByDefault: exposedByDefault))
        }.filter { $0.1.isEnabled }
        for (service, labels) in labelled {
            generated["\(service.name)-\(project.name)"] = service.name
            for (name, port) in labels.services {
                definers[name, default: []].append((service.name, port))
            }
            for (name, label) in labels.invalidPorts {
                diagnostics.report(
                    .invalidTraefikPort(service: name, value: label.value), at: label.location)
            }
        }
        var routes: [String: Route] = [:]
        var rules: [String: (service: String, rule: String?)] = [:]
        for (service, labels) in labelled {
            for router in labels.routers {
                guard let route = route(router, of: service, labels: labels) else { continue }
                if let first = rules[router.name] {
                    checkSameRule(first, route, router, service: service.name)
                    continue
                }
                rules[router.name] = (service.name, router.rule)
                routes[router.name] = route
            }
        }
        let sorted = routes.values.sorted { $0.router < $1.router }
        warnAboutSharedHosts(sorted)
        return sorted
    }

    private mutating func checkSameRule(
        _ first: (service: String, rule: String?), _ route: Route, _ router: TraefikLabels.Router,
        service: String
    ) {
        guard let firstRule = first.rule, let rule = router.rule, firstRule != rule else { return }
        diagnostics.report(
            .routerConflict(
                router: router.name, services: [first.service, service], property: "rule"),
            at: router.ruleLocation ?? router.location)
    }

    private mutating func route(
        _ router: TraefikLabels.Router, of service: ComposeService, labels: TraefikLabels
    ) -> Route? {
        var parsed = TraefikRule(hosts: [], paths: [])
        if let rule = router.rule {
            do {
                parsed = try TraefikRule(parsing: rule)
            } catch {
                diagnostics.report(
                    .invalidRule(
                        router: router.name,
                        reason: "cannot parse rule '\(rule)': \(error.message) "
                            + "at character \(error.offset + 1)"),
                    at: router.ruleLocation)
                return nil
            }
        }
        guard let (backend, port) = backend(of: router, definedBy: service, labels: labels) else {
            return nil
        }
        return Route(
            router: router.name, definedBy: service.name, rule: router.rule ?? "",
            hosts: parsed.hosts,
            paths: parsed.paths, entrypoints: router.entrypoints, tls: router.isTLS,
            certResolver: router.certResolver, middlewares: router.middlewares, backend: backend,
            proxyService: router.service, port: port, priority: router.priority,
            source: (router.ruleLocation ?? router.location).fileAndLine)
    }

    /// The compose service and port a router sends to; nil after reporting an undefined service.
    private mutating func backend(
        of router: TraefikLabels.Router, definedBy service: ComposeService, labels: TraefikLabels
    ) -> (String?, Int?)? {
        guard let reference = router.service else {
            let own = labels.services.count == 1 ? labels.services.first?.value ?? nil : nil
            return (service.name, own)
        }
        let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[1] != "docker" { return (nil, nil) }
        let name = parts[0]
        if let definer = definers[name]?.first { return (definer.service, definer.port) }
        if let target = generated[name] { return (target, nil) }
        let candidates = generated.keys.map { "\($0)@docker" } + definers.keys.map { $0 }
        diagnostics.report(
            .routerUndefinedService(
                router: router.name, reference: reference,
                suggestion: NameSuggestion.nearest(to: reference, in: candidates.sorted())),
            at: router.location)
        return nil
    }

    /// Warns once per host when routers without priority match it on equal paths and entrypoints.
    private mutating func warnAboutSharedHosts(_ routes: [Route]) {
        var byKey: [String: [Route]] = [:]
        for route in routes where route.priority == nil {
            for host in route.hosts {
                let key = [
                    host, route.paths.joined(separator: ","),
                    route.entrypoints.sorted().joined(separator: ","),
                ]
                byKey[key.joined(separator: "|"), default: []].append(route)
            }
        }
        for (key, sharing) in byKey.sorted(by: { $0.key < $1.key }) where sharing.count > 1 {
            let host = String(key.split(separator: "|", omittingEmptySubsequences: false)[0])
            let names = sharing.map { "\($0.router) (\($0.definedBy))" }
            let location = Self.location(of: sharing.last?.source)
            diagnostics.report(.duplicateRouteHost(host: host, routers: names), at: location)
        }
    }

    /// A `file:line` back into a location (column 1) for a warning.
    static func location(of source: String?) -> SourceLocation? {
        guard let source, let colon = source.lastIndex(of: ":"),
            let line = Int(source[source.index(after: colon)...])
        else { return nil }
        return SourceLocation(file: String(source[..<colon]), line: line, column: 1)
    }
}
