import KumoJSON

/// One subnet of a ``Vpc`` with its route table (`AWS::EC2::Subnet`, `AWS::EC2::RouteTable`,
/// `AWS::EC2::SubnetRouteTableAssociation`, and the default route when the subnet has one). Public subnets
/// that host a NAT gateway also hold its Elastic IP.
///
/// Created by ``Vpc``; select subnets with ``Vpc/subnets(_:)``.
public final class Subnet: Construct {
    /// What the subnet can reach.
    public let type: SubnetType
    /// The subnet's availability zone.
    public let availabilityZone: Value
    /// The subnet's block (`nil` when the VPC block could not hold it; synthesis then fails).
    public let cidr: IPv4CIDR?
    private var subnet: EC2.CfnSubnet!
    private var routeTable: EC2.CfnRouteTable!
    private var defaultRoute: EC2.CfnRoute?
    private var natGateway: EC2.CfnNatGateway?

    init(_ vpc: Vpc, _ id: String, group: SubnetConfiguration, zone: Value, cidr: IPv4CIDR?, hostsNAT: Bool) {
        self.type = group.type
        self.availabilityZone = zone
        self.cidr = cidr
        super.init(vpc, id)
        node.addTag("aws-cdk:subnet-name", group.name, only: ["AWS::EC2::Subnet"])
        node.addTag("aws-cdk:subnet-type", group.type.tagValue, only: ["AWS::EC2::Subnet"])
        node.addTag("Name", node.path)
        subnet = EC2.CfnSubnet(
            self, "Subnet", vpcId: CfnString(vpc.vpcID), availabilityZone: CfnString(zone),
            cidrBlock: CfnString(cidr?.description ?? "0.0.0.0/32"), mapPublicIpOnLaunch: CfnBool(group.type == .public))
        routeTable = EC2.CfnRouteTable(self, "RouteTable", vpcId: CfnString(vpc.vpcID))
        EC2.CfnSubnetRouteTableAssociation(self, "RouteTableAssociation", routeTableId: .ref(routeTable), subnetId: .ref(subnet))
        if group.type != .isolated {
            defaultRoute = EC2.CfnRoute(self, "DefaultRoute", routeTableId: .ref(routeTable), destinationCidrBlock: "0.0.0.0/0")
        }
        if hostsNAT {
            let eip = EC2.CfnEIP(self, "EIP", domain: "vpc")
            let nat = EC2.CfnNatGateway(self, "NATGateway", allocationId: eip.attrAllocationId, subnetId: .ref(subnet))
            // CDK 2.28.1's specification marked SubnetId required, and its order writes required properties first.
            nat.requiredProperties = [EC2.CfnNatGateway.Property.subnetId.rawValue]
            natGateway = nat
        }
    }

    /// The subnet's ID (`Ref`).
    public var subnetID: Value { subnet.ref }
    /// The route table's ID (`Ref`).
    public var routeTableID: Value { routeTable.ref }
    /// The `AWS::EC2::Subnet` resource; edits made through it win over this construct's values.
    public var resource: EC2.CfnSubnet { subnet }
    /// The subnet's route table.
    public var routeTableResource: EC2.CfnRouteTable { routeTable }
    /// The NAT gateway this subnet hosts, if any.
    var natGatewayResource: EC2.CfnNatGateway? { natGateway }

    /// Routes `0.0.0.0/0` through an internet gateway (public subnets).
    func routeToInternet(_ gateway: EC2.CfnInternetGateway, attachment: EC2.CfnVPCGatewayAttachment) {
        defaultRoute?.gatewayId = .ref(gateway)
        defaultRoute?.addDependency(on: attachment)
    }

    /// Routes `0.0.0.0/0` through a NAT gateway (private subnets).
    func routeToNAT(_ gateway: EC2.CfnNatGateway) {
        defaultRoute?.natGatewayId = .ref(gateway)
    }
}
