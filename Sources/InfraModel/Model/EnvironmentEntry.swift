import Foundation

/// One environment variable of one service.
///
/// Values that look sensitive are never stored: see `EnvironmentValue`.
public struct EnvironmentEntry: ModelEntity {
    public static let kind = EntityKind.environment

    public struct Key: Hashable, Comparable, Codable, Sendable {
        public var service: String
        public var name: String

        public init(service: String, name: String) {
            self.service = service
            self.name = name
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.service, lhs.name) < (rhs.service, rhs.name)
        }
    }

    public var service: String
    public var name: String
    public var value: EnvironmentValue
    public var origin: EnvironmentOrigin
    public var source: String?

    public init(
        service: String, name: String, value: EnvironmentValue,
        origin: EnvironmentOrigin = .inline, source: String? = nil
    ) {
        self.service = service
        self.name = name
        self.value = value
        self.origin = origin
        self.source = source
    }

    public var key: Key { Key(service: service, name: name) }
    public var displayName: String { "\(service).\(name)" }
}

/// An environment value as the model keeps it.
public enum EnvironmentValue: Codable, Equatable, Sendable, CustomStringConvertible {
    /// A value safe to keep (a host name, a port, a flag).
    case literal(String)
    /// A sensitive value, replaced by this marker; the value itself is never stored.
    case redacted
    /// A reference to a file, such as `file:///run/secrets/redis_password`; kept as written.
    case fileReference(String)
    /// A variable passed through from the host environment without a value (`- KEY`).
    case passthrough

    /// The marker shown in place of a redacted value.
    public static let redactionMarker = "<redacted>"

    public var description: String {
        switch self {
        case .literal(let text): return text
        case .redacted: return Self.redactionMarker
        case .fileReference(let path): return path
        case .passthrough: return "<from host environment>"
        }
    }

    /// The text a reader may scan for host names; nil when nothing may be read.
    public var readableText: String? {
        switch self {
        case .literal(let text): return text
        case .fileReference(let path): return path
        case .redacted, .passthrough: return nil
        }
    }

    /// Classifies a value read from a file: sensitive keys and values are redacted.
    ///
    /// A key naming a password, secret, token, key or credential is sensitive,
    /// and so is a URL carrying a password (`redis://:pw@host`), whose password
    /// part is cut out. A `file://` or `/run/secrets/` reference is kept: it
    /// names where a secret lives, not the secret.
    public static func classify(key: String, value: String) -> EnvironmentValue {
        if value.hasPrefix("file://") || value.hasPrefix("/run/secrets/") {
            return .fileReference(value)
        }
        if (isSensitive(key: key) && !value.isEmpty) || value == redactionMarker {
            return .redacted
        }
        if let stripped = Credentials.strip(value) {
            return .literal(stripped)
        }
        return .literal(value)
    }

    /// True when a variable name suggests its value is a credential.
    ///
    /// `AUTH` counts only as the last word (`REDIS_AUTH`, `SMTP_AUTH` hold
    /// credentials); as a leading word it names a settings group whose URLs and
    /// flags are not secret (`GF_AUTH_GENERIC_OAUTH_AUTH_URL`), and redacting
    /// those would hide which applications sign in through an SSO server.
    public static func isSensitive(key: String) -> Bool {
        let upper = key.uppercased()
        let markers = [
            "PASSWORD", "PASSWD", "PASS", "PWD", "PW", "SECRET", "TOKEN", "KEY", "CREDENTIAL",
            "CREDENTIALS", "PRIVATE", "JWT", "SALT", "APIKEY", "PASSPHRASE",
        ]
        let words = upper.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if words.contains(where: { markers.contains($0) }) || words.last == "AUTH" { return true }
        // `PAPERLESS_DBPASS`, `MYSQLPASS`, `ADMINPWD`: the marker ends a word.
        let notCredentials: Set<String> = ["BYPASS", "COMPASS", "SURPASS", "OVERPASS"]
        if words.contains(where: {
            ($0.hasSuffix("PASS") || $0.hasSuffix("PWD") || $0.hasSuffix("PASSWD"))
                && !notCredentials.contains($0)
        }) {
            return true
        }
        return ["PASSWORD", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY"].contains { upper.contains($0) }
            && !upper.hasSuffix("_FILE")
    }
}

/// Where an environment value came from.
public enum EnvironmentOrigin: Codable, Equatable, Sendable {
    case inline
    case envFile(String)
    case interpolated

    public var label: String {
        switch self {
        case .inline: return "inline"
        case .envFile(let path): return "env_file \(path)"
        case .interpolated: return "interpolation"
        }
    }
}
