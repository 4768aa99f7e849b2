import Testing
@testable import KumoCore

@Suite struct LogicalIDTests {
    /// Paths and IDs taken from the CDK 2.28.1 sample (`cdk.out.sample`), including the documented edge cases.
    @Test(arguments: [
        ("VPC/Resource", "VPCB9E5F0B4"),
        ("EKSCluster/Resource/Resource/Default", "EKSClusterE11008B6"),
        ("VPC/VPCEndpoint/Resource", "VPCVPCEndpointE70436BC"),
        ("ConditionForAccountToAccessSecrets/Resource/Default", "ConditionForAccountToAccessSecretsA3C4CEB2"),
        ("EKSCluster/ConfigCommand", "EKSClusterConfigCommand3809C9C9"),
        ("CDKMetadata/Default", "CDKMetadata"),
        ("policy-github/Resource", "policygithubD8ADAB64"),
        ("VPC/subnet-for-eks-cluster-publicSubnet1/Subnet", "VPCsubnetforeksclusterpublicSubnet1Subnet801F742F"),
        ("DatabaseCluster/Subnets/Default", "DatabaseClusterSubnets7FAE1846"),
        ("EKSCluster/NodegroupEKSNodeGroup/Resource", "EKSClusterNodegroupEKSNodeGroupD0EF7666"),
        ("VPC/VPCEndpoint/SecurityGroup/from MyEKSStackEKSClusterClusterSecurityGroup19D80242:ALL TRAFFIC",
         "VPCVPCEndpointSecurityGroupfromMyEKSStackEKSClusterClusterSecurityGroup19D80242ALLTRAFFIC97610B08"),
        ("MyEKSStackEKSCluster26CB6A0E-AlbController/alb-sa/Role/Resource",
         "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239"),
    ])
    func matchesCDK(path: String, expected: String) {
        #expect(LogicalIDs.make(path.split(separator: "/").map(String.init)) == expected)
    }

    @Test func uniqueIDIncludesTheStack() {
        let app = App()
        let stack = Stack(app, "MyEKSStack")
        let cluster = Construct(stack, "EKSCluster")
        let sg = Construct(cluster, "ClusterSecurityGroup")
        #expect(LogicalIDs.uniqueID(sg) == "MyEKSStackEKSClusterClusterSecurityGroup19D80242")
    }

    @Test func dedupesConsecutiveComponentsThatEndWithTheNext() {
        // "FooBar" ends with "Bar": the human part keeps "FooBar" once, the hash covers the full path.
        let id = LogicalIDs.make(["FooBar", "Bar", "Resource"])
        #expect(id.hasPrefix("FooBar") && !id.hasPrefix("FooBarBar"))
        #expect(id.count == "FooBar".count + 8)
    }

    @Test func longPathsAreCutTo240PlusHash() {
        let long = String(repeating: "a", count: 300)
        let id = LogicalIDs.make([long, "x"])
        #expect(id.count == 248)
    }
}
