/// A value of a policy element as a pattern: literal characters and IAM's two wildcards (`*` any run, `?`
/// one character), or all-literal for operators without wildcards (`StringEquals "a*"` is the text `a*`).
///
/// Symbols (deploy-time values) are literal text: equal symbols are equal, different ones are different
/// values — so `arn:…:<Bucket.Arn>` is covered by `*` and by itself, not by another bucket.
struct Pattern: Hashable, Sendable {
    /// Unicode scalar values; ``star`` and ``question`` are the wildcards.
    let tokens: [Int32]
    /// The value as written.
    let text: String

    static let star: Int32 = -1
    static let question: Int32 = -2

    /// `text` with `*`/`?` as wildcards when `wildcards`, else all literal; lower-cased first when `foldCase`.
    init(_ text: String, wildcards: Bool, foldCase: Bool = false) {
        self.text = text
        var tokens: [Int32] = []
        tokens.reserveCapacity(text.unicodeScalars.count)
        let source = foldCase ? text.lowercased() : text
        for scalar in source.unicodeScalars {
            if wildcards && scalar == "*" {
                tokens.append(Pattern.star)
            } else if wildcards && scalar == "?" {
                tokens.append(Pattern.question)
            } else {
                tokens.append(Int32(scalar.value))
            }
        }
        self.tokens = Pattern.canonical(tokens)
    }

    /// Whether the pattern has a wildcard.
    var hasWildcards: Bool { tokens.contains { $0 < 0 } }

    /// Runs of wildcards in a canonical order (`?`s, then at most one `*`): `*?*` and `?*` match the same.
    private static func canonical(_ tokens: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i] < 0 else {
                out.append(tokens[i])
                i += 1
                continue
            }
            var questions = 0
            var star = false
            while i < tokens.count, tokens[i] < 0 {
                if tokens[i] == Pattern.star { star = true } else { questions += 1 }
                i += 1
            }
            out.append(contentsOf: repeatElement(Pattern.question, count: questions))
            if star { out.append(Pattern.star) }
        }
        return out
    }

    /// Whether `text` matches this pattern.
    func matches(_ text: [Int32]) -> Bool { PatternSubset.contains(text, in: tokens) }
}

/// Containment between IAM wildcard patterns: does every string one pattern matches also match another?
///
/// ``contains(_:in:)`` is sound (a `true` is always right) and exact whenever the inner pattern is literal;
/// for two wildcard patterns it can miss unusual containments, so ``isCovered(_:by:)`` then looks for a
/// *witness* — a string the inner pattern matches and no outer pattern does — and answers `nil` (undecidable)
/// when it finds neither proof.
enum PatternSubset {
    /// Whether every string matching `inner` matches `outer` (token sequences of ``Pattern``).
    ///
    /// A `*` of `outer` may absorb any run of `inner`'s tokens (literals and wildcards); a `?` of `outer` one
    /// literal or `?`; a literal only the same literal. A `*` of `inner` can only be absorbed by a `*` of
    /// `outer`. Dynamic programming over both positions: O(n·m).
    static func contains(_ inner: [Int32], in outer: [Int32]) -> Bool {
        let m = outer.count
        // previous[j]: outer[..<j] covers inner[..<i-1]; current[j]: outer[..<j] covers inner[..<i].
        var previous = [Bool](repeating: false, count: m + 1)
        previous[0] = true
        for j in 0..<m where outer[j] == Pattern.star { previous[j + 1] = previous[j] }
        var current = previous
        for token in inner {
            current[0] = false
            for j in 0..<m {
                let o = outer[j]
                if o == Pattern.star {
                    current[j + 1] = current[j] || previous[j + 1]
                } else if o == Pattern.question {
                    current[j + 1] = previous[j] && token != Pattern.star
                } else {
                    current[j + 1] = previous[j] && token == o
                }
            }
            swap(&previous, &current)
        }
        return previous[m]
    }

    /// Whether every string matching `inner` matches one of `outers`: `true`/`false` when decided, `nil`
    /// when neither a containment nor a counter-example was found.
    static func isCovered(_ inner: Pattern, by outers: some Collection<Pattern>) -> Bool? {
        if outers.contains(where: { contains(inner.tokens, in: $0.tokens) }) { return true }
        if !inner.hasWildcards { return false }
        for witness in witnesses(of: inner, avoiding: outers) where !outers.contains(where: { $0.matches(witness) }) {
            return false
        }
        return nil
    }

    /// Whether every pattern of `inners` is covered by `outers` (all decided `true` → `true`; some `false` →
    /// `false`; otherwise `nil`).
    static func allCovered(_ inners: some Collection<Pattern>, by outers: some Collection<Pattern>) -> Bool? {
        var undecided = false
        for inner in inners {
            switch isCovered(inner, by: outers) {
            case true?: continue
            case false?: return false
            case nil: undecided = true
            }
        }
        return undecided ? nil : true
    }

    /// Concrete strings that `pattern` matches, built to dodge `outers`: each `?` and `*` filled with a
    /// character none of them uses, or each `*` left empty (every combination up to 10 stars).
    private static func witnesses(of pattern: Pattern, avoiding outers: some Collection<Pattern>) -> [[Int32]] {
        var used = Set(pattern.tokens)
        for outer in outers { used.formUnion(outer.tokens) }
        var filler: Int32 = 0x07
        while used.contains(filler) { filler += 1 }
        let stars = pattern.tokens.indices.filter { pattern.tokens[$0] == Pattern.star }
        let combinations = stars.count <= 10 ? (0..<(1 << stars.count)).map { $0 } : [0, (1 << 10) - 1]
        return combinations.map { mask in
            var text: [Int32] = []
            var starIndex = 0
            for token in pattern.tokens {
                switch token {
                case Pattern.question: text.append(filler)
                case Pattern.star:
                    if mask & (1 << min(starIndex, 9)) != 0 { text.append(filler) }
                    starIndex += 1
                default: text.append(token)
                }
            }
            return text
        }
    }
}
