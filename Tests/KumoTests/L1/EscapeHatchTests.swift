import KumoSQS
import Testing
@testable import Kumo

/// AWS CDK's escape hatches: overrides of each kind survive synthesis (they are applied after every construct's
/// preparation), edits made through a construct's L1 win over the construct's own values, and the default child
/// is reachable with its L1 type.
@Suite struct EscapeHatchTests {
    private func role(_ stack: Stack) -> Role {
        Role(stack, "Role", name: "the-role", description: "from the construct", assumedBy: .service("ec2.amazonaws.com"),
             managedPolicies: [AWSManagedPolicy("ReadOnlyAccess")])
    }

    @Test func addOverrideSetsAnyPathOfTheResource() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let r = role(stack)
            r.resource.addOverride("Properties.Path", "/overridden/")
            r.resource.addOverride("Metadata.Owner", "platform")
            r.resource.addOverride("DeletionPolicy", "Retain")
        }
        let resource = template.resource("Role1ABCC5F0")
        #expect(resource?["Properties"]?["Path"] == "/overridden/")
        #expect(resource?["Metadata"]?["Owner"] == "platform")
        #expect(resource?["DeletionPolicy"] == "Retain")
    }

    @Test func addPropertyOverrideMergesIntoNestedObjectsAndAppendsNewKeysAsCDKDoes() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let queue = SQS.CfnQueue(stack, "Queue", visibilityTimeout: 30)
            queue.addPropertyOverride(.redrivePolicy, at: "maxReceiveCount", 5)
            queue.addPropertyOverride("RedrivePolicy.deadLetterTargetArn", "arn:aws:sqs:us-east-1:123456789012:dlq")
            queue.addPropertyOverride(.delaySeconds, 10)
        }
        let properties = template.properties(of: "Queue")
        #expect(properties?.objectValue.map { Array($0.keys) } == ["VisibilityTimeout", "RedrivePolicy", "DelaySeconds"])
        #expect(properties?["RedrivePolicy"] == ["maxReceiveCount": 5, "deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"])
    }

    @Test func propertyDeletionOverrideRemovesWhatTheConstructWrote() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let r = role(stack)
            r.resource.addPropertyDeletionOverride("Description")
            r.resource.addPropertyDeletionOverride("ManagedPolicyArns")
        }
        let properties = template.properties(of: "Role1ABCC5F0")
        #expect(properties?["Description"] == nil)
        #expect(properties?["ManagedPolicyArns"] == nil)
        #expect(properties?["RoleName"] == "the-role")
    }

    @Test func deletionOverrideRemovesAnyPathAndEmptiedObjects() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let first = SQS.CfnQueue(stack, "First")
            let queue = SQS.CfnQueue(stack, "Queue", delaySeconds: 5)
            queue.addDependency(on: first)
            queue.addDeletionOverride("DependsOn")
            queue.addDeletionOverride("Properties.DelaySeconds")
        }
        let resource = template.resource("Queue")
        #expect(resource?["DependsOn"] == nil)
        #expect(resource?["Properties"] == nil)
        #expect(resource?["Type"] == "AWS::SQS::Queue")
    }

    @Test func editsThroughTheL1WinOverTheConstructsValues() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let r = role(stack)
            r.resource.cfnDescription = "from the L1"
            r.resource.maxSessionDuration = 7200
            r.resource.properties["Path"] = "/from-the-bag/"
            r.roleDescription = "changed on the construct later"
        }
        let properties = template.properties(of: "Role1ABCC5F0")
        #expect(properties?["Description"] == "from the L1")
        #expect(properties?["MaxSessionDuration"] == 7200)
        #expect(properties?["Path"] == "/from-the-bag/")
        #expect(properties?["ManagedPolicyArns"] != nil)
    }

    @Test func theConstructsLaterChangesStillCountWhereTheL1WasNotEdited() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let r = role(stack)
            r.roleDescription = "changed later"
            r.addManagedPolicy(AWSManagedPolicy("AmazonS3ReadOnlyAccess"))
        }
        let properties = template.properties(of: "Role1ABCC5F0")
        #expect(properties?["Description"] == "changed later")
        #expect(properties?["ManagedPolicyArns"]?.arrayValue?.count == 2)
    }

    @Test func theDefaultChildIsTheTypedL1() {
        let app = App()
        let stack = Stack(app, "TestStack")
        let r = role(stack)
        let repository = Repository(stack, "Repo")
        #expect(r.defaultChild(as: IAM.CfnRole.self) === r.resource)
        #expect(repository.defaultChild(as: ECR.CfnRepository.self) === repository.resource)
        #expect(r.defaultChild(as: ECR.CfnRepository.self) == nil)
    }

    @Test func overridesAreAppliedAfterPreparation() throws {
        // A DatabaseCluster sets its instances' removal policy in prepare(); the override still wins.
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let vpc = Vpc(stack, "VPC", maxAZs: 2, subnets: [SubnetConfiguration(name: "isolated", type: .isolated, cidrMask: 24)])
            let database = DatabaseCluster(
                stack, "Database", engine: .auroraPostgres(version: "13.6"), credentials: .generated(username: "postgres"),
                instanceType: "db.t3.medium", instances: 1, vpc: vpc, subnetType: .isolated)
            database.resource.addOverride("DeletionPolicy", "Retain")
            database.resource.addPropertyOverride(RDS.CfnDBCluster.Property.port, 6543)
        }
        let cluster = template["Resources"]?.objectValue?.values.first { $0["Type"] == "AWS::RDS::DBCluster" }
        #expect(cluster?["DeletionPolicy"] == "Retain")
        #expect(cluster?["Properties"]?["Port"] == 6543)
    }
}
