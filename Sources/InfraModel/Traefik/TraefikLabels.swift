import Foundation

/// The Traefik configuration one service's labels declare.
///
/// Reads `traefik.<http|tcp|udp>.routers.<name>.<property>` and
/// `traefik.<protocol>.services.<name>.loadbalancer.server.port`, in the
/// list or map form of `labels:`. A service takes part when it has router or
/// service labels and `traefik.enable` is not false, or, when Traefik's Docker
/// provider does not expose containers by default, only when `traefik.enable`
/// is true.
struct TraefikLabels: Sendable {
    /// One router's labels.
    struct Router: Sendable {
        var name: String
        var rule: String?
        var ruleLocation: SourceLocation?
        var entrypoints: [String] = []
        var isTLS = false
        var certResolver: String?
        var middlewares: [String] = []
        var service: String?
        var priority: Int?
        /// The first label of the router, for a location when it has no rule.
        var location: SourceLocation
    }

    var routers: [Router] = []
    /// Traefik services defined here → their `loadbalancer.server.port`, if any.
    var services: [String: Int?] = [:]
    /// `loadbalancer.server.port` labels whose value is not a port from 1 to 65535, by service.
    var invalidPorts: [(service: String, label: DeclaredLabel)] = []
    /// True when the service is exposed to Traefik (enabled and labelled, or enabled explicitly).
    var isEnabled: Bool

    /// Reads the Traefik labels among `labels`.
    ///
    /// - Parameter exposedByDefault: Traefik's `providers.docker.exposedByDefault`; when false,
    ///   only a service labelled `traefik.enable=true` is exposed.
    init(_ labels: [DeclaredLabel], exposedByDefault: Bool = true) {
        let enable = labels.first { $0.key == "traefik.enable" }.flatMap {
            Self.parseBool($0.value)
        }
        var routers: [String: Router] = [:]
        var order: [String] = []
        for label in labels {
            let parts = label.key.split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            guard parts.count >= 5, parts[0] == "traefik",
                ["http", "tcp", "udp"].contains(parts[1])
            else { continue }
            let name = parts[3]
            let property = parts[4...].joined(separator: ".").lowercased()
            switch parts[2] {
            case "routers":
                if routers[name] == nil {
                    routers[name] = Router(name: name, location: label.location)
                    order.append(name)
                }
                routers[name]?.apply(property, label)
            case "services":
                let isPort = property == "loadbalancer.server.port"
                let port = isPort ? Self.port(label.value) : nil
                if isPort, port == nil { invalidPorts.append((name, label)) }
                services[name] = port ?? services[name] ?? nil
            default:
                continue
            }
        }
        self.routers = order.compactMap { routers[$0] }
        let isLabelled = !routers.isEmpty || !services.isEmpty
        isEnabled = enable ?? (exposedByDefault && isLabelled)
    }

    /// A port from 1 to 65535, or nil: Traefik cannot build the server's URL from anything else.
    static func port(_ text: String) -> Int? {
        guard let port = Int(text), (1...65535).contains(port) else { return nil }
        return port
    }

    /// A boolean as Traefik parses labels and flags (Go's `strconv.ParseBool`); nil otherwise.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }
}

extension TraefikLabels.Router {
    mutating func apply(_ property: String, _ label: DeclaredLabel) {
        let list = label.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        switch property {
        case "rule":
            rule = label.value
            ruleLocation = label.location
        case "entrypoints": entrypoints = list
        case "tls": isTLS = isTLS || label.value.lowercased() == "true"
        case "tls.certresolver":
            certResolver = label.value
            isTLS = true
        case "middlewares": middlewares = list
        case "service": service = label.value
        case "priority": priority = Int(label.value)
        default:
            if property.hasPrefix("tls.") { isTLS = true }
        }
    }
}
