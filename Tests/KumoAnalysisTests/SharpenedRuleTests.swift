import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

/// The trust and permission rules sharpened by issue 16: privilege escalation on `*`, one finding for keys on the
/// wrong issuer, what `repo:OWNER/*:…` admits, when `ForAllValues:` fails open, pasteable IRSA keys.
@Suite struct SharpenedRuleTests {
    static let gh = "token.actions.githubusercontent.com"

    static func check(_ resources: String, issuer: String? = nil, environment: CloudTemplate.Environment = .init(account: "123456789012", region: "ap-northeast-1")) throws -> CheckReport {
        let template = try CloudTemplate(json: JSON(parsing: #"{"Resources": {\#(resources)}}"#), name: "S", file: "s.json", environment: environment)
        return try Checker(issuerURL: issuer, today: "2026-12-03").check([template])
    }

    static func github(_ conditions: String) -> String {
        #""GitHub": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://\#(gh)", "ClientIdList": ["sts.amazonaws.com"]}}, "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "GitHub"}}, "Condition": \#(conditions)}]}}}"#
    }

    static func permissions(_ statement: String) -> String {
        #""R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}, "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#(statement)]}}]}}"#
    }

    // MARK: Privilege escalation

    @Test func passRoleOnEveryRoleIsAnErrorWhoseFixIsPassedToService() throws {
        let report = try Self.check(Self.permissions(#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-ESC-001" })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("allows iam:PassRole on Resource \"*\": it can pass any role of the account"))
        #expect(finding.fix.contains("iam:PassedToService"))
    }

    @Test func passedToServiceAloneStillLeavesEveryRole() throws {
        let report = try Self.check(Self.permissions(#"{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}"#))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-ESC-001" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("iam:PassRole (through \"iam:Pass*\")"))
        #expect(finding.message.contains("limits it to ec2.amazonaws.com, but any role of the account"))
    }

    @Test func scopedPassRoleAndServiceWideGrantsAreNotThisFamily() throws {
        let scoped = try Self.check(Self.permissions(#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app-instance", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}"#))
        #expect(scoped.active.isEmpty)
        let wide = try Self.check(Self.permissions(#"{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}"#))
        #expect(wide.active.map(\.rule.id) == ["KUMO-POL-001"])
    }

    @Test func policyWritingActionsAndAssumeRoleOnEverything() throws {
        let report = try Self.check(Self.permissions(#"{"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:AttachRolePolicy", "sts:AssumeRole", "s3:GetObject"], "Resource": "*"}"#))
        let ids = report.active.map(\.rule.id)
        #expect(ids.contains("KUMO-ESC-002") && ids.contains("KUMO-ESC-003"))
        let write = try #require(report.active.first { $0.rule.id == "KUMO-ESC-002" })
        #expect(write.message.contains("iam:CreatePolicyVersion, iam:AttachRolePolicy on Resource \"*\": the holder can grant itself any permission"))
    }

    // MARK: Keys on the wrong issuer: said once

    @Test func keysOnAnotherIssuerGiveOneFinding() throws {
        let trusted = "oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
        let other = "oidc.eks.ap-northeast-1.amazonaws.com/id/0THERCLUSTER000000000000000000000"
        let report = try Self.check(#""R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/\#(trusted)"}, "Condition": {"StringEquals": {"\#(other):aud": "sts.amazonaws.com", "\#(other):sub": "system:serviceaccount:main:app"}}}]}}}"#)
        #expect(report.active.map(\.rule.id) == ["KUMO-IRSA-004"])
        let finding = report.active[0]
        #expect(finding.message.contains("name issuer \(other), but the statement trusts provider \(trusted): tokens of the trusted provider never carry these keys, so the conditions never hold: the role is unusable"))
        #expect(finding.fix.contains("\"\(trusted):aud\", \"\(trusted):sub\""))
    }

    // MARK: What repo:OWNER/*:… admits

    @Test func anOwnerWidePatternOnOneBranchSaysSo() throws {
        let report = try Self.check(Self.github(#"{"StringEquals": {"\#(Self.gh):aud": "sts.amazonaws.com"}, "StringLike": {"\#(Self.gh):sub": "repo:example-org/*:ref:refs/heads/main"}}"#))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-GH-002" })
        #expect(finding.message.hasSuffix("admits every repository of example-org (including repositories created later), but only jobs on branch main (not other branches, tags, pull requests or environments)"))
        let any = try Self.check(Self.github(#"{"StringEquals": {"\#(Self.gh):aud": "sts.amazonaws.com"}, "StringLike": {"\#(Self.gh):sub": "repo:example-org/*"}}"#))
        #expect(any.active.first { $0.rule.id == "KUMO-GH-002" }?.message.hasSuffix("on any branch, tag, pull request or environment") == true)
        let environments = try Self.check(Self.github(#"{"StringEquals": {"\#(Self.gh):aud": "sts.amazonaws.com"}, "StringLike": {"\#(Self.gh):sub": "repo:example-org/*:environment:*"}}"#))
        #expect(environments.active.first { $0.rule.id == "KUMO-GH-002" }?.message.hasSuffix("on environments — not branch main, other branches, tags, pull requests") == true)
    }

    // MARK: ForAllValues: when it fails open

    @Test func forAllValuesOnSubActsAsThePlainOperatorBecauseTokensCarrySub() throws {
        let report = try Self.check(Self.github(#"{"StringEquals": {"\#(Self.gh):aud": "sts.amazonaws.com"}, "ForAllValues:StringLike": {"\#(Self.gh):sub": "repo:example-org/app:*"}}"#))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-TRUST-002" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("STS accepts only tokens that carry sub, so for them it acts as StringLike; it would fail open only for a request without \(Self.gh):sub"))
        #expect(!finding.message.contains("restricts nothing"))
    }

    @Test func forAllValuesOnAClaimThatCanBeAbsentFailsOpen() throws {
        let report = try Self.check(Self.github(#"{"StringEquals": {"\#(Self.gh):aud": "sts.amazonaws.com", "\#(Self.gh):sub": "repo:o/app:ref:refs/heads/main"}, "ForAllValues:StringEquals": {"\#(Self.gh):environment": "production"}}"#))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-TRUST-002" })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("fails open exactly when \(Self.gh):environment is missing: GitHub jobs that use no environment carry no environment claim"))
    }

    // MARK: IRSA keys that can be pasted

    @Test func irsaFixesPrintTheTemplatesOwnExpressionOrTheGivenIssuer() throws {
        let sub = #"{\"Statement\":[{\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\"}},\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"${ClusterProvider}\"}}],\"Version\":\"2012-10-17\"}"#
        let resources = #"""
            "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "RoleArn": "arn:aws:iam::123456789012:role/r", "ResourcesVpcConfig": {"SubnetIds": ["a", "b"]}}},
            "ClusterProvider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIdList": ["sts.amazonaws.com"]}},
            "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Fn::Sub": ["\#(sub)", {"Issuer": {"Fn::Select": [1, {"Fn::Split": [":oidc-provider/", {"Ref": "ClusterProvider"}]}]}}]}}}
            """#
        let symbolic = try #require(try Self.check(resources).active.first { $0.rule.id == "KUMO-IRSA-001" })
        #expect(symbolic.message.contains("without a condition on ${Issuer}:aud"))
        #expect(symbolic.fix.hasPrefix(#"add "StringEquals": {"${Issuer}:aud": "sts.amazonaws.com"} (in the role's Fn::Sub trust document, where Issuer is Cluster's issuer)"#))
        let concrete = try #require(try Self.check(resources, issuer: "https://oidc.eks.ap-northeast-1.amazonaws.com/id/ABC").active.first { $0.rule.id == "KUMO-IRSA-001" })
        #expect(concrete.fix.hasPrefix(#"add "StringEquals": {"oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com"}"#))
    }

    @Test func cdksSampleGetsItsClusterAttribute() throws {
        let report = try Checker(today: "2026-12-03").check(TemplateLoader.load(ReaderTests.sample))
        let finding = try #require(report.active.first { $0.rule.id == "KUMO-IRSA-001" && $0.location.logicalID == "DBMigratorRole1DC6DB05" })
        #expect(finding.fix.hasPrefix(#"add "StringEquals": {"${EKSClusterE11008B6.OpenIdConnectIssuer}:aud": "sts.amazonaws.com"}"#))
    }
}
