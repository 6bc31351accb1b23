/// Merges Compose documents and services the way compose-go's `override` package does.
///
/// Used for several `-f` files (each overrides the ones before), for
/// `extends` (the service overrides the one it extends) and for `include`.
/// The rules, by key of a service:
///
/// - `command`, `entrypoint`, `healthcheck.test`: the override replaces.
/// - `environment`, `labels`, `annotations`, `sysctls`, `build.args`,
///   `deploy.labels`: merged by name; the override wins.
/// - `depends_on`, `networks`: the list form read as a mapping, then merged by name.
/// - `volumes` (by target), `secrets`, `configs` (by mount path), `ports`,
///   `env_file`: appended; a later entry replaces an equal one in place.
/// - other lists (`links`, `profiles`, `dns`, `cap_add`…): appended without duplicates.
/// - `logging`: merged when both name the same driver (or one names none), else replaced.
/// - other mappings and scalars: merged recursively, and replaced.
///
/// A value tagged `!reset` removes the key; one tagged `!override` replaces
/// instead of merging.
enum ComposeMerger {
    /// Merges `override` onto `base`, both whole documents.
    static func mergeDocuments(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        mergeMappings(base, override) { key, old, new in
            if key == "services" { return mergeServiceSets(old, new) }
            if key.hasPrefix("x-") { return new }
            return mergeGeneric(old, new)
        }
    }

    /// Merges two `services:` mappings service by service.
    static func mergeServiceSets(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        mergeMappings(base, override) { _, old, new in mergeService(old, new) }
    }

    /// Merges one service definition onto another.
    static func mergeService(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        if base.isNull { return override }
        if override.isNull { return base }
        return mergeMappings(base, override) { key, old, new in mergeServiceKey(key, old, new) }
    }

    static func mergeServiceKey(_ key: String, _ old: ComposeNode, _ new: ComposeNode)
        -> ComposeNode
    {
        switch key {
        case "command", "entrypoint": return new
        case "environment", "labels", "annotations", "sysctls": return mergeKeyed(old, new)
        case "depends_on":
            return mergeMappings(
                dependsOnMapping(old), dependsOnMapping(new), locatedByOverride: true
            ) { mergeGeneric($1, $2) }
        case "networks":
            return mergeMappings(asMapping(old), asMapping(new), locatedByOverride: true) {
                mergeGeneric($1, $2)
            }
        case "volumes": return appendUnique(old, new, key: volumeTarget)
        case "secrets":
            return appendUnique(old, new) { mountTarget($0, defaultDirectory: "/run/secrets") }
        case "configs": return appendUnique(old, new) { mountTarget($0, defaultDirectory: "") }
        case "ports": return appendUnique(old, new, key: portKey)
        case "env_file", "label_file": return appendUnique(old, new, key: envFilePath)
        case "healthcheck":
            return mergeMappings(old, new) { key, a, b in key == "test" ? b : mergeGeneric(a, b) }
        case "build": return mergeBuild(old, new)
        case "deploy":
            return mergeMappings(old, new) { key, a, b in
                key == "labels" ? mergeKeyed(a, b) : mergeGeneric(a, b)
            }
        case "logging": return mergeLogging(old, new)
        default:
            if old.items != nil || new.items != nil {
                return appendUnique(old, new) { $0.text ?? "" }
            }
            return mergeGeneric(old, new)
        }
    }

    /// Deep merge: mappings by key, sequences appended, scalars replaced.
    static func mergeGeneric(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        if override.tag == "!override" { return override }
        if override.isNull { return base.isNull ? override : base }
        switch (base.content, override.content) {
        case (.mapping, .mapping): return mergeMappings(base, override) { mergeGeneric($1, $2) }
        case (.sequence(let old), .sequence(let new)):
            var node = override
            node.content = .sequence(old + new)
            return node
        default: return override
        }
    }

    /// Merges two mappings key by key with `merge` for keys present in both.
    ///
    /// An entry keeps its place in `base`; with `locatedByOverride`, an entry `override`
    /// writes again takes the override's key location, so that a variable or dependency
    /// points at the file its effective value was written in. Service definitions and
    /// other nested mappings keep where `base` first wrote them.
    static func mergeMappings(
        _ base: ComposeNode, _ override: ComposeNode, locatedByOverride: Bool = false,
        _ merge: (String, ComposeNode, ComposeNode) -> ComposeNode
    ) -> ComposeNode {
        guard var entries = base.entries, let others = override.entries else {
            return override.isNull ? base : override
        }
        for other in others {
            let index = entries.firstIndex { $0.key == other.key }
            switch (other.value.tag, index) {
            case ("!reset", let index?): entries.remove(at: index)
            case ("!reset", nil): continue
            case ("!override", let index?): entries[index].value = other.value
            case (_, let index?):
                entries[index].value = merge(other.key, entries[index].value, other.value)
            case (_, nil): entries.append(other)
            }
            if locatedByOverride, let index, other.value.tag != "!reset" {
                entries[index].keyLocation = other.keyLocation
            }
        }
        var node = base
        node.content = .mapping(entries)
        return node
    }
}

extension ComposeMerger {
    /// Merges list-or-mapping values (`environment`, `labels`) by name; the result is a mapping.
    static func mergeKeyed(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        if override.tag == "!override" { return keyedMapping(override) }
        return mergeMappings(keyedMapping(base), keyedMapping(override), locatedByOverride: true) {
            _, _, new in new
        }
    }

    /// `["A=1", "B"]` as the mapping `{A: "1", B: null}`; a mapping stays as it is.
    static func keyedMapping(_ node: ComposeNode) -> ComposeNode {
        guard let items = node.items else { return node }
        let entries = items.map { item -> ComposeEntry in
            let text = item.text ?? ""
            guard let equals = text.firstIndex(of: "=") else {
                return ComposeEntry(
                    key: text, keyLocation: item.location,
                    value: ComposeNode(.null, at: item.location))
            }
            let value = ComposeNode(
                .string(String(text[text.index(after: equals)...])), at: item.location)
            return ComposeEntry(
                key: String(text[..<equals]), keyLocation: item.location, value: value)
        }
        return ComposeNode(.mapping(entries), tag: node.tag, at: node.location)
    }

    /// A list of names as a mapping of those names to null (`depends_on`, `networks`).
    static func asMapping(_ node: ComposeNode) -> ComposeNode {
        guard let items = node.items else { return node }
        let entries = items.map { item in
            ComposeEntry(
                key: item.text ?? "", keyLocation: item.location,
                value: ComposeNode(.null, at: item.location))
        }
        return ComposeNode(.mapping(entries), tag: node.tag, at: node.location)
    }

    /// `depends_on` in list form as the mapping Compose reads it into: each name
    /// `{condition: service_started, required: true}`.
    static func dependsOnMapping(_ node: ComposeNode) -> ComposeNode {
        guard let items = node.items else { return node }
        let entries = items.map { item in
            let at = item.location
            let fields = [
                ComposeEntry(
                    key: "condition", keyLocation: at,
                    value: ComposeNode(.string("service_started"), at: at)),
                ComposeEntry(
                    key: "required", keyLocation: at, value: ComposeNode(.bool(true), at: at)),
            ]
            return ComposeEntry(
                key: item.text ?? "", keyLocation: at, value: ComposeNode(.mapping(fields), at: at))
        }
        return ComposeNode(.mapping(entries), tag: node.tag, at: node.location)
    }

    /// Appends `override`'s items to `base`'s; an item whose key is there replaces it in place.
    static func appendUnique(
        _ base: ComposeNode, _ override: ComposeNode, key: (ComposeNode) -> String
    ) -> ComposeNode {
        if override.tag == "!override" { return override }
        let old = base.items ?? (base.isNull ? [] : [base])
        let new = override.items ?? (override.isNull ? [] : [override])
        var result: [ComposeNode] = []
        var positions: [String: Int] = [:]
        for item in old + new {
            let itemKey = key(item)
            if let position = positions[itemKey] {
                result[position] = item
            } else {
                positions[itemKey] = result.count
                result.append(item)
            }
        }
        return ComposeNode(.sequence(result), at: base.location)
    }

    static func mergeBuild(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        func asMapping(_ node: ComposeNode) -> ComposeNode {
            guard let text = node.text else { return node }
            let context = ComposeNode(.string(text), at: node.location)
            return ComposeNode(
                .mapping([ComposeEntry(key: "context", keyLocation: node.location, value: context)]
                ), at: node.location)
        }
        return mergeMappings(asMapping(base), asMapping(override)) { key, a, b in
            ["args", "labels", "additional_contexts"].contains(key)
                ? mergeKeyed(a, b) : mergeGeneric(a, b)
        }
    }

    static func mergeLogging(_ base: ComposeNode, _ override: ComposeNode) -> ComposeNode {
        let old = base["driver"]?.text
        let new = override["driver"]?.text
        if old == nil || new == nil || old == new {
            return mergeMappings(base, override) { mergeGeneric($1, $2) }
        }
        return override
    }

    /// The container path of a volume: `/data` for `pgdata:/data:ro` or `{target: /data}`.
    static func volumeTarget(_ node: ComposeNode) -> String {
        if let target = node["target"]?.text { return target }
        let parts = (node.text ?? "").split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 2 ? String(parts[1]) : String(parts.first ?? "")
    }

    /// Where a secret or config is mounted, which identifies it in a service.
    static func mountTarget(_ node: ComposeNode, defaultDirectory: String) -> String {
        if let target = node["target"]?.text { return target }
        let source = node.text ?? node["source"]?.text ?? ""
        return "\(defaultDirectory)/\(source)"
    }

    static func portKey(_ node: ComposeNode) -> String {
        if let text = node.text { return text }
        let parts = ["host_ip", "published", "target", "protocol"].map { node[$0]?.text ?? "" }
        return parts.joined(separator: ":")
    }

    static func envFilePath(_ node: ComposeNode) -> String {
        node.text ?? node["path"]?.text ?? ""
    }
}
