import InfraModel

/// An application that reaches another service through one of that service's
/// public hosts, as an environment value says: typically an application that
/// signs in through an SSO server (`GF_AUTH_GENERIC_OAUTH_AUTH_URL` naming
/// `sso.example.net`, a host of authentik's route).
///
/// Compose sees no dependency here and neither does the model's dependency
/// graph, which follows service names; the route hosts are what connects them.
public struct SignInClient: Equatable, Sendable {
    /// The application's service (`grafana`).
    public var application: String
    /// The service it reaches (`authentik_server`).
    public var provider: String
    /// The provider's host that the values name (`sso.example.net`).
    public var host: String
    /// The environment keys naming that host, sorted.
    public var variables: [String]
    /// The application's own route hosts, where a person signs in, sorted.
    public var applicationHosts: [String]

    /// True when a variable's name speaks of signing in (OAuth, OIDC, SAML, SSO, LDAP…).
    public var isSignIn: Bool {
        let hints = ["AUTH", "OIDC", "OPENID", "SAML", "SSO", "LDAP", "ISSUER", "LOGIN"]
        return variables.contains { variable in
            let words = variable.uppercased().split { !$0.isLetter && !$0.isNumber }
            return words.contains { word in hints.contains { word.contains($0) } }
        }
    }

    /// Every application of `model` that names a route host of one of `providers`.
    ///
    /// Sorted by provider, then application; the providers themselves are left out.
    public static func find(through providers: [String], in model: StackModel) -> [SignInClient] {
        var found: [SignInClient] = []
        let byService = Dictionary(grouping: model.environment.sorted, by: \.service)
        for provider in Set(providers).sorted() {
            let hosts = Set(
                model.routes.filter { ($0.backend ?? $0.definedBy) == provider }.flatMap(\.hosts))
            guard !hosts.isEmpty else { continue }
            for application in byService.keys.sorted() where !providers.contains(application) {
                let entries = byService[application] ?? []
                found += clients(application, entries, provider: provider, hosts: hosts, in: model)
            }
        }
        return found
    }

    private static func clients(
        _ application: String, _ entries: [EnvironmentEntry], provider: String, hosts: Set<String>,
        in model: StackModel
    ) -> [SignInClient] {
        var variablesByHost: [String: [String]] = [:]
        for entry in entries {
            guard let text = entry.value.readableText else { continue }
            for host in namedHosts(in: text) where hosts.contains(host) {
                variablesByHost[host, default: []].append(entry.name)
            }
        }
        let ownHosts = model.routes.filter { ($0.backend ?? $0.definedBy) == application }.flatMap(
            \.hosts)
        return variablesByHost.keys.sorted().map { host in
            SignInClient(
                application: application, provider: provider, host: host,
                variables: (variablesByHost[host] ?? []).sorted(),
                applicationHosts: ownHosts.sorted())
        }
    }

    /// The host names a value mentions: URL hosts (`https://sso.example.net/x`) and bare
    /// host names (`sso.example.net`, `sso.example.net:443`), lowercased.
    static func namedHosts(in value: String) -> Set<String> {
        var hosts: Set<String> = []
        for token in value.split(whereSeparator: { " ,;\t\n\"'".contains($0) }) {
            var rest = Substring(token)
            if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
            rest = rest.prefix { !"/?#".contains($0) }
            if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
            rest = rest.prefix { $0 != ":" }
            if rest.contains(".") { hosts.insert(rest.lowercased()) }
        }
        return hosts
    }
}
