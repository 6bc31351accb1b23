/// A dotted release number read from an image tag or a version label.
///
/// `2025.10.3` is `[2025, 10, 3]`; `16.4-alpine` is `[16, 4]` (what follows
/// the number is a variant, not a version); `v15.38.0` drops the `v`. A tag
/// with no leading number (`latest`, `alpine`) has no version.
struct Version: Comparable, CustomStringConvertible {
    let components: [Int]

    init?(_ text: String) {
        let trimmed = text.drop { $0 == "v" || $0 == "V" }
        let numeric = trimmed.prefix { $0.isNumber || $0 == "." }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        var components: [Int] = []
        for part in parts {
            guard let number = Int(part) else { break }
            components.append(number)
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    var description: String { components.map(String.init).joined(separator: ".") }

    /// Missing trailing components count as 0: `2025.12` equals `2025.12.0`.
    static func < (lhs: Version, rhs: Version) -> Bool {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    static func == (lhs: Version, rhs: Version) -> Bool { !(lhs < rhs) && !(rhs < lhs) }

    /// Compares with `release` at the precision `release` is written in:
    /// `2025.12.3` is *at* `2025.12`, `2025.10.3` is *before* it.
    func compared(atPrecisionOf release: Version) -> ComparisonResult {
        let own = Version(truncating: self, to: release.components.count)
        if own < release { return .before }
        return release < own ? .after : .at
    }

    private init(truncating version: Version, to count: Int) {
        components = Array(version.components.prefix(count))
    }

    /// Where a version stands relative to a release.
    enum ComparisonResult { case before, at, after }
}
