import Kumo

extension MyEKSStack {
    /// The cluster and its masters role.
    func eksCluster() -> Cluster {
        Role(self, "EKSMasterRole", name: "eks-master-role", path: "/",
             assumedBy: .service("eks.amazonaws.com"),
             managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])

        // Until the network lands, the cluster's subnets come from parameters.
        let subnets = CfnParameter(self, "ClusterSubnetIds", type: "List<AWS::EC2::Subnet::Id>",
                                   description: "Subnets of the EKS cluster (two availability zones at least)")
        return Cluster(self, "EKSCluster", name: "eks-cluster", version: "1.22",
                       subnetIDs: [.select(0, subnets.value), .select(1, subnets.value)],
                       endpointAccess: .public)
    }
}
