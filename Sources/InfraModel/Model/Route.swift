/// A reverse-proxy route (a Traefik router) and where it sends traffic.
public struct Route: ModelEntity {
    public static let kind = EntityKind.route

    /// The router name, unique in a project (`authentik`, `frontend-http`).
    public var router: String
    /// The service whose labels define the router.
    public var definedBy: String
    /// The rule as written (`Host(\`sso.example.net\`) || Host(\`auth.example.net\`)`).
    public var rule: String
    /// Every host the rule can match, sorted.
    public var hosts: [String]
    /// Every path prefix or path the rule names, sorted.
    public var paths: [String]
    public var entrypoints: [String]
    public var tls: Bool
    public var certResolver: String?
    public var middlewares: [String]
    /// The compose service that receives the traffic, if it is one of the stack's.
    public var backend: String?
    /// The proxy-level service name (`authentik`, `api@internal`), if set explicitly.
    public var proxyService: String?
    public var port: Int?
    public var priority: Int?
    public var source: String?

    public init(
        router: String, definedBy: String, rule: String, hosts: [String] = [], paths: [String] = [],
        entrypoints: [String] = [], tls: Bool = false, certResolver: String? = nil,
        middlewares: [String] = [], backend: String? = nil, proxyService: String? = nil,
        port: Int? = nil, priority: Int? = nil, source: String? = nil
    ) {
        self.router = router
        self.definedBy = definedBy
        self.rule = rule
        self.hosts = hosts
        self.paths = paths
        self.entrypoints = entrypoints
        self.tls = tls
        self.certResolver = certResolver
        self.middlewares = middlewares
        self.backend = backend
        self.proxyService = proxyService
        self.port = port
        self.priority = priority
        self.source = source
    }

    public var key: String { router }
    public var displayName: String { router }
}
