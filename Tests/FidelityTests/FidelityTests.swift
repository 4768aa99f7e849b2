import Foundation
import Kumo
import KumoAnalysis
import Stacks
import Testing

/// Kumo's synthesis of the bundled `stacks/` against the real AWS CDK 2.28.1 output of the original app
/// (`cdk.out.sample/`), resource by resource: every sample resource is byte-identical under the same logical ID,
/// or one of the documented replacements of `Replacements.table`.
@Suite struct FidelityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let samplePath = root.appendingPathComponent("cdk.out.sample").path

    let sample: CloudTemplate
    let ours: CloudTemplate
    let assembly: CloudAssembly

    init() throws {
        sample = try TemplateLoader.load(Self.samplePath)[0]
        assembly = try KumoStacks.makeApp().synthesize()
        let stack = try #require(assembly.stack("MyEKSStack"))
        ours = try CloudTemplate(
            json: stack.template, name: stack.name, file: stack.templateFile,
            environment: .init(account: stack.environment.account, region: stack.environment.region))
    }

    /// The text CDK wrote for one resource entry (re-serialized the way CDK serializes; `JSONWriterTests` shows
    /// this reproduces the sample files byte for byte).
    func text(_ template: CloudTemplate, _ id: String) -> String? {
        template.resources[id]?.json.serialized(.cdkTemplate)
    }

    /// A resource entry without some of its properties and metadata entries.
    func text(_ template: CloudTemplate, _ id: String, withoutProperties properties: [String], metadata: [String] = []) throws -> String {
        var entry = try #require(template.resources[id]?.json.objectValue)
        var props = entry["Properties"]?.objectValue ?? [:]
        for name in properties { props[name] = nil }
        entry["Properties"] = .object(props)
        var meta = entry["Metadata"]?.objectValue ?? [:]
        for name in metadata { meta[name] = nil }
        entry["Metadata"] = .object(meta)
        return JSON.object(entry).serialized(.cdkTemplate)
    }

    @Test func everyOtherSampleResourceIsByteIdenticalUnderTheSameLogicalID() throws {
        var identical = 0
        for (id, resource) in sample.resources where Replacements.table[id] == nil {
            let theirs = try #require(text(sample, id))
            guard let mine = text(ours, id) else {
                Issue.record("\(id) (\(resource.type)) is missing from Kumo's template")
                continue
            }
            #expect(mine == theirs, "\(id) differs")
            if mine == theirs { identical += 1 }
        }
        #expect(identical == sample.resources.count - Replacements.table.count)
        print("fidelity: \(identical) of \(sample.resources.count) sample resources byte-identical; \(Replacements.table.count) replacements; Kumo emits \(ours.resources.count) resources")
    }

    @Test func outputsAreByteIdentical() throws {
        #expect(ours.outputs.count == 2)
        for (id, output) in sample.outputs {
            #expect(ours.outputs[id]?.serialized(.cdkTemplate) == output.serialized(.cdkTemplate), "\(id)")
        }
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
        // The cluster: CDK's Config, property by property, in CloudFormation's names.
        let cluster = try #require(ours.resources["EKSClusterE11008B6"]).properties
        let config = try #require(sample.resources["EKSClusterE11008B6"]?.properties["Config"])
        #expect(cluster["Name"] == config["name"])
        // Not CDK's 1.22 of 2022: the version the deployed cluster runs now (EKS upgraded it; the fixture's
        // describe-cluster output, Tests/Fixtures/migrate/physical-ids, and kumo migrate's live check).
        #expect(config["version"] == "1.22")
        #expect(cluster["Version"] == "1.32")
        #expect(cluster["RoleArn"] == config["roleArn"])
        let vpc = cluster["ResourcesVpcConfig"], cdkVPC = config["resourcesVpcConfig"]
        #expect(vpc?["SubnetIds"] == cdkVPC?["subnetIds"])
        #expect(vpc?["SecurityGroupIds"] == cdkVPC?["securityGroupIds"])
        #expect(vpc?["EndpointPublicAccess"] == cdkVPC?["endpointPublicAccess"])
        #expect(vpc?["EndpointPrivateAccess"] == cdkVPC?["endpointPrivateAccess"])
        #expect(cluster["AccessConfig"]?["AuthenticationMode"] == "API_AND_CONFIG_MAP")
    }

    @Test func irsaTrustDocumentsGrantExactlyWhatCDKGranted() throws {
        let theirs = try IAMModel(sample)
        let mine = try IAMModel(ours)
        var compared = 0
        for (id, expectation) in Replacements.table {
            guard case .trustAsFnSub(let added, _) = expectation else { continue }
            #expect(ours.resources[id]?.properties["AssumeRolePolicyDocument"]?["Fn::Sub"] != nil, "\(id): the trust document is an Fn::Sub string")
            // Everything else is byte-identical, but for the properties the row adds.
            let ignored = ["AssumeRolePolicyDocument"] + added
            #expect(try text(ours, id, withoutProperties: ignored) == text(sample, id, withoutProperties: ignored), "\(id)")
            for property in added { #expect(ours.resources[id]?.properties[property] != nil, "\(id) has \(property)") }
            // Resolved with a symbolic issuer, both documents are the same statement.
            let a = try #require(mine.role(id)).trust
            let b = try #require(theirs.role(id)).trust
            #expect(a.semanticallyEquals(b), "\(id): \(ours.display(a).serialized()) vs \(sample.display(b).serialized())")
            let keys = a["Statement"]?.arrayValue?.first?["Condition"]?["StringEquals"]?.objectValue?.keys.map { ours.display($0) } ?? []
            #expect(keys.contains("<EKSCluster issuer>:sub"), "\(keys)")
            compared += 1
        }
        #expect(compared == 5)
    }

    @Test func lintSuppressionsAreTheOnlyDifference() throws {
        for (id, expectation) in Replacements.table {
            guard case .lintSuppressed(let checks, _) = expectation else { continue }
            #expect(try text(ours, id, withoutProperties: [], metadata: ["cfn-lint", "kumo:suppressions"]) == text(sample, id, withoutProperties: []), "\(id)")
            let ignored = ours.resources[id]?.metadata["cfn-lint"]?["config"]?["ignore_checks"]
            #expect(ignored == .array(checks.map(JSON.string)), "\(id)")
        }
    }

    @Test func droppedAndReplacedResourcesAreGone() {
        for (id, expectation) in Replacements.table {
            switch expectation {
            case .dropped, .replacedByResources, .movedToManifest:
                #expect(sample.resources[id] != nil, "\(id) is in the sample")
                #expect(ours.resources[id] == nil, "\(id) is not emitted")
            default:
                break
            }
        }
    }

    @Test func kumoOnlyResourcesAreExactlyTheDocumentedReplacements() {
        var documented: Set<String> = []
        for case .replacedByResources(let ids, _) in Replacements.table.values { documented.formUnion(ids) }
        let extra = Set(ours.resources.keys).subtracting(sample.resources.keys)
        #expect(extra == documented)
        for id in documented {
            #expect(ours.resources[id]?.type == "AWS::EKS::AccessEntry", "\(id)")
            #expect(ours.resources[id]?.properties["AccessPolicies"]?.arrayValue?.first?["PolicyArn"]
                == "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "\(id)")
        }
    }

    @Test func theALBControllerManifestReplacesTheHelmChart() throws {
        let files = Set(assembly.files.map(\.name))
        var manifests: Set<String> = []
        for case .movedToManifest(let file, _) in Replacements.table.values { manifests.insert(file) }
        for file in manifests {
            #expect(files.contains(file))
            let text = String(decoding: try #require(assembly.files.first { $0.name == file }).contents, as: UTF8.self)
            let chart = try #require(sample.resources["MyEKSStackEKSCluster26CB6A0EAlbController8CA89610"]).properties
            #expect(text.contains("chart: \"\(chart["Chart"]?.stringValue ?? "?")\""))
            #expect(text.contains("targetRevision: \"\(chart["Version"]?.stringValue ?? "?")\""))
            #expect(text.contains("repoURL: \"\(chart["Repository"]?.stringValue ?? "?")\""))
            #expect(text.contains("eks.amazonaws.com/role-arn: \"arn:aws:iam::123456789012:role/eks-cluster-aws-load-balancer-controller\""))
            #expect(text.contains("name: \"serviceAccount.create\"\n          value: \"false\""))
            #expect(text.contains("name: \"clusterName\"\n          value: \"eks-cluster\""))
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

    @Test func docsListEveryReplacement() throws {
        let table = try String(contentsOf: Self.root.appendingPathComponent("docs/cdk-replacements.md"), encoding: .utf8)
        for id in Replacements.table.keys {
            #expect(table.contains(id), "docs/cdk-replacements.md's replacement table lacks \(id)")
        }
    }

    @Test func synthesisIsDeterministic() throws {
        let first = try KumoStacks.makeApp().synthesize().files
        let second = try KumoStacks.makeApp().synthesize().files
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) { #expect(a.contents == b.contents, "\(a.name)") }
    }
}
