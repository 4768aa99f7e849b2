import Foundation
import Testing

@testable import KumoPolicy

@Suite struct GitHubOIDCTrustTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: AuthorizationRequest
        let outcome: Decision.Outcome
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "main branch of an org repo",
            request: Fixtures.githubRequest(sub: "repo:example-org/app:ref:refs/heads/main"), outcome: .allow),
        Case(
            name: "environment of an org repo",
            request: Fixtures.githubRequest(sub: "repo:example-org/app:environment:prod"), outcome: .allow),
        Case(
            name: "look-alike org", request: Fixtures.githubRequest(sub: "repo:example-org-evil/x:ref:refs/heads/main"),
            outcome: .implicitDeny),
        Case(
            name: "other org", request: Fixtures.githubRequest(sub: "repo:other/x:ref:refs/heads/main"),
            outcome: .implicitDeny),
        Case(
            name: "org name in another case",
            request: Fixtures.githubRequest(sub: "repo:Example-Org/app:ref:refs/heads/main"), outcome: .implicitDeny),
        Case(
            name: "wrong audience",
            request: Fixtures.githubRequest(sub: "repo:example-org/app:ref:refs/heads/main", aud: "sigstore"),
            outcome: .implicitDeny),
        Case(
            name: "no audience",
            request: Fixtures.githubRequest(sub: "repo:example-org/app:ref:refs/heads/main", aud: nil),
            outcome: .implicitDeny),
        Case(name: "no subject", request: Fixtures.githubRequest(sub: nil), outcome: .implicitDeny),
        Case(
            name: "another identity provider",
            request: Fixtures.githubRequest(
                sub: "repo:example-org/app:ref:refs/heads/main",
                provider: "arn:aws:iam::111122223333:oidc-provider/gitlab.com"),
            outcome: .implicitDeny),
        Case(
            name: "plain AssumeRole",
            request: Fixtures.githubRequest(sub: "repo:example-org/app:ref:refs/heads/main", action: "sts:AssumeRole"),
            outcome: .implicitDeny),
        Case(
            name: "action in another case",
            request: Fixtures.githubRequest(
                sub: "repo:example-org/app:ref:refs/heads/main", action: "STS:assumerolewithwebidentity"),
            outcome: .allow),
    ]

    @Test(arguments: cases)
    func decides(c: Case) throws {
        let doc = try policy(Fixtures.githubTrust, kind: .trust)
        let decision = doc.evaluate(c.request)
        #expect(decision.outcome == c.outcome, "\(decision)")
        #expect(decision.isAllowed == (c.outcome == .allow))
    }

    @Test func conditionKeyNamesInAnyCase() throws {
        let doc = try policy(Fixtures.githubTrust, kind: .trust)
        let request = AuthorizationRequest(
            principal: .federated(Fixtures.githubProvider), action: "sts:AssumeRoleWithWebIdentity",
            context: [
                "Token.Actions.GitHubUserContent.com:SUB": ["repo:example-org/app:pull_request"],
                "TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:AUD": ["sts.amazonaws.com"],
            ])
        #expect(doc.evaluate(request).isAllowed)
    }

    @Test func explainsTheDenial() throws {
        let doc = try policy(Fixtures.githubTrust, kind: .trust)
        let decision = doc.evaluate(Fixtures.githubRequest(sub: "repo:other/x:ref:refs/heads/main"))
        let statement = try #require(decision.statements.first)
        #expect(!statement.applies)
        #expect(statement.principal.matched && statement.action.matched && statement.resource.matched)
        #expect(
            statement.failingConditions.map(\.reason) == [
                #"StringLike token.actions.githubusercontent.com:sub: "repo:other/x:ref:refs/heads/main" does not match "repo:example-org/*""#
            ])
        #expect(decision.decidingStatements.isEmpty)
        let text = decision.description
        #expect(text.hasPrefix("DENY (implicit)"))
        #expect(text.contains(#"Statement[0] (Allow, Sid "GitHubActions"): does not apply"#))
        #expect(
            text.contains(
                #"✓ StringEquals token.actions.githubusercontent.com:aud: "sts.amazonaws.com" matches "sts.amazonaws.com""#
            ))
        #expect(text.contains(#"✗ StringLike token.actions.githubusercontent.com:sub"#))
    }

    /// The pitfall configure-aws-credentials warns about: ForAllValues is true when the claim is absent.
    @Test func forAllValuesOnSubIsVacuouslyTrue() throws {
        let text = Fixtures.githubTrust.replacingOccurrences(of: #""StringLike""#, with: #""ForAllValues:StringLike""#)
        let doc = try policy(text, kind: .trust)
        #expect(doc.statements[0].conditions[1].op == .forAllValues(.stringLike))
        #expect(doc.evaluate(Fixtures.githubRequest(sub: nil)).isAllowed)
        #expect(!doc.evaluate(Fixtures.githubRequest(sub: "repo:other/x:ref:refs/heads/main")).isAllowed)
    }

    @Test func denyOverridesAllow() throws {
        let text = #"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"Federated": "\#(Fixtures.githubProvider)"}, "Action": "sts:AssumeRoleWithWebIdentity",
               "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/*"}}},
              {"Sid": "NoPullRequests", "Effect": "Deny", "Principal": "*", "Action": "sts:*",
               "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "*:pull_request"}}}
            ]}
            """#
        let doc = try policy(text, kind: .trust)
        let pr = doc.evaluate(Fixtures.githubRequest(sub: "repo:example-org/app:pull_request"))
        #expect(pr.outcome == .explicitDeny)
        #expect(pr.statements.map(\.applies) == [true, true])
        #expect(pr.decidingStatements.map(\.index) == [1])
        #expect(pr.description.hasPrefix(#"DENY (explicit) by Statement[1] (Deny, Sid "NoPullRequests")"#))
        #expect(doc.evaluate(Fixtures.githubRequest(sub: "repo:example-org/app:ref:refs/heads/main")).outcome == .allow)
    }
}

@Suite struct IRSATrustTests {
    static func request(_ sub: String?, aud: String? = "sts.amazonaws.com") -> AuthorizationRequest {
        var context = RequestContext()
        if let sub { context["oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:sub"] = [sub] }
        if let aud { context["oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:aud"] = [aud] }
        return AuthorizationRequest(
            principal: .federated(Fixtures.eksProvider), action: "sts:AssumeRoleWithWebIdentity", context: context)
    }

    @Test(arguments: [
        ("system:serviceaccount:main:account-to-access-secrets", Decision.Outcome.allow),
        ("system:serviceaccount:main:other", .implicitDeny),
        ("system:serviceaccount:other:account-to-access-secrets", .implicitDeny),
        ("system:serviceaccount:main:account-to-access-secrets-2", .implicitDeny),
    ])
    func serviceAccounts(sub: String, outcome: Decision.Outcome) throws {
        #expect(try policy(Fixtures.irsaTrust, kind: .trust).evaluate(Self.request(sub)).outcome == outcome)
    }

    @Test func audienceIsRequired() throws {
        let doc = try policy(Fixtures.irsaTrust, kind: .trust)
        #expect(!doc.evaluate(Self.request("system:serviceaccount:main:account-to-access-secrets", aud: nil)).isAllowed)
    }

    /// "Replace StringEquals with StringLike" for namespace-wide access; with StringEquals the `*` is literal.
    @Test func namespaceWildcardNeedsStringLike() throws {
        let equals = Fixtures.irsaTrust.replacingOccurrences(of: "main:account-to-access-secrets", with: "main:*")
        let doc = try policy(equals, kind: .trust)
        #expect(!doc.evaluate(Self.request("system:serviceaccount:main:eso")).isAllowed)
        #expect(doc.evaluate(Self.request("system:serviceaccount:main:*")).isAllowed)
        let like = try policy(
            #"""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "\#(Fixtures.eksProvider)"},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringLike": {"oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:main:*"},
                           "StringEquals": {"oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com"}}}}
            """#, kind: .trust)
        #expect(like.evaluate(Self.request("system:serviceaccount:main:eso")).isAllowed)
        #expect(!like.evaluate(Self.request("system:serviceaccount:kube-system:eso")).isAllowed)
    }
}

@Suite struct StatementElementTests {
    @Test func notActionAllowsEverythingElse() throws {
        let doc = try policy(
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}"#,
            kind: .identity)
        #expect(doc.evaluate(AuthorizationRequest(action: "s3:GetObject", resource: "arn:aws:s3:::b/k")).isAllowed)
        let iam = doc.evaluate(
            AuthorizationRequest(action: "IAM:CreateUser", resource: "arn:aws:iam::111122223333:user/x"))
        #expect(iam.outcome == .implicitDeny)
        #expect(iam.statements[0].action.reason == #""IAM:CreateUser" is excluded by NotAction "iam:*""#)
    }

    @Test func notPrincipalDeniesEveryoneElse() throws {
        let doc = try policy(
            #"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "s3:*", "Resource": "*"}
            ]}
            """#, kind: .resource)
        func decide(_ principal: String) -> Decision.Outcome {
            doc.evaluate(
                AuthorizationRequest(principal: .aws(principal), action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
            ).outcome
        }
        #expect(decide("arn:aws:iam::111122223333:role/admin") == .allow)
        #expect(decide("arn:aws:sts::111122223333:assumed-role/admin/session-1") == .allow)  // a session of that role
        #expect(decide("arn:aws:iam::111122223333:role/dev") == .explicitDeny)
        #expect(decide("arn:aws:sts::111122223333:assumed-role/admin-2/s") == .explicitDeny)
        #expect(decide("arn:aws:iam::444455556666:role/admin") == .explicitDeny)
    }

    @Test func accountPrincipals() throws {
        let doc = try policy(
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}"#,
            kind: .trust)
        func decide(_ p: RequestPrincipal?) -> Bool {
            doc.evaluate(AuthorizationRequest(principal: p, action: "sts:AssumeRole")).isAllowed
        }
        #expect(decide(.aws("arn:aws:iam::111122223333:root")))
        #expect(decide(.aws("111122223333")))
        #expect(decide(.aws("arn:aws:iam::111122223333:role/ci")))  // delegated to the account's identity policies
        #expect(!decide(.aws("arn:aws:iam::444455556666:role/ci")))
        #expect(!decide(.service("ec2.amazonaws.com")))
        #expect(!decide(nil))  // no principal in the request: undetermined, so an Allow does not apply
    }

    @Test func servicePrincipals() throws {
        let doc = try policy(
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["pods.eks.amazonaws.com"]}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}"#,
            kind: .trust)
        #expect(
            doc.evaluate(AuthorizationRequest(principal: .service("pods.eks.amazonaws.com"), action: "sts:TagSession"))
                .isAllowed)
        #expect(
            !doc.evaluate(AuthorizationRequest(principal: .service("ec2.amazonaws.com"), action: "sts:AssumeRole"))
                .isAllowed)
        #expect(
            !doc.evaluate(AuthorizationRequest(principal: .aws("pods.eks.amazonaws.com"), action: "sts:AssumeRole"))
                .isAllowed)
    }

    @Test func resourcesWithVariables() throws {
        let text =
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/home/${aws:username}/*"}]}"#
        let doc = try policy(text, kind: .identity)
        func decide(_ doc: PolicyDocument, _ resource: String, user: String? = "bob") -> Bool {
            var context = RequestContext()
            if let user { context["aws:username"] = [user] }
            return doc.evaluate(AuthorizationRequest(action: "s3:GetObject", resource: resource, context: context))
                .isAllowed
        }
        #expect(decide(doc, "arn:aws:s3:::bucket/home/bob/notes.txt"))
        #expect(!decide(doc, "arn:aws:s3:::bucket/home/alice/notes.txt"))
        #expect(!decide(doc, "arn:aws:s3:::bucket/home/bob/notes.txt", user: nil))
        #expect(!decide(doc, "arn:aws:s3:::Bucket/home/bob/notes.txt"))  // resources are case-sensitive
        let legacy = try policy(text.replacingOccurrences(of: "2012-10-17", with: "2008-10-17"), kind: .identity)
        #expect(!decide(legacy, "arn:aws:s3:::bucket/home/bob/notes.txt"))
        #expect(decide(legacy, "arn:aws:s3:::bucket/home/${aws:username}/notes.txt"))
    }

    @Test func notResource() throws {
        let doc = try policy(
            #"{"Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::public/*"]}, {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
            kind: .identity)
        #expect(
            doc.evaluate(AuthorizationRequest(action: "s3:GetObject", resource: "arn:aws:s3:::public/a")).outcome
                == .allow)
        #expect(
            doc.evaluate(AuthorizationRequest(action: "s3:GetObject", resource: "arn:aws:s3:::private/a")).outcome
                == .explicitDeny)
    }

    /// In a Deny statement, an undetermined condition is taken as holding: the denial applies.
    @Test func undeterminedConditionsDenyInDenyStatements() throws {
        let doc = try policy(
            #"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
              {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NumericNotEquals": {"s3:max-keys": "10"}}}
            ]}
            """#, kind: .identity)
        func outcome(_ maxKeys: String) -> Decision.Outcome {
            doc.evaluate(
                AuthorizationRequest(
                    action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: ["s3:max-keys": [maxKeys]])
            ).outcome
        }
        #expect(outcome("10") == .allow)
        #expect(outcome("11") == .explicitDeny)
        #expect(outcome("lots") == .explicitDeny)
    }

    /// `{"AWS": "*"}` names every AWS principal; for a federated caller AWS is silent, so an Allow does not apply.
    @Test func awsWildcardAndOtherPrincipalTypes() throws {
        let doc = try policy(
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
            kind: .trust)
        let aws = doc.evaluate(
            AuthorizationRequest(
                principal: .aws("arn:aws:iam::444455556666:role/x"), action: "sts:AssumeRoleWithWebIdentity"))
        #expect(aws.isAllowed)
        let federated = doc.evaluate(Fixtures.githubRequest(sub: "repo:x/y:ref:refs/heads/main"))
        #expect(!federated.isAllowed)
        #expect(federated.statements[0].principal.reason.contains("undetermined"))
    }

    /// A Deny with NotPrincipal and no principal in the request: undetermined, so the denial applies.
    @Test func notPrincipalWithoutRequestPrincipalDenies() throws {
        let doc = try policy(
            #"""
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"},
                           {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}]}
            """#, kind: .resource)
        #expect(
            doc.evaluate(AuthorizationRequest(action: "s3:GetObject", resource: "arn:aws:s3:::b/k")).outcome
                == .explicitDeny)
        #expect(
            doc.evaluate(
                AuthorizationRequest(
                    principal: .aws("111122223333"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
            ).outcome == .allow)
    }

    @Test func emptyPolicyIsImplicitDeny() {
        let doc = PolicyDocument(statements: [])
        #expect(doc.evaluate(AuthorizationRequest(action: "s3:GetObject")).outcome == .implicitDeny)
    }

    @Test func modelBuiltInCodeEvaluates() {
        let statement = Statement(
            effect: .allow, principal: .principals([.federated: [Fixtures.githubProvider]]),
            action: .actions(["sts:AssumeRoleWithWebIdentity"]),
            conditions: [
                Condition(.stringLike, key: "token.actions.githubusercontent.com:sub", value: "repo:example-org/*")
            ])
        let doc = PolicyDocument(statements: [statement])
        #expect(doc.evaluate(Fixtures.githubRequest(sub: "repo:example-org/a:ref:refs/heads/main")).isAllowed)
        #expect(!doc.evaluate(Fixtures.githubRequest(sub: "repo:example-org-evil/a:ref:refs/heads/main")).isAllowed)
    }
}
