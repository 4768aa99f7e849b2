import KumoPolicy
import Testing
@testable import KumoAnalysis

/// Containment of IAM wildcard patterns and of conditions: the knowledge behind "broadening".
@Suite struct DiffPatternTests {
    @Test(arguments: [
        // (inner, outer, inner has wildcards, outer has wildcards, expected)
        ("repo:org/app:*", "repo:org/*", true, true, true as Bool?),
        ("repo:org/*", "repo:org/app:*", true, true, false),
        ("system:serviceaccount:main:web", "system:serviceaccount:main:*", false, true, true),
        ("system:serviceaccount:main:*", "system:serviceaccount:main:web", true, false, false),
        ("s3:GetObject", "s3:Get*", false, true, true),
        ("s3:Get*", "*", true, true, true),
        ("a?c", "a*", true, true, true),
        ("a*", "a?*", true, true, false),
        ("ab", "a?", false, true, true),
        ("*?", "?*", true, true, true),
        ("?*", "*?", true, true, true),
        ("a*b*c", "a*c", true, true, true),
        ("a*c", "a*b*c", true, true, false),
        ("x*", "x*", true, true, true),
        ("", "*", false, true, true),
        ("a*", "a*", false, true, true),  // the literal text a* (StringEquals) is matched by the pattern a*
    ])
    func patternContainment(inner: String, outer: String, innerWild: Bool, outerWild: Bool, expected: Bool?) {
        #expect(PatternSubset.isCovered(Pattern(inner, wildcards: innerWild), by: [Pattern(outer, wildcards: outerWild)]) == expected, "\(inner) ⊆ \(outer)")
    }

    @Test func literalWildcardCharactersAreNotWildcards() {
        // StringLike "a*" allows "ab"; StringEquals "a*" allows only the text "a*".
        #expect(PatternSubset.isCovered(Pattern("ab", wildcards: false), by: [Pattern("a*", wildcards: false)]) == false)
        #expect(PatternSubset.isCovered(Pattern("a*", wildcards: true), by: [Pattern("a*", wildcards: false)]) == false)
    }

    @Test func coverageByUnionOfPatterns() {
        let outers = [Pattern("a*", wildcards: true), Pattern("b*", wildcards: true)]
        #expect(PatternSubset.allCovered([Pattern("ab", wildcards: false), Pattern("bc*", wildcards: true)], by: outers) == true)
        #expect(PatternSubset.allCovered([Pattern("ab", wildcards: false), Pattern("c", wildcards: false)], by: outers) == false)
    }

    static func condition(_ op: ConditionOperator, _ values: [String], key: String = "k") -> NormalizedCondition {
        NormalizedCondition(Condition(op, key: key, values: values))
    }

    @Test(arguments: [
        // (old, new, expected classification on an Allow statement)
        (condition(.stringEquals, ["system:serviceaccount:main:web"]), condition(.stringLike, ["system:serviceaccount:main:*"]), Classification.broadening),
        (condition(.stringLike, ["repo:org/app:*"]), condition(.stringLike, ["repo:org/*"]), .broadening),
        (condition(.stringLike, ["repo:org/*"]), condition(.stringLike, ["repo:org/app:*"]), .narrowing),
        (condition(.stringEquals, ["a"]), condition(.stringEquals, ["a", "b"]), .broadening),
        (condition(.stringEquals, ["a", "b"]), condition(.stringEquals, ["a"]), .narrowing),
        (condition(.stringEquals, ["a"]), condition(.stringEquals, ["b"]), .broadening),
        (condition(.stringEquals, ["a"]), condition(.stringLike, ["a"]), .neutral),
        (condition(.stringEquals, ["a"]), condition(.stringEquals.ifExists, ["a"]), .broadening),
        (condition(.stringEquals.ifExists, ["a"]), condition(.stringEquals, ["a"]), .narrowing),
        (condition(.stringNotEquals, ["a"]), condition(.stringNotEquals, ["a", "b"]), .narrowing),
        (condition(.stringNotLike, ["a*"]), condition(.stringNotLike, ["ab*"]), .broadening),
        (condition(.stringEquals, ["a"]), condition(.stringNotEquals, ["b"]), .review),
        (condition(.stringEquals, ["a"]), condition(.forAnyValue(.stringEquals), ["a"]), .review),
        (condition(.stringEquals, ["A"]), condition(.stringEqualsIgnoreCase, ["a"]), .broadening),
        (condition(.stringEquals, ["a"]), condition(.numericEquals, ["1"]), .review),
        (condition(.bool, ["true"]), condition(.bool, ["false"]), .broadening),
        (condition(.bool, ["true"]), condition(.bool, ["TRUE"]), .neutral),
        (condition(.numericLessThan, ["10"]), condition(.numericLessThan, ["20"]), .broadening),
        (condition(.numericLessThan, ["20"]), condition(.numericLessThanEquals, ["10"]), .narrowing),
        (condition(.numericLessThan, ["10"]), condition(.numericLessThanEquals, ["10"]), .broadening),
        (condition(.numericGreaterThan, ["10"]), condition(.numericGreaterThan, ["5"]), .broadening),
        (condition(.numericEquals, ["1.0"]), condition(.numericEquals, ["1"]), .neutral),
        (condition(.dateLessThan, ["2024-01-01T00:00:00Z"]), condition(.dateLessThan, ["2025-01-01T00:00:00Z"]), .broadening),
        (condition(.ipAddress, ["10.0.0.0/8"]), condition(.ipAddress, ["10.1.0.0/16"]), .narrowing),
        (condition(.ipAddress, ["10.1.0.0/16"]), condition(.ipAddress, ["0.0.0.0/0"]), .broadening),
        (condition(.notIpAddress, ["10.0.0.0/8"]), condition(.notIpAddress, ["10.1.0.0/16"]), .broadening),
        (condition(.ipAddress, ["2001:db8::/32"]), condition(.ipAddress, ["2001:db8::/48"]), .review),
        (condition(.arnLike, ["arn:aws:iam::1:role/a"]), condition(.arnLike, ["arn:aws:iam::1:role/*"]), .broadening),
        (condition(.null, ["true"]), condition(.null, ["false"]), .broadening),
    ])
    func conditionClassification(old: NormalizedCondition, new: NormalizedCondition, expected: Classification) throws {
        let template = try DiffFixture.template(#"{"Resources": {}}"#)
        let text = StatementText(template: template)
        let (classification, reason) = ConditionDiffer.classify(old, new, oldText: text, newText: text)
        #expect(classification == expected, "\(old.op.name) \(old.values) → \(new.op.name) \(new.values): \(reason)")
        #expect(!reason.isEmpty)
    }

    @Test func reasonsNameTheKnowledgeUsed() throws {
        let text = StatementText(template: try DiffFixture.template(#"{"Resources": {}}"#))
        let (_, widened) = ConditionDiffer.classify(Self.condition(.stringEquals, ["system:serviceaccount:main:web"]), Self.condition(.stringLike, ["system:serviceaccount:main:*"]), oldText: text, newText: text)
        #expect(widened.contains("StringEquals → StringLike"))
        #expect(widened.contains("wider pattern system:serviceaccount:main:*"))
        let (_, added) = ConditionDiffer.classify(Self.condition(.stringEquals, ["a"]), Self.condition(.stringEquals, ["a", "b"]), oldText: text, newText: text)
        #expect(added.contains("added value b"))
    }
}
