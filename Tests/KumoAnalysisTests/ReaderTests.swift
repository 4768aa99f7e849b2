import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

@Suite struct ReaderTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../cdk.out.sample").standardized.path

    func template(_ json: String, environment: CloudTemplate.Environment = .init()) throws -> CloudTemplate {
        try CloudTemplate(json: try JSON(parsing: json), name: "T", file: "t.json", environment: environment)
    }

    @Test func loadsTheCDKAssemblyWithItsEnvironment() throws {
        let stacks = try TemplateLoader.load(Self.sample)
        #expect(stacks.map(\.name) == ["MyEKSStack"])
        #expect(stacks[0].environment == .init(account: "123456789012", region: "ap-northeast-1"))
        #expect(stacks[0].resources.count == 87)
        #expect(stacks[0].resources["RoleGithubFF1A0E31"]?.constructPath == "RoleGithub/Resource")
    }

    @Test func resolvesCfnJsonConditionsToTheIssuerSymbol() throws {
        let model = try IAMModel(try TemplateLoader.load(Self.sample)[0])
        let role = try #require(model.role("DBMigratorRole1DC6DB05"))
        let statement = try #require(role.trust["Statement"]?.arrayValue?.first)
        let key = try #require(statement["Condition"]?["StringEquals"]?.objectValue?.keys.first)
        #expect(model.template.display(key) == "<EKSCluster issuer>:sub")
        #expect(model.template.display(statement["Principal"]?["Federated"]?.stringValue ?? "")
            == "arn:aws:iam::123456789012:oidc-provider/<EKSCluster issuer>")
        #expect(role.managedPolicyARNs == ["arn:aws:iam::123456789012:policy/pull-image-policy-for-db-migrator"])
        #expect(role.arn == "arn:aws:iam::123456789012:role/role-for-db-migrator")
    }

    @Test func evaluatesSubSelectSplitJoinAndPseudoParameters() throws {
        let t = try template(#"""
        {"Resources": {"P": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://oidc.example.com/id/1"}},
                       "Q": {"Type": "AWS::SNS::Topic"}},
         "Parameters": {"Env": {"Type": "String"}}}
        """#)
        let r = Resolver(t)
        let sub = try r.resolve(["Fn::Sub": ["${A}:${P}:${!Literal}:${AWS::Region}:${Q.TopicName}", ["A": ["Fn::Select": [1, ["Fn::Split": [":oidc-provider/", ["Ref": "P"]]]]]]]], at: "x")
        #expect(t.display(sub?.stringValue ?? "") == "oidc.example.com/id/1:arn:<AWS::Partition>:iam::<AWS::AccountId>:oidc-provider/oidc.example.com/id/1:${Literal}:<AWS::Region>:<Q.TopicName>")
        let join = try r.resolve(["Fn::Join": ["-", ["a", ["Ref": "Env"], ["Ref": "AWS::NoValue"]]]], at: "x")
        #expect(t.display(join?.stringValue ?? "") == "a-<Env>")
        #expect(try r.resolve(["Ref": "AWS::NoValue"], at: "x") == nil)
    }

    @Test func knownEnvironmentGivesLiteralPseudoParameters() throws {
        let t = try template(#"{"Resources": {"Q": {"Type": "AWS::SNS::Topic"}}}"#, environment: .init(account: "111122223333", region: "cn-north-1"))
        let v = try Resolver(t).resolve(["Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:x.${AWS::URLSuffix}"], at: "x")
        #expect(v == "arn:aws-cn:sns:cn-north-1:111122223333:x.amazonaws.com.cn")
    }

    @Test(arguments: [
        (#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::Bogus": 1}}}}}"#, "unknown intrinsic function Fn::Bogus"),
        (#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Ref": "Nope"}}}}}"#, "Ref to Nope, which is neither"),
        (#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::Select": [3, ["a"]]}}}}}"#, "out of range"),
        (#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::Sub": "${Open"}}}}}"#, "unterminated ${"),
        (#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::GetAtt": ["Nope", "Arn"]}}}}}"#, "Fn::GetAtt of Nope"),
    ])
    func reportsBadIntrinsics(json: String, message: String) throws {
        let t = try template(json)
        #expect {
            _ = try Resolver(t).property("A", "X")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("Resources.A.Properties.X")
        }
    }

    @Test func rejectsCyclicTemplates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-cycle-\(UUID().uuidString).json")
        try #"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Ref": "B"}}}, "B": {"Type": "T", "Properties": {"Y": {"Fn::Sub": "${A.Arn}"}}}}}"#
            .write(to: dir, atomically: true, encoding: .utf8)
        #expect {
            _ = try TemplateLoader.load(dir.path)
        } throws: { error in
            "\(error)".contains("cyclic references between resources: A → B → A")
        }
    }

    @Test func detectsCyclicCfnJsonResolution() throws {
        let t = try template(#"{"Resources": {"A": {"Type": "Custom::AWSCDKCfnJson", "Properties": {"Value": {"Fn::GetAtt": ["A", "Value"]}}}}}"#)
        #expect {
            _ = try Resolver(t).attribute(of: "A", "Value", at: "x")
        } throws: { error in
            "\(error)".contains("cyclic reference: A.Value → A.Value")
        }
    }

    @Test func readsYAMLWithShortFormTags() throws {
        let yaml = """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Sub "${AWS::StackName}-role"
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRole
                    Principal: { Service: !Join [".", [ec2, !Ref AWS::URLSuffix]] }
              Tags: [{Key: n, Value: 3}]
          Other:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !GetAtt Role.Arn
        """
        let json = try TemplateLoader.parse(yaml, file: "t.yaml")
        #expect(json["Resources"]?["Role"]?["Properties"]?["RoleName"] == ["Fn::Sub": "${AWS::StackName}-role"])
        #expect(json["Resources"]?["Other"]?["Properties"]?["TopicName"] == ["Fn::GetAtt": ["Role", "Arn"]])
        #expect(json["Resources"]?["Role"]?["Properties"]?["Tags"] == [["Key": "n", "Value": 3]])
        let t = try CloudTemplate(json: json, name: "S", file: "t.yaml")
        #expect(try Resolver(t).property("Role", "RoleName") == "S-role")
    }
}
