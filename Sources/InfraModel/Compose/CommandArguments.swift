import Foundation

/// Reads server settings from a database container's command line.
///
/// The command is flattened first (`sh -c "postgres -c max_connections=200"`
/// counts), then read as the servers read their options: PostgreSQL's
/// `-c name=value`, `-cname=value` and `--name=value` (dashes and underscores
/// alike), MySQL's `--name=value` or `--name value`, Redis's `--maxclients N`
/// and MongoDB's `--maxConns N`.
struct CommandArguments {
    let words: [String]

    init(_ command: [String]) {
        words = command.flatMap { ShellWords.split($0) }
    }

    /// The value of setting `name`, in any of the forms above; the last one wins, as for the servers.
    func setting(_ name: String) -> String? {
        let wanted = Self.normalized(name)
        var found: String?
        for (index, word) in words.enumerated() {
            var candidate = word
            if word == "-c", index + 1 < words.count {
                candidate = words[index + 1]
            } else if word.hasPrefix("-c"), !word.hasPrefix("--") {
                candidate = String(word.dropFirst(2))
            } else if word.hasPrefix("--") {
                candidate = String(word.dropFirst(2))
                if !candidate.contains("="), index + 1 < words.count, Self.normalized(candidate) == wanted {
                    found = words[index + 1]
                    continue
                }
            } else {
                continue
            }
            let parts = candidate.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, Self.normalized(parts[0]) == wanted { found = parts[1] }
        }
        return found
    }

    /// The connection limit the command sets for `engine`, if any.
    func maxConnections(engine: String) -> Int? {
        let names: [String]
        switch engine {
        case "redis", "valkey": names = ["maxclients"]
        case "mongodb": names = ["maxConns"]
        default: names = ["max_connections"]
        }
        return names.lazy.compactMap { setting($0).flatMap { Int($0) } }.first
    }

    /// TLS as the command configures it (PostgreSQL's `ssl*` settings, MySQL's `tls_version`).
    func tls(engine: String) -> TLSSettings {
        var settings = TLSSettings()
        switch engine {
        case "postgres":
            if let ssl = setting("ssl") { settings.isEnabled = ["on", "true", "1", "yes"].contains(ssl.lowercased()) }
            settings.minimumVersion = setting("ssl_min_protocol_version").map(Self.protocolVersion)
            settings.maximumVersion = setting("ssl_max_protocol_version").map(Self.protocolVersion)
        case "mysql", "mariadb":
            let versions = setting("tls_version")?.split(separator: ",").map { Self.protocolVersion(String($0)) }
            settings.minimumVersion = versions?.min()
            settings.maximumVersion = versions?.max()
            if setting("require_secure_transport")?.lowercased() == "on" { settings.isEnabled = true }
        default:
            break
        }
        return settings
    }

    /// `1.2` for `TLSv1.2`.
    static func protocolVersion(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.lowercased().hasPrefix("tlsv") ? String(trimmed.dropFirst(4)) : trimmed
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "-", with: "_")
    }
}
