/// A top-level secret: a name and where its value comes from, never the value.
public struct Secret: ModelEntity {
    public static let kind = EntityKind.secret

    public var name: String
    public var origin: SecretOrigin
    public var source: String?

    public init(name: String, origin: SecretOrigin, source: String? = nil) {
        self.name = name
        self.origin = origin
        self.source = source
    }

    public var key: String { name }
    public var displayName: String { name }
}

/// Where a secret's value lives.
public enum SecretOrigin: Codable, Equatable, Sendable, CustomStringConvertible {
    case file(String)
    case environment(String)
    case external(String?)
    /// Inline `content:`; the content itself is not kept.
    case inlineContent

    public var description: String {
        switch self {
        case .file(let path): return "file \(path)"
        case .environment(let name): return "environment \(name)"
        case .external(let name): return name.map { "external \($0)" } ?? "external"
        case .inlineContent: return "inline content"
        }
    }
}

/// A service receives a secret, mounted at a target path.
///
/// A grant is identified by its service, secret and target: Compose mounts the
/// same secret twice when a service lists it twice with different targets
/// (`secrets: [cert, {source: cert, target: /etc/ssl/app.pem}]`).
public struct SecretGrant: ModelEntity {
    public static let kind = EntityKind.secretGrant

    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var service: String
        public var secret: String
        public var target: String

        public init(service: String, secret: String, target: String? = nil) {
            self.service = service
            self.secret = secret
            self.target = target ?? SecretGrant.defaultTarget(of: secret)
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.service, lhs.secret, lhs.target) < (rhs.service, rhs.secret, rhs.target)
        }
    }

    public var service: String
    public var secret: String
    /// The mount path inside the container (`/run/secrets/<name>` by default).
    public var target: String
    public var source: String?

    public init(service: String, secret: String, target: String? = nil, source: String? = nil) {
        self.service = service
        self.secret = secret
        self.target = target ?? Self.defaultTarget(of: secret)
        self.source = source
    }

    /// Where Compose mounts a secret given without a target: `/run/secrets/<name>`.
    public static func defaultTarget(of secret: String) -> String { "/run/secrets/\(secret)" }

    /// True when the secret is mounted where Compose puts it by default.
    public var hasDefaultTarget: Bool { target == Self.defaultTarget(of: secret) }

    public var key: Key { Key(service: service, secret: secret, target: target) }
    public var displayName: String {
        hasDefaultTarget ? "\(service) <- \(secret)" : "\(service) <- \(secret) at \(target)"
    }
}
