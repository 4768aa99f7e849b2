import Foundation
import Testing
import Kumo

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

/// The sample's network and cluster, built with Kumo's constructs the way `stacks/` builds them.
struct EKSFixture {
    let vpc: Vpc
    let endpoint: InterfaceEndpoint
    let cluster: Cluster
    let nodegroup: Nodegroup
    let albController: AlbController

    init(_ stack: Stack) {
        vpc = Vpc(stack, "VPC", name: "vpc-for-eks-cluster", cidr: "10.0.0.0/16", maxAZs: 2, subnets: [
            SubnetConfiguration(name: "subnet-for-eks-cluster-public", type: .public, cidrMask: 24),
            SubnetConfiguration(name: "subnet-for-eks-cluster-private-with-nat", type: .privateWithNAT, cidrMask: 24),
            SubnetConfiguration(name: "subnet-for-eks-cluster-private-isolated", type: .isolated, cidrMask: 24),
        ])
        endpoint = vpc.addInterfaceEndpoint("VPCEndpoint", service: .ecr)
        let mastersRole = Role(stack, "EKSMasterRole", name: "eks-master-role", path: "/", assumedBy: .service("eks.amazonaws.com"),
                               managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])
        cluster = Cluster(stack, "EKSCluster", name: "eks-cluster", version: "1.22", vpc: vpc, mastersRole: mastersRole,
                          endpointAccess: .public)
        cluster.grantAccess("AdminRoleAccess", Role.fromName(stack, "AdminRole").roleARN, policy: .clusterAdmin)
        cluster.grantAccess("UserAkariAccess", User.fromName(stack, "akari").userARN, policy: .clusterAdmin)
        albController = cluster.addAlbController()
        endpoint.connections.allowFrom(cluster, .allTraffic, "Allow access to VPC endpoint from EKS cluster")
        let nodeRole = Role(stack, "EKSNodeRole", name: "eks-node-role", path: "/", assumedBy: .service("ec2.amazonaws.com"),
                            managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly",
                                              "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"].map(AWSManagedPolicy.init))
        let launchTemplate = LaunchTemplate(stack, "EKSNodesLaunchTemplate", name: "eks-nodes-launch-template",
                                            detailedMonitoring: false, disableAPITermination: false, ebsOptimized: false,
                                            hibernationConfigured: false, nitroEnclaveEnabled: false)
        nodegroup = cluster.addNodegroup(
            "EKSNodeGroup", name: "eks-node-group", nodeRole: nodeRole, amiType: .al2x86_64, capacityType: .spot,
            instanceTypes: ["m5a.large", "m5.large", "m5ad.large", "m5d.large", "m5n.large", "m5dn.large"],
            labels: ["app": "practice"], tags: ["Environment": "production", "Service": "service_name"],
            launchTemplate: (launchTemplate, launchTemplate.latestVersionNumber), minSize: 2, desiredSize: 2, maxSize: 6)
    }
}
