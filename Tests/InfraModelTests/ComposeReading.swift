import Foundation

@testable import InfraModel

/// What one reader made of a Compose project, cut down to the facts both readers print.
///
/// Built from infraplan's model or from `docker-compose config` output, so that
/// the two can be compared fact by fact: every service (active or not) with
/// its image, profiles, `depends_on` targets and effective environment.
struct ComposeReading: Equatable {
    /// One service's facts.
    struct Service: Equatable {
        /// The interpolated image reference; nil for a build-only service.
        var image: String?
        var profiles: [String] = []
        /// Sorted `depends_on` targets, whatever the syntax.
        var dependsOn: [String] = []
        /// The environment, classified as the model keeps it, so that sensitive values
        /// compare as `<redacted>` and never appear in a failure message.
        var environment: [String: EnvironmentValue] = [:]
    }

    var services: [String: Service] = [:]

    /// What infraplan's import read: every service, inactive ones included.
    init(model: StackModel) {
        for service in model.services {
            let dependsOn = model.dependencies(of: service.name).filter { $0.kind == .dependsOn }
            var environment: [String: EnvironmentValue] = [:]
            for entry in model.environment where entry.service == service.name {
                environment[entry.name] = entry.value
            }
            services[service.name] = Service(
                image: service.image?.description, profiles: service.profiles.sorted(),
                dependsOn: Set(dependsOn.map(\.to)).sorted(), environment: environment)
        }
    }

    /// What `docker-compose config` printed.
    ///
    /// v1 lists every service whatever the active profiles (with its `profiles:`),
    /// prints `depends_on` as a mapping and the environment as a mapping whose
    /// pass-through keys are null, and writes each `$` of a value as `$$` so that
    /// its output reads back unchanged; that escaping is undone here.
    init(v1 root: YAMLNode) {
        for pair in root["services"]?.mapping ?? [] {
            guard let name = pair.key.scalar else { continue }
            let body = pair.value
            let dependsOn =
                body["depends_on"].map { node in
                    node.mapping?.compactMap(\.key.scalar) ?? node.sequence?.compactMap(\.scalar)
                        ?? []
                } ?? []
            services[name] = Service(
                image: body["image"]?.scalar.map(Self.unescape),
                profiles: (body["profiles"]?.sequence ?? []).compactMap(\.scalar).sorted(),
                dependsOn: Set(dependsOn).sorted(),
                environment: Self.environment(body["environment"]))
        }
    }

    /// A v1 environment mapping, classified with the rule infraplan's model uses.
    private static func environment(_ node: YAMLNode?) -> [String: EnvironmentValue] {
        var result: [String: EnvironmentValue] = [:]
        for pair in node?.mapping ?? [] {
            guard let key = pair.key.scalar else { continue }
            result[key] =
                pair.value.isNull
                ? .passthrough
                : EnvironmentValue.classify(key: key, value: unescape(pair.value.scalar ?? ""))
        }
        return result
    }

    /// `$$` as `$`: v1 escapes every dollar sign it prints.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "$$", with: "$")
    }

    /// Every fact that differs between `self` (infraplan) and `other` (v1), one sorted line each.
    ///
    /// Lines read `service S: FACT: infraplan X, v1 Y`; the fact names the
    /// environment key (`environment FOO`), so a limitation can name it.
    func differences(from other: ComposeReading) -> [String] {
        var lines: [String] = []
        for name in Set(services.keys).union(other.services.keys).sorted() {
            guard let mine = services[name], let theirs = other.services[name] else {
                let reader = services[name] == nil ? "v1" : "infraplan"
                lines.append("service \(name): only \(reader) has it")
                continue
            }
            lines += Self.differences(mine, theirs).map { "service \(name): \($0)" }
        }
        return lines
    }

    private static func differences(_ mine: Service, _ theirs: Service) -> [String] {
        var lines: [String] = []
        func compare(_ fact: String, _ left: String, _ right: String) {
            if left != right { lines.append("\(fact): infraplan \(left), v1 \(right)") }
        }
        compare("image", mine.image ?? "none", theirs.image ?? "none")
        compare("profiles", list(mine.profiles), list(theirs.profiles))
        compare("depends_on", list(mine.dependsOn), list(theirs.dependsOn))
        for key in Set(mine.environment.keys).union(theirs.environment.keys).sorted() {
            compare(
                "environment \(key)", mine.environment[key].map(show) ?? "unset",
                theirs.environment[key].map(show) ?? "unset")
        }
        return lines
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    /// A value as a failure message may show it: quoted text, or a marker.
    private static func show(_ value: EnvironmentValue) -> String {
        switch value {
        case .literal(let text), .fileReference(let text): return "\"\(text)\""
        case .redacted, .passthrough: return value.description
        }
    }
}
