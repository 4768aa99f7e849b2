import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import Stacks
@testable import KumoMigration

/// The sample migration: CDK 2.28.1's assembly (`cdk.out.sample/`, what is deployed), Kumo's synthesis of the
/// same app, and the physical IDs of the fixture (`Tests/Fixtures/migrate/physical-ids/`).
enum MigrationFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static var sample: String { root.appendingPathComponent("cdk.out.sample").path }
    static var physicalIDsDirectory: String { root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path }

    static let clusterID = "EKSClusterE11008B6"
    static let eksProviderID = "EKSClusterOpenIdConnectProviderD01E4747"
    static let gitHubProviderID = "Provider2281708E"
    static let albRoleID = "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239"
    static let albPolicyID = "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleDefaultPolicyAF211FD6"
    static let awsAuthID = "EKSClusterAwsAuthmanifestA4E0796C"
    static let nodegroupID = "EKSClusterNodegroupEKSNodeGroupD0EF7666"
    static let auroraID = "DatabaseCluster68FC2945"
    static let clusterResourceProviderStackID = "awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454"

    static func deployed() throws -> DeployedStack { try DeployedStack.load(sample)[0] }

    static func target() throws -> (CloudTemplate, [TargetManifest]) {
        let assembly = try KumoStacks.makeApp().synthesize()
        let stack = assembly.stacks[0]
        let template = try CloudTemplate(json: stack.template, name: stack.name, file: stack.templateFile,
                                         environment: .init(account: stack.environment.account, region: stack.environment.region))
        let manifests = try assembly.files.filter { $0.name.hasSuffix(".k8s.yaml") }.map { file in
            let text = String(decoding: file.contents, as: UTF8.self)
            let accounts = try KubernetesManifests.parse(text, file: file.name).filter { $0.kind == "ServiceAccount" }.compactMap { object in
                object.annotations["eks.amazonaws.com/role-arn"]?.stringValue.map { TargetManifest.ServiceAccount(namespace: object.namespace, name: object.name, roleArn: $0) }
            }
            return TargetManifest(file: file.name, text: text, serviceAccounts: accounts)
        }
        return (template, manifests)
    }

    static func physicalIDFiles() throws -> [PhysicalIDFile] {
        try FileManager.default.contentsOfDirectory(atPath: physicalIDsDirectory).filter { $0.hasSuffix(".json") }.sorted().map { name in
            let path = (physicalIDsDirectory as NSString).appendingPathComponent(name)
            return try PhysicalIDFile(text: String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self), file: path)
        }
    }

    /// The fixture's physical ID of a parent-stack resource.
    static func physicalID(_ logicalID: String) throws -> String {
        let text = try String(contentsOfFile: (physicalIDsDirectory as NSString).appendingPathComponent("describe-stack-resources.MyEKSStack.json"), encoding: .utf8)
        let json = try JSON(parsing: text)
        return json["StackResources"]!.arrayValue!.first { $0["LogicalResourceId"]?.stringValue == logicalID }!["PhysicalResourceId"]!.stringValue!
    }

    static func describeCluster() throws -> JSON {
        try JSON(parsing: String(contentsOfFile: (physicalIDsDirectory as NSString).appendingPathComponent("describe-cluster.eks-cluster.json"), encoding: .utf8))
    }

    /// The plan of the sample with the fixture's physical IDs, computed once for all suites.
    static let samplePlan = Result { () throws -> (PlanBundle, CloudTemplate) in try makePlan(physicalIDs: true) }

    /// The plan of the sample (with the fixture's physical IDs, unless `physicalIDs` is false).
    static func plan(physicalIDs: Bool = true) throws -> (PlanBundle, CloudTemplate) {
        physicalIDs ? try samplePlan.get() : try makePlan(physicalIDs: false)
    }

    private static func makePlan(physicalIDs: Bool) throws -> (PlanBundle, CloudTemplate) {
        let (target, manifests) = try target()
        let bundle = try MigrationPlanner.plan(MigrationInputs(deployed: try deployed(), target: target,
                                                               physicalIDFiles: physicalIDs ? try physicalIDFiles() : [], manifests: manifests))
        return (bundle, target)
    }
}

extension PlanBundle {
    /// The template of the step named `name`.
    func template(_ name: String) -> JSON { template(of: plan.steps.first { $0.name == name }!)! }

    /// This bundle with the template of step `name` edited.
    func editing(_ name: String, _ edit: (inout JSONObject) -> Void) -> PlanBundle {
        var copy = self
        let file = plan.steps.first { $0.name == name }!.template!
        var resources = copy.documents[file]!["Resources"]!.objectValue!
        edit(&resources)
        copy.documents[file] = TemplateEditing.setting(copy.documents[file]!, "Resources", resources)
        return copy
    }

    /// This bundle with a whole document replaced.
    func replacing(_ file: String, with document: JSON) -> PlanBundle {
        var copy = self
        copy.documents[file] = document
        return copy
    }
}

extension JSON {
    /// `self` with the value at `path` (keys) replaced.
    func setting(_ path: [String], _ value: JSON?) -> JSON { MigrationFacts.setting(value, at: path[...], in: self) }
}
