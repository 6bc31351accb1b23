import Foundation

/// Measures the phases of a command for `--debug` output.
struct Stopwatch {
    private var last = Date()

    /// Seconds since the previous lap (or since the start), to two decimals.
    mutating func lap() -> String {
        let now = Date()
        defer { last = now }
        return String(format: "%.2f", now.timeIntervalSince(last))
    }
}
