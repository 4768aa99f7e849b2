import Foundation
import KumoJSON
import Testing

/// `kumo resolve` end to end, through the binary.
@Suite struct ResolveCommandTests {
    let sample = CLI.root.appendingPathComponent("cdk.out.sample").path
    let physicalIDs = CLI.root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path

    func stacks(_ run: CLIRun) throws -> [JSON] {
        let json = try JSON(parsing: run.stdout)
        #expect(json["schemaVersion"] == 1)
        return try #require(json["stacks"]?.arrayValue)
    }

    /// CDK's deployed sample with the fixture's describe-stack-resources and describe-cluster output: the IRSA trust
    /// (a CfnJson condition in CDK's template) names the live cluster's issuer; ARNs follow from the physical IDs.
    @Test func theSampleWithItsPhysicalIDsIsWhatAWSReceived() throws {
        let run = try CLI.run(["resolve", sample, "--physical-ids", physicalIDs])
        #expect(run.status == 0, "\(run.stderr)")
        let stack = try #require(try stacks(run).first)
        #expect(stack["name"] == "MyEKSStack" && stack["account"] == "123456789012" && stack["region"] == "ap-northeast-1")
        let cluster = try JSON(parsing: String(contentsOfFile: physicalIDs + "/describe-cluster.eks-cluster.json", encoding: .utf8))
        let issuer = try #require(cluster["cluster"]?["identity"]?["oidc"]?["issuer"]?.stringValue).replacingOccurrences(of: "https://", with: "")
        let role = try #require(stack["resources"]?["DBMigratorRole1DC6DB05"])
        #expect(role["type"] == "AWS::IAM::Role" && role["unknown"] == [])
        let statement = try #require(role["properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first)
        #expect(statement["Principal"]?["Federated"] == .string("arn:aws:iam::123456789012:oidc-provider/\(issuer)"))
        #expect(statement["Condition"]?["StringEquals"]?.serialized() == #"{"\#(issuer):sub":"system:serviceaccount:main:account-for-db-migrator"}"#)
        #expect(role["properties"]?["ManagedPolicyArns"] == ["arn:aws:iam::123456789012:policy/pull-image-policy-for-db-migrator"])
    }

    /// Kumo's own assembly without physical IDs: the issuer is known only at deploy time, shown as a placeholder
    /// and listed; literal values are resolved.
    @Test func withoutPhysicalIDsDeployTimeValuesAreListed() throws {
        let dir = CLI.temporaryDirectory()
        #expect(try CLI.run(["synth", "-q", "-o", dir.appendingPathComponent("cdk.out").path]).status == 0)
        let run = try CLI.run(["resolve", dir.appendingPathComponent("cdk.out").path, "--stack", "MyEKSStack"])
        #expect(run.status == 0, "\(run.stderr)")
        let resources = try #require(try stacks(run).first?["resources"])
        let role = try #require(resources["DBMigratorRole1DC6DB05"])
        #expect(role["unknown"] == ["AssumeRolePolicyDocument"])
        let trust = try #require(role["properties"]?["AssumeRolePolicyDocument"]?.stringValue)
        #expect(trust.contains(#""<EKSClusterE11008B6 issuer>:sub":"system:serviceaccount:main:account-for-db-migrator""#), "\(trust)")
        #expect(!trust.contains("\u{E000}"))
        let github = try #require(resources.objectValue?.values.first { $0["properties"]?["RoleName"] == "role-github" })
        #expect(github["unknown"] == [])
        #expect(github["properties"]?["ManagedPolicyArns"] == ["arn:aws:iam::123456789012:policy/policy-github"])
    }

    static let conditional = #"""
        {"Parameters": {"Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
                        "Zones": {"Type": "CommaDelimitedList", "Default": "a, b"}},
         "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
         "Resources": {
           "Alarms": {"Type": "AWS::SNS::Topic", "Condition": "IsProd", "Properties": {"TopicName": {"Fn::Sub": "${Env}-alarms"}}},
           "Events": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::If": ["IsProd", "events", {"Fn::Join": ["-", ["events", {"Ref": "Env"}, {"Fn::Select": [1, {"Ref": "Zones"}]}]]}]},
                                                                 "DisplayName": {"Ref": "AWS::NoValue"}}}},
         "Outputs": {"Region": {"Value": {"Ref": "AWS::Region"}}}}
        """#

    @Test(arguments: [
        ([], #"{"type":"AWS::SNS::Topic","condition":"IsProd","created":false}"#, #"{"TopicName":"events-dev-b"}"#),
        (["--parameter", "Env=prod"], #"{"type":"AWS::SNS::Topic","condition":"IsProd","created":true,"properties":{"TopicName":"prod-alarms"},"unknown":[]}"#,
         #"{"TopicName":"events"}"#),
        (["--parameter", "Env=dev", "--parameter", "Zones=x,y"], #"{"type":"AWS::SNS::Topic","condition":"IsProd","created":false}"#,
         #"{"TopicName":"events-dev-y"}"#),
    ])
    func parametersDecideConditions(arguments: [String], alarms: String, events: String) throws {
        let dir = CLI.temporaryDirectory()
        try Self.conditional.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["resolve", "t.json"] + arguments, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let stack = try #require(try stacks(run).first)
        #expect(stack["name"] == "t" && stack["account"] == .null)
        #expect(stack["resources"]?["Alarms"]?.serialized() == alarms)
        #expect(stack["resources"]?["Events"]?["properties"]?.serialized() == events)
        #expect(stack["outputs"]?["Region"]?.serialized() == #"{"value":"<AWS::Region>","unknown":["Value"]}"#)
    }

    @Test func outputGoesToAFileWhenAsked() throws {
        let dir = CLI.temporaryDirectory()
        try Self.conditional.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["resolve", "t.json", "-o", "resolved.json"], in: dir)
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
        let written = try JSON(parsing: String(contentsOf: dir.appendingPathComponent("resolved.json"), encoding: .utf8))
        #expect(written["stacks"]?.arrayValue?.first?["name"] == "t")
    }

    @Test func helpExplainsThePhysicalIDs() throws {
        let run = try CLI.run(["resolve", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("aws cloudformation describe-stack-resources --stack-name STACK"))
        #expect(run.stdout.contains("aws eks describe-cluster --name CLUSTER > cluster.json"))
        #expect(run.stdout.contains("--parameter <key=value>"))
    }

    /// A queue's and a bucket's attributes follow from their physical IDs (a queue's URL, a bucket's name), as the
    /// queue-notifications example's read-back in deploy-check needs them.
    @Test func queueAndBucketAttributesFollowFromTheirPhysicalIDs() throws {
        let dir = CLI.temporaryDirectory()
        let template = #"""
            {"Resources": {
              "Queue": {"Type": "AWS::SQS::Queue"},
              "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"NotificationConfiguration": {"QueueConfigurations": [
                {"Event": "s3:ObjectCreated:*", "Queue": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}},
              "Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}], "PolicyDocument": {
                "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]},
                               "Principal": {"Service": "s3.amazonaws.com"}, "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::GetAtt": ["Bucket", "Arn"]}}}}]}}}}}
            """#
        try template.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let ids = dir.appendingPathComponent("ids")
        try FileManager.default.createDirectory(at: ids, withIntermediateDirectories: true)
        let stackID = "arn:aws:cloudformation:us-east-1:123456789012:stack/Uploads/1"
        func row(_ logical: String, _ physical: String, _ type: String) -> String {
            #"{"StackName": "Uploads", "StackId": "\#(stackID)", "LogicalResourceId": "\#(logical)", "PhysicalResourceId": "\#(physical)", "ResourceType": "\#(type)", "ResourceStatus": "CREATE_COMPLETE"}"#
        }
        try #"{"StackResources": [\#(row("Queue", "https://sqs.us-east-1.amazonaws.com/123456789012/uploads-q", "AWS::SQS::Queue")), \#(row("Bucket", "uploads-b", "AWS::S3::Bucket")), \#(row("Policy", "p", "AWS::SQS::QueuePolicy"))]}"#
            .write(to: ids.appendingPathComponent("resources.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["resolve", dir.appendingPathComponent("t.json").path, "--stack", "Uploads", "--physical-ids", ids.path])
        #expect(run.status == 0, "\(run.stderr)")
        let resources = try #require(try stacks(run).first?["resources"])
        #expect(resources["Bucket"]?["unknown"] == [] && resources["Policy"]?["unknown"] == [], "\(run.stdout)")
        #expect(resources["Bucket"]?["properties"]?["NotificationConfiguration"]?["QueueConfigurations"]?.arrayValue?.first?["Queue"] == "arn:aws:sqs:us-east-1:123456789012:uploads-q")
        let policy = try #require(resources["Policy"]?["properties"])
        #expect(policy["Queues"] == ["https://sqs.us-east-1.amazonaws.com/123456789012/uploads-q"])
        #expect(policy["PolicyDocument"]?["Statement"]?.arrayValue?.first?["Condition"]?["ArnLike"]?["aws:SourceArn"] == "arn:aws:s3:::uploads-b")
    }
}
