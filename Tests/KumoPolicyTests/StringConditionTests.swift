import Testing

@testable import KumoPolicy

@Suite struct StringConditionTests {
    @Test(arguments: [
        // Equals: exact and case-sensitive; * and ? are ordinary characters.
        (ConditionOperator.stringEquals, ["abc"], "abc", true),
        (.stringEquals, ["abc"], "ABC", false),
        (.stringEquals, ["abc"], "abc ", false),
        (.stringEquals, ["a*"], "abc", false),
        (.stringEquals, ["a*"], "a*", true),
        (.stringEquals, ["a?c"], "abc", false),
        (.stringEquals, ["repo:example-org/*"], "repo:example-org/app:ref:refs/heads/main", false),
        (.stringEquals, [""], "", true),
        (.stringNotEquals, ["abc"], "abc", false),
        (.stringNotEquals, ["abc"], "ABC", true),
        // IgnoreCase folds letter case, ASCII and beyond.
        (.stringEqualsIgnoreCase, ["ABC"], "abc", true),
        (.stringEqualsIgnoreCase, ["ABC"], "abd", false),
        (.stringEqualsIgnoreCase, ["ÄRGER"], "ärger", true),
        (.stringEqualsIgnoreCase, ["a*"], "A*", true),
        (.stringEqualsIgnoreCase, ["a*"], "Ab", false),
        (.stringNotEqualsIgnoreCase, ["ABC"], "abc", false),
        (.stringNotEqualsIgnoreCase, ["ABC"], "abd", true),
        // Like: wildcards anywhere, still case-sensitive.
        (.stringLike, ["repo:example-org/*"], "repo:example-org/app:ref:refs/heads/main", true),
        (.stringLike, ["repo:example-org/*"], "repo:example-org-evil/x", false),
        (.stringLike, ["repo:example-org/*"], "repo:other/x:ref:refs/heads/main", false),
        (.stringLike, ["repo:*:ref:refs/heads/main"], "repo:example-org/app:ref:refs/heads/main", true),
        (.stringLike, ["a?c"], "abc", true),
        (.stringLike, ["a?c"], "ac", false),
        (.stringLike, ["*"], "", true),
        (.stringLike, ["abc"], "ABC", false),
        (.stringLike, ["t2.*"], "t2.micro", true),
        (.stringNotLike, ["key1*"], "key2:audit", true),
        (.stringNotLike, ["key1*"], "key1:legal", false),
    ])
    func singleValue(op: ConditionOperator, policy: [String], request: String, expected: Bool) {
        #expect(holds(op, policy, request: [request]) == expected)
    }

    /// IAM compares code units: a decomposed "é" is not the precomposed one (Swift's `==` would say it is).
    @Test func noUnicodeNormalisation() {
        #expect("\u{E9}" == "e\u{301}")
        #expect(!holds(.stringEquals, ["\u{E9}"], request: ["e\u{301}"]))
        #expect(holds(.stringEquals, ["\u{E9}"], request: ["\u{E9}"]))
    }

    /// Several policy values: OR for positive operators, "none may match" (NOR) for negated ones.
    @Test(arguments: [
        (ConditionOperator.stringEquals, "b", true),
        (.stringEquals, "c", false),
        (.stringNotEquals, "b", false),  // b is excluded even though a is not b
        (.stringNotEquals, "c", true),
        (.stringLike, "b", true),
        (.stringNotLike, "a", false),
        (.stringNotLike, "z", true),
    ])
    func multiplePolicyValues(op: ConditionOperator, request: String, expected: Bool) {
        #expect(holds(op, ["a", "b"], request: [request]) == expected)
    }

    /// Condition key names are case-insensitive (tag keys too); values are compared per operator.
    @Test func keyNamesAreCaseInsensitive() {
        let context: [String: [String]] = ["aws:principaltag/team": ["platform"]]
        let condition = Condition(.stringEquals, key: "AWS:PrincipalTag/Team", value: "platform")
        #expect(condition.holds(in: RequestContext(context)))
        let wrongCase = Condition(.stringEquals, key: "aws:PrincipalTag/team", value: "Platform")
        #expect(!wrongCase.holds(in: RequestContext(context)))
    }

    @Test func explainsAFailedGitHubSubject() {
        let e = evaluation(
            .stringLike, ["repo:example-org/*"], request: ["repo:other/x:ref:refs/heads/main"],
            key: "token.actions.githubusercontent.com:sub")
        #expect(!e.result)
        #expect(e.actual == ["repo:other/x:ref:refs/heads/main"])
        #expect(e.expected == ["repo:example-org/*"])
        #expect(
            e.reason
                == #"StringLike token.actions.githubusercontent.com:sub: "repo:other/x:ref:refs/heads/main" does not match "repo:example-org/*""#
        )
        #expect(e.description.hasPrefix("✗ "))
    }

    @Test func explainsMatchesAndNegatedFailures() {
        let ok = evaluation(.stringEquals, ["a", "b"], request: ["b"], key: "k:x")
        #expect(ok.reason == #"StringEquals k:x: "b" matches "b""#)
        let excluded = evaluation(.stringNotEquals, ["a", "b"], request: ["b"], key: "k:x")
        #expect(excluded.reason == #"StringNotEquals k:x: "b" matches excluded value "b""#)
        let none = evaluation(.stringEquals, ["a", "b"], request: ["c"], key: "k:x")
        #expect(none.reason == #"StringEquals k:x: "c" does not match any of ["a", "b"]"#)
    }
}
