/// Finds credentials inside the values the model keeps as written: an
/// environment value, a command line, a healthcheck, a label.
///
/// A variable's name says when its whole value is secret
/// (`EnvironmentValue.isSensitive`); this reads the values themselves, for
/// the credentials that ride inside ordinary settings: the password of a URL
/// (`postgres://app:pw@db/app`, also one holding an unescaped `@`), a
/// `password=` pair of a query or connection string (`?password=pw`,
/// `Server=db;Password=pw;`), a bearer token, and the value of a flag such as
/// `--requirepass pw`, `--password=pw`, `redis-cli -a pw`, `curl -u user:pw`
/// or `mysql -ppw`. Each is replaced by the redaction marker; what is around
/// it (the host a URL names, the flag) stays, so dependencies are still found.
public enum Credentials {
    static let marker = EnvironmentValue.redactionMarker

    /// Names of settings and flags that hold a credential, besides those
    /// `EnvironmentValue.isSensitive` already recognises.
    static let credentialNames: Set<String> = [
        "pwd", "pw", "pass", "requirepass", "masterauth", "auth", "apikey", "api-key",
        "accesskey", "secretkey", "userpass",
    ]

    /// True when a setting or flag named `name` holds a credential.
    static func holdsCredential(_ name: String) -> Bool {
        let plain = name.trimmingCharacters(in: .whitespaces)
        guard !plain.isEmpty else { return false }
        return credentialNames.contains(plain.lowercased())
            || EnvironmentValue.isSensitive(key: plain.replacingOccurrences(of: " ", with: "_"))
    }

    /// `value` with every credential inside it replaced; nil when it holds none.
    public static func strip(_ value: String) -> String? {
        var text = value
        text = stripBearer(text)
        text = stripURLUserInfo(text)
        text = stripPairs(text)
        return text == value ? nil : text
    }

    /// The words of a command with credentials replaced: flag values, and
    /// credentials inside any word. A word that is itself a shell line
    /// (`["CMD-SHELL", "redis-cli -a pw ping"]`) is read word by word.
    public static func redact(command words: [String]) -> [String] {
        var result: [String] = []
        var hideNext = false
        var program = ""
        var startsCommand = true
        for word in words {
            // The program of each simple command of a shell line decides its short flags.
            if startsCommand, !word.contains(" ") {
                program = NSStringPath(word).lastComponent
            }
            // `["CMD", "redis-cli", …]`: the healthcheck's marker is not the program.
            startsCommand =
                ["&&", "||", ";", "|", "exec", "sudo", "CMD", "CMD-SHELL"].contains(word)
                || word.hasSuffix(";")
            if hideNext {
                // `$VAR` or `$(cat /run/secrets/x)` names where the secret is, for the container's shell.
                result.append(word.hasPrefix("$") ? word : marker)
                hideNext = false
                continue
            }
            if word.contains(" "), !word.hasPrefix("-") {
                // A header (`Authorization: Bearer x`) is one word of its command.
                result.append(redact(shellLine: strip(word) ?? word))
                continue
            }
            let (redacted, hidesNext) = flag(word, program: program)
            result.append(strip(redacted) ?? redacted)
            hideNext = hidesNext
        }
        return result
    }

    /// A shell line with its credentials replaced where they stand, so its
    /// quoting and the rest of it stay as written.
    private static func redact(shellLine line: String) -> String {
        let words = ShellWords.split(line)
        var text = line
        for (word, redacted) in zip(words, redact(command: words)) where word != redacted {
            if redacted.hasSuffix(marker), let cut = redacted.range(of: marker) {
                // `--flag=value`: only the value goes.
                let value = String(word.dropFirst(redacted.distance(
                    from: redacted.startIndex, to: cut.lowerBound)))
                text = text.replacingOccurrences(of: value, with: marker)
            } else {
                text = text.replacingOccurrences(of: word, with: redacted)
            }
        }
        return text
    }

    /// A label's value, hidden when its key names a credential or a Traefik
    /// basic or digest authentication user list (`user:hash`).
    public static func redact(label key: String, value: String) -> String {
        let lowered = key.lowercased()
        if lowered.hasSuffix("auth.users") || holdsCredential(key) {
            return value.isEmpty ? value : marker
        }
        return strip(value) ?? value
    }

    /// One command word: the word with an attached credential hidden, and
    /// whether the next word is the credential of this flag.
    private static func flag(_ word: String, program: String) -> (String, Bool) {
        guard word.hasPrefix("-"), word.count > 1 else { return (word, false) }
        let name = String(word.drop { $0 == "-" })
        if let equals = name.firstIndex(of: "=") {
            let key = String(name[..<equals])
            guard holdsCredential(key) else { return (word, false) }
            let prefix = word.prefix(word.count - name.count) + key
            return (prefix + "=" + marker, false)
        }
        let isLong = word.hasPrefix("--")
        let fetchers: Set<String> = ["curl", "wget"]
        if isLong {
            return (word, holdsCredential(name) || (fetchers.contains(program) && name == "user"))
        }
        switch (program, name) {
        case ("redis-cli", "a"), ("curl", "u"), ("wget", "u"): return (word, true)
        default: break
        }
        let clients: Set<String> = ["mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin"]
        if clients.contains(program), name.hasPrefix("p"), name.count > 1 {
            return ("-p" + marker, false)
        }
        return (word, false)
    }

    /// `Bearer TOKEN`, `Basic CREDENTIALS`, `Token TOKEN` as a whole value or a header.
    private static func stripBearer(_ text: String) -> String {
        for scheme in ["Bearer ", "Basic ", "Token ", "bearer ", "basic "] {
            guard let range = text.range(of: scheme) else { continue }
            let before = text[..<range.lowerBound]
            guard before.isEmpty || before.hasSuffix(" ") || before.hasSuffix(":") else { continue }
            let rest = text[range.upperBound...]
            let end = rest.firstIndex { $0 == " " || $0 == "\"" || $0 == "'" } ?? rest.endIndex
            guard end > rest.startIndex else { continue }
            return String(text[..<range.upperBound]) + marker + String(rest[end...])
        }
        return text
    }

    /// The password of every `scheme://user:password@host` in the text; the
    /// last `@` before the host ends it, so a password holding `@` is hidden
    /// whole. A user name alone is kept, except under a DSN, where it is the key.
    private static func stripURLUserInfo(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            output += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let tokenEnd = rest.firstIndex { $0 == " " || $0 == "," || $0 == ";" } ?? rest.endIndex
            let token = rest[..<tokenEnd]
            // The authority ends at the first '/', '?' or '#' after its last '@'.
            guard let at = token.lastIndex(of: "@") else { continue }
            let userInfo = token[..<at]
            guard !userInfo.isEmpty else { continue }
            if let colon = userInfo.firstIndex(of: ":") {
                output += userInfo[...colon] + marker
            } else if text.uppercased().contains("DSN") || userInfo.count >= 20 {
                output += marker
            } else {
                output += userInfo
            }
            rest = rest[at...]
        }
        return output + rest
    }

    /// `name=value` pairs of a query or connection string whose name holds a credential.
    private static func stripPairs(_ text: String) -> String {
        guard text.contains("=") else { return text }
        var output = ""
        var rest = Substring(text)
        let separators: Set<Character> = ["?", "&", ";", " ", ","]
        while let equals = rest.firstIndex(of: "=") {
            let head = rest[..<equals]
            let nameStart = head.lastIndex { separators.contains($0) }.map { head.index(after: $0) }
                ?? head.startIndex
            let name = head[nameStart...].drop { $0 == "-" }
            let valueStart = rest.index(after: equals)
            let valueEnd = rest[valueStart...].firstIndex { separators.contains($0) && $0 != " " }
                ?? rest.endIndex
            output += rest[..<valueStart]
            if holdsCredential(String(name)), valueEnd > valueStart {
                output += marker
                rest = rest[valueEnd...]
            } else {
                rest = rest[valueStart...]
            }
        }
        return output + rest
    }
}

/// The last component of a path, without Foundation.
private struct NSStringPath {
    let lastComponent: String

    init(_ path: String) {
        lastComponent = path.split(separator: "/").last.map(String.init) ?? path
    }
}
