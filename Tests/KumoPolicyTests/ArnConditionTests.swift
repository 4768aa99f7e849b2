import Testing

@testable import KumoPolicy

@Suite struct ArnConditionTests {
    @Test(arguments: [
        (ConditionOperator.arnLike, "arn:aws:iam::*:role/deploy-*", "arn:aws:iam::111122223333:role/deploy-prod", true),
        (.arnLike, "arn:aws:iam::*:role/deploy-*", "arn:aws:iam::111122223333:user/deploy-prod", false),
        (.arnEquals, "arn:aws:sns:*:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:topic", true),  // = ArnLike
        (.arnEquals, "arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:us-east-1:123456789012:topic", true),
        (.arnLike, "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b:c", true),  // the resource keeps its colons
        (.arnLike, "arn:aws:iam::*:role/Deploy", "arn:aws:iam::111122223333:role/deploy", false),  // case-sensitive
        (.arnLike, "arn:aws:iam::*:role/x", "arn:aws:iam::111:222:role/x", false),  // * stays in its component
        (.arnLike, "arn:aws:iam::1?1:role/x", "arn:aws:iam::121:role/x", true),
        (.arnLike, "arn:aws:iam::1?1:role/x", "arn:aws:iam::1221:role/x", false),
        (.arnLike, "arn:aws:*", "arn:aws:iam::1:role/x", false),  // not six components: not an ARN pattern
        (.arnLike, "arn:aws:iam::*:role/x", "not-an-arn", false),
        (.arnNotEquals, "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/dev", true),
        (.arnNotLike, "arn:aws:iam::*:role/admin*", "arn:aws:iam::111122223333:role/admin-2", false),
    ])
    func arns(op: ConditionOperator, policy: String, request: String, expected: Bool) {
        #expect(holds(op, [policy], request: [request], key: "aws:PrincipalArn") == expected)
    }

    /// The IAM User Guide's own example: StringLike lets the first `*` swallow colons, ArnLike does not.
    @Test func userGuideExample() {
        let pattern = "arn:aws:someservice:*:111122223333:finance/*"
        let value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
        #expect(holds(.stringLike, [pattern], request: [value]))
        #expect(!holds(.arnLike, [pattern], request: [value]))
    }

    /// A request value that is not an ARN cannot be compared; under a negated operator that is undetermined.
    @Test func negatedOperatorOnNonArnIsConservative() {
        #expect(!holds(.arnNotLike, ["arn:aws:iam::*:role/x"], request: ["nope"], effect: .allow))
        #expect(holds(.arnNotLike, ["arn:aws:iam::*:role/x"], request: ["nope"], effect: .deny))
    }
}
