import Foundation
import Kumo
import KumoTesting
import Testing

/// Assertions on templates, as a user of `import Kumo` + `import KumoTesting` writes them (the two imports
/// together are unambiguous: this file uses Kumo's `Condition` and KumoTesting's `Template` side by side).
@Suite struct TemplateTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../cdk.out.sample").standardized.path

    let template: Template

    init() throws {
        let app = App()
        let stack = Stack(app, "TestStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let github = OpenIDConnectProvider(stack, "Provider", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
        Role(stack, "Deployer", name: "deployer", path: "/",
             assumedBy: .webIdentity(github) {
                 Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
                 Condition(.stringLike, "token.actions.githubusercontent.com:sub", "repo:example-org/app:*")
             })
        Role(stack, "Builder", name: "builder", assumedBy: .service("codebuild.amazonaws.com"))
        let repository = Repository(stack, "Images", name: "images", scanOnPush: true)
        CfnOutput(stack, "RepositoryArn", value: repository.arn.value, description: "the repository")
        template = try Template(stack: stack)
    }

    @Test func queries() {
        #expect(template.name == "TestStack")
        #expect(template.resourceCount(of: "AWS::IAM::Role") == 2)
        #expect(template.resourceCount(of: "AWS::S3::Bucket") == 0)
        #expect(Array(template.findResources("AWS::IAM::Role", ["RoleName": "deployer"]).keys) == ["DeployerB4E6C3D6"] || template.findResources("AWS::IAM::Role", ["RoleName": "deployer"]).count == 1)
        #expect(template.findResources("AWS::IAM::Role").count == 2)
        #expect(template.findOutputs("*", ["Description": "the repository"]).count == 1)
    }

    @Test func passingAssertions() {
        template.resourceCountIs("AWS::IAM::Role", 2)
        template.resourceCountIs("AWS::IAM::OIDCProvider", 1)
        let result = template.hasResourceProperties("AWS::IAM::Role", [
            "RoleName": "deployer",
            "AssumeRolePolicyDocument": ["Statement": .arrayWith([[
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": ["StringLike": ["token.actions.githubusercontent.com:sub": .stringLikeRegexp("^repo:example-org/app:")]],
            ]])],
            "PermissionsBoundary": .absent,
        ])
        #expect(result.passed && result.matched.count == 1)
        template.hasResource("AWS::ECR::Repository", ["DeletionPolicy": "Retain", "Properties": ["ImageScanningConfiguration": ["ScanOnPush": true]]])
        template.allResourcesProperties("AWS::IAM::Role", ["AssumeRolePolicyDocument": ["Version": "2012-10-17"]])
        template.resourcePropertiesCountIs("AWS::IAM::Role", ["Path": "/"], 1)
        template.hasOutput("RepositoryArn", ["Value": ["Fn::GetAtt": .arrayWith(["Arn"])]])
        template.hasOutput("*", ["Description": .stringLikeRegexp("repository")])
        template.templateMatches(["Resources": .anyValue, "Outputs": .anyValue])
    }

    @Test func capturesRecordEveryMatchingResource() {
        let name = Capture()
        template.hasResourceProperties("AWS::IAM::Role", ["RoleName": .capture(name)])
        #expect(name.values == ["deployer", "builder"])
        #expect(name.string == "deployer")
        #expect(name.next())
        #expect(name.string == "builder")
        #expect(!name.next())
        // A new assertion starts the capture afresh; only matching resources are recorded.
        let path = Capture()
        template.hasResourceProperties("AWS::IAM::Role", ["RoleName": .capture(name, .stringLikeRegexp("^dep")), "Path": .capture(path)])
        #expect(name.values == ["deployer"])
        #expect(path.string == "/")
        let statements = Capture(), nothing = Capture()
        template.hasResourceProperties("AWS::IAM::Role", ["AssumeRolePolicyDocument": ["Statement": .capture(statements)], "Description": .capture(nothing, .absent)])
        #expect(statements.array?.count == 1)
        #expect(nothing.values.isEmpty)
    }

    @Test func aFailingAssertionRecordsTheClosestResourceAndADiff() {
        var result: MatchResult?
        withKnownIssue {
            result = template.hasResourceProperties("AWS::IAM::Role", [
                "RoleName": "deployer",
                "AssumeRolePolicyDocument": ["Statement": [["Condition": ["StringLike": ["token.actions.githubusercontent.com:sub": "repo:example-org/*"]]]]],
            ])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("none of the 2 resources of type AWS::IAM::Role matches the properties") }
        }
        let message = result?.message ?? ""
        #expect(message.contains("closest: Deployer"), "\(message)")
        #expect(message.contains(#"Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"]: expected "repo:example-org/*", found "repo:example-org/app:*""#), "\(message)")
        #expect(message.contains(#"-               "token.actions.githubusercontent.com:sub": "repo:example-org/*""#), "\(message)")
        #expect(message.contains(#"+               "token.actions.githubusercontent.com:sub": "repo:example-org/app:*""#), "\(message)")
        #expect(message.contains("(1 other candidate: Builder"), "\(message)")
    }

    @Test func otherFailuresSayWhatIsThere() {
        withKnownIssue {
            let count = template.resourceCountIs("AWS::IAM::Role", 3)
            #expect(count.message.contains("expected 3 resources of type AWS::IAM::Role, found 2"))
            let missing = template.hasResourceProperties("AWS::S3::Bucket", [:])
            #expect(missing.message.contains("no resource of type AWS::S3::Bucket (its types: AWS::ECR::Repository, AWS::IAM::OIDCProvider, AWS::IAM::Role)"))
            let all = template.allResourcesProperties("AWS::IAM::Role", ["Path": "/"])
            #expect(all.message.contains("1 of the 2 resources of type AWS::IAM::Role do not match"))
            let output = template.hasOutput("Nope", [:])
            #expect(output.message.contains("no output Nope (its outputs: RepositoryArn)"))
            let counted = template.resourcePropertiesCountIs("AWS::IAM::Role", ["Path": "/"], 2)
            #expect(counted.message.contains("expected 2 resources of type AWS::IAM::Role matching the properties, found 1"))
        }
    }

    @Test func templatesFromFilesAssembliesAndText() throws {
        let cdk = try Template(file: Self.sample)
        #expect(cdk.resourceCount(of: "Custom::AWSCDKCfnJson") == 5)
        #expect(throws: TemplateError.self) { try Template(file: "/nonexistent/template.json") }
        #expect(throws: TemplateError.self) { try Template(file: Self.sample, stack: "Nope") }
        #expect(throws: TemplateError.self) { try Template(text: "[1, 2]") }
        #expect(throws: TemplateError.self) { try Template(text: #"{"Resources": {"A": {"Properties": {}}}}"#) }
        let yaml = try Template(text: "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub '${AWS::StackName}-events'\n")
        yaml.hasResourceProperties("AWS::SNS::Topic", ["TopicName": ["Fn::Sub": "${AWS::StackName}-events"]])
        try yaml.resolved().hasResourceProperties("AWS::SNS::Topic", ["TopicName": "Template-events"])
    }

    /// Resolved, Kumo's `Fn::Sub` trust document and CDK's `CfnJson` condition are the same statement: one
    /// pattern matches both.
    @Test func resolvedTemplatesShowWhatIAMSees() throws {
        let irsa: Match = [
            "RoleName": "role-for-db-migrator",
            "AssumeRolePolicyDocument": ["Statement": [[
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Principal": ["Federated": "arn:aws:iam::123456789012:oidc-provider/<EKSCluster issuer>"],
                "Condition": .exact(["StringEquals": ["<EKSCluster issuer>:sub": "system:serviceaccount:main:account-for-db-migrator"]]),
            ]]],
        ]
        let cdk = try Template(file: Self.sample).resolved()
        cdk.hasResourceProperties("AWS::IAM::Role", irsa)
        let app = App()
        let stack = Stack(app, "Kumo", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let cluster = Cluster(stack, "EKSCluster", name: "eks-cluster", version: "1.22", subnetIDs: ["subnet-1", "subnet-2"], endpointAccess: .public)
        Role(stack, "DBMigratorRole", name: "role-for-db-migrator", assumedBy: .serviceAccount("main", "account-for-db-migrator", of: cluster))
        let kumo = try Template(stack: stack)
        // Unresolved, Kumo's trust document is an Fn::Sub string.
        kumo.hasResourceProperties("AWS::IAM::Role", ["AssumeRolePolicyDocument": ["Fn::Sub": .anyValue]])
        try kumo.resolved().hasResourceProperties("AWS::IAM::Role", irsa)
    }
}
