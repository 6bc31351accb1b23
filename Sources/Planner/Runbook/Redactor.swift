import Foundation
import InfraModel

/// Replaces secret values in text with the model's redaction marker.
///
/// Commands never contain secret values, but what they print might: a
/// `docker compose config`, a failing client echoing its connection string.
/// The values to hide are those the model itself refuses to hold — the values
/// of sensitive variables in the environment the commands get, and the
/// contents of the stack's secret files — gathered in memory for the run and
/// never written anywhere.
struct Redactor {
    /// Values shorter than this are not hidden: "1" or "yes" would blank out
    /// half the log without protecting anything.
    static let minimumLength = 4

    private let values: [String]

    /// - Parameter values: the secret values; short and empty ones are dropped.
    init<S: Sequence>(values: S) where S.Element == String {
        let kept = Set(values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
            .filter { $0.count >= Self.minimumLength }
        // Longest first, so a value that contains another is hidden whole.
        self.values = kept.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The text with every secret value replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        values.reduce(text) {
            $0.replacingOccurrences(of: $1, with: EnvironmentValue.redactionMarker)
        }
    }

    /// The credentials written in a compose or env file: the values of
    /// sensitive variables (`POSTGRES_PASSWORD: x`, `- API_TOKEN=x`,
    /// `SECRET_KEY=x`) and the passwords of URLs (`redis://:x@cache`), which
    /// the model keeps as `<redacted>` but a command may still print.
    ///
    /// It reads lines, not YAML, so that a file the importer would refuse
    /// still has its values hidden; a value it takes wrongly only hides more.
    static func credentials(inFileText text: String) -> [String] {
        var found: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("#") { continue }
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
            if rest.hasPrefix("export ") { rest = rest.dropFirst(7) }
            rest = rest.drop { $0 == "\"" || $0 == "'" }
            let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            var value = rest.dropFirst(key.count).drop { $0 == "\"" || $0 == "'" || $0 == " " }
            guard !key.isEmpty, let separator = value.first, separator == "=" || separator == ":"
            else { continue }
            value = value.dropFirst().drop { $0 == " " }
            let cleaned = unquoted(String(value))
            if EnvironmentValue.isSensitive(key: String(key)) { found.append(cleaned) }
            found += urlPasswords(in: cleaned)
        }
        return found
    }

    /// `"x"` and `'x'` without their quotes; a trailing ` # comment` dropped from bare values.
    private static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        for quote in ["\"", "'"] where trimmed.hasPrefix(quote) {
            let inner = trimmed.dropFirst()
            return String(inner[..<(inner.range(of: quote)?.lowerBound ?? inner.endIndex)])
        }
        return String(trimmed[..<(trimmed.range(of: " #")?.lowerBound ?? trimmed.endIndex)])
    }

    /// The password part of every `scheme://user:password@host` in the text.
    private static func urlPasswords(in text: String) -> [String] {
        var passwords: [String] = []
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let userInfo = rest.prefix { $0 != "@" && $0 != "/" && $0 != " " }
            guard rest.dropFirst(userInfo.count).first == "@",
                let colon = userInfo.firstIndex(of: ":")
            else { continue }
            passwords.append(String(userInfo[userInfo.index(after: colon)...]))
        }
        return passwords
    }
}
