/// Finds the services an environment value names as a host: dependencies Compose does not see.
///
/// Recognised: a URL (`redis://redis_cache:6379/0`, `postgres://u:p@db:5432/x`,
/// `jdbc:postgresql://db:5432/x`), `host:port` (`redis_cache:6379`), lists of
/// those separated by commas, semicolons or spaces, and a bare service name
/// (`DB_HOST=authentik_db`) when the key suggests a host (`HOST`, `SERVER`,
/// `ADDR`, `URL`, `DSN`, `ENDPOINT`, `BROKER`, `UPSTREAM`, `REDIS`…) — a bare
/// word under any other key (`CACHE_BACKEND=redis`) is too likely to be a
/// setting rather than a host. Host names compare without case, as DNS does.
public struct HostReferenceFinder: Sendable {
    /// Service names (and container names) → the service they reach, keyed in lowercase.
    let hosts: [String: String]

    /// - Parameter hosts: every name a service answers to, lowercased, → the service.
    public init(hosts: [String: String]) {
        self.hosts = hosts
    }

    /// A finder for the services of `model`: their names and container names.
    public init<S: Sequence>(services: S) where S.Element == Service {
        var hosts: [String: String] = [:]
        for service in services {
            hosts[service.name.lowercased()] = service.name
            if let container = service.containerName {
                hosts[container.lowercased()] = hosts[container.lowercased()] ?? service.name
            }
        }
        self.hosts = hosts
    }

    /// The services `value` names as hosts, sorted, without duplicates.
    public func services(in value: String, key: String) -> [String] {
        let tokens = value.split { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" || $0 == "\t" }
        var found: Set<String> = []
        for token in tokens {
            guard let (host, isQualified) = Self.host(of: String(token)) else { continue }
            guard isQualified || Self.isHostKey(key) else { continue }
            if let service = hosts[host.lowercased()] { found.insert(service) }
        }
        return found.sorted()
    }

    /// The host part of a token, and whether it came with a scheme or a port (qualified).
    static func host(of token: String) -> (String, Bool)? {
        var rest = Substring(token)
        var isQualified = false
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            isQualified = true
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
        }
        if let colon = rest.firstIndex(of: ":") {
            let port = rest[rest.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isNumber) else {
                return isQualified ? (String(rest[..<colon]), true) : nil
            }
            rest = rest[..<colon]
            isQualified = true
        }
        let host = String(rest)
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
        else { return nil }
        return (host, isQualified)
    }

    /// True when the key's words suggest its value is a host name.
    static func isHostKey(_ key: String) -> Bool {
        let words = key.uppercased().split { !$0.isLetter && !$0.isNumber }
        let hints: Set<Substring> = [
            "HOST", "HOSTNAME", "HOSTS", "SERVER", "SERVERS", "ADDR", "ADDRESS", "URL", "URI",
            "DSN",
            "ENDPOINT", "BROKER", "BROKERS", "UPSTREAM", "REDIS", "MASTER", "PRIMARY",
        ]
        return words.contains { hints.contains($0) }
    }
}
