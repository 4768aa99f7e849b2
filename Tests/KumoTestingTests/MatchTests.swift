import Kumo
import KumoTesting
import Testing

/// The matchers on plain JSON values (`Match.test` records nothing).
@Suite struct MatchTests {
    let role: JSON = [
        "RoleName": "role-github",
        "Path": "/",
        "Tags": [["Key": "team", "Value": "infra"], ["Key": "env", "Value": "prod"]],
        "AssumeRolePolicyDocument": [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Condition": ["StringLike": ["k:sub": "repo:org/*"]]]],
        ],
        "Policy": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#,
        "Nothing": nil,
    ]

    @Test func literalsMatchScalarsExactly() {
        #expect(Match("x").test("x").matched)
        #expect(!Match("x").test("y").matched)
        #expect(Match(1).test(1.0).matched)
        #expect(!Match(1).test("1").matched)
        #expect(Match(true).test(true).matched)
        #expect(Match(nil).test(.null).matched)
        #expect(!Match("x").test(nil).matched)
    }

    @Test func objectLikeIgnoresOtherMembersAtEveryDepth() {
        let pattern: Match = .objectLike(["RoleName": "role-github", "AssumeRolePolicyDocument": ["Statement": [["Effect": "Allow"]]]])
        let report = pattern.test(role)
        #expect(report.matched, "\(report.summary)")
    }

    @Test func exactAndObjectEqualsRejectOtherMembers() {
        let report = Match.objectLike(["AssumeRolePolicyDocument": .exact(["Version": "2012-10-17"])]).test(role)
        #expect(!report.matched)
        #expect(report.mismatches.map(\.pathText) == ["AssumeRolePolicyDocument.Statement"])
        #expect(report.mismatches[0].kind == .unexpected)
        #expect(Match.objectEquals(["Key": "team", "Value": "infra"]).test(["Key": "team", "Value": "infra"]).matched)
        #expect(!Match.objectEquals(["Key": "team"]).test(["Key": "team", "Value": "infra"]).matched)
        // Exact inside objectLike, objectLike inside exact: the nearest matcher decides.
        #expect(Match.exact(["Key": "team", "Value": .objectLike([:])]).test(["Key": "team", "Value": ["a": 1]]).matched)
    }

    @Test func literalArraysMatchElementByElementWithTheSameLength() {
        #expect(Match.objectLike(["Tags": [["Key": "team"], ["Key": "env"]]]).test(role).matched)
        let short = Match.objectLike(["Tags": [["Key": "team"]]]).test(role)
        #expect(short.mismatches.map(\.pathText) == ["Tags[1]"])
        #expect(short.summary.contains("no element here (the pattern has 1)"))
        let reordered = Match.objectLike(["Tags": [["Key": "env"], ["Key": "team"]]]).test(role)
        #expect(reordered.mismatches.count == 2)
    }

    @Test func arrayWithFindsASubsequenceInOrder() {
        #expect(Match.objectLike(["Tags": .arrayWith([["Key": "env"]])]).test(role).matched)
        #expect(Match.objectLike(["Tags": .arrayWith([["Key": "team"], ["Key": "env"]])]).test(role).matched)
        let wrongOrder = Match.objectLike(["Tags": .arrayWith([["Key": "env"], ["Key": "team"]])]).test(role)
        #expect(!wrongOrder.matched)
        #expect(wrongOrder.summary.contains("after the previous match"), "\(wrongOrder.summary)")
        let none = Match.objectLike(["Tags": .arrayWith([["Key": "owner"]])]).test(role)
        #expect(none.mismatches.first?.pathText == "Tags[0].Key")
        #expect(none.summary.contains("the closest element: none matches arrayWith element #0"), "\(none.summary)")
        #expect(!Match.arrayWith(["a"]).test("a").matched)
    }

    @Test func absentAnyValueAndNot() {
        #expect(Match.objectLike(["Description": .absent]).test(role).matched)
        let present = Match.objectLike(["Path": .absent]).test(role)
        #expect(present.summary == #"Path: found "/", expected it to be absent"#)
        #expect(Match.objectLike(["Path": .anyValue]).test(role).matched)
        #expect(!Match.objectLike(["Nothing": .anyValue]).test(role).matched)
        #expect(!Match.objectLike(["Description": .anyValue]).test(role).matched)
        #expect(Match.objectLike(["Path": .not("/ci/")]).test(role).matched)
        let negated = Match.objectLike(["Path": .not("/")]).test(role)
        #expect(negated.summary.contains(#"matches "/", which it must not"#))
    }

    @Test func stringLikeRegexpSearchesTheString() {
        #expect(Match.objectLike(["RoleName": .stringLikeRegexp("^role-")]).test(role).matched)
        #expect(Match.objectLike(["RoleName": .stringLikeRegexp("git")]).test(role).matched)
        #expect(!Match.objectLike(["RoleName": .stringLikeRegexp("^git")]).test(role).matched)
        #expect(!Match.stringLikeRegexp(".*").test(1).matched)
        let invalid = Match.stringLikeRegexp("(").test("x")
        #expect(invalid.summary.contains("is not valid"))
    }

    @Test func serializedJSONParsesTheString() {
        let pattern: Match = .objectLike(["Policy": .serializedJSON(["Statement": .arrayWith([["Action": "s3:GetObject"]])])])
        #expect(pattern.test(role).matched)
        let report = Match.objectLike(["Policy": .serializedJSON(["Version": "2008-10-17"])]).test(role)
        #expect(report.mismatches.map(\.pathText) == [#"Policy["(parsed JSON)"].Version"#])
        #expect(Match.serializedJSON(["a": 1]).test("not json").summary.contains("the string is not JSON"))
    }

    @Test func satisfyingTakesAPredicate() {
        let short: Match = .satisfying("at most 64 characters") { ($0.stringValue?.count ?? .max) <= 64 }
        #expect(Match.objectLike(["RoleName": short]).test(role).matched)
        let report = Match.objectLike(["Path": .satisfying("a number") { $0.numberValue != nil }]).test(role)
        #expect(report.summary == #"Path: expected a value that is a number, found "/""#)
    }

    @Test func descriptionsRenderPatterns() {
        let pattern: Match = .objectLike(["a": .arrayWith([1, .anyValue]), "b": .not(.absent), "c": .stringLikeRegexp("x+")])
        #expect(pattern.description == #"objectLike({"a": arrayWith([1, anyValue]), "b": not(absent), "c": stringLikeRegexp("x+")})"#)
    }

    @Test func theStructuralDiffShowsOnlyThePathsThatDiffer() {
        let report = Match.objectLike([
            "Path": "/ci/",
            "AssumeRolePolicyDocument": ["Statement": [["Condition": ["StringLike": ["k:sub": "repo:org/app:*"]]]]],
        ]).test(role)
        #expect(report.diff == """
              {
            -   "Path": "/ci/"
            +   "Path": "/"
                "AssumeRolePolicyDocument": {
                  "Statement": [
                    [0] {
                      "Condition": {
                        "StringLike": {
            -             "k:sub": "repo:org/app:*"
            +             "k:sub": "repo:org/*"
                        }
                      }
                      … 2 more members
                    }
                  ]
                  … 1 more member
                }
                … 4 more members
              }
            """)
    }
}
