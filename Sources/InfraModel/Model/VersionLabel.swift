/// The rule for a version's label (`2025.8.4`, `v2-rc.1`, `before+fix`).
///
/// A label names a version in commands, file names of backups and kept
/// compose files, and in the commands a plan prints, so it is held to what
/// is safe in all of them: a letter or digit first, then letters, digits,
/// `.`, `_`, `+` and `-`, at most 64 characters in all. No slash, space or
/// shell character can reach a path or a command through a label.
public enum VersionLabel {
    /// The longest label accepted.
    public static let maximumLength = 64

    /// Why `label` is not a valid label, or nil when it is.
    public static func problem(_ label: String) -> String? {
        if label.isEmpty { return "a version label cannot be empty" }
        if label.unicodeScalars.count > maximumLength {
            return "version label is longer than \(maximumLength) characters"
        }
        let scalars = Array(label.unicodeScalars)
        guard isAlphanumeric(scalars[0]) else {
            return "version label '\(printable(label))' must start with a letter or digit"
        }
        if let bad = scalars.first(where: { !isAlphanumeric($0) && !"._+-".unicodeScalars.contains($0) }) {
            let shown = bad.properties.isWhitespace || bad.value < 0x20 ? "U+\(String(bad.value, radix: 16, uppercase: true))" : String(bad)
            return "version label '\(printable(label))' has '\(shown)'; use letters, digits, '.', '_', '+' and '-'"
        }
        return nil
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    /// The label with control characters escaped, so the message stays one line.
    private static func printable(_ label: String) -> String {
        label.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
            .joined()
    }
}
