import Testing

@testable import KumoPolicy

@Suite struct WildcardTests {
    @Test(arguments: [
        ("*", "", true),  // * matches the empty run
        ("*", "anything at all", true),
        ("a*", "a", true),
        ("a*c", "ac", true),
        ("a*c", "abbbc", true),
        ("a*c", "abbbd", false),
        ("a?c", "abc", true),
        ("a?c", "ac", false),  // ? is exactly one character, never zero
        ("a?c", "abbc", false),  // ... and never two
        ("?", "", false),
        ("?", "é", true),  // one character of two UTF-8 bytes
        ("??", "é", false),
        ("a?", "aé", true),
        ("*?", "", false),
        ("*?", "x", true),
        ("**", "", true),
        ("a**b", "ab", true),
        ("abc", "abcd", false),  // anchored at the end
        ("abc", "xabc", false),  // anchored at the start
        ("abc", "ab", false),
        ("*a*b*c*", "xaybzc", true),
        ("*a*b*c*", "xaybz", false),
        ("a*b*c", "abcbc", true),
        ("repo:example-org/*", "repo:example-org/app:ref:refs/heads/main", true),
        ("repo:example-org/*", "repo:example-org-evil/x", false),  // the classic prefix confusion
        ("repo:example-org*", "repo:example-org-evil/x", true),  // ... which a missing slash allows
        ("repo:example-org/*", "repo:Example-Org/app", false),  // case-sensitive
        ("system:serviceaccount:main:*", "system:serviceaccount:main:eso", true),
        ("system:serviceaccount:main:*", "system:serviceaccount:mainx:eso", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(Wildcard.matches(text, pattern: pattern) == expected)
    }

    @Test func asciiCaseFoldingIsOptIn() {
        #expect(Wildcard.matches("s3:GetObject", pattern: "S3:get*", foldASCIICase: true))
        #expect(!Wildcard.matches("s3:GetObject", pattern: "S3:get*"))
    }

    /// A pattern that makes naive back-tracking exponential finishes promptly (and correctly).
    @Test func pathologicalPatternIsLinearish() {
        let text = String(repeating: "a", count: 2_000)
        let pattern = String(repeating: "*a", count: 30) + "*b"
        #expect(!Wildcard.matches(text, pattern: pattern))
        #expect(Wildcard.matches(text + "b", pattern: pattern))
    }

    /// Tokens keep escaped `*`/`?` literal.
    @Test func literalTokensAreNotWildcards() {
        let tokens: [Wildcard.Token] = [UInt16(UInt8(ascii: "a")), UInt16(UInt8(ascii: "*")), Wildcard.star]
        #expect(Wildcard.matches("a*xyz", tokens: tokens))
        #expect(!Wildcard.matches("abxyz", tokens: tokens))
    }
}
