/// A service needs another: an edge of the dependency graph, with how it was found.
public struct Dependency: ModelEntity {
    public static let kind = EntityKind.dependency

    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var from: String
        public var to: String
        public var kind: DependencyKind
        /// Tells apart several edges of one kind: the environment key for `.environment`.
        public var detail: String

        public init(from: String, to: String, kind: DependencyKind, detail: String = "") {
            self.from = from
            self.to = to
            self.kind = kind
            self.detail = detail
        }

        /// Field by field, without building tuples: dependencies are the
        /// largest set of a model, and sorting them dominates planning.
        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.from != rhs.from { return lhs.from < rhs.from }
            if lhs.to != rhs.to { return lhs.to < rhs.to }
            if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
            return lhs.detail < rhs.detail
        }
    }

    public var from: String
    public var to: String
    public var kind: DependencyKind
    public var detail: String
    /// For `depends_on`: `service_started`, `service_healthy` or `service_completed_successfully`.
    public var condition: String?
    /// For `depends_on`: false when the dependency may be absent (`required: false`), a soft edge.
    public var isRequired: Bool
    /// For `depends_on`: restart the dependent when the dependency restarts.
    public var restartsWithTarget: Bool
    public var source: String?

    public init(
        from: String, to: String, kind: DependencyKind, detail: String = "",
        condition: String? = nil, isRequired: Bool = true, restartsWithTarget: Bool = false,
        source: String? = nil
    ) {
        self.from = from
        self.to = to
        self.kind = kind
        self.detail = detail
        self.condition = condition
        self.isRequired = isRequired
        self.restartsWithTarget = restartsWithTarget
        self.source = source
    }

    public var key: Key { Key(from: from, to: to, kind: kind, detail: detail) }

    public var displayName: String {
        detail.isEmpty ? "\(from) -> \(to) (\(kind.label))" : "\(from) -> \(to) (\(kind.label) \(detail))"
    }
}

/// How a dependency was declared or found.
public enum DependencyKind: String, Codable, CaseIterable, Sendable {
    /// `depends_on`: Compose starts the target first.
    case dependsOn = "depends_on"
    /// `links`: a legacy network alias that also orders start-up.
    case links
    /// `network_mode: service:X`: shares X's network namespace.
    case networkMode = "network_mode"
    /// `volumes_from`: mounts X's volumes.
    case volumesFrom = "volumes_from"
    /// An environment value names the target as a host; Compose does not see it.
    case environment
    /// A proxy route sends traffic to the target.
    case route

    public var label: String {
        switch self {
        case .dependsOn: return "depends_on"
        case .links: return "links"
        case .networkMode: return "network_mode"
        case .volumesFrom: return "volumes_from"
        case .environment: return "environment"
        case .route: return "route"
        }
    }

    /// True for kinds Compose uses to order start-up.
    public var ordersStartup: Bool {
        switch self {
        case .dependsOn, .links, .networkMode, .volumesFrom: return true
        case .environment, .route: return false
        }
    }
}
