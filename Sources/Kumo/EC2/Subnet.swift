import KumoJSON

/// One subnet of a ``Vpc`` with its route table (`AWS::EC2::Subnet`, `AWS::EC2::RouteTable`,
/// `AWS::EC2::SubnetRouteTableAssociation`, and the default route when the subnet has one). Public subnets
/// that host a NAT gateway also hold its Elastic IP.
///
/// Created by ``Vpc``; select subnets with ``Vpc/subnets(_:)``.
public final class Subnet: Construct {
    public let type: SubnetType
    /// The subnet's availability zone.
    public let availabilityZone: Value
    /// The subnet's block (`nil` when the VPC block could not hold it; synthesis then fails).
    public let cidr: IPv4CIDR?
    private var subnet: CfnResource!
    private var routeTable: CfnResource!
    private var defaultRoute: CfnResource?
    private var natGateway: CfnResource?

    init(_ vpc: Vpc, _ id: String, group: SubnetConfiguration, zone: Value, cidr: IPv4CIDR?, hostsNAT: Bool) {
        self.type = group.type
        self.availabilityZone = zone
        self.cidr = cidr
        super.init(vpc, id)
        node.addTag("aws-cdk:subnet-name", group.name, only: ["AWS::EC2::Subnet"])
        node.addTag("aws-cdk:subnet-type", group.type.tagValue, only: ["AWS::EC2::Subnet"])
        node.addTag("Name", node.path)
        subnet = CfnResource(
            self, "Subnet", type: "AWS::EC2::Subnet",
            properties: [
                "VpcId": vpc.vpcID, "AvailabilityZone": zone, "CidrBlock": .string(cidr?.description ?? "0.0.0.0/32"),
                "MapPublicIpOnLaunch": .bool(group.type == .public),
            ],
            required: ["VpcId"], tags: .keyValueList)
        routeTable = CfnResource(
            self, "RouteTable", type: "AWS::EC2::RouteTable", properties: ["VpcId": vpc.vpcID], required: ["VpcId"],
            tags: .keyValueList)
        CfnResource(
            self, "RouteTableAssociation", type: "AWS::EC2::SubnetRouteTableAssociation",
            properties: ["RouteTableId": routeTable.ref, "SubnetId": subnet.ref], required: ["RouteTableId", "SubnetId"])
        if group.type != .isolated {
            defaultRoute = CfnResource(
                self, "DefaultRoute", type: "AWS::EC2::Route",
                properties: ["RouteTableId": routeTable.ref, "DestinationCidrBlock": "0.0.0.0/0"],
                required: ["RouteTableId"])
        }
        if hostsNAT {
            let eip = CfnResource(self, "EIP", type: "AWS::EC2::EIP", properties: ["Domain": "vpc"], tags: .keyValueList)
            natGateway = CfnResource(
                self, "NATGateway", type: "AWS::EC2::NatGateway",
                properties: ["SubnetId": subnet.ref, "AllocationId": eip.getAtt("AllocationId")], required: ["SubnetId"],
                tags: .keyValueList)
        }
    }

    /// The subnet's ID (`Ref`).
    public var subnetID: Value { subnet.ref }
    /// The route table's ID (`Ref`).
    public var routeTableID: Value { routeTable.ref }
    /// The `AWS::EC2::Subnet` resource.
    public var resource: CfnResource { subnet }
    /// The NAT gateway this subnet hosts, if any.
    var natGatewayResource: CfnResource? { natGateway }

    /// Routes `0.0.0.0/0` through an internet gateway (public subnets).
    func routeToInternet(_ gateway: CfnResource, attachment: CfnResource) {
        defaultRoute?.properties["GatewayId"] = gateway.ref
        defaultRoute?.addDependency(on: attachment)
    }

    /// Routes `0.0.0.0/0` through a NAT gateway (private subnets).
    func routeToNAT(_ gateway: CfnResource) {
        defaultRoute?.properties["NatGatewayId"] = gateway.ref
    }
}
