/// A container image reference split into repository, tag and digest.
///
/// `ghcr.io/goauthentik/server:2025.8.4` has repository
/// `ghcr.io/goauthentik/server` and tag `2025.8.4`; `postgres` has no tag (Docker
/// then pulls `latest`); `postgres:18@sha256:…` has both a tag and a digest. A
/// colon before the last `/` belongs to a registry port, not a tag.
public struct ImageReference: Codable, Hashable, Sendable, CustomStringConvertible {
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(repository: String, tag: String? = nil, digest: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Splits a reference as written in a compose file.
    public init(parsing text: String) {
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var tag: String?
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        self.init(repository: String(rest), tag: tag, digest: digest)
    }

    /// True for a tag Docker accepts: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    public static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, first.isASCII,
            first.isLetter || first.isNumber || first == "_",
            tag.count <= 128
        else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// True for a reference Docker accepts: a lowercase repository of
    /// `/`-separated components (the first may be a registry `host[:port]`),
    /// an optional valid tag and an optional `@algorithm:hex` digest.
    public static func isValidReference(_ text: String) -> Bool {
        let reference = ImageReference(parsing: text)
        if let tag = reference.tag, !isValidTag(tag) { return false }
        if let digest = reference.digest {
            let parts = digest.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isHexDigit) else {
                return false
            }
        }
        let components = reference.repository.split(
            separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty else { return false }
        for (index, component) in components.enumerated() {
            let isRegistry =
                index == 0 && components.count > 1
                && (component.contains(".") || component.contains(":") || component == "localhost")
            let allowed =
                isRegistry
                ? "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:"
                : "abcdefghijklmnopqrstuvwxyz0123456789._-"
            guard let first = component.first, first.isLetter || first.isNumber,
                component.allSatisfy({ allowed.contains($0) })
            else { return false }
        }
        return true
    }

    /// The reference as a compose file writes it.
    public var description: String {
        var text = repository
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The last path component of the repository: `server`, `postgres`.
    public var name: String {
        String(repository.split(separator: "/").last ?? Substring(repository))
    }

    /// True when the reference leaves the version to the registry (`latest` or no tag, no digest).
    public var isUnpinned: Bool {
        digest == nil && (tag == nil || tag == "latest")
    }

    /// The leading number of the tag (`16` for `16.4-alpine`, `2025` for `2025.8.4`), if any.
    ///
    /// PostgreSQL extension images name the server's major after `pg`
    /// (`pgvector/pgvector:pg16`, `timescale/timescaledb:2.14.2-pg15`,
    /// `0.8.0-pg17-bookworm`): that number is the one that binds the data.
    public var majorVersion: Int? {
        guard let tag else { return nil }
        if let server = Self.postgresMajor(in: tag) { return server }
        let trimmed = tag.drop { $0 == "v" || $0 == "V" }
        return Int(trimmed.prefix { $0.isNumber })
    }

    /// The number after a `pg` that starts the tag or follows `-`, `_` or `.`.
    static func postgresMajor(in tag: String) -> Int? {
        let characters = Array(tag.lowercased())
        var index = 0
        while index + 2 < characters.count {
            let startsWord = index == 0 || "-_.".contains(characters[index - 1])
            if startsWord, characters[index] == "p", characters[index + 1] == "g",
                characters[index + 2].isNumber
            {
                let digits = characters[(index + 2)...].prefix { $0.isNumber }
                return Int(String(digits))
            }
            index += 1
        }
        return nil
    }

    /// The first two numbers of the tag (`8.4` of `8.4.3-oracle`), if it starts with a number.
    public var minorVersion: (major: Int, minor: Int)? {
        guard let tag, Self.postgresMajor(in: tag) == nil else { return nil }
        let numbers = tag.drop { $0 == "v" || $0 == "V" }.split(separator: ".").prefix(2)
            .map { Int($0.prefix { $0.isNumber }) }
        guard numbers.count == 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        return (major, minor)
    }
}
