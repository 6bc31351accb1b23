/// Finds the name a user probably meant, for "did you mean" notes.
public enum NameSuggestion {
    /// The candidate nearest to `name` by edit distance, if near enough to be a likely typo.
    ///
    /// Near enough: at most a third of the longer name's length, at least 2 edits allowed;
    /// also a candidate that contains the name or is contained in it (`judge-server` / `oj-judge`
    /// share `judge`). Ties go to the alphabetically first candidate.
    public static func nearest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.filter { $0 != name }.map { candidate in
            (candidate, distance(name.lowercased(), candidate.lowercased()))
        }
        let sorted = scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        if let (best, score) = sorted.first, score <= max(2, max(best.count, name.count) / 3) {
            return best
        }
        return candidates.sorted().first { sharesWord(name, $0) }
    }

    /// True when the two names share a word of at least four letters (`judge` in both).
    static func sharesWord(_ left: String, _ right: String) -> Bool {
        func words(_ text: String) -> Set<String> {
            Set(
                text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter {
                    $0.count >= 4
                })
        }
        return !words(left).isDisjoint(with: words(right))
    }

    /// Levenshtein distance, iterative in two rows.
    public static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
