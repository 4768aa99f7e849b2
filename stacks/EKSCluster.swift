import Kumo

extension Stack {
    /// The cluster, its administrators, the AWS Load Balancer Controller and the spot node group (on any stack:
    /// `Tests/KumoTests` builds this same cluster to test the EKS constructs).
    func eksCluster(_ network: Network) -> Cluster {
        let mastersRole = Role(self, "EKSMasterRole", name: "eks-master-role", path: "/",
                               assumedBy: .service("eks.amazonaws.com"),
                               managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])

        // 1.32: what the deployed cluster runs. The CDK app created it with 1.22 in 2022; EKS has upgraded it since, at
        // the end of each extended support (`kumo migrate` compares this with `aws eks describe-cluster`).
        let cluster = Cluster(self, "EKSCluster", name: "eks-cluster", version: "1.32", vpc: network.vpc,
                              mastersRole: mastersRole, endpointAccess: .public)
        cluster.resource.suppress(
            "KUMO-LIFE-001",
            reason: "1.32 is the version the deployed cluster runs (the CDK app created it with KubernetesVersion_V1_22; EKS "
                + "upgraded it at the end of support): this stack takes over the running cluster; upgrade it deliberately")
        // The MFA-protected admin role and the administrator's user (CDK mapped both to system:masters).
        cluster.grantAccess("AdminRoleAccess", Role.fromName(self, "AdminRole").roleARN, policy: .clusterAdmin)
        cluster.grantAccess("UserAkariAccess", User.fromName(self, "akari").userARN, policy: .clusterAdmin)
        cluster.addAlbController(version: .v2_4_1)

        // Nodes pull images through the ECR endpoint.
        network.ecrEndpoint.connections.allowFrom(cluster, .allTraffic, "Allow access to VPC endpoint from EKS cluster")

        let nodeRole = Role(self, "EKSNodeRole", name: "eks-node-role", path: "/",
                            assumedBy: .service("ec2.amazonaws.com"),
                            managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly",
                                              "AmazonEKS_CNI_Policy", "AmazonSSMManagedInstanceCore"].map(AWSManagedPolicy.init))
        let launchTemplate = LaunchTemplate(self, "EKSNodesLaunchTemplate", name: "eks-nodes-launch-template",
                                            detailedMonitoring: false, disableAPITermination: false, ebsOptimized: false,
                                            hibernationConfigured: false, nitroEnclaveEnabled: false)
        cluster.addNodegroup("EKSNodeGroup", name: "eks-node-group", nodeRole: nodeRole,
                             amiType: .al2x86_64, capacityType: .spot,
                             instanceTypes: ["m5a.large", "m5.large", "m5ad.large", "m5d.large", "m5n.large", "m5dn.large"],
                             labels: ["app": "practice"], tags: ["Environment": "production", "Service": "service_name"],
                             launchTemplate: (launchTemplate, launchTemplate.latestVersionNumber),
                             minSize: 2, desiredSize: 2, maxSize: 6)
        return cluster
    }
}
