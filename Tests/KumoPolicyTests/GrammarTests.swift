import KumoJSON
import Testing

@testable import KumoPolicy

/// Wraps one statement body into a trust policy.
private func trust(_ statement: String, version: String = #""Version": "2012-10-17","#) -> String {
    #"{ \#(version) "Statement": [ \#(statement) ] }"#
}

private let fed =
    #""Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}"#
private let assume = #""Action": "sts:AssumeRoleWithWebIdentity""#

@Suite struct GrammarTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let kind: PolicyKind
        let code: PolicyGrammarError.Code
        let path: String
        var testDescription: String { name }
    }

    static let invalid: [Case] = [
        Case(
            name: "unknown top-level key",
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", \#(fed), \#(assume)}], "Foo": 1}"#,
            kind: .trust, code: .unknownElement, path: "Foo"),
        Case(
            name: "misspelled statement key",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Conditions": {}}"#),
            kind: .trust, code: .unknownElement, path: "Statement[0].Conditions"),
        Case(
            name: "missing Effect", text: trust(#"{\#(fed), \#(assume)}"#), kind: .trust, code: .missingElement,
            path: "Statement[0].Effect"),
        Case(
            name: "lower-case Effect", text: trust(#"{"Effect": "allow", \#(fed), \#(assume)}"#), kind: .trust,
            code: .invalidEffect, path: "Statement[0].Effect"),
        Case(
            name: "Effect not a string", text: trust(#"{"Effect": true, \#(fed), \#(assume)}"#), kind: .trust,
            code: .invalidType, path: "Statement[0].Effect"),
        Case(
            name: "bad Version",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume)}"#, version: #""Version": "2012-10-18","#),
            kind: .trust, code: .invalidVersion, path: "Version"),
        Case(
            name: "numeric Version",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume)}"#, version: #""Version": 2012,"#),
            kind: .trust, code: .invalidType, path: "Version"),
        Case(
            name: "empty Statement", text: #"{"Version": "2012-10-17", "Statement": []}"#, kind: .trust,
            code: .emptyStatement, path: "Statement"),
        Case(
            name: "missing Statement", text: #"{"Version": "2012-10-17"}"#, kind: .trust, code: .missingElement,
            path: "Statement"),
        Case(
            name: "Statement is a string", text: #"{"Version": "2012-10-17", "Statement": "Allow"}"#, kind: .trust,
            code: .invalidType, path: "Statement"),
        Case(name: "statement is an array", text: trust("[]"), kind: .trust, code: .invalidType, path: "Statement[0]"),
        Case(name: "document is an array", text: "[]", kind: .trust, code: .invalidType, path: "$"),
        Case(
            name: "malformed action", text: trust(#"{"Effect": "Allow", \#(fed), "Action": "sts-AssumeRole"}"#),
            kind: .trust, code: .invalidAction, path: "Statement[0].Action"),
        Case(
            name: "malformed action in a list",
            text: #"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3 GetObject"], "Resource": "*"}]}"#,
            kind: .identity, code: .invalidAction, path: "Statement[0].Action[1]"),
        Case(
            name: "empty action list", text: #"{"Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}"#,
            kind: .identity, code: .emptyValue, path: "Statement[0].Action"),
        Case(
            name: "action not a string", text: #"{"Statement": [{"Effect": "Allow", "Action": [3], "Resource": "*"}]}"#,
            kind: .identity, code: .invalidType, path: "Statement[0].Action[0]"),
        Case(
            name: "missing Action", text: trust(#"{"Effect": "Allow", \#(fed)}"#), kind: .trust, code: .missingElement,
            path: "Statement[0].Action"),
        Case(
            name: "Action and NotAction",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "NotAction": "sts:TagSession"}"#),
            kind: .trust, code: .conflictingElements, path: "Statement[0].NotAction"),
        Case(
            name: "non-sts action in a trust policy",
            text: trust(#"{"Effect": "Allow", \#(fed), "Action": ["sts:TagSession", "s3:GetObject"]}"#),
            kind: .trust, code: .actionNotAllowed, path: "Statement[0].Action[1]"),
        Case(
            name: "* action in a trust policy", text: trust(#"{"Effect": "Allow", \#(fed), "Action": "*"}"#),
            kind: .trust, code: .actionNotAllowed, path: "Statement[0].Action"),
        Case(
            name: "unknown operator",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEqualz": {"a:b": "c"}}}"#),
            kind: .trust, code: .unknownConditionOperator, path: "Statement[0].Condition.StringEqualz"),
        Case(
            name: "Null with IfExists",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"NullIfExists": {"a:b": "true"}}}"#),
            kind: .trust, code: .nullWithIfExists, path: "Statement[0].Condition.NullIfExists"),
        Case(
            name: "null condition value",
            text: trust(
                #"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": null}}}"#
            ),
            kind: .trust, code: .invalidConditionValue,
            path: #"Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"]"#),
        Case(
            name: "object condition value in a list",
            text: trust(
                #"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringLike": {"a:b": ["x", {"y": 1}]}}}"#),
            kind: .trust, code: .invalidConditionValue, path: "Statement[0].Condition.StringLike.a:b[1]"),
        Case(
            name: "nested array condition value",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringLike": {"a:b": [["x"]]}}}"#),
            kind: .trust, code: .invalidConditionValue, path: "Statement[0].Condition.StringLike.a:b[0]"),
        Case(
            name: "empty condition values",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": {"a:b": []}}}"#),
            kind: .trust, code: .emptyValue, path: "Statement[0].Condition.StringEquals.a:b"),
        Case(
            name: "empty operator block",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": {}}}"#),
            kind: .trust, code: .emptyValue, path: "Statement[0].Condition.StringEquals"),
        Case(
            name: "operator block not an object",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": "a:b"}}"#),
            kind: .trust, code: .invalidType, path: "Statement[0].Condition.StringEquals"),
        Case(
            name: "Condition not an object", text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Condition": []}"#),
            kind: .trust, code: .invalidType, path: "Statement[0].Condition"),
        Case(
            name: "keys equal but for case",
            text: trust(
                #"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": {"aws:SourceAccount": "1", "AWS:sourceaccount": "2"}}}"#
            ),
            kind: .trust, code: .duplicateConditionKey, path: "Statement[0].Condition.StringEquals.AWS:sourceaccount"),
        Case(
            name: "number under Numeric is fine, text is not",
            text:
                #"{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"NumericLessThanEquals": {"s3:max-keys": "ten"}}}]}"#,
            kind: .identity, code: .invalidConditionValue,
            path: "Statement[0].Condition.NumericLessThanEquals.s3:max-keys"),
        Case(
            name: "bad CIDR",
            text:
                #"{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.0/33"]}}}]}"#,
            kind: .identity, code: .invalidConditionValue, path: "Statement[0].Condition.NotIpAddress.aws:SourceIp[1]"),
        Case(
            name: "wildcard date",
            text:
                #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-*"}}}]}"#,
            kind: .identity, code: .invalidConditionValue,
            path: "Statement[0].Condition.DateGreaterThan.aws:CurrentTime"),
        Case(
            name: "incomplete ARN",
            text:
                #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "*"}}}]}"#,
            kind: .identity, code: .invalidConditionValue, path: "Statement[0].Condition.ArnLike.aws:PrincipalArn"),
        Case(
            name: "Bool yes",
            text:
                #"{"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}]}"#,
            kind: .identity, code: .invalidConditionValue, path: "Statement[0].Condition.Bool.aws:SecureTransport"),
        Case(
            name: "Null value",
            text:
                #"{"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "absent"}}}]}"#,
            kind: .identity, code: .invalidConditionValue, path: "Statement[0].Condition.Null.aws:TokenIssueTime"),
        Case(
            name: "Resource in a trust policy",
            text: trust(#"{"Effect": "Allow", \#(fed), \#(assume), "Resource": "*"}"#),
            kind: .trust, code: .forbiddenElement, path: "Statement[0].Resource"),
        Case(
            name: "trust without Principal", text: trust(#"{"Effect": "Allow", \#(assume)}"#), kind: .trust,
            code: .missingElement, path: "Statement[0].Principal"),
        Case(
            name: "NotPrincipal in a trust policy",
            text: trust(
                #"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
            ),
            kind: .trust, code: .forbiddenElement, path: "Statement[0].NotPrincipal"),
        Case(
            name: "Principal in an identity policy",
            text: #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            kind: .identity, code: .forbiddenElement, path: "Statement[0].Principal"),
        Case(
            name: "identity policy without Resource",
            text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#,
            kind: .identity, code: .missingElement, path: "Statement[0].Resource"),
        Case(
            name: "Resource and NotResource",
            text:
                #"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "NotResource": "arn:aws:s3:::b"}]}"#,
            kind: .identity, code: .conflictingElements, path: "Statement[0].NotResource"),
        Case(
            name: "Resource not an ARN",
            text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["*", "my-bucket"]}]}"#,
            kind: .identity, code: .invalidResource, path: "Statement[0].Resource[1]"),
        Case(
            name: "NotPrincipal with Allow",
            text:
                #"{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}]}"#,
            kind: .resource, code: .forbiddenElement, path: "Statement[0].NotPrincipal"),
        Case(
            name: "resource policy without Principal",
            text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            kind: .resource, code: .missingElement, path: "Statement[0].Principal"),
        Case(
            name: "lower-case principal type",
            text: trust(#"{"Effect": "Allow", "Principal": {"aws": "111122223333"}, "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal.aws"),
        Case(
            name: "partial wildcard principal",
            text: trust(
                #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal.AWS"),
        Case(
            name: "principal ARN as a bare string",
            text: trust(
                #"{"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal"),
        Case(
            name: "not an AWS principal",
            text: trust(
                #"{"Effect": "Allow", "Principal": {"AWS": ["111122223333", "12345"]}, "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal.AWS[1]"),
        Case(
            name: "empty principal object",
            text: trust(#"{"Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal"),
        Case(
            name: "wildcard service principal",
            text: trust(
                #"{"Effect": "Allow", "Principal": {"Service": "*.amazonaws.com"}, "Action": "sts:AssumeRole"}"#),
            kind: .trust, code: .invalidPrincipal, path: "Statement[0].Principal.Service"),
        Case(
            name: "duplicate Sid",
            text: trust(
                #"{"Sid": "A", "Effect": "Allow", \#(fed), \#(assume)}, {"Sid": "A", "Effect": "Allow", \#(fed), "Action": "sts:TagSession"}"#
            ),
            kind: .trust, code: .duplicateSid, path: "Statement[1].Sid"),
        Case(
            name: "non-alphanumeric Sid in IAM",
            text: trust(#"{"Sid": "GitHub OIDC", "Effect": "Allow", \#(fed), \#(assume)}"#),
            kind: .trust, code: .invalidSid, path: "Statement[0].Sid"),
        Case(
            name: "duplicate JSON keys",
            text: trust(
                #"{"Effect": "Allow", \#(fed), \#(assume), "Condition": {"StringEquals": {"a:b": "1"}, "StringEquals": {"c:d": "2"}}}"#
            ),
            kind: .trust, code: .invalidJSON, path: "$"),
    ]

    @Test(arguments: invalid)
    func reportsTheErrorAtItsPath(c: Case) {
        let errors = grammarErrors(c.text, kind: c.kind)
        let hit = errors.first { $0.code == c.code && $0.path == c.path }
        #expect(
            hit != nil, "expected \(c.code) at \(c.path); got:\n\(errors.map(\.description).joined(separator: "\n"))")
        if let hit {
            #expect(hit.description.hasPrefix(c.path + ": "))
            #expect(hit.message.count > 20)  // a sentence saying what to do, not a bare code
        }
    }

    @Test func messagesSuggestFixes() {
        let errors = grammarErrors(
            trust(#"{"Effect": "allow", \#(fed), \#(assume), "Condition": {"stringlike": {"a:b": "c"}}}"#), kind: .trust
        )
        #expect(errors.contains { $0.message.contains(#"write "Allow""#) })
        #expect(errors.contains { $0.message.contains(#"did you mean "StringLike"?"#) })
    }

    /// All problems are reported at once, not just the first.
    @Test func collectsEveryError() {
        let text = #"""
            {"Version": "2012-10-18", "Statement": [
              {"Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEqualz": {"a:b": "c"}}},
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
            ]}
            """#
        let errors = grammarErrors(text, kind: .trust)
        #expect(
            Set(errors.map(\.code)) == [.invalidVersion, .missingElement, .unknownConditionOperator, .actionNotAllowed])
        #expect(errors.count == 4)
        let thrown = #expect(throws: PolicyGrammarErrors.self) { try PolicyDocument.parse(text: text, kind: .trust) }
        #expect(thrown?.description.split(separator: "\n").count == 4)
        #expect(PolicyDocument.validate(try! JSON(parsing: text), kind: .trust).count == 4)
    }

    @Test func parsesTheGitHubTrustPolicy() throws {
        let doc = try policy(Fixtures.githubTrust, kind: .trust)
        #expect(doc.version == "2012-10-17")
        #expect(doc.substitutesPolicyVariables)
        #expect(
            doc.statements == [
                Statement(
                    sid: "GitHubActions", effect: .allow,
                    principal: .principals([.federated: [Fixtures.githubProvider]]),
                    action: .actions(["sts:AssumeRoleWithWebIdentity"]),
                    conditions: [
                        Condition(
                            .stringEquals, key: "token.actions.githubusercontent.com:aud", value: "sts.amazonaws.com"),
                        Condition(
                            .stringLike, key: "token.actions.githubusercontent.com:sub", value: "repo:example-org/*"),
                    ])
            ])
    }

    /// `Statement` may be a single object.
    @Test func parsesTheIRSATrustPolicy() throws {
        let doc = try policy(Fixtures.irsaTrust, kind: .trust)
        #expect(doc.statements.count == 1)
        let s = try #require(doc.statements.first)
        #expect(s.principal == .principals([.federated: [Fixtures.eksProvider]]))
        #expect(
            s.conditions.map(\.key) == [
                "oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:sub", "oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:aud",
            ])
        #expect(s.conditions.allSatisfy { $0.op == .stringEquals })
    }

    /// JSON numbers and booleans become the strings IAM compares.
    @Test func stringifiesNumbersAndBooleans() throws {
        let doc = try policy(
            #"""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::b",
             "Condition": {"NumericLessThanEquals": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true},
                           "NumericGreaterThan": {"x:y": [0.5, 5432]}}}}
            """#, kind: .identity)
        let values = doc.statements[0].conditions.map(\.values)
        #expect(values == [["10"], ["true"], ["0.5", "5432"]])
        #expect(doc.statements[0].resource == .resources(["arn:aws:s3:::b"]))
    }

    @Test func acceptsOtherWellFormedShapes() throws {
        let resourcePolicy = try policy(
            #"""
            {"Version": "2008-10-17", "Id": "p1", "Statement": [
              {"Sid": "Public read", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/admin"]},
               "NotAction": "s3:Get*", "NotResource": ["arn:aws:s3:::b/public/*"]}
            ]}
            """#, kind: .resource)
        #expect(resourcePolicy.id == "p1")
        #expect(!resourcePolicy.substitutesPolicyVariables)
        #expect(resourcePolicy.statements[1].notPrincipal != nil)
        #expect(resourcePolicy.statements[1].action == .notActions(["s3:Get*"]))
        let service = try policy(
            trust(
                #"{"Effect": "Allow", "Principal": {"Service": ["pods.eks.amazonaws.com"]}, "Action": ["sts:AssumeRole", "sts:TagSession"]}"#
            ), kind: .trust)
        #expect(service.statements[0].principal?.entries.map(\.value) == ["pods.eks.amazonaws.com"])
        #expect(
            try policy(trust(#"{"Effect": "Allow", "Principal": "*", "Action": "sts:*"}"#), kind: .trust).statements[0]
                .principal == .any)
    }

    @Test func actionPatternRule() {
        for ok in ["*", "sts:AssumeRole", "s3:Get*", "ec2:Describe?nstances", "execute-api:Invoke", "s3:*"] {
            #expect(PolicyParser.isValidActionPattern(ok), "\(ok)")
        }
        for bad in ["", "s3", "s3:", ":Get", "s3:Get:Object", "s3:Get-Object", "s3 :Get", "*:*", "s_3:Get"] {
            #expect(!PolicyParser.isValidActionPattern(bad), "\(bad)")
        }
    }
}
