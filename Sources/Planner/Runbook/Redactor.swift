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
}
