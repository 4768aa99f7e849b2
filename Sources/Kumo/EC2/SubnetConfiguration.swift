/// What a subnet can reach, and what can reach it.
public enum SubnetType: String, Hashable, Sendable, CaseIterable {
    /// Routed to an internet gateway; instances may get public IPs. Holds the NAT gateways.
    case `public`
    /// Outbound internet access through a NAT gateway in a public subnet of the same zone (CDK's
    /// `PRIVATE_WITH_NAT`, now `PRIVATE_WITH_EGRESS`).
    case privateWithNAT
    /// No route outside the VPC (CDK's `PRIVATE_ISOLATED`).
    case isolated

    /// The `aws-cdk:subnet-type` tag value.
    var tagValue: String {
        switch self {
        case .public: "Public"
        case .privateWithNAT: "Private"
        case .isolated: "Isolated"
        }
    }
}

/// One group of subnets of a ``Vpc``: one subnet of this type in each availability zone.
public struct SubnetConfiguration: Hashable, Sendable {
    /// The group's name; subnets are `<name>Subnet1`, `<name>Subnet2`, … in the construct tree.
    public var name: String
    /// What the group's subnets can reach.
    public var type: SubnetType
    /// The prefix length of each subnet (16–28); `nil` shares the space left by the other groups equally.
    public var cidrMask: Int?

    /// A group `name` of `type` subnets with prefix length `cidrMask`.
    public init(name: String, type: SubnetType, cidrMask: Int? = nil) {
        self.name = name
        self.type = type
        self.cidrMask = cidrMask
    }

    /// AWS CDK's default: one public and one private-with-NAT group, sharing the VPC block equally.
    public static let defaults: [SubnetConfiguration] = [
        SubnetConfiguration(name: "Public", type: .public),
        SubnetConfiguration(name: "Private", type: .privateWithNAT),
    ]
}
