/// IAM wildcard matching, written by hand (no regular expressions, no per-call compilation).
///
/// `*` matches any run of characters, including none; `?` matches exactly one character (one Unicode
/// scalar); everything else matches itself, byte for byte in UTF-8 (so case-sensitive, and without Unicode
/// normalisation, as IAM compares code units). Matching is anchored at both ends and runs in O(n·m) worst
/// case with O(1) extra memory (greedy with back-tracking to the last `*`). The one wildcard matcher of Kumo: the
/// evaluator, the diff and the checks all match through it.
public enum Wildcard {
    /// A pattern token: a literal byte (0…255) or one of the two wildcards.
    typealias Token = UInt16
    static let star: Token = 0x100
    static let question: Token = 0x101

    /// Whether `text` matches `pattern`, where `*` and `?` in `pattern` are wildcards.
    public static func matches(_ text: String, pattern: String, foldASCIICase: Bool = false) -> Bool {
        withUTF8(pattern) { p in
            withUTF8(text) { t in match(RawPattern(bytes: p), t, foldASCIICase: foldASCIICase) }
        }
    }

    /// Whether `text` matches a token pattern (wildcards already distinguished from literal `*`/`?`).
    static func matches(_ text: String, tokens: [Token], foldASCIICase: Bool = false) -> Bool {
        tokens.withUnsafeBufferPointer { p in
            withUTF8(text) { t in match(TokenPattern(tokens: p), t, foldASCIICase: foldASCIICase) }
        }
    }

    /// The core matcher, generic over how a pattern spells its wildcards.
    static func match<P: WildcardPatternSource>(_ pattern: P, _ text: UnsafeBufferPointer<UInt8>, foldASCIICase: Bool)
        -> Bool
    {
        let pn = pattern.count
        let tn = text.count
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < tn {
            if p < pn {
                let token = pattern[p]
                if token == star {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if token == question {
                    t = nextScalar(text, after: t)
                    p += 1
                    continue
                }
                if bytesEqual(UInt8(truncatingIfNeeded: token), text[t], fold: foldASCIICase) {
                    p += 1
                    t += 1
                    continue
                }
            }
            if starP >= 0 {
                // Let the last `*` swallow one more character and retry.
                starT = nextScalar(text, after: starT)
                t = starT
                p = starP + 1
                continue
            }
            return false
        }
        while p < pn, pattern[p] == star { p += 1 }
        return p == pn
    }

    /// Whether a pattern string contains a wildcard (`*` or `?`).
    public static func containsWildcard(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }

    @inline(__always)
    static func bytesEqual(_ a: UInt8, _ b: UInt8, fold: Bool) -> Bool {
        if a == b { return true }
        guard fold else { return false }
        return lowerASCII(a) == lowerASCII(b)
    }

    @inline(__always)
    static func lowerASCII(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// The index after the Unicode scalar starting at `i` (skips UTF-8 continuation bytes).
    @inline(__always)
    static func nextScalar(_ text: UnsafeBufferPointer<UInt8>, after i: Int) -> Int {
        var j = i + 1
        while j < text.count, text[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    /// Runs `body` over the UTF-8 bytes of `s` without copying native strings.
    @inline(__always)
    static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = s
        return copy.withUTF8(body)
    }
}

/// A pattern seen as a sequence of ``Wildcard/Token``s.
protocol WildcardPatternSource {
    var count: Int { get }
    subscript(_ i: Int) -> Wildcard.Token { get }
}

/// A pattern straight from policy text: every `*` and `?` is a wildcard.
struct RawPattern: WildcardPatternSource {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    subscript(_ i: Int) -> Wildcard.Token {
        let b = bytes[i]
        if b == UInt8(ascii: "*") { return Wildcard.star }
        if b == UInt8(ascii: "?") { return Wildcard.question }
        return Wildcard.Token(b)
    }
}

/// A compiled pattern whose literal `*`/`?` (from `${*}`, `${?}` or substituted variables) are literal tokens.
struct TokenPattern: WildcardPatternSource {
    let tokens: UnsafeBufferPointer<Wildcard.Token>
    var count: Int { tokens.count }
    subscript(_ i: Int) -> Wildcard.Token { tokens[i] }
}
