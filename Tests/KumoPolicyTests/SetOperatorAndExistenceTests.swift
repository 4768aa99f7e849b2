import Testing

@testable import KumoPolicy

@Suite struct SetOperatorAndExistenceTests {
    /// IAM User Guide: an absent key does not match (false) — except negated operators (true), `…IfExists`
    /// (true), `ForAllValues` (vacuously true) and `ForAnyValue` (false).
    @Test(arguments: [
        (ConditionOperator.stringEquals, false),
        (.stringNotEquals, true),
        (.stringLike, false),
        (.stringNotLike, true),
        (.stringLike.ifExists, true),
        (.stringNotLike.ifExists, true),
        (.stringEquals.ifExists, true),
        (.forAnyValue(.stringLike), false),
        (.forAllValues(.stringLike), true),
        (.forAllValues(.stringNotLike), true),
        (.forAnyValue(.stringNotLike), false),
        (.forAnyValue(.stringLike.ifExists), true),
        (.numericLessThan, false),
        (.numericNotEquals, true),
        (.dateNotEquals, true),
        (.dateGreaterThan, false),
        (.bool, false),
        (.bool.ifExists, true),
        (.binaryEquals, false),
        (.ipAddress, false),
        (.notIpAddress, true),
        (.arnLike, false),
        (.arnNotLike, true),
        (.arnNotEquals.ifExists, true),
    ])
    func absentKey(op: ConditionOperator, expected: Bool) {
        let e = evaluation(op, ["x"], request: nil)
        #expect(e.result == expected)
        #expect(e.actual == nil)
        #expect(e.basis == .keyAbsent)
        #expect(e.reason.contains("key is absent"))
    }

    /// A key with an empty set of values is IAM's "empty data set": the same as absent.
    @Test func emptyValueSetIsAbsent() {
        #expect(holds(.forAllValues(.stringEquals), ["a"], request: []))
        #expect(!holds(.forAnyValue(.stringEquals), ["a"], request: []))
        #expect(!holds(.stringEquals, ["a"], request: []))
    }

    @Test(arguments: [
        (["true"], nil as [String]?, true),  // "true": the key must be absent
        (["true"], ["x"], false),
        (["false"], ["x"], true),  // "false": the key must be present
        (["false"], nil, false),
        (["TRUE"], nil, true),
        (["true", "false"], ["x"], true),
        (["maybe"], nil, false),  // not a Null value: never holds
        (["maybe"], ["x"], false),
    ])
    func nullChecks(policy: [String], request: [String]?, expected: Bool) {
        let e = evaluation(.null, policy, request: request, key: "aws:TokenIssueTime")
        #expect(e.result == expected)
        #expect(e.basis == .nullCheck(keyPresent: request != nil))
    }

    @Test func nullReasons() {
        #expect(
            evaluation(.null, ["false"], request: nil, key: "k:x").reason
                == #"Null k:x: key is absent, but Null "false" requires the key to be present"#)
        #expect(
            evaluation(.null, ["true"], request: nil, key: "k:x").reason
                == #"Null k:x: key is absent, as Null "true" requires the key to be absent"#)
    }

    /// IfExists only matters when the key is absent; a present key is evaluated normally.
    @Test func ifExistsWithPresentKey() {
        #expect(!holds(.stringLike.ifExists, ["t1.*", "t2.*", "m3.*"], request: ["m5.large"]))
        #expect(holds(.stringLike.ifExists, ["t1.*", "t2.*", "m3.*"], request: ["t2.micro"]))
    }

    /// The DynamoDB examples of the IAM User Guide (multivalued `dynamodb:requestedAttributes`).
    @Test func userGuideSetOperatorExamples() {
        let allowed = ["PostDateTime", "Message", "Tags"]
        #expect(holds(.forAllValues(.stringLike), allowed, request: ["PostDateTime", "Message"]))
        #expect(!holds(.forAllValues(.stringLike), allowed, request: ["PostDateTime", "UserName"]))
        let forbidden = ["ID", "PostDateTime"]
        #expect(holds(.forAnyValue(.stringLike), forbidden, request: ["UserName", "Message", "PostDateTime"]))
        #expect(!holds(.forAnyValue(.stringLike), forbidden, request: ["UserName"]))
    }

    /// The `aws:TagKeys` table of "Multivalued context key examples": ForAllValues:StringNotLike "key1*".
    @Test(arguments: [
        (["key1:legal"], false),
        (["key1:hr", "key1:personnel"], false),
        (["key2:audit"], true),
        (["key1:legal", "key2:audit"], false),  // key1:legal matches the excluded pattern
        (nil as [String]?, true),
    ])
    func forAllValuesNegated(request: [String]?, expected: Bool) {
        #expect(holds(.forAllValues(.stringNotLike), ["key1*"], request: request, key: "aws:TagKeys") == expected)
    }

    @Test func forAnyValueNegated() {
        #expect(holds(.forAnyValue(.stringNotLike), ["key1*"], request: ["key1:a", "key2:b"]))
        #expect(!holds(.forAnyValue(.stringNotLike), ["key1*"], request: ["key1:a", "key1:b"]))
    }

    @Test func setOperatorReasons() {
        let all = evaluation(.forAllValues(.stringEquals), ["a", "b"], request: ["a", "z"], key: "k:x")
        #expect(all.reason == #"ForAllValues:StringEquals k:x: request value "z" does not match any of ["a", "b"]"#)
        let any = evaluation(.forAnyValue(.stringEquals), ["a", "b"], request: ["z", "b"], key: "k:x")
        #expect(any.reason == #"ForAnyValue:StringEquals k:x: request value "b" matches "b""#)
        let vacuous = evaluation(.forAllValues(.stringEquals), ["a"], request: nil, key: "k:x")
        #expect(vacuous.reason.contains("vacuously true"))
    }

    /// Without a set operator IAM documents single-valued keys only. When the "any value" and "every value"
    /// readings agree that is the answer; when they disagree the answer that denies access is taken.
    @Test func multivaluedKeyWithoutSetOperator() {
        #expect(holds(.stringEquals, ["a"], request: ["a", "a"]))
        #expect(!holds(.stringEquals, ["a"], request: ["b", "c"]))
        let allow = evaluation(.stringEquals, ["a"], request: ["a", "b"], effect: .allow)
        #expect(!allow.result)
        #expect(allow.undetermined == [.multivaluedKeyWithoutSetOperator])
        #expect(holds(.stringEquals, ["a"], request: ["a", "b"], effect: .deny))
        #expect(holds(.stringNotEquals, ["a"], request: ["b", "c"]))
        #expect(!holds(.stringNotEquals, ["a"], request: ["a", "b"], effect: .allow))
        #expect(holds(.stringNotEquals, ["a"], request: ["a", "b"], effect: .deny))
        // An unreadable value under a positive operator is simply "no match", not a separate uncertainty.
        #expect(evaluation(.numericEquals, ["5"], request: ["5", "abc"]).undetermined == [.multivaluedKeyWithoutSetOperator])
    }
}
