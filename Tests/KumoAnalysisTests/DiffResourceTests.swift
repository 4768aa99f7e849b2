import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

@Suite struct DiffResourceTests {
    typealias F = DiffFixture

    static let queue: JSON = ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": "q", "VisibilityTimeout": 30]]
    static let topic: JSON = ["Type": "AWS::SNS::Topic"]

    @Test func addedRemovedAndModifiedWithPropertyPaths() throws {
        let old = try F.template(["Queue": Self.queue, "Gone": Self.topic])
        let new = try F.template(["Queue": ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": "q", "VisibilityTimeout": 60, "Tags": [["Key": "a", "Value": "b"]]]], "New": Self.topic])
        let diff = try F.diff(old, new)
        #expect(diff.resources.map(\.logicalID) == ["Queue", "New", "Gone"])
        #expect(diff.resources.map(\.kind) == [.modified, .added, .removed])
        let queue = diff.resources[0]
        #expect(queue.properties.map(\.path) == ["Properties.VisibilityTimeout", "Properties.Tags"])
        #expect(queue.properties[0].old == 30 && queue.properties[0].new == 60)
        #expect(queue.properties[1].old == nil)
        #expect(!queue.replaces)
        #expect(diff.iam.isEmpty)
        #expect(diff.status == .modified)
    }

    @Test func nestedPathsAndListItems() throws {
        let old = try F.template(["G": ["Type": "AWS::EC2::SecurityGroup", "Properties": ["GroupDescription": "g", "SecurityGroupIngress": [["IpProtocol": "tcp", "CidrIp": "10.0.0.0/8"]]]]])
        let new = try F.template(["G": ["Type": "AWS::EC2::SecurityGroup", "Properties": ["GroupDescription": "g", "SecurityGroupIngress": [["IpProtocol": "tcp", "CidrIp": "0.0.0.0/0"]]]]])
        let change = try #require(try F.diff(old, new).resources.first)
        #expect(change.properties.map(\.path) == ["Properties.SecurityGroupIngress[0].CidrIp"])
        #expect(change.properties.first?.new == "0.0.0.0/0")
    }

    static let replacementCases: [(String, JSON, JSON, Bool, String)] = [
        // (type, old properties, new properties, replaced, reason fragment)
        ("AWS::IAM::Role", ["RoleName": "a"], ["RoleName": "b"], true, "RoleName"),
        ("AWS::IAM::Role", ["RoleName": "a", "Description": "x"], ["RoleName": "a", "Description": "y"], false, ""),
        ("AWS::EKS::Cluster", ["Name": "c", "AccessConfig": ["AuthenticationMode": "API"]], ["Name": "c", "AccessConfig": ["AuthenticationMode": "API_AND_CONFIG_MAP"]], false, ""),
        ("AWS::EKS::Cluster", ["Name": "c", "AccessConfig": ["BootstrapClusterCreatorAdminPermissions": true]],
         ["Name": "c", "AccessConfig": ["BootstrapClusterCreatorAdminPermissions": false]], true, "AccessConfig/BootstrapClusterCreatorAdminPermissions"),
        ("AWS::ECR::Repository", ["RepositoryName": "r"], ["RepositoryName": "r", "EncryptionConfiguration": ["EncryptionType": "KMS"]], true, "EncryptionConfiguration"),
        ("AWS::SQS::Queue", ["QueueName": "a"], ["QueueName": "b"], true, "QueueName"),
        ("Custom::Thing", ["ServiceToken": "arn:x", "A": 1], ["ServiceToken": "arn:x", "A": 2], false, ""),
    ]

    @Test(arguments: replacementCases)
    func replacementFromCreateOnlyProperties(type: String, old: JSON, new: JSON, replaced: Bool, reason: String) throws {
        func resource(_ properties: JSON) -> JSON {
            guard type == "AWS::IAM::Role", case .object(var members) = properties else { return ["Type": .string(type), "Properties": properties] }
            members["AssumeRolePolicyDocument"] = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["Service": "ec2.amazonaws.com"]]]]
            return ["Type": .string(type), "Properties": .object(members)]
        }
        let a = try F.template(["R": resource(old)])
        let b = try F.template(["R": resource(new)])
        let change = try #require(try F.diff(a, b).resources.first)
        #expect(change.replaces == replaced, "\(change.replacementReasons)")
        if replaced {
            #expect(change.replacementReasons.contains { $0.contains(reason) })
            #expect(change.properties.contains { $0.forcesReplacement })
        } else {
            #expect(!change.properties.contains { $0.forcesReplacement })
        }
    }

    @Test func replacementPropagatesThroughCreateOnlyReferences() throws {
        // The subnet moves to another VPC (create-only VpcId): replaced; the instance's SubnetId (create-only)
        // refers to it, so the instance is replaced too although its own template text is unchanged.
        let vpc: JSON = ["Type": "AWS::EC2::VPC", "Properties": ["CidrBlock": "10.0.0.0/16"]]
        func subnet(_ vpc: String) -> JSON { ["Type": "AWS::EC2::Subnet", "Properties": ["VpcId": ["Ref": .string(vpc)], "CidrBlock": "10.0.0.0/24"]] }
        let instance: JSON = ["Type": "AWS::EC2::Instance", "Properties": ["SubnetId": ["Ref": "Subnet"], "ImageId": "ami-1"]]
        let old = try F.template(["A": vpc, "B": vpc, "Subnet": subnet("A"), "Instance": instance])
        let new = try F.template(["A": vpc, "B": vpc, "Subnet": subnet("B"), "Instance": instance])
        let diff = try F.diff(old, new)
        #expect(diff.resources.map(\.logicalID) == ["Subnet", "Instance"])
        #expect(diff.resources.allSatisfy { $0.replaces })
        #expect(diff.resources[1].replacementReasons == ["refers to Subnet, which is replaced"])
        #expect(diff.resources[1].properties.isEmpty)
    }

    @Test func typeChangeIsAReplacementUnlessItIsCDKPlumbing() throws {
        let old = try F.template(["T": Self.topic])
        let new = try F.template(["T": Self.queue])
        let change = try #require(try F.diff(old, new).resources.first)
        #expect(change.kind == .typeChanged)
        #expect(change.replaces)
        #expect(change.replacementReasons[0].contains("cannot update a resource's type in place"))
    }

    @Test func valuesCompareResolved() throws {
        // The same string written with Fn::Join and with Fn::Sub: no change.
        let old = try F.template(["Q": ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": ["Fn::Join": ["-", ["q", ["Ref": "AWS::Region"]]]]]]])
        let new = try F.template(["Q": ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": ["Fn::Sub": "q-${AWS::Region}"]]]])
        let diff = try F.diff(old, new)
        #expect(!diff.hasChanges)
        #expect(diff.status == .unchanged)
    }

    @Test func resourceAttributesAreCompared() throws {
        let old = try F.template(["A": Self.topic, "B": ["Type": "AWS::SNS::Topic", "DependsOn": "A", "DeletionPolicy": "Retain"]])
        let new = try F.template(["A": Self.topic, "B": ["Type": "AWS::SNS::Topic", "DeletionPolicy": "Delete"]])
        let change = try #require(try F.diff(old, new).resources.first)
        #expect(change.properties.map(\.path) == ["DependsOn", "DeletionPolicy"])
    }

    @Test func noiseIsHiddenUnlessStrict() throws {
        let metadata: JSON = ["Type": "AWS::CDK::Metadata", "Properties": ["Analytics": "v2:deflate64:abc"]]
        let old = try F.template(
            ["Q": ["Type": "AWS::SQS::Queue", "Metadata": ["aws:cdk:path": "S/Q/Resource"]], "CDKMetadata": metadata,
             "F": ["Type": "AWS::Lambda::Function", "Properties": ["Code": ["S3Key": .string(String(repeating: "a", count: 64) + ".zip")]]]],
            extra: ["Parameters": ["BootstrapVersion": ["Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk-bootstrap/hnb659fds/version"]],
                    "Rules": ["CheckBootstrapVersion": ["Assertions": []]]])
        let new = try F.template(
            ["Q": ["Type": "AWS::SQS::Queue", "Metadata": ["aws:cdk:path": "S/Queue/Resource"]],
             "F": ["Type": "AWS::Lambda::Function", "Properties": ["Code": ["S3Key": .string(String(repeating: "b", count: 64) + ".zip")]]]])
        let quiet = try F.diff(old, new)
        #expect(!quiet.hasChanges)
        #expect(Set(quiet.noise.map(\.location)) == [
            "Resources.Q.Metadata.aws:cdk:path", "Resources.CDKMetadata", "Resources.F.Properties.Code.S3Key",
            "Parameters.BootstrapVersion", "Rules.CheckBootstrapVersion",
        ])
        let strict = try F.diff(old, new, strict: true)
        #expect(strict.noise.isEmpty)
        #expect(strict.resources.map(\.logicalID).sorted() == ["CDKMetadata", "F", "Q"])
        #expect(strict.otherChanges.map(\.name).sorted() == ["BootstrapVersion", "CheckBootstrapVersion"])
    }

    @Test func otherSectionsAreCompared() throws {
        let old = try F.template(["Q": Self.queue], extra: ["Outputs": ["Url": ["Value": ["Ref": "Q"]], "Old": ["Value": "x"]], "Description": "a"])
        let new = try F.template(["Q": Self.queue], extra: ["Outputs": ["Url": ["Value": ["Fn::GetAtt": ["Q", "QueueUrl"]]]],
                                                            "Parameters": ["Env": ["Type": "String"]], "Description": "b"])
        let changes = try F.diff(old, new).otherChanges
        #expect(changes.map { "\($0.section).\($0.name) \($0.kind)" } == ["Parameters.Env added", "Outputs.Url modified", "Outputs.Old removed", "Description. modified"])
    }

    @Test func policiesOfPrincipalsOutsideTheTemplateAreShownHere() throws {
        func policy(_ actions: JSON) -> JSON {
            ["Type": "AWS::IAM::Policy", "Properties": ["PolicyName": "p", "Roles": ["external-role"],
                                                         "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow(actions)]]]]
        }
        let wider = try F.diff(try F.template(["P": policy("s3:GetObject")]), try F.template(["P": policy(["s3:GetObject", "s3:PutObject"])]))
        #expect(wider.iam.isEmpty)
        let change = try #require(wider.resources.first?.properties.first)
        #expect(change.path == "Properties.PolicyDocument")
        #expect(change.note == "not in the IAM section (attached to no role of this template)")
        #expect(change.new != nil)
        let same = try F.diff(try F.template(["P": policy("s3:GetObject")]), try F.template(["P": policy(["s3:GetObject"])]))
        #expect(same.resources.first?.properties.first?.note == "written differently, same access")
    }

    @Test func createOnlyTableComesFromTheProviderSchemas() {
        #expect(CreateOnlyProperties.paths(for: "AWS::IAM::Role") == [["Path"], ["RoleName"]])
        #expect(CreateOnlyProperties.paths(for: "AWS::IAM::OIDCProvider") == [["Url"]])
        #expect(CreateOnlyProperties.paths(for: "AWS::EKS::Cluster").contains(["AccessConfig", "BootstrapClusterCreatorAdminPermissions"]))
        #expect(CreateOnlyProperties.paths(for: "Custom::Anything").isEmpty)
        #expect(CreateOnlyProperties.table.count > 1000)
        // Values under list items: `Tags/*/Key` compares every item's Key.
        #expect(CreateOnlyProperties.value(at: ["Tags", "*", "Key"], in: ["Tags": [["Key": "a", "Value": "1"], ["Key": "b"]]]) == ["a", "b"])
    }
}
