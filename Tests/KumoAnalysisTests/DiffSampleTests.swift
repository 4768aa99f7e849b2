import Foundation
import Kumo
import Stacks
import Testing
@testable import KumoAnalysis
import KumoJSON

/// The migration proof: CDK's sample against Kumo's synthesis of the same app.
@Suite struct DiffSampleTests {
    typealias F = DiffFixture

    let sample: [CloudTemplate]
    let ours: [CloudTemplate]

    init() throws {
        sample = try TemplateLoader.load(F.sample)
        let assembly = try KumoStacks.makeApp().synthesize()
        ours = try assembly.stacks.map { stack in
            try CloudTemplate(json: stack.template, name: stack.name, file: stack.templateFile,
                              environment: stack.environment)
        }
    }

    @Test func reproducedRolesAndPoliciesHaveNoIAMChange() throws {
        let diff = try TemplateDiff.compare(old: sample, new: ours)
        #expect(diff.stacks.map(\.name) == ["MyEKSStack"])
        let stack = diff.stacks[0]
        let ourRoles = Set(ours[0].resources(ofType: "AWS::IAM::Role").map(\.logicalID))
        let ourPolicies = Set(ours[0].resources(ofType: "AWS::IAM::ManagedPolicy").map(\.logicalID))
        #expect(ourRoles.count == 9 && ourPolicies.count == 6)
        for change in stack.iam {
            #expect(!ourRoles.contains(change.subject.logicalID) && !ourPolicies.contains(change.subject.logicalID),
                    "unexpected IAM change on a reproduced resource: \(change)")
        }
        // The whole stack is reproduced: no IAM change at all (the CDK plumbing roles are expected replacements).
        #expect(stack.iam.isEmpty, "\(stack.iam)")
        #expect(!diff.hasBroadening)
        // The IRSA roles are not even modified resources: trust documents compare by meaning.
        for id in ["CreateSecretFromSecretsManagerRole3B8A81C4", "EditRoute53RecordRole8F9CF184", "ArgoCDImageUpdaterRoleD0428EB9", "DBMigratorRole1DC6DB05", "RoleGithubFF1A0E31"] {
            #expect(!stack.resources.contains { $0.logicalID == id }, "\(id)")
        }
    }

    @Test func plumbingIsListedAsExpectedReplacementsNotAsChangesOrNoise() throws {
        let stack = try TemplateDiff.compare(old: sample, new: ours).stacks[0]
        let expected = Dictionary(uniqueKeysWithValues: stack.expectedReplacements.map { ($0.logicalID, $0) })
        #expect(expected["Provider2281708E"]?.newType == "AWS::IAM::OIDCProvider")
        #expect(expected["EKSClusterOpenIdConnectProviderD01E4747"]?.newType == "AWS::IAM::OIDCProvider")
        #expect(expected["EKSClusterE11008B6"]?.newType == "AWS::EKS::Cluster")
        for id in [
            "ConditionForAccountToAccessSecretsA3C4CEB2", "ConditionForAccountForExternalDNS54550E1B", "ConditionForAccountForArgoCDImageUpdaterFE2F7916",
            "ConditionForAccountForDBMigrator7505CCE1", "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole517FED65",
            "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderHandlerF2C543E0", "AWSCDKCfnUtilsProviderCustomResourceProviderRoleFE0EE867",
            "AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57",
            "awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454",
            "awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResourceA7AEBA6B",
            "EKSClusterCreationRoleB865C9E8", "EKSClusterCreationRoleDefaultPolicy27A5F6BE", "EKSClusterKubectlReadyBarrierEF5C3970",
            "EKSClusterAwsAuthmanifestA4E0796C", "MyEKSStackEKSCluster26CB6A0EAlbController8CA89610",
        ] {
            #expect(expected[id] != nil && expected[id]?.newType == nil, "\(id) should be an expected (dropped) replacement")
        }
        let listed = Set(expected.keys)
        #expect(!stack.resources.contains { listed.contains($0.logicalID) })
        #expect(!stack.iam.contains { listed.contains($0.subject.logicalID) })
        #expect(!stack.noise.contains { item in listed.contains { item.location.contains($0) } })
        // Noise: CDK's version reporting and bootstrap check only.
        #expect(Set(stack.noise.map(\.location)) == ["Resources.CDKMetadata", "Parameters.BootstrapVersion", "Rules.CheckBootstrapVersion"])
    }

    @Test func theSampleAgainstItselfHasNoChange() throws {
        let diff = try TemplateDiff.compare(old: sample, new: try TemplateLoader.load(F.sample))
        #expect(!diff.hasChanges)
        #expect(diff.stacks[0].status == .unchanged)
        let ourDiff = try TemplateDiff.compare(old: ours, new: ours)
        #expect(!ourDiff.hasChanges)
    }

    @Test func cdkCfnJsonTrustAndKumoFnSubTrustAreTheSameStatement() throws {
        // CDK: the condition map comes from a Custom::AWSCDKCfnJson. Kumo: the document is an Fn::Sub string.
        let cdk = try F.template(#"""
        {"Resources": {
          "Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {"name": "c"}}},
          "Provider": {"Type": "Custom::AWSCDKOpenIdConnectProvider", "Properties": {"Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIDList": ["sts.amazonaws.com"]}},
          "Condition": {"Type": "Custom::AWSCDKCfnJson", "Properties": {"Value": {"Fn::Join": ["", ["{\"", {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuer"]}, ":sub\":\"system:serviceaccount:main:web\"}"]]}}},
          "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "web", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "Provider"}},
             "Condition": {"StringEquals": {"Fn::GetAtt": ["Condition", "Value"]}}}]}}}}}
        """#)
        let kumo = try F.template(#"""
        {"Resources": {
          "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "RoleArn": "arn:aws:iam::111122223333:role/r", "ResourcesVpcConfig": {"SubnetIds": []}}},
          "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIdList": ["sts.amazonaws.com"]}},
          "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "web", "AssumeRolePolicyDocument": {"Fn::Sub": [
            "{\"Statement\":[{\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:web\"}},\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"${Provider}\"}}],\"Version\":\"2012-10-17\"}",
            {"Issuer": {"Fn::Select": [1, {"Fn::Split": [":oidc-provider/", {"Ref": "Provider"}]}]}}]}}}}}
        """#)
        let diff = try F.diff(cdk, kumo)
        #expect(diff.iam.isEmpty)
        #expect(diff.resources.isEmpty)
        #expect(Set(diff.expectedReplacements.map(\.logicalID)) == ["Cluster", "Provider", "Condition"])
        // A real change on top of the migration is still seen, with the key readable.
        var widened = kumo
        var role = widened.resources["Role"]!
        let text = role.properties["AssumeRolePolicyDocument"]!["Fn::Sub"]!.arrayValue![0].stringValue!
        role.properties["AssumeRolePolicyDocument"] = ["Fn::Sub": [.string(text.replacingOccurrences(of: "StringEquals", with: "StringLike").replacingOccurrences(of: "main:web", with: "main:*")),
                                                                   role.properties["AssumeRolePolicyDocument"]!["Fn::Sub"]!.arrayValue![1]]]
        widened.resources["Role"] = role
        let change = try #require(try F.diff(cdk, widened).iam.first)
        #expect(change.classification == .broadening)
        #expect(change.element == "StringEquals → StringLike <Cluster issuer>:sub")
    }

    @Test func aNativeResourceTakingOverACDKCustomResourceIsExpected() throws {
        let cluster: JSON = ["Type": "Custom::AWSCDK-EKS-Cluster", "Properties": ["Config": ["name": "c"]]]
        let before = try F.template(["Cluster": cluster, "AwsAuth": ["Type": "Custom::AWSCDK-EKS-KubernetesResource", "Properties": ["Manifest": "[]"]]])
        let after = try F.template(["Cluster": cluster, "AwsAuth": ["Type": "AWS::EKS::AccessEntry", "Properties": ["ClusterName": "c", "PrincipalArn": "arn:aws:iam::111122223333:role/a"]]])
        let diff = try F.diff(before, after)
        #expect(diff.resources.isEmpty)
        #expect(diff.expectedReplacements.map { "\($0.logicalID) \($0.oldType) → \($0.newType ?? "-")" } == ["AwsAuth Custom::AWSCDK-EKS-KubernetesResource → AWS::EKS::AccessEntry"])
        // But a native type replaced by another native type is a real type change.
        let topic = try F.template(["X": ["Type": "AWS::SNS::Topic"]])
        let queue = try F.template(["X": ["Type": "AWS::SQS::Queue"]])
        #expect(try F.diff(topic, queue).resources.map(\.kind) == [.typeChanged])
    }

    @Test func cdkPlumbingPresentOnBothSidesIsComparedNormally() throws {
        // Two CDK versions: a change to CDK's creation role is a real IAM change, not an expected replacement.
        let before = try F.template([
            "Cluster": ["Type": "Custom::AWSCDK-EKS-Cluster", "Properties": ["Config": ["name": "c"]]],
            "EKSClusterCreationRoleB865C9E8": F.role("creation", trust: [["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "arn:aws:iam::111122223333:root"]]]),
        ])
        let after = try F.template([
            "Cluster": ["Type": "Custom::AWSCDK-EKS-Cluster", "Properties": ["Config": ["name": "c"]]],
            "EKSClusterCreationRoleB865C9E8": F.role("creation", trust: [["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "*"]]]),
        ])
        let diff = try F.diff(before, after)
        #expect(diff.expectedReplacements.isEmpty)
        #expect(diff.iam.map(\.classification) == [.broadening])
        // And the same role dropped by a non-EKS template is a plain removal (the rule needs CDK's EKS cluster).
        let userRole = try F.template(["MyCreationRole": F.role("mine", trust: [["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["Service": "ec2.amazonaws.com"]]])])
        let removed = try F.diff(userRole, try F.template([:]))
        #expect(removed.expectedReplacements.isEmpty)
        #expect(removed.iam.map(\.kind) == [.roleRemoved])
    }
}

/// Templates that cannot be understood are errors with a location, never a crash or a silent pass.
@Suite struct DiffMalformedInputTests {
    func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-diff-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: [
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic"}"#, "invalid JSON"),
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Bogus": 1}}}}}"#, "unknown intrinsic function Fn::Bogus"),
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::GetAtt": ["A", "TopicName"]}}}}}"#,
         "cyclic references between resources: A → B → A"),
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Nowhere"}}}}}"#, "Ref to Nowhere"),
        (#"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Fn::Sub": "{not json"}}}}}"#, "not JSON once resolved"),
        (#"[1, 2]"#, "a template must be a JSON object"),
    ])
    func malformedTemplatesAreReported(text: String, message: String) throws {
        let good = try write(#"{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}"#)
        let bad = try write(text)
        #expect {
            _ = try TemplateDiff.compare(old: try TemplateLoader.load(good), new: try TemplateLoader.load(bad))
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains(".json")
        }
    }
}
