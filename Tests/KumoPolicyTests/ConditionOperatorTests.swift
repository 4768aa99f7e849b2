import Testing

@testable import KumoPolicy

@Suite struct ConditionOperatorTests {
    /// Every combination of base, qualifier and IfExists prints to a name that parses back to itself.
    @Test func everyOperatorRoundTripsThroughItsName() {
        var count = 0
        for base in ConditionOperator.Base.allCases {
            for qualifier in [nil] + ConditionOperator.SetQualifier.allCases.map(Optional.some) {
                for ifExists in [false, true] {
                    let op = ConditionOperator(base, qualifier: qualifier, ifExists: ifExists)
                    #expect(ConditionOperator(name: op.name) == op, "\(op.name)")
                    count += 1
                }
            }
        }
        #expect(count == 27 * 3 * 2)
    }

    @Test(
        arguments: [
            ("StringEquals", ConditionOperator.Base.stringEquals, nil, false),
            ("ForAnyValue:StringLikeIfExists", .stringLike, .forAnyValue, true),
            ("ForAllValues:StringEquals", .stringEquals, .forAllValues, false),
            ("ArnNotLikeIfExists", .arnNotLike, nil, true),
            ("NotIpAddress", .notIpAddress, nil, false),
            ("Bool", .bool, nil, false),
            ("BoolIfExists", .bool, nil, true),
            ("NullIfExists", .null, nil, true),  // parses; the grammar reports it
        ] as [(String, ConditionOperator.Base, ConditionOperator.SetQualifier?, Bool)])
    func parsesIAMNames(
        name: String, base: ConditionOperator.Base, qualifier: ConditionOperator.SetQualifier?, ifExists: Bool
    ) throws {
        let op = try #require(ConditionOperator(name: name))
        #expect(op.base == base)
        #expect(op.qualifier == qualifier)
        #expect(op.isIfExists == ifExists)
        #expect(op.name == name)
        #expect(op.description == name)
    }

    /// IAM's operator names are case-sensitive; anything not exactly spelled is unknown.
    @Test(arguments: [
        "stringequals", "StringEqualsIfexists", "ForAnyValues:StringLike", "forAnyValue:StringLike", "ForAllValues:",
        "IfExists", "", ":StringLike", "StringLikeIfExistsIfExists", "ForAnyValue:ForAllValues:StringLike",
        "String Equals", "StringEquals ", "Null:StringEquals",
    ])
    func rejectsMisspelledNames(name: String) {
        #expect(ConditionOperator(name: name) == nil)
    }

    @Test func suggestsTheRightCasing() {
        #expect(
            ConditionOperator.caseInsensitiveSuggestion(for: "forallvalues:stringlike") == "ForAllValues:StringLike")
        #expect(ConditionOperator.caseInsensitiveSuggestion(for: "StringEqualz") == nil)
    }

    @Test func negatedOperatorsAreExactlyTheEightNotForms() {
        let negated = Set(ConditionOperator.Base.allCases.filter(\.isNegated))
        #expect(
            negated == [
                .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                .notIpAddress, .arnNotEquals, .arnNotLike,
            ])
        for base in negated { #expect(!base.positive.isNegated && base.positive.family == base.family) }
    }

    @Test func onlyLikeAndArnOperatorsTakeWildcards() {
        let wild = Set(ConditionOperator.Base.allCases.filter(\.allowsWildcards))
        #expect(wild == [.stringLike, .stringNotLike, .arnEquals, .arnLike, .arnNotEquals, .arnNotLike])
        #expect(!ConditionOperator.stringEquals.allowsWildcards)
        #expect(!ConditionOperator.dateEquals.allowsWildcards)
    }

    @Test(arguments: [
        (ConditionOperator.stringEqualsIgnoreCase, ConditionOperator.Family.string),
        (.numericGreaterThanEquals, .numeric), (.dateLessThan, .date), (.bool, .bool), (.binaryEquals, .binary),
        (.notIpAddress, .ip), (.arnLike, .arn), (.null, .null),
    ])
    func families(op: ConditionOperator, family: ConditionOperator.Family) {
        #expect(op.family == family)
    }

    @Test func buildersComposeNames() {
        #expect(ConditionOperator.stringLike.ifExists.name == "StringLikeIfExists")
        #expect(ConditionOperator.forAnyValue(.stringLike).name == "ForAnyValue:StringLike")
        #expect(ConditionOperator.forAllValues(.stringEquals.ifExists).name == "ForAllValues:StringEqualsIfExists")
        #expect(ConditionOperator.arnNotLike.isNegated)
        #expect(!ConditionOperator.forAllValues(.stringLike).isNegated)
    }
}
