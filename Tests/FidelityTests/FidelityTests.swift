import Foundation
import Kumo
import KumoAnalysis
import Stacks
import Testing

/// Kumo's synthesis of the bundled `stacks/` against the real AWS CDK 2.28.1 output of the original app
/// (`cdk.out.sample/`), resource by resource.
@Suite struct FidelityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let samplePath = root.appendingPathComponent("cdk.out.sample").path

    let sample: CloudTemplate
    let ours: CloudTemplate

    init() throws {
        sample = try TemplateLoader.load(Self.samplePath)[0]
        let assembly = try KumoStacks.makeApp().synthesize()
        let stack = try #require(assembly.stack("MyEKSStack"))
        ours = try CloudTemplate(
            json: stack.template, name: stack.name, file: stack.templateFile,
            environment: .init(account: stack.environment.account, region: stack.environment.region))
    }

    /// The byte-exact text CDK wrote for one resource (its entry of the template, re-serialized the way CDK
    /// serializes; `JSONWriterTests` shows this reproduces the sample files byte for byte).
    func text(_ template: CloudTemplate, _ id: String) -> String? {
        template.resources[id]?.json.serialized(.cdkTemplate)
    }

    func inScope(_ id: String, _ type: String) -> Bool {
        !Replacements.outsideTheIdentityHalf.contains(type) && !Replacements.rolesOutsideTheIdentityHalf.contains(id)
    }

    @Test func everyOtherSampleResourceIsByteIdenticalUnderTheSameLogicalID() throws {
        var identical = 0
        for (id, resource) in sample.resources where Replacements.table[id] == nil && inScope(id, resource.type) {
            let theirs = try #require(text(sample, id))
            guard let mine = text(ours, id) else {
                Issue.record("\(id) (\(resource.type)) is missing from Kumo's template")
                continue
            }
            #expect(mine == theirs, "\(id) differs")
            if mine == theirs { identical += 1 }
        }
        #expect(identical >= 11)
        print("fidelity: \(identical) sample resources byte-identical")
    }

    @Test func customResourcesBecomeNativeResourcesUnderTheSameLogicalID() throws {
        for (id, expectation) in Replacements.table {
            guard case .replaced(let type, _) = expectation else { continue }
            #expect(sample.resources[id]?.type.hasPrefix("Custom::") == true, "\(id) is a custom resource in the sample")
            #expect(ours.resources[id]?.type == type, "\(id) is \(type) in Kumo's template")
        }
        // Same provider URL, client IDs and (for GitHub) thumbprints as CDK's custom resource.
        let github = try #require(ours.resources["Provider2281708E"]).properties
        let cdkGitHub = try #require(sample.resources["Provider2281708E"]).properties
        #expect(github["Url"] == cdkGitHub["Url"])
        #expect(github["ClientIdList"] == cdkGitHub["ClientIDList"])
        #expect(github["ThumbprintList"] == cdkGitHub["ThumbprintList"])
        let eks = try #require(ours.resources["EKSClusterOpenIdConnectProviderD01E4747"]).properties
        let cdkEKS = try #require(sample.resources["EKSClusterOpenIdConnectProviderD01E4747"]).properties
        #expect(eks["Url"] == cdkEKS["Url"])
        #expect(eks["ClientIdList"] == cdkEKS["ClientIDList"])
        // The cluster: same name, version, role and endpoint access as CDK's Config.
        let cluster = try #require(ours.resources["EKSClusterE11008B6"]).properties
        let config = try #require(sample.resources["EKSClusterE11008B6"]?.properties["Config"])
        #expect(cluster["Name"] == config["name"])
        #expect(cluster["Version"] == config["version"])
        #expect(cluster["RoleArn"] == config["roleArn"])
        #expect(cluster["ResourcesVpcConfig"]?["EndpointPublicAccess"] == config["resourcesVpcConfig"]?["endpointPublicAccess"])
        #expect(cluster["ResourcesVpcConfig"]?["EndpointPrivateAccess"] == config["resourcesVpcConfig"]?["endpointPrivateAccess"])
        #expect(cluster["AccessConfig"]?["AuthenticationMode"] == "API_AND_CONFIG_MAP")
    }

    @Test func irsaTrustDocumentsGrantExactlyWhatCDKGranted() throws {
        let theirs = try IAMModel(sample)
        let mine = try IAMModel(ours)
        var compared = 0
        for (id, expectation) in Replacements.table {
            guard case .trustAsFnSub = expectation else { continue }
            // Everything but the trust document is byte-identical.
            var mineJSON = try #require(ours.resources[id]).json.objectValue!
            var theirJSON = try #require(sample.resources[id]).json.objectValue!
            let mineSub = mineJSON["Properties"]?["AssumeRolePolicyDocument"]?["Fn::Sub"]
            #expect(mineSub != nil, "\(id): the trust document is an Fn::Sub string")
            var mineProperties = mineJSON["Properties"]!.objectValue!
            var theirProperties = theirJSON["Properties"]!.objectValue!
            mineProperties["AssumeRolePolicyDocument"] = nil
            theirProperties["AssumeRolePolicyDocument"] = nil
            mineJSON["Properties"] = .object(mineProperties)
            theirJSON["Properties"] = .object(theirProperties)
            #expect(JSON.object(mineJSON).serialized(.cdkTemplate) == JSON.object(theirJSON).serialized(.cdkTemplate), "\(id)")
            // Resolved with a symbolic issuer, both documents are the same statement.
            let a = try #require(mine.role(id)).trust
            let b = try #require(theirs.role(id)).trust
            #expect(a.semanticallyEquals(b), "\(id): \(ours.display(a).serialized()) vs \(sample.display(b).serialized())")
            let key = a["Statement"]?.arrayValue?.first?["Condition"]?["StringEquals"]?.objectValue?.keys.first ?? ""
            #expect(ours.display(key) == "<EKSCluster issuer>:sub")
            compared += 1
        }
        #expect(compared == 4)
    }

    @Test func droppedResourcesAreGone() {
        for (id, expectation) in Replacements.table {
            guard case .dropped = expectation else { continue }
            #expect(sample.resources[id] != nil, "\(id) is in the sample")
            #expect(ours.resources[id] == nil, "\(id) is not emitted")
        }
    }

    @Test func noLambdaNoCustomResourceNoNestedStack() {
        for resource in ours.resources.values {
            #expect(!resource.type.hasPrefix("Custom::"), "\(resource.logicalID)")
            #expect(resource.type != "AWS::Lambda::Function" && resource.type != "AWS::CloudFormation::Stack", "\(resource.logicalID)")
        }
        #expect(ours.parameters["BootstrapVersion"] == nil)
        #expect(ours.json["Rules"] == nil)
    }

    @Test func readmeListsEveryReplacement() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for id in Replacements.table.keys {
            #expect(readme.contains(id), "README's replacement table lacks \(id)")
        }
    }

    @Test func synthesisIsDeterministic() throws {
        let first = try KumoStacks.makeApp().synthesize().files
        let second = try KumoStacks.makeApp().synthesize().files
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) { #expect(a.contents == b.contents, "\(a.name)") }
    }
}
