import KumoJSON

/// An AWS service reachable through an interface VPC endpoint.
public struct InterfaceEndpointService: Hashable, Sendable {
    /// The service's short name after `com.amazonaws.<region>.` (`ecr.api`).
    public let shortName: String
    /// The port clients connect to.
    public let port: Int

    /// A service `com.amazonaws.<region>.<shortName>` listening on `port` (443 by default).
    public init(_ shortName: String, port: Int = 443) {
        self.shortName = shortName
        self.port = port
    }

    /// The ECR API (`com.amazonaws.<region>.ecr.api`; CDK's `InterfaceVpcEndpointAwsService.ECR`).
    public static let ecr = InterfaceEndpointService("ecr.api")
    /// The ECR Docker registry (`ecr.dkr`).
    public static let ecrDocker = InterfaceEndpointService("ecr.dkr")
    /// AWS STS.
    public static let sts = InterfaceEndpointService("sts")

    /// `com.amazonaws.<region>.<short name>` in `stack`'s region.
    func serviceName(in stack: Stack) -> Value { "com.amazonaws.\(stack.region).\(shortName)" }
}

/// An interface VPC endpoint (`AWS::EC2::VPCEndpoint` of type `Interface`) with its own security group,
/// as ``Vpc/addInterfaceEndpoint(_:service:subnets:privateDNS:open:)`` creates it.
///
/// With `open` (the default) the group admits the whole VPC block on the service port; allow more with
/// ``connections``.
public final class InterfaceEndpoint: Construct, ConnectionsProvider {
    /// The VPC the endpoint is in.
    public let vpc: Vpc
    /// The service the endpoint reaches.
    public let service: InterfaceEndpointService
    /// The subnets of the endpoint's network interfaces, at most one per availability zone.
    public var subnets: [Subnet]
    /// Whether the service's public DNS name resolves to the endpoint inside the VPC (`PrivateDnsEnabled`).
    public var privateDNS: Bool
    /// The endpoint's security group.
    public private(set) var securityGroup: SecurityGroup!
    private var l1: EC2.CfnVPCEndpoint!

    /// An endpoint `id` of `vpc` to `service`, in `subnets` (the VPC's private subnets by default); `open` admits the VPC's block on the service port.
    @discardableResult
    public init(
        _ vpc: Vpc, _ id: String, service: InterfaceEndpointService, subnets: [Subnet]? = nil, privateDNS: Bool = true,
        open: Bool = true
    ) {
        self.vpc = vpc
        self.service = service
        self.subnets = subnets ?? vpc.privateSubnets
        self.privateDNS = privateDNS
        super.init(vpc, id)
        securityGroup = SecurityGroup(self, "SecurityGroup", vpc: vpc)
        if open { securityGroup.addIngressRule(from: .cidr(vpc.cidrBlock), .tcp(service.port)) }
        l1 = EC2.CfnVPCEndpoint(
            self, "Resource", vpcId: CfnString(vpc.vpcID), privateDnsEnabled: .lazy { CfnBool(self.privateDNS) },
            securityGroupIds: CfnList(values: [securityGroup.groupID]),
            serviceName: .lazy { CfnString(self.service.serviceName(in: self.l1.stack)) },
            subnetIds: .lazy { CfnList(values: self.subnets.map(\.subnetID)) }, vpcEndpointType: .interface)
        // CDK 2.28.1's specification marked ServiceName and VpcId required (its order writes them first), and
        // its VPC endpoints took no tags.
        l1.requiredProperties = [EC2.CfnVPCEndpoint.Property.serviceName.rawValue, EC2.CfnVPCEndpoint.Property.vpcId.rawValue]
        l1.tagFormat = nil
    }

    /// The L1 resource (`AWS::EC2::VPCEndpoint`); edits made through it win over this construct's values.
    public var resource: EC2.CfnVPCEndpoint { l1 }
    /// The endpoint's ID (`Ref`).
    public var endpointID: Value { l1.ref }
    /// The endpoint security group's connections.
    public var connections: Connections { securityGroup.connections }

    /// Checks at synthesis: at least one subnet, at most one per availability zone.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if subnets.isEmpty {
            found.append(.error(node.path, "the endpoint has no subnets", fix: "give the VPC private subnets, or pass subnets:"))
        }
        let zones = subnets.map(\.availabilityZone)
        if Set(zones).count != zones.count {
            found.append(.error(node.path, "an interface endpoint takes at most one subnet per availability zone", fix: "pass one subnet per zone"))
        }
        return found
    }
}

extension Vpc {
    /// Adds an interface endpoint for `service` at `<vpc>/<id>`, in the private-with-NAT subnets unless
    /// `subnets` is given.
    @discardableResult
    public func addInterfaceEndpoint(
        _ id: String, service: InterfaceEndpointService, subnets: [Subnet]? = nil, privateDNS: Bool = true, open: Bool = true
    ) -> InterfaceEndpoint {
        InterfaceEndpoint(self, id, service: service, subnets: subnets, privateDNS: privateDNS, open: open)
    }
}
