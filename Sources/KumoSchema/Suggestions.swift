/// "Did you mean": the candidates closest to a misspelled name (case-insensitive edit distance).
public enum Suggestions {
    /// Up to `limit` candidates within a distance that fits the name's length, closest first.
    public static func closest(to name: String, among candidates: [String], limit: Int = 1) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        let allowed = max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let lowered = Array(candidate.lowercased().unicodeScalars)
            if abs(lowered.count - target.count) > allowed { continue }
            let d = distance(target, lowered)
            if d <= allowed { scored.append((d, candidate)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
