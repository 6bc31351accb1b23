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
public struct SecretGrant: ModelEntity {
    public static let kind = EntityKind.secretGrant

    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var service: String
        public var secret: String

        public init(service: String, secret: String) {
            self.service = service
            self.secret = secret
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.service, lhs.secret) < (rhs.service, rhs.secret)
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
        self.target = target ?? "/run/secrets/\(secret)"
        self.source = source
    }

    public var key: Key { Key(service: service, secret: secret) }
    public var displayName: String { "\(service) <- \(secret)" }
}
