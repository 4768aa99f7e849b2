import Foundation
import Testing
import Kumo
@testable import Stacks

/// The CDK 2.28.1 sample (`cdk.out.sample/MyEKSStack.template.json`): the specification of byte identity.
enum Sample {
    static let template: JSON = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("cdk.out.sample/MyEKSStack.template.json")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return try! JSON(parsing: text)
    }()

    static func resource(_ logicalID: String) -> JSON? { template["Resources"]?[logicalID] }

    /// The sample's context: the availability zones CDK looked up, and the domain.
    static let context: [String: JSON] = [
        "availability-zones:account=123456789012:region=ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
        "domain": "example.com",
    ]
}

/// Synthesizes a stack named `MyEKSStack` (the sample's account and region, the sample's context unless
/// `context` is given) built by `build`, and returns its template.
func synthesizeLikeSample(context: [String: JSON] = Sample.context, _ build: (Stack) -> Void) throws -> JSON {
    try synthesize(stackName: "MyEKSStack", context: context, build)
}

/// The synthesis errors of a `MyEKSStack` built by `build` with `context`.
func synthesisErrorsLikeSample(context: [String: JSON] = Sample.context, _ build: (Stack) -> Void) -> [Diagnostic] {
    synthesisErrors(stackName: "MyEKSStack", context: context, build)
}

/// Expects each resource to be byte-identical (CDK's template layout) to the sample's resource of the same
/// logical ID.
func expectIdenticalToSample(_ template: JSON, _ logicalIDs: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    for id in logicalIDs {
        let ours = template["Resources"]?[id]?.serialized(.cdkTemplate)
        let sample = Sample.resource(id)?.serialized(.cdkTemplate)
        #expect(sample != nil, "\(id) is not in the sample", sourceLocation: sourceLocation)
        #expect(ours == sample, "\(id) differs from the sample:\n\(ours ?? "<missing>")", sourceLocation: sourceLocation)
    }
}

/// The sample's network and cluster, built by the bundled stack's own code (`Network` of `stacks/Network.swift`,
/// `eksCluster(_:)` of `stacks/EKSCluster.swift`), so that the construct tests check what the app synthesizes.
struct EKSFixture {
    let network: Network
    let cluster: Cluster

    var vpc: Vpc { network.vpc }

    init(_ stack: Stack) {
        network = Network(stack)
        cluster = stack.eksCluster(network)
    }
}
