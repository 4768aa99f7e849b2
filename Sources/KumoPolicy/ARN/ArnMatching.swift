/// ARN matching for `ArnEquals`/`ArnLike` (identical in IAM) and their negations.
///
/// An ARN has six `:`-delimited components — `arn:partition:service:region:account-id:resource` — where the
/// resource component keeps any further colons. IAM checks each component separately, case-sensitively,
/// and wildcards stay inside their component: `arn:aws:someservice:*:111122223333:finance/*` does *not* match
/// `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt` (it would
/// under `StringLike`). A value with fewer than six components is not an ARN: the result is `nil`
/// ("cannot be compared"), which never satisfies a positive operator.
enum ArnMatching {
    /// Whether `text` matches `pattern` (`*`/`?` wildcards), or `nil` when either is not an ARN.
    static func matches(_ text: String, pattern: String) -> Bool? {
        Wildcard.withUTF8(pattern) { p in
            Wildcard.withUTF8(text) { t in match(RawPattern(bytes: p), t) }
        }
    }

    /// As ``matches(_:pattern:)`` for a compiled pattern (literal `*`/`?` already distinguished).
    static func matches(_ text: String, tokens: [Wildcard.Token]) -> Bool? {
        tokens.withUnsafeBufferPointer { p in
            Wildcard.withUTF8(text) { t in match(TokenPattern(tokens: p), t) }
        }
    }

    /// Whether a policy value has the six components of an ARN.
    static func hasSixComponents(_ s: String) -> Bool {
        s.utf8.lazy.filter { $0 == UInt8(ascii: ":") }.count >= 5
    }

    private static func match<P: WildcardPatternSource>(_ pattern: P, _ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let pBounds = componentStarts(count: pattern.count, isColon: { pattern[$0] == Wildcard.Token(58) }),
            let tBounds = componentStarts(count: text.count, isColon: { text[$0] == 58 })
        else { return nil }
        for c in 0..<6 {
            let pStart = pBounds[c]
            let pEnd = c < 5 ? pBounds[c + 1] - 1 : pattern.count
            let tStart = tBounds[c]
            let tEnd = c < 5 ? tBounds[c + 1] - 1 : text.count
            let component = PatternSlice(base: pattern, start: pStart, count: pEnd - pStart)
            let textComponent = UnsafeBufferPointer(rebasing: text[tStart..<tEnd])
            if !Wildcard.match(component, textComponent, foldASCIICase: false) { return false }
        }
        return true
    }

    /// Start offsets of the six components, or `nil` with fewer than five colons.
    static func componentStarts(count: Int, isColon: (Int) -> Bool) -> [Int]? {
        var starts = [0]
        starts.reserveCapacity(6)
        var i = 0
        while i < count, starts.count < 6 {
            if isColon(i) { starts.append(i + 1) }
            i += 1
        }
        return starts.count == 6 ? starts : nil
    }
}

/// A contiguous part of a pattern.
struct PatternSlice<Base: WildcardPatternSource>: WildcardPatternSource {
    let base: Base
    let start: Int
    let count: Int
    subscript(_ i: Int) -> Wildcard.Token { base[start + i] }
}
