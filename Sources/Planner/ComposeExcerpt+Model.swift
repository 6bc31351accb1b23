import InfraModel

/// Compose definitions rebuilt from the model, to compare two versions key by key.
///
/// The model keeps no secret values, so neither do the excerpts: a redacted
/// environment value shows as `"<redacted>"`, a secret as its name and file.
extension ComposeExcerpt {
    /// What changes in one service's definition; nil when nothing a compose file shows does.
    public static func service(_ name: String, before: StackModel, after: StackModel)
        -> ComposeExcerpt?
    {
        func tree(_ model: StackModel) -> Tree {
            let service = model.services[name].map {
                [(key: name, tree: serviceTree($0, in: model))]
            }
            return .map([(key: "services", tree: .map(service ?? []))])
        }
        return make(tree(before), tree(after))
    }

    /// What changes in the top-level `secrets`, `volumes` and `networks`.
    public static func topLevel(before: StackModel, after: StackModel) -> ComposeExcerpt? {
        make(topLevelTree(before), topLevelTree(after))
    }

    /// What changes in the `x-infraplan` block: databases and expected connections.
    public static func extensionBlock(before: StackModel, after: StackModel) -> ComposeExcerpt? {
        make(
            .map([(key: "x-infraplan", tree: extensionTree(before))]),
            .map([(key: "x-infraplan", tree: extensionTree(after))]))
    }

    /// A service's keys in the order compose files usually write them.
    static func serviceTree(_ service: Service, in model: StackModel) -> Tree {
        let edges = model.dependencies(of: service.name)
        func targets(_ kind: DependencyKind) -> [String] {
            edges.filter { $0.kind == kind }.map(\.to)
        }
        let fields: [(key: String, tree: Tree?)] = [
            ("image", service.image.map { .value(["image: \(YAMLText.scalar($0.description))"]) }),
            (
                "build",
                service.hasBuild ? .value(["build: {}  # its details are not in the model"]) : nil
            ),
            ("command", service.command.map { .value(["command: \(YAMLText.flow($0))"]) }),
            ("entrypoint", service.entrypoint.map { .value(["entrypoint: \(YAMLText.flow($0))"]) }),
            ("restart", service.restart.map { .value(["restart: \(YAMLText.scalar($0))"]) }),
            ("environment", environmentTree(service.name, in: model)),
            ("secrets", secretsTree(service.name, in: model)),
            ("depends_on", dependsOnTree(edges.filter { $0.kind == .dependsOn })),
            ("links", list("links", targets(.links))),
            (
                "network_mode",
                targets(.networkMode).first.map { .value(["network_mode: service:\($0)"]) }
            ),
            ("volumes_from", list("volumes_from", targets(.volumesFrom))),
            ("healthcheck", service.healthcheck.map(healthcheckTree)),
            ("profiles", list("profiles", service.profiles)),
            ("ports", list("ports", service.ports)),
            ("volumes", list("volumes", service.volumes)),
            ("networks", list("networks", service.networks)),
            ("configs", list("configs", service.configs)),
            ("labels", labelsTree(service, in: model)),
            (
                "container_name",
                service.containerName.map { .value(["container_name: \(YAMLText.scalar($0))"]) }
            ),
            ("deploy", service.replicas.map { .value(["deploy:", "  replicas: \($0)"]) }),
        ]
        return .map(fields.compactMap { field in field.tree.map { (key: field.key, tree: $0) } })
    }

    /// A block sequence under `key`; nil when empty, as a compose file leaves it out.
    private static func list(_ key: String, _ items: [String]) -> Tree? {
        items.isEmpty ? nil : .value(["\(key):"] + items.map { "  - \(YAMLText.scalar($0))" })
    }

    private static func environmentTree(_ service: String, in model: StackModel) -> Tree? {
        let entries = model.environment.filter { $0.service == service }.map { entry in
            (key: entry.name, tree: Tree.value([environmentLine(entry)]))
        }
        return entries.isEmpty ? nil : .map(entries)
    }

    /// `NAME: value`, with where the value came from when it is not written inline.
    private static func environmentLine(_ entry: EnvironmentEntry) -> String {
        var line: String
        switch entry.value {
        case .literal(let text), .fileReference(let text):
            line = "\(entry.name): \(YAMLText.scalar(text))"
        case .redacted: line = "\(entry.name): \(YAMLText.quoted(EnvironmentValue.redactionMarker))"
        case .passthrough: line = "\(entry.name):  # passed through from the host environment"
        }
        if case .envFile(let path) = entry.origin { line += "  # from env_file \(path)" }
        if case .interpolated = entry.origin { line += "  # interpolated" }
        return line
    }

    /// A service's `secrets:`; a secret mounted at several targets is keyed by secret and target.
    private static func secretsTree(_ service: String, in model: StackModel) -> Tree? {
        let granted = model.secretGrants.filter { $0.service == service }
        let mounts = Dictionary(grouping: granted, by: \.secret).mapValues(\.count)
        let grants = granted.map { grant in
            let lines =
                grant.hasDefaultTarget
                ? ["- \(YAMLText.scalar(grant.secret))"]
                : [
                    "- source: \(YAMLText.scalar(grant.secret))",
                    "  target: \(YAMLText.scalar(grant.target))",
                ]
            let isShared = mounts[grant.secret, default: 0] > 1
            let key = isShared ? "\(grant.secret) at \(grant.target)" : grant.secret
            return (key: key, tree: Tree.value(lines))
        }
        return grants.isEmpty ? nil : .map(grants)
    }

    private static func dependsOnTree(_ edges: [Dependency]) -> Tree? {
        let entries = edges.map { edge in
            var lines = ["\(edge.to):", "  condition: \(edge.condition ?? "service_started")"]
            if !edge.isRequired { lines.append("  required: false") }
            if edge.restartsWithTarget { lines.append("  restart: true") }
            return (key: edge.to, tree: Tree.value(lines))
        }
        return entries.isEmpty ? nil : .map(entries)
    }

    private static func healthcheckTree(_ check: Healthcheck) -> Tree {
        var lines = ["healthcheck:"]
        if check.isDisabled { return .value(lines + ["  disable: true"]) }
        lines.append("  test: \(YAMLText.flow(check.test))")
        if let interval = check.interval {
            lines.append("  interval: \(YAMLText.scalar(interval))")
        }
        if let retries = check.retries { lines.append("  retries: \(retries)") }
        return .value(lines)
    }

    /// The labels, plus the rule of each route the service defines that no label holds
    /// (a migration may change a route without rewriting its labels).
    private static func labelsTree(_ service: Service, in model: StackModel) -> Tree? {
        var labels = service.labels
        for route in model.routes where route.definedBy == service.name {
            let key = "traefik.http.routers.\(route.router).rule"
            if labels[key] == nil { labels[key] = route.rule }
        }
        let entries = labels.keys.sorted().map { key in
            (key: key, tree: Tree.value(["\(key): \(YAMLText.scalar(labels[key] ?? ""))"]))
        }
        return entries.isEmpty ? nil : .map(entries)
    }
}
