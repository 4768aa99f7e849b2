import Testing

@testable import KumoPolicy

@Suite struct PolicyVariableTests {
    let bob: [String: [String]] = ["aws:username": ["bob"]]

    @Test func substitutesFromTheContext() {
        #expect(holds(.stringLike, ["home/${aws:username}/*"], request: ["home/bob/docs"], context: bob))
        #expect(!holds(.stringLike, ["home/${aws:username}/*"], request: ["home/alice/docs"], context: bob))
        #expect(holds(.stringEquals, ["${AWS:UserName}"], request: ["bob"], context: bob))  // case-insensitive key
    }

    @Test func githubSubjectFromAnotherClaim() {
        let context: [String: [String]] = ["token.actions.githubusercontent.com:repository_owner": ["example-org"]]
        let pattern = "repo:${token.actions.githubusercontent.com:repository_owner}/*"
        #expect(holds(.stringLike, [pattern], request: ["repo:example-org/app:ref:refs/heads/main"], context: context))
        #expect(
            !holds(.stringLike, [pattern], request: ["repo:example-org-evil/app:ref:refs/heads/main"], context: context)
        )
    }

    /// "When you use a variable with no value … StringEquals or StringLike do not match" — not even its own text.
    @Test func missingVariableNeverMatches() {
        #expect(!holds(.stringEquals, ["${aws:username}"], request: ["${aws:username}"]))
        #expect(!holds(.stringLike, ["*${aws:username}*"], request: ["anything"]))
        #expect(holds(.stringEquals, ["${aws:username}", "fallback"], request: ["fallback"]))  // other values still count
    }

    @Test func defaultValues() {
        let policy = ["${aws:PrincipalTag/team, 'company-wide'}"]
        #expect(holds(.stringEquals, policy, request: ["company-wide"]))
        let platform: [String: [String]] = ["aws:PrincipalTag/team": ["platform"]]
        #expect(holds(.stringEquals, policy, request: ["platform"], context: platform))
        #expect(!holds(.stringEquals, policy, request: ["company-wide"], context: platform))
    }

    @Test func specialCharacterEscapesAreLiteral() {
        #expect(holds(.stringLike, ["a${*}b"], request: ["a*b"]))
        #expect(!holds(.stringLike, ["a${*}b"], request: ["axb"]))  // ${*} is a literal star, not a wildcard
        #expect(holds(.stringLike, ["${?}"], request: ["?"]))
        #expect(!holds(.stringLike, ["${?}"], request: ["x"]))
        #expect(holds(.stringEquals, ["${$}{x}"], request: ["${x}"]))
    }

    /// Substituted text is literal: a user named "b*" does not become a wildcard.
    @Test func substitutedWildcardsAreLiteral() {
        let context: [String: [String]] = ["aws:username": ["b*"]]
        #expect(!holds(.stringLike, ["${aws:username}"], request: ["bob"], context: context))
        #expect(holds(.stringLike, ["${aws:username}"], request: ["b*"], context: context))
    }

    /// Before Version 2012-10-17 variables are literal text.
    @Test func legacyVersionKeepsVariablesLiteral() {
        #expect(!holds(.stringEquals, ["${aws:username}"], request: ["bob"], context: bob, variables: false))
        #expect(holds(.stringEquals, ["${aws:username}"], request: ["${aws:username}"], context: bob, variables: false))
        #expect(holds(.stringLike, ["${*}"], request: ["${anything}"], variables: false))  // "*" is a wildcard again
    }

    /// Only string, ARN and Bool operators substitute.
    @Test func numericOperatorsDoNotSubstitute() {
        let five: [String: [String]] = ["custom:limit": ["5"]]
        #expect(!holds(.numericEquals, ["${custom:limit}"], request: ["5"], context: five))
        #expect(
            holds(
                .arnLike, ["arn:aws:iam::*:user/${aws:username}"], request: ["arn:aws:iam::111122223333:user/bob"],
                context: bob))
        let flag: [String: [String]] = ["custom:flag": ["true"]]
        #expect(holds(.bool, ["${custom:flag}"], request: ["true"], key: "aws:SecureTransport", context: flag))
    }

    /// IAM does not allow multivalued keys as variables: such a variable has no value.
    @Test func multivaluedKeyIsNotAVariable() {
        let tags: [String: [String]] = ["aws:TagKeys": ["a", "b"]]
        #expect(!holds(.stringEquals, ["${aws:TagKeys}"], request: ["a"], context: tags))
    }

    /// Under a negated operator a missing variable leaves the outcome open: the answer that denies access.
    @Test func negatedOperatorWithMissingVariable() {
        let allow = evaluation(.stringNotEquals, ["${aws:username}"], request: ["x"], effect: .allow)
        #expect(!allow.result)
        #expect(allow.undetermined == [.unresolvedVariables(["${aws:username}"])])
        #expect(holds(.stringNotEquals, ["${aws:username}"], request: ["x"], effect: .deny))
    }

    @Test func unterminatedVariableIsLiteral() {
        #expect(holds(.stringEquals, ["${aws:username"], request: ["${aws:username"], context: bob))
    }

    @Test func resolvedValuesAreReported() {
        let e = evaluation(
            .stringLike, ["home/${aws:username}/*"], request: ["home/al/x"], key: "s3:prefix", context: bob)
        #expect(e.expected == ["home/bob/*"])
        #expect(e.reason == #"StringLike s3:prefix: "home/al/x" does not match "home/bob/*""#)
    }
}
