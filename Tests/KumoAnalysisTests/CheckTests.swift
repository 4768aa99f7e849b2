import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

/// The rules of `kumo check`, one by one, on small templates; and the reference findings on the CDK sample.
@Suite struct CheckTests {
    static let github = "token.actions.githubusercontent.com"
    static let environment = CloudTemplate.Environment(account: "123456789012", region: "ap-northeast-1")

    /// A template with GitHub's provider, an EKS cluster and its provider, and `resources` (JSON members).
    static func template(_ resources: String, metadata: String = "") throws -> CloudTemplate {
        let text = """
            {\(metadata)"Resources": {
              "GitHub": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://\(github)", "ClientIdList": ["sts.amazonaws.com"]}},
              "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "RoleArn": "arn:aws:iam::123456789012:role/r", "ResourcesVpcConfig": {"SubnetIds": ["a", "b"]}}},
              "ClusterProvider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIdList": ["sts.amazonaws.com"]}},
              \(resources)
            }}
            """
        return try CloudTemplate(json: try JSON(parsing: text), name: "S", file: "s.json", environment: environment)
    }

    /// A role trusting `principal` with `conditions` (a JSON object), as a resource member.
    static func role(_ id: String, name: String? = nil, principal: String = #"{"Federated": {"Ref": "GitHub"}}"#,
                     action: String = "sts:AssumeRoleWithWebIdentity", conditions: String?) -> String {
        let condition = conditions.map { #", "Condition": \#($0)"# } ?? ""
        let roleName = name.map { #", "RoleName": "\#($0)""# } ?? ""
        return #""\#(id)": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "\#(action)", "Principal": \#(principal)\#(condition)}]}\#(roleName)}}"#
    }

    /// An IRSA role with `Fn::Sub` keys on the cluster's issuer (Kumo's form).
    static func irsaRole(_ id: String, name: String? = nil, conditions: String) -> String {
        let roleName = name.map { #", "RoleName": "\#($0)""# } ?? ""
        let document = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Principal\":{\"Federated\":\"${ClusterProvider}\"},\"Condition\":\#(conditions)}]}"#
        return #""\#(id)": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Fn::Sub": ["\#(document)", {"Issuer": {"Fn::Select": [1, {"Fn::Split": [":oidc-provider/", {"Ref": "ClusterProvider"}]}]}}]}\#(roleName)}}"#
    }

    func findings(_ template: CloudTemplate) throws -> [Finding] { try Checker().check([template]).active }

    func ids(_ template: CloudTemplate) throws -> [String] { try findings(template).map(\.rule.id).sorted() }

    let aud = #""token.actions.githubusercontent.com:aud": "sts.amazonaws.com""#

    // MARK: - GitHub

    @Test func aGitHubTrustWithoutSubIsAnError() throws {
        let found = try findings(Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud)}}"#)))
        #expect(found.map(\.rule.id) == ["KUMO-GH-001"])
        #expect(found[0].severity == .error)
        #expect(found[0].message.contains("any repository on GitHub"))
        #expect(found[0].location.logicalID == "R")
    }

    @Test func aGitHubTrustWithoutAnyConditionFailsSubAndAud() throws {
        #expect(try ids(Self.template(Self.role("R", conditions: nil))) == ["KUMO-GH-001", "KUMO-GH-004"])
    }

    @Test func aNegatedSubConditionIsNoRestriction() throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud)}, "StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"}}"#))
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-GH-001"])
        #expect(found[0].message.contains("StringNotLike"))
    }

    @Test(arguments: [
        ("repo:example-org/*", ["KUMO-GH-002", "KUMO-GH-006"]),
        ("repo:example-org/*:ref:refs/heads/main", ["KUMO-GH-002", "KUMO-GH-006"]),
        ("*", ["KUMO-GH-003"]),
        ("repo:*", ["KUMO-GH-003"]),
        ("repo:*/app:ref:refs/heads/main", ["KUMO-GH-003"]),
        ("repo:example-*/app:*", ["KUMO-GH-003"]),
        ("repo:example-org/app:*", ["KUMO-GH-006"]),
        ("repo:example-org/app-*", ["KUMO-GH-006"]),
        ("repo:example-org@1234/app@5678:*", []),
        ("repo:example-org*/app:ref:refs/heads/main", ["KUMO-GH-003"]),
    ])
    func subjectPatternsByBreadth(pattern: String, expected: [String]) throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud)}, "StringLike": {"token.actions.githubusercontent.com:sub": "\#(pattern)"}}"#))
        #expect(try ids(t) == expected, "\(pattern)")
    }

    @Test func anExactSubjectWithTheImmutableFormToo() throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud), "token.actions.githubusercontent.com:sub": ["repo:example-org/app:ref:refs/heads/main", "repo:example-org@1/app@2:ref:refs/heads/main"]}}"#))
        #expect(try ids(t) == [])
        let legacyOnly = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud), "token.actions.githubusercontent.com:sub": "repo:example-org/app:environment:prod"}}"#))
        let found = try findings(legacyOnly)
        #expect(found.map(\.rule.id) == ["KUMO-GH-006"])
        #expect(found[0].fix.contains("repo:example-org@OWNER_ID/app@REPO_ID:environment:prod"))
    }

    @Test func wildcardsUnderStringEqualsAreAnError() throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud), "token.actions.githubusercontent.com:sub": "repo:example-org/*"}}"#))
        let found = try findings(t)
        #expect(found.map(\.rule.id).sorted() == ["KUMO-GH-006", "KUMO-TRUST-005"])
        let literal = try #require(found.first { $0.rule.id == "KUMO-TRUST-005" })
        #expect(literal.severity == .error)
        #expect(literal.message.contains("compares literally"))
        #expect(literal.fix.contains("StringLike"))
    }

    @Test(arguments: [
        (#"{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}"#, "without a condition on token.actions.githubusercontent.com:aud"),
        (#"{"StringEquals": {"token.actions.githubusercontent.com:aud": "https://github.com/o", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}"#, "does not admit sts.amazonaws.com"),
        (#"{"StringLike": {"token.actions.githubusercontent.com:aud": "sts.*", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}"#, "is a pattern"),
    ])
    func theAudienceMustBeSTS(conditions: String, message: String) throws {
        let found = try findings(Self.template(Self.role("R", conditions: conditions))).filter { $0.rule.id == "KUMO-GH-004" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains(message) == true, "\(found)")
    }

    @Test func theAudienceInChinaIsAccepted() throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com.cn", "token.actions.githubusercontent.com:sub": "repo:o@1/r@2:ref:refs/heads/main"}}"#))
        #expect(try ids(t) == [])
    }

    @Test func thumbprintsOfGitHubAreANote() throws {
        let text = #"""
        {"Resources": {"P": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://token.actions.githubusercontent.com", "ThumbprintList": ["6938fd4d98bab03faadb97b34396831e3780aea1"]}},
                       "Q": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://accounts.example.com", "ThumbprintList": ["6938fd4d98bab03faadb97b34396831e3780aea1"]}}}}
        """#
        let found = try findings(CloudTemplate(json: JSON(parsing: text), name: "S", file: "s.json"))
        #expect(found.map(\.rule.id) == ["KUMO-GH-005"])
        #expect(found[0].severity == .info)
        #expect(found[0].location.logicalID == "P")
    }

    // MARK: - IRSA

    @Test func irsaWithoutAudienceIsAWarning() throws {
        let t = try Self.template(Self.irsaRole("R", name: "r", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\"}}"#))
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-IRSA-001"])
        #expect(found[0].severity == .warning)
        // The key as the template writes it (its Fn::Sub variable), so that the fix can be pasted.
        #expect(found[0].message.contains("${Issuer}:aud"))
        #expect(found[0].fix.contains(#""StringEquals": {"${Issuer}:aud": "sts.amazonaws.com"}"#))
        #expect(found[0].fix.contains(#".serviceAccount("main", "app", of: cluster, audience: "sts.amazonaws.com")"#))
    }

    @Test func irsaWithAudienceAndExactSubjectIsClean() throws {
        let t = try Self.template(Self.irsaRole("R", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\",\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#))
        #expect(try ids(t) == [])
    }

    @Test(arguments: [
        ("system:serviceaccount:main:*", "KUMO-IRSA-002"),
        ("system:serviceaccount:main:app-*", nil),
        ("system:serviceaccount:*", "KUMO-IRSA-005"),
        ("system:serviceaccount:*:app", "KUMO-IRSA-005"),
        ("*", "KUMO-IRSA-005"),
    ] as [(String, String?)])
    func irsaSubjectBreadth(pattern: String, expected: String?) throws {
        let t = try Self.template(Self.irsaRole("R", conditions: #"{\"StringLike\":{\"${Issuer}:sub\":\"\#(pattern)\"},\"StringEquals\":{\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#))
        #expect(try ids(t) == (expected.map { [$0] } ?? []), "\(pattern)")
    }

    @Test func irsaWithoutSubjectIsAnError() throws {
        let t = try Self.template(Self.irsaRole("R", conditions: #"{\"StringEquals\":{\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#))
        #expect(try ids(t) == ["KUMO-IRSA-005"])
    }

    @Test func twoRolesTrustingTheSameServiceAccount() throws {
        let t = try Self.template(
            Self.irsaRole("A", name: "a", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\",\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#) + ",\n"
                + Self.irsaRole("B", name: "b", conditions: #"{\"StringLike\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app*\"},\"StringEquals\":{\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#) + ",\n"
                + Self.irsaRole("C", name: "c", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:other\",\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#))
        let found = try findings(t).filter { $0.rule.id == "KUMO-IRSA-003" }
        #expect(found.map { $0.location.logicalID ?? "" }.sorted() == ["A", "B"])
        #expect(found.allSatisfy { $0.message.contains("system:serviceaccount:main:app") })
    }

    @Test func aConditionKeyOfAnotherIssuerIsAnError() throws {
        // The GitHub issuer's key on an EKS trust, and a literal other cluster's key.
        let t = try Self.template(Self.irsaRole("R", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\",\"oidc.eks.us-east-1.amazonaws.com/id/OTHER:aud\":\"sts.amazonaws.com\"}}"#))
        let found = try findings(t)
        // Said once: the aud key on the wrong issuer is not also "no aud condition" (KUMO-IRSA-001).
        #expect(found.map(\.rule.id).sorted() == ["KUMO-IRSA-004"])
        let mismatch = try #require(found.first { $0.rule.id == "KUMO-IRSA-004" })
        #expect(mismatch.message.contains("oidc.eks.us-east-1.amazonaws.com/id/OTHER"))
        #expect(mismatch.message.contains("<Cluster issuer>"))
        #expect(mismatch.fix.contains(#""${Issuer}:aud""#))
    }

    @Test func theCDKSampleShapeOfIRSAIsUnderstood() throws {
        // CDK: Custom::AWSCDKCfnJson keyed by the provider's issuer (as its ALB controller role does).
        let t = try Self.template(#"""
            "Cond": {"Type": "Custom::AWSCDKCfnJson", "Properties": {"Value": {"Fn::Join": ["", ["{\"", {"Fn::Select": [1, {"Fn::Split": [":oidc-provider/", {"Ref": "ClusterProvider"}]}]}, ":sub\":\"system:serviceaccount:main:app\"}"]]}}},
            "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "ClusterProvider"}}, "Condition": {"StringEquals": {"Fn::GetAtt": ["Cond", "Value"]}}}]}}}
            """#)
        #expect(try ids(t) == ["KUMO-IRSA-001"])
    }

    // MARK: - Any trust

    @Test(arguments: [#"{"Federated": "*"}"#, #"{"AWS": "*"}"#, #""*""#])
    func wildcardPrincipals(principal: String) throws {
        let t = try Self.template(Self.role("R", principal: principal, action: "sts:AssumeRole", conditions: nil))
        let found = try findings(t)
        #expect(found.map(\.rule.id).contains("KUMO-TRUST-001"), "\(found)")
        #expect(found.first { $0.rule.id == "KUMO-TRUST-001" }?.severity == .error)
    }

    @Test func forAllValuesOnSubIsAnError() throws {
        let t = try Self.template(Self.role("R", conditions: #"{"StringEquals": {\#(aud)}, "ForAllValues:StringLike": {"token.actions.githubusercontent.com:sub": "repo:o@1/r@2:*"}}"#))
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-TRUST-002"])
        #expect(found[0].fix.contains("write StringLike instead of ForAllValues:StringLike"))
        // A multi-valued key is fine.
        let tags = try Self.template(Self.role("R", principal: #"{"AWS": "arn:aws:iam::123456789012:root"}"#, action: "sts:AssumeRole", conditions: #"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}"#))
        #expect(try ids(tags) == [])
    }

    @Test func nullWithIfExistsIsAnError() throws {
        let t = try Self.template(Self.role("R", principal: #"{"AWS": "arn:aws:iam::123456789012:root"}"#, action: "sts:AssumeRole", conditions: #"{"NullIfExists": {"aws:MultiFactorAuthAge": "false"}}"#))
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-TRUST-003"])
        #expect(found[0].fix.contains("\"Null\""))
    }

    @Test func anOversizeTrustPolicyIsAnErrorNamingTheQuotaIncrease() throws {
        let accounts = (0..<120).map { #""arn:aws:iam::\#(String(format: "%012d", $0)):root""# }.joined(separator: ",")
        let t = try Self.template(Self.role("R", principal: #"{"AWS": [\#(accounts)]}"#, action: "sts:AssumeRole", conditions: nil))
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-TRUST-004"])
        #expect(found[0].message.contains("over IAM's default quota of 2,048"))
        #expect(found[0].fix.contains("4,096"))
        let huge = (0..<250).map { #""arn:aws:iam::\#(String(format: "%012d", $0)):root""# }.joined(separator: ",")
        let over = try findings(Self.template(Self.role("R", principal: #"{"AWS": [\#(huge)]}"#, action: "sts:AssumeRole", conditions: nil)))
        #expect(over.first?.message.contains("over the maximum of 4,096") == true)
    }

    @Test func anOIDCPrincipalWithoutConditionsIsAWarning() throws {
        let t = try Self.template(#"""
            "Other": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://accounts.example.com", "ClientIdList": ["x"]}},
            \#(Self.role("R", principal: #"{"Federated": {"Ref": "Other"}}"#, conditions: nil))
            """#)
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-TRUST-006"])
    }

    @Test func invalidTrustGrammarIsReported() throws {
        let t = try Self.template(#"""
            "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}}}
            """#)
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-TRUST-007"])
        #expect(found[0].message.contains("case-sensitive"))
    }

    // MARK: - Policies

    @Test(arguments: [
        (#""*""#, #""*""#, true),
        (#""s3:*""#, #""*""#, true),
        (#"["ec2:Describe*", "s3:*"]"#, #""*""#, true),
        (#""s3:*""#, #""arn:aws:s3:::bucket/*""#, false),
        (#""ecr:Get*""#, #""*""#, false),
    ])
    func serviceWideActionsOnEveryResource(action: String, resource: String, flagged: Bool) throws {
        let t = try Self.template(#"""
            "P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": \#(action), "Resource": \#(resource)}]}}}
            """#)
        let found = try findings(t)
        #expect(found.map(\.rule.id) == (flagged ? ["KUMO-POL-001"] : []))
        #expect(found.first?.severity ?? .warning == .warning)
    }

    @Test func notActionOnEveryResourceIsFlagged() throws {
        let t = try Self.template(#"""
            "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}}},
            "P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "R"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}}}
            """#)
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-POL-001"])
        #expect(found[0].location.logicalID == "P")
        #expect(found[0].message.contains("NotAction"))
    }

    @Test func anOversizeManagedPolicyIsAnError() throws {
        let actions = (0..<300).map { #""ec2:DescribeSomethingLong\#($0)""# }.joined(separator: ",")
        let t = try Self.template(#"""
            "P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [\#(actions)], "Resource": "arn:aws:ec2:*:*:instance/*"}]}}}
            """#)
        let found = try findings(t)
        #expect(found.map(\.rule.id) == ["KUMO-POL-002"])
        #expect(found[0].message.contains("6,144"))
    }

    @Test func deployTimeResourcesAreValidGrammar() throws {
        let t = try Self.template(#"""
            "Repo": {"Type": "AWS::ECR::Repository"},
            "P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": {"Fn::GetAtt": ["Repo", "Arn"]}}]}}}
            """#)
        #expect(try ids(t) == [])
    }

    // MARK: - Suppressions

    @Test func suppressionsWithAReasonSilenceAndAreShown() throws {
        let t = try Self.template(#"""
            "R": {"Type": "AWS::IAM::Role", "Metadata": {"kumo:suppressions": [{"id": "KUMO-GH-002", "reason": "all repositories of the org deploy"}, {"id": "KUMO-GH-006", "reason": ""}, {"id": "KUMO-GH-999", "reason": "typo"}]},
                  "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "GitHub"}}, "Condition": {"StringEquals": {\#(aud)}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/*"}}}]}}}
            """#)
        let report = try Checker().check([t])
        #expect(report.suppressed.map(\.rule.id) == ["KUMO-GH-002"])
        #expect(report.suppressed.first?.suppression?.reason == "all repositories of the org deploy")
        #expect(report.active.map(\.rule.id).sorted() == ["KUMO-GH-006", "KUMO-SUP-001", "KUMO-SUP-002"])
        #expect(!report.fails(at: .error))
        let text = CheckReportRenderer.text(report)
        #expect(text.contains("suppressed[KUMO-GH-002]"))
        #expect(text.contains("reason: all repositories of the org deploy"))
    }

    @Test func cdkNagSuppressionsAndTemplateWideOnesAreHonoured() throws {
        let t = try Self.template(
            #""R": {"Type": "AWS::IAM::Role", "Metadata": {"cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-IAM5", "reason": "x"}, {"id": "KUMO-GH-001", "reason": "test fixture"}]}}, "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "GitHub"}}, "Condition": {"StringEquals": {\#(aud)}}}]}}}"#,
            metadata: #""Metadata": {"kumo:suppressions": [{"id": "KUMO-GH-004", "reason": "everywhere"}]}, "#)
        let report = try Checker().check([t])
        #expect(report.active.isEmpty, "\(report.active)")
        #expect(report.suppressed.map(\.rule.id) == ["KUMO-GH-001"])
    }

    // MARK: - The reference app

    @Test func theCDKSampleFindings() throws {
        let report = try Checker(today: "2026-12-03").check(TemplateLoader.load(ReaderTests.sample))
        let found = Set(report.active.filter { $0.rule.family != .lifecycle }.map { "\($0.rule.id) \($0.location.logicalID ?? "")" })
        #expect(found == [
            "KUMO-GH-002 RoleGithubFF1A0E31", "KUMO-GH-006 RoleGithubFF1A0E31", "KUMO-GH-005 Provider2281708E",
            "KUMO-GH-005 EKSClusterOpenIdConnectProviderD01E4747",
            "KUMO-IRSA-001 CreateSecretFromSecretsManagerRole3B8A81C4", "KUMO-IRSA-001 EditRoute53RecordRole8F9CF184",
            "KUMO-IRSA-001 ArgoCDImageUpdaterRoleD0428EB9", "KUMO-IRSA-001 DBMigratorRole1DC6DB05",
        ])
        // What AWS no longer creates, as of 2026-12-03: EKS 1.22, CDK's nodejs14.x (and python3.7) provider Lambdas
        // (two in the template, the others in its two nested stacks), Aurora PostgreSQL 13.6, AL2 nodes.
        let lifecycle = report.active.filter { $0.rule.family == .lifecycle }.map { "\($0.rule.id) \($0.severity.rawValue) \($0.location.logicalID ?? "")" }
        #expect(Set(lifecycle) == [
            "KUMO-LIFE-001 error EKSClusterE11008B6",
            "KUMO-LIFE-002 warning EKSClusterNodegroupEKSNodeGroupD0EF7666",
            "KUMO-LIFE-003 error CustomAWSCDKOpenIdConnectProviderCustomResourceProviderHandlerF2C543E0",
            "KUMO-LIFE-003 error AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57",
            "KUMO-LIFE-003 error awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454",
            "KUMO-LIFE-003 error awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResourceA7AEBA6B",
            "KUMO-LIFE-004 error DatabaseCluster68FC2945", "KUMO-LIFE-004 error DatabaseClusterInstance1C566869D",
        ])
        #expect(report.active.filter { $0.severity == .error }.allSatisfy { $0.rule.family == .lifecycle })
        let github = try #require(report.active.first { $0.rule.id == "KUMO-GH-002" })
        #expect(github.message.contains("repo:example-org/*"))
        #expect(github.location.line == 2571)
        #expect(github.location.label == "MyEKSStack/RoleGithub (RoleGithubFF1A0E31)")
    }

    // MARK: - Renderers

    @Test func sarifHasRulesLocationsAndSuppressions() throws {
        let t = try Self.template(#"""
            "R": {"Type": "AWS::IAM::Role", "Metadata": {"aws:cdk:path": "S/R/Resource", "kumo:suppressions": [{"id": "KUMO-GH-006", "reason": "legacy repos only"}]},
                  "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "GitHub"}}, "Condition": {"StringEquals": {\#(aud)}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/*"}}}]}}}
            """#)
        let sarif = CheckReportRenderer.sarif(try Checker().check([t]), relativeTo: FileManager.default.currentDirectoryPath)
        #expect(sarif["version"] == "2.1.0")
        let run = try #require(sarif["runs"]?.arrayValue?.first)
        #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?.count == CheckRules.all.count)
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 2)
        let warning = try #require(results.first { $0["ruleId"] == "KUMO-GH-002" })
        #expect(warning["level"] == "warning")
        #expect(warning["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "s.json")
        #expect(warning["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"] == "S/R/Resource")
        let suppressed = try #require(results.first { $0["ruleId"] == "KUMO-GH-006" })
        #expect(suppressed["suppressions"]?[0]?["justification"] == "legacy repos only")
        let index = try #require(warning["ruleIndex"]?.numberValue)
        #expect(run["tool"]?["driver"]?["rules"]?[Int(index)]?["id"] == "KUMO-GH-002")
    }

    @Test func theCatalogueHasUniqueWellFormedIDs() {
        let ids = CheckRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"^KUMO-[A-Z0-9]+-\d{3}$"#, options: .regularExpression) != nil })
        #expect(CheckRules.all.count >= 25)
    }
}

extension JSON {
    subscript(index: Int) -> JSON? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

extension CheckTests {
    @Test func aClusterProviderGivenAsAParameterIsRecognisedByItsSubjects() throws {
        let text = #"""
        {"Parameters": {"Issuer": {"Type": "String"}},
         "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Fn::Sub": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Principal\":{\"Federated\":\"arn:aws:iam::${AWS::AccountId}:oidc-provider/${Issuer}\"},\"Condition\":{\"StringLike\":{\"${Issuer}:sub\":\"system:serviceaccount:main:*\"}}}]}"}}}}}
        """#
        let found = try findings(CloudTemplate(json: JSON(parsing: text), name: "S", file: "s.json"))
        #expect(found.map(\.rule.id).sorted() == ["KUMO-IRSA-001", "KUMO-IRSA-002"])
    }
}
