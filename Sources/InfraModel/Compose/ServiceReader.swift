/// Reads one service's mapping into a `ComposeService`, accepting every short and long syntax.
///
/// Runs after the schema check, so kinds are known to be right; what the
/// schema cannot see (a volume spec with an empty source) is reported here.
struct ServiceReader {
    var diagnostics = ComposeDiagnostics()
    /// Locations of scalars that were interpolated, to mark environment values so.
    var substituted: Set<SourceLocation> = []

    mutating func read(_ name: String, _ node: ComposeNode, at location: SourceLocation)
        -> ComposeService
    {
        var service = ComposeService(name: name, location: location)
        service.image = node["image"]?.text
        service.imageLocation = node["image"]?.location
        service.hasBuild = node["build"].map { !$0.isNull } ?? false
        service.profiles = strings(node["profiles"])
        service.dependencies = Self.dependencies(of: node)
        service.environment = environment(node["environment"])
        service.envFiles = Self.envFiles(node["env_file"])
        service.labels = Self.labels(node["labels"])
        service.secrets = Self.mounts(node["secrets"])
        service.configs = Self.mounts(node["configs"])
        service.networks = Self.networks(node["networks"])
        service.aliases = (node["networks"]?.entries ?? []).flatMap { entry in
            (entry.value["aliases"]?.items ?? []).compactMap(\.text)
        }
        service.labelFiles = Self.envFiles(node["label_file"])
        service.networkMode = node["network_mode"].flatMap(Self.named)
        service.volumes = volumes(node["volumes"], service: name)
        service.ports = (node["ports"]?.items ?? []).map(Self.port)
        checkPorts(node["ports"]?.items ?? [], service: name)
        service.command = node["command"].flatMap(Self.command)
        service.entrypoint = node["entrypoint"].flatMap(Self.command)
        service.healthcheck = node["healthcheck"].flatMap(Self.healthcheck)
        service.healthcheckTestLocation = node["healthcheck"]?["test"]?.items?.first?.location
        service.restart = node["restart"]?.text ?? Self.restartPolicy(node["deploy"])
        checkRestart(node["restart"], service: name)
        service.containerName = node["container_name"].flatMap(Self.named)
        service.shmSize = node["shm_size"]?.text
        readReplicas(node, into: &service)
        return service
    }

    private func strings(_ node: ComposeNode?) -> [String] {
        guard let node else { return [] }
        return (node.items ?? [node]).compactMap(\.text)
    }

    static func named(_ node: ComposeNode) -> NamedReference? {
        node.text.map { NamedReference(name: $0, location: node.location) }
    }

    private func readReplicas(_ node: ComposeNode, into service: inout ComposeService) {
        let source = node["deploy"]?["replicas"] ?? node["scale"]
        service.replicas = source?.text.flatMap { Int($0) }
        service.replicasLocation = source?.location
    }

    /// Refuses a `restart` the Docker engine would refuse when Compose creates the container.
    private mutating func checkRestart(_ node: ComposeNode?, service: String) {
        guard let node, let policy = node.text, !Self.isRestartPolicy(policy) else { return }
        diagnostics.report(.invalidRestart(service: service, policy: policy), at: node.location)
    }

    /// True for `no`, `always`, `unless-stopped`, `on-failure` and `on-failure:N` (N ≥ 0).
    ///
    /// Also true for an empty value (no policy, as an unset `${RESTART}` leaves it) and for
    /// `none` and `any`, which Compose maps to `no` and `always` before the engine sees them.
    static func isRestartPolicy(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        switch parts[0] {
        case "", "no", "none", "always", "any", "unless-stopped": return parts.count == 1
        case "on-failure": return parts.count == 1 || UInt32(parts[1]) != nil
        default: return false
        }
    }

    static func restartPolicy(_ deploy: ComposeNode?) -> String? {
        switch deploy?["restart_policy"]?["condition"]?.text {
        case "any": return "always"
        case "none": return "no"
        case let other: return other
        }
    }
}

extension ServiceReader {
    /// `depends_on` (list or mapping), `links`, `volumes_from` and `network_mode: service:X`.
    static func dependencies(of node: ComposeNode) -> [DeclaredDependency] {
        var result: [DeclaredDependency] = []
        if let dependsOn = node["depends_on"] {
            result += dependsOnEntries(dependsOn)
        }
        for item in node["links"]?.items ?? [] {
            guard let text = item.text else { continue }
            let target = String(text.split(separator: ":").first ?? Substring(text))
            result.append(DeclaredDependency(target: target, kind: .links, location: item.location))
        }
        for item in node["volumes_from"]?.items ?? [] {
            guard let text = item.text, !text.hasPrefix("container:") else { continue }
            let target = String(text.split(separator: ":").first ?? Substring(text))
            result.append(
                DeclaredDependency(target: target, kind: .volumesFrom, location: item.location))
        }
        if let mode = node["network_mode"], let text = mode.text, text.hasPrefix("service:") {
            let target = String(text.dropFirst("service:".count))
            result.append(
                DeclaredDependency(target: target, kind: .networkMode, location: mode.location))
        }
        return result
    }

    private static func dependsOnEntries(_ node: ComposeNode) -> [DeclaredDependency] {
        if let items = node.items {
            return items.compactMap { item in
                item.text.map {
                    DeclaredDependency(
                        target: $0, kind: .dependsOn, condition: "service_started",
                        location: item.location)
                }
            }
        }
        return (node.entries ?? []).map { entry in
            DeclaredDependency(
                target: entry.key, kind: .dependsOn,
                condition: entry.value["condition"]?.text ?? "service_started",
                isRequired: flag(entry.value["required"]) ?? true,
                restartsWithTarget: flag(entry.value["restart"]) ?? false,
                hasRequiredKey: entry.value["required"] != nil, location: entry.keyLocation)
        }
    }

    /// A boolean written as YAML `true`/`false` or as an interpolated string.
    static func flag(_ node: ComposeNode?) -> Bool? {
        switch node?.content {
        case .bool(let value)?: return value
        case .string(let text)?:
            switch text.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// `environment:` in list form (`KEY=value`, `KEY`) or mapping form (`KEY: value`, `KEY:`).
    func environment(_ node: ComposeNode?) -> [DeclaredVariable] {
        guard let node else { return [] }
        let mapping = ComposeMerger.keyedMapping(node)
        return (mapping.entries ?? []).map { entry in
            DeclaredVariable(
                key: entry.key, value: entry.value.text, location: entry.keyLocation,
                isInterpolated: substituted.contains(entry.value.location))
        }
    }

    static func envFiles(_ node: ComposeNode?) -> [EnvFileReference] {
        guard let node else { return [] }
        return (node.items ?? [node]).compactMap { item in
            if let path = item.text {
                return EnvFileReference(path: path, isRequired: true, location: item.location)
            }
            guard let path = item["path"]?.text else { return nil }
            let isRequired = flag(item["required"]) ?? true
            return EnvFileReference(
                path: path, isRequired: isRequired, location: item.location,
                format: item["format"]?.text, formatLocation: item["format"]?.location)
        }
    }

    static func labels(_ node: ComposeNode?) -> [DeclaredLabel] {
        guard let node else { return [] }
        let mapping = ComposeMerger.keyedMapping(node)
        return (mapping.entries ?? []).map { entry in
            DeclaredLabel(
                key: entry.key, value: entry.value.text ?? "", location: entry.keyLocation)
        }
    }

    static func mounts(_ node: ComposeNode?) -> [MountReference] {
        (node?.items ?? []).compactMap { item in
            if let source = item.text {
                return MountReference(source: source, target: nil, location: item.location)
            }
            guard let source = item["source"]?.text else { return nil }
            return MountReference(
                source: source, target: item["target"]?.text, location: item.location)
        }
    }

    static func networks(_ node: ComposeNode?) -> [NamedReference] {
        guard let node else { return [] }
        if let items = node.items { return items.compactMap(named) }
        return (node.entries ?? []).map { NamedReference(name: $0.key, location: $0.keyLocation) }
    }
}

extension ServiceReader {
    /// A port as a string: short syntax as written, long as `[ip:]published:target/protocol`.
    static func port(_ node: ComposeNode) -> String {
        if let text = node.text { return text }
        var text = node["target"]?.text ?? ""
        if let published = node["published"]?.text {
            text = "\(published):\(text)"
            if let ip = node["host_ip"]?.text { text = "\(ip):\(text)" }
        }
        if let proto = node["protocol"]?.text { text += "/\(proto)" }
        return text
    }

    /// Refuses ports Docker refuses: a short spec that does not parse, a long-syntax
    /// `target` that is not a port or a `published` that is not a port or a range.
    mutating func checkPorts(_ items: [ComposeNode], service: String) {
        for item in items {
            if let spec = item.text {
                guard let reason = PortSpec.problem(in: spec) else { continue }
                diagnostics.report(
                    .invalidPort(service: service, spec: spec, reason: reason), at: item.location)
                continue
            }
            let checks: [(String, (String) -> String?)] = [
                ("target", PortSpec.targetProblem), ("published", PortSpec.publishedProblem),
            ]
            for (key, problem) in checks {
                guard let value = item[key], let text = value.text, let reason = problem(text)
                else { continue }
                diagnostics.report(
                    .invalidPort(service: service, spec: "\(key): \(text)", reason: reason),
                    at: value.location)
            }
        }
    }

    /// A command as words: a list as written, a string split as a shell would.
    static func command(_ node: ComposeNode) -> [String]? {
        if let items = node.items { return items.compactMap(\.text) }
        return node.text.map(ShellWords.split)
    }

    static func healthcheck(_ node: ComposeNode) -> Healthcheck? {
        guard node.entries != nil else { return nil }
        var test: [String] = []
        if let items = node["test"]?.items {
            test = items.compactMap(\.text)
        } else if let text = node["test"]?.text {
            test = ["CMD-SHELL", text]
        }
        let isDisabled = flag(node["disable"]) == true || test.first == "NONE"
        let retries = node["retries"]?.text.flatMap { Int($0) }
        return Healthcheck(
            test: test, isDisabled: isDisabled, interval: node["interval"]?.text, retries: retries)
    }
}

extension ServiceReader {
    mutating func volumes(_ node: ComposeNode?, service: String) -> [VolumeMount] {
        (node?.items ?? []).compactMap { item in
            if let spec = item.text {
                return shortVolume(spec, at: item.location, service: service)
            }
            return Self.longVolume(item)
        }
    }

    /// Parses `[source:]target[:mode]`; an empty part or more than three parts is refused.
    private mutating func shortVolume(_ spec: String, at location: SourceLocation, service: String)
        -> VolumeMount?
    {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3, !parts.contains(where: \.isEmpty) else {
            let reason = parts.count > 3 ? "too many colons" : "empty section between colons"
            diagnostics.report(
                .invalidVolume(service: service, spec: spec, reason: reason), at: location)
            return nil
        }
        if parts.count == 1 {
            return VolumeMount(
                kind: .volume, source: nil, target: spec, isReadOnly: false, isLongSyntax: false,
                spec: spec, location: location)
        }
        let source = parts[0]
        let kind: VolumeMount.Kind = FilePath.looksLikePath(source) ? .bind : .volume
        let isReadOnly = parts.count == 3 && parts[2].split(separator: ",").contains("ro")
        return VolumeMount(
            kind: kind, source: source, target: parts[1], isReadOnly: isReadOnly,
            isLongSyntax: false,
            spec: spec, location: location)
    }

    static func longVolume(_ node: ComposeNode) -> VolumeMount? {
        let type = node["type"]?.text ?? "volume"
        let target = node["target"]?.text ?? ""
        let source = node["source"]?.text
        let isReadOnly = flag(node["read_only"]) ?? false
        let kind = VolumeMount.Kind(rawValue: type) ?? .other
        var spec = source.map { "\($0):\(target)" } ?? target
        if isReadOnly, source != nil { spec += ":ro" }
        return VolumeMount(
            kind: kind, source: source, target: target, isReadOnly: isReadOnly, isLongSyntax: true,
            spec: spec, location: node.location)
    }
}
