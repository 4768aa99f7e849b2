import Kumo

/// The VPC over two availability zones: per zone a public subnet (with a NAT gateway), a private subnet
/// routed through it, and an isolated subnet for the database; an ECR API endpoint for the nodes.
struct Network {
    let vpc: Vpc
    let ecrEndpoint: InterfaceEndpoint

    init(_ stack: Stack) {
        vpc = Vpc(stack, "VPC", name: "vpc-for-eks-cluster", cidr: "10.0.0.0/16", maxAZs: 2, subnets: [
            SubnetConfiguration(name: "subnet-for-eks-cluster-public", type: .public, cidrMask: 24),
            SubnetConfiguration(name: "subnet-for-eks-cluster-private-with-nat", type: .privateWithNAT, cidrMask: 24),
            SubnetConfiguration(name: "subnet-for-eks-cluster-private-isolated", type: .isolated, cidrMask: 24),
        ])
        ecrEndpoint = vpc.addInterfaceEndpoint("VPCEndpoint", service: .ecr)
    }
}
