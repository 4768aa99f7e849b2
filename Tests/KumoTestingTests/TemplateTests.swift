import Foundation
import Kumo
import KumoTesting
import Testing

/// Assertions on templates, as a user of `import Kumo` + `import KumoTesting` writes them (the two imports
/// together are unambiguous: this file uses Kumo's `Condition` and KumoTesting's `Template` side by side). A failing
/// assertion's issue is observed with ``RecordedIssues`` and its text checked: the test fails when the assertion
/// records nothing, records something else, or reports another message.
@Suite(RecordedIssues.trait) struct TemplateTests {
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
        #expect(Array(template.findResources("AWS::IAM::Role", ["RoleName": "deployer"]).keys) == [Self.deployer])
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

    static let deployer = LogicalIDs.make(["Deployer", "Resource"])
    static let builder = LogicalIDs.make(["Builder", "Resource"])

    @Test func passingAssertionsRecordNothing() {
        let (result, issues) = RecordedIssues.capture {
            template.hasResourceProperties("AWS::IAM::Role", ["RoleName": "deployer"])
        }
        #expect(issues.isEmpty)
        #expect(result.passed && result.matched == [Self.deployer] && result.message.isEmpty)
    }

    @Test func aFailingAssertionRecordsTheClosestResourceAndADiff() {
        let line = #line + 2
        let (result, issues) = RecordedIssues.capture {
            template.hasResourceProperties("AWS::IAM::Role", [
                "RoleName": "deployer",
                "AssumeRolePolicyDocument": ["Statement": [["Condition": ["StringLike": ["token.actions.githubusercontent.com:sub": "repo:example-org/*"]]]]],
            ])
        }
        #expect(!result.passed && result.matched.isEmpty)
        // One issue, at the assertion's call site, whose text is the result's message under the stack's name.
        #expect(issues.count == 1)
        #expect(issues.first?.comments.map(\.rawValue) == ["TestStack: " + result.message])
        #expect(issues.first?.sourceLocation?.line == line && issues.first?.sourceLocation?.fileName == "TemplateTests.swift")
        let lines = result.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "none of the 2 resources of type AWS::IAM::Role matches the properties")
        #expect(lines.contains("closest: \(Self.deployer) (1 mismatch):"), "\(result.message)")
        #expect(lines.contains(#"  Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"]: expected "repo:example-org/*", found "repo:example-org/app:*""#), "\(result.message)")
        #expect(lines.contains(#"-               "token.actions.githubusercontent.com:sub": "repo:example-org/*""#), "\(result.message)")
        #expect(lines.contains(#"+               "token.actions.githubusercontent.com:sub": "repo:example-org/app:*""#), "\(result.message)")
        #expect(lines.last == "(1 other candidate: \(Self.builder) (2))", "\(result.message)")
    }

    /// Each failing assertion records exactly one issue, whose text says what the template has instead.
    @Test(arguments: [
        ("resourceCountIs", "expected 3 resources of type AWS::IAM::Role, found 2: \(deployer), \(builder)"),
        ("hasResourceProperties", "the template has no resource of type AWS::S3::Bucket (its types: AWS::ECR::Repository, AWS::IAM::OIDCProvider, AWS::IAM::Role)"),
        ("allResourcesProperties", "1 of the 2 resources of type AWS::IAM::Role do not match the properties\n\n\(builder) (1 mismatch):"),
        ("hasOutput", "the template has no output Nope (its outputs: RepositoryArn)"),
        ("hasParameter", "the template has no parameter (its parameters: none)"),
        ("resourcePropertiesCountIs", "expected 2 resources of type AWS::IAM::Role matching the properties, found 1: \(deployer)\n\nclosest: \(builder) (1 mismatch):"),
        ("templateMatches", "the template does not match:\n  Parameters: missing, expected anyValue"),
    ])
    func otherFailuresSayWhatIsThere(assertion: String, expected: String) {
        let (result, messages) = RecordedIssues.messages { () -> MatchResult in
            switch assertion {
            case "resourceCountIs": template.resourceCountIs("AWS::IAM::Role", 3)
            case "hasResourceProperties": template.hasResourceProperties("AWS::S3::Bucket", [:])
            case "allResourcesProperties": template.allResourcesProperties("AWS::IAM::Role", ["Path": "/"])
            case "hasOutput": template.hasOutput("Nope", [:])
            case "hasParameter": template.hasParameter("*", [:])
            case "resourcePropertiesCountIs": template.resourcePropertiesCountIs("AWS::IAM::Role", ["Path": "/"], 2)
            default: template.templateMatches(["Parameters": .anyValue])
            }
        }
        #expect(!result.passed)
        #expect(messages == ["TestStack: " + result.message])
        #expect(result.message.hasPrefix(expected), "\(result.message)")
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
