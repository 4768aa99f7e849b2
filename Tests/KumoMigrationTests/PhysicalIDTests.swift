import Foundation
import KumoAnalysis
import KumoJSON
import Testing
@testable import KumoMigration

/// `--physical-ids`: describe-stack-resources, list-stack-resources and describe-cluster output, checked
/// against the deployed stack.
@Suite struct PhysicalIDTests {
    typealias F = MigrationFixture

    func parentFile(_ edit: (inout [JSON]) -> Void) throws -> PhysicalIDFile {
        let path = (F.physicalIDsDirectory as NSString).appendingPathComponent("describe-stack-resources.MyEKSStack.json")
        var list = try JSON(parsing: String(contentsOfFile: path, encoding: .utf8))["StackResources"]!.arrayValue!
        edit(&list)
        return try PhysicalIDFile(text: JSON.object(["StackResources": .array(list)]).serialized(), file: "resources.json")
    }

    func build(_ files: [PhysicalIDFile]) throws(MigrationError) -> PhysicalValues {
        try PhysicalValuesBuilder.build(try! F.deployed(), files: files)
    }

    func error(_ files: [PhysicalIDFile]) -> String? {
        do {
            _ = try build(files)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theFixtureGivesEveryValueThePlanNeeds() throws {
        let values = try build(try F.physicalIDFiles())
        #expect(values.stackID?.hasPrefix("arn:aws:cloudformation:ap-northeast-1:123456789012:stack/MyEKSStack/") == true)
        #expect(values.resources[F.clusterID]?.ref == "eks-cluster")
        #expect(values.resources[F.clusterID]?.attributes["ClusterSecurityGroupId"]?.hasPrefix("sg-0") == true)
        #expect(values.resources[F.clusterID]?.attributes["OpenIdConnectIssuer"] == String(try F.physicalID(F.eksProviderID).split(separator: "/", maxSplits: 1)[1]))
        #expect(values.resources["EKSClusterRoleC0AEAC3D"]?.attributes["Arn"] == "arn:aws:iam::123456789012:role/" + (try F.physicalID("EKSClusterRoleC0AEAC3D")))
        #expect(values.nestedStacks.count == 2)
        #expect(values.nestedStacks[F.clusterResourceProviderStackID]?.resources.count == 20)
        #expect(values.liveClusters[F.clusterID]?.version == "1.32")
    }

    @Test func withoutFilesTheTemplateStillNamesWhatItNames() throws {
        let values = try build([])
        #expect(values.resources[F.clusterID]?.ref == "eks-cluster")
        #expect(values.resources[F.gitHubProviderID]?.ref == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")
        #expect(values.resources[F.auroraID]?.ref == "cluster-identifier")
        #expect(values.resources[F.albRoleID]?.ref == nil)
    }

    @Test func physicalIDsOfAnotherStackAreRejected() throws {
        let other = try parentFile { list in
            for i in list.indices {
                list[i] = list[i].setting(["StackName"], "OtherStack").setting(["StackId"], "arn:aws:cloudformation:ap-northeast-1:123456789012:stack/OtherStack/1")
            }
        }
        #expect(error([other])?.contains("the physical IDs do not belong to stack MyEKSStack: VPCB9E5F0B4 is a resource of stack OtherStack") == true)
        let renamed = try parentFile { list in list[0] = list[0].setting(["LogicalResourceId"], "SomethingElse") }
        #expect(error([renamed])?.contains("SomethingElse (AWS::EC2::VPC) is not a resource of") == true)
        let retyped = try parentFile { list in list[0] = list[0].setting(["ResourceType"], "AWS::EC2::Subnet") }
        #expect(error([retyped])?.contains("VPCB9E5F0B4 is AWS::EC2::Subnet in AWS but AWS::EC2::VPC") == true)
        let partial = try parentFile { list in list.removeLast(10) }
        #expect(error([partial])?.contains("the physical IDs list 77 of the template's 87 resources") == true)
        let otherCluster = try parentFile { list in
            let i = list.firstIndex { $0["LogicalResourceId"] == .string(F.clusterID) }!
            list[i] = list[i].setting(["PhysicalResourceId"], "prod-cluster")
        }
        #expect(error([otherCluster])?.contains("\(F.clusterID) is eks-cluster in the template but prod-cluster in --physical-ids") == true)
        let otherAccount = try parentFile { list in
            for i in list.indices { list[i] = list[i].setting(["StackId"], "arn:aws:cloudformation:ap-northeast-1:999999999999:stack/MyEKSStack/1") }
        }
        #expect(error([otherAccount])?.contains("the physical IDs belong to account 999999999999, the template is for account 123456789012") == true)
        let unstable = try parentFile { list in list[3] = list[3].setting(["ResourceStatus"], "UPDATE_IN_PROGRESS") }
        #expect(error([unstable])?.contains("is UPDATE_IN_PROGRESS: the stack is not in a stable state") == true)
    }

    @Test func describeClusterOutputMustBeTheStacksCluster() throws {
        let parent = try parentFile { _ in }
        let cluster = try F.describeCluster()
        let other = try PhysicalIDFile(text: cluster.setting(["cluster", "name"], "prod").serialized(), file: "c.json")
        #expect(error([parent, other])?.contains("describe-cluster output for cluster prod, which is not the stack's (eks-cluster)") == true)
        let subnets = try PhysicalIDFile(text: cluster.setting(["cluster", "resourcesVpcConfig", "subnetIds"], ["subnet-0aaaaaaaaaaaaaaaa"]).serialized(), file: "c.json")
        #expect(error([parent, subnets])?.contains("cluster eks-cluster runs in subnets subnet-0aaaaaaaaaaaaaaaa") == true)
    }

    @Test func filesThatAreNoneOfTheThreeOutputsAreRejected() {
        #expect(throws: MigrationError.self) { try PhysicalIDFile(text: "{\"Stacks\": []}", file: "x.json") }
        #expect(throws: MigrationError.self) { try PhysicalIDFile(text: "not json", file: "x.json") }
        let hundred = JSON.object(["StackResources": .array((0..<100).map { i in ["LogicalResourceId": .string("R\(i)"), "ResourceType": "AWS::SNS::Topic"] })])
        #expect { try PhysicalIDFile(text: hundred.serialized(), file: "x.json") } throws: { ($0 as? MigrationError)?.message.contains("exactly 100 resources") == true }
        let summaries = try? PhysicalIDFile(text: #"{"StackResourceSummaries": [{"LogicalResourceId": "A", "PhysicalResourceId": "a", "ResourceType": "AWS::SNS::Topic"}]}"#, file: "x.json")
        #expect(summaries?.isSummaryList == true && summaries?.resources.count == 1)
    }
}
