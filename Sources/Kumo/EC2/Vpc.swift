import KumoJSON

/// A VPC with its subnets, route tables, internet gateway and NAT gateways, laid out as AWS CDK's `ec2.Vpc`
/// lays it out (same construct paths, so the same logical IDs; same CIDR allocation; same tags).
///
/// ```swift
/// let vpc = Vpc(stack, "VPC", name: "vpc-for-eks-cluster", cidr: "10.0.0.0/16", maxAZs: 2, subnets: [
///     SubnetConfiguration(name: "public", type: .public, cidrMask: 24),
///     SubnetConfiguration(name: "private", type: .privateWithNAT, cidrMask: 24),
///     SubnetConfiguration(name: "isolated", type: .isolated, cidrMask: 24),
/// ])
/// ```
/// For each subnet group, in order, one subnet per availability zone gets the next free block of its mask
/// (groups without a mask share what is left). Public subnets route to an internet gateway; each zone gets
/// one NAT gateway (with an Elastic IP) in its public subnet, and the private-with-NAT subnets of the zone
/// route through it. The zones come from the stack's context (see ``Stack/availabilityZones(max:for:)``).
///
/// Tags: `Name` (the VPC name, or the path) on every taggable resource; subnets' resources are named after
/// the subnet's path, and subnets carry `aws-cdk:subnet-name` / `aws-cdk:subnet-type`.
public final class Vpc: Construct {
    /// The VPC's `Name` tag; its path when `nil`.
    public let name: String?
    /// The VPC's IPv4 block.
    public let cidr: String
    /// The subnet groups, in allocation order.
    public let subnetConfiguration: [SubnetConfiguration]
    /// Every subnet, group by group, zone by zone.
    public private(set) var subnets: [Subnet] = []
    private var l1: EC2.CfnVPC!
    private var planningErrors: [(String, String)] = []

    /// A VPC `id` of `scope` with block `cidr`, `subnets` groups over at most `maxAZs` zones and `natGateways` NAT gateways (one per zone by default).
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, cidr: String = "10.0.0.0/16", maxAZs: Int = 3,
        subnets subnetConfiguration: [SubnetConfiguration] = SubnetConfiguration.defaults, natGateways: Int? = nil
    ) {
        self.name = name
        self.cidr = cidr
        self.subnetConfiguration = subnetConfiguration
        let stack = scope.node.stack
        super.init(scope, id)
        node.addTag("Name", name ?? node.path)
        l1 = EC2.CfnVPC(
            self, "Resource", cidrBlock: CfnString(cidr), enableDnsHostnames: true, enableDnsSupport: true,
            instanceTenancy: .default)
        // CDK 2.28.1's specification marked CidrBlock required, and its order writes required properties first.
        l1.requiredProperties = [EC2.CfnVPC.Property.cidrBlock.rawValue]
        let resolvedZones = maxAZs >= 1 ? (stack?.availabilityZones(max: maxAZs, for: self) ?? []) : []
        zonesStorage = resolvedZones
        if let stack, let key = stack.availabilityZonesContextKey, resolvedZones.contains(where: { $0.literalString != nil }) {
            stack.suppressLintChecks(
                ["W3010"],
                reason: "subnets name their availability zones, resolved at synthesis from context \(key) as AWS CDK "
                    + "does (cfn-lint exempts CDK templates from W3010 for that reason)")
        }
        planSubnets(zones: resolvedZones, natGateways: natGateways, maxAZs: maxAZs)
    }

    private var zonesStorage: [Value] = []
    /// The availability zones the subnets are spread over.
    public var zones: [Value] { zonesStorage }

    private func planSubnets(zones: [Value], natGateways: Int?, maxAZs: Int) {
        guard let block = IPv4CIDR(cidr) else {
            planningErrors.append(("VPC CIDR \"\(cidr)\" is not a valid IPv4 block", "write it as a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/16"))
            return
        }
        guard (16...28).contains(block.prefixLength) else {
            planningErrors.append(("VPC CIDR \(cidr) has prefix /\(block.prefixLength); AWS allows /16 to /28", "choose a block between /16 and /28"))
            return
        }
        let hasNATSubnets = subnetConfiguration.contains { $0.type == .privateWithNAT }
        let hasPublic = subnetConfiguration.contains { $0.type == .public }
        if hasNATSubnets && !hasPublic {
            planningErrors.append(("private-with-NAT subnets need a public subnet group to hold the NAT gateways", "add a SubnetConfiguration of type .public, or make the private subnets .isolated"))
        }
        let natCount = hasNATSubnets && hasPublic ? min(natGateways ?? zones.count, zones.count) : 0
        if maxAZs < 1 {
            planningErrors.append(("maxAZs is \(maxAZs)", "use at least 1 availability zone (EKS and RDS need 2)"))
        }
        if let natGateways, natGateways < 0 || (hasNATSubnets && natGateways == 0) {
            planningErrors.append(("\(natGateways) NAT gateways for private-with-NAT subnets", "give at least 1 (one per zone is the default)"))
        }
        var names: Set<String> = []
        for group in subnetConfiguration where !names.insert(group.name).inserted {
            planningErrors.append(("two subnet groups are named \"\(group.name)\"", "give each SubnetConfiguration its own name"))
        }
        for group in subnetConfiguration {
            if let mask = group.cidrMask, !(16...28).contains(mask) || mask < block.prefixLength {
                planningErrors.append(("subnet group \"\(group.name)\" has mask /\(mask); it must be /16 to /28 and inside the VPC's /\(block.prefixLength)", "choose a cidrMask between \(max(16, block.prefixLength)) and 28"))
            }
        }

        var allocator = SubnetAllocator(block)
        var blocks: [String: [IPv4CIDR?]] = [:]
        var exhausted = false
        func allocate(_ group: SubnetConfiguration, mask: Int) {
            blocks[group.name] = zones.map { _ in
                let next = allocator.allocate(prefixLength: mask)
                if next == nil { exhausted = true }
                return next
            }
        }
        for group in subnetConfiguration {
            if let mask = group.cidrMask, (16...28).contains(mask), mask >= block.prefixLength { allocate(group, mask: mask) }
        }
        let unsized = subnetConfiguration.filter { $0.cidrMask == nil }
        if !unsized.isEmpty {
            if let mask = allocator.prefixForRemaining(count: unsized.count * zones.count), mask <= 28 {
                for group in unsized { allocate(group, mask: mask) }
            } else {
                exhausted = true
            }
        }
        if exhausted {
            planningErrors.append(("the subnets do not fit in \(cidr) (\(subnetConfiguration.count) groups x \(zones.count) zones)", "use a larger VPC block, longer cidrMasks, fewer groups or fewer zones"))
        }

        var natByZone: [Int: EC2.CfnNatGateway] = [:]
        let natGroup = subnetConfiguration.first { $0.type == .public }?.name
        for group in subnetConfiguration {
            for (index, zone) in zones.enumerated() {
                let subnet = Subnet(
                    self, "\(group.name)Subnet\(index + 1)", group: group, zone: zone,
                    cidr: blocks[group.name]?[index] ?? nil, hostsNAT: group.name == natGroup && index < natCount)
                if let nat = subnet.natGatewayResource { natByZone[index] = nat }
                subnets.append(subnet)
            }
        }
        if hasPublic {
            let igw = EC2.CfnInternetGateway(self, "IGW")
            let attachment = EC2.CfnVPCGatewayAttachment(
                self, "VPCGW", vpcId: CfnString(vpcID), internetGatewayId: .ref(igw))
            for subnet in subnets where subnet.type == .public { subnet.routeToInternet(igw, attachment: attachment) }
        }
        let privateSubnets = subnets.filter { $0.type == .privateWithNAT }
        for (offset, subnet) in privateSubnets.enumerated() {
            let zoneIndex = offset % max(zones.count, 1)
            if let nat = natByZone[zoneIndex] ?? natByZone.sorted(by: { $0.key < $1.key }).first?.value {
                subnet.routeToNAT(nat)
            }
        }
    }

    /// The L1 resource (`AWS::EC2::VPC`); edits made through it win over this construct's values.
    public var resource: EC2.CfnVPC { l1 }
    /// The VPC's ID (`Ref`).
    public var vpcID: Value { l1.ref }
    /// The VPC's primary IPv4 block as deployed (`Fn::GetAtt CidrBlock`).
    public var cidrBlock: Value { l1.attrCidrBlock.cfnValue }

    /// The subnets of one type, group by group, zone by zone.
    public func subnets(_ type: SubnetType) -> [Subnet] { subnets.filter { $0.type == type } }
    /// The subnets of the group named `name`.
    public func subnets(named name: String) -> [Subnet] {
        subnets.filter { $0.node.id.hasPrefix(name + "Subnet") && $0.node.id.dropFirst(name.count + 6).allSatisfy(\.isNumber) }
    }
    /// The public subnets.
    public var publicSubnets: [Subnet] { subnets(.public) }
    /// The private subnets with a route through a NAT gateway.
    public var privateSubnets: [Subnet] { subnets(.privateWithNAT) }
    /// The isolated subnets.
    public var isolatedSubnets: [Subnet] { subnets(.isolated) }

    /// Checks at synthesis: the subnet plan fits the block, at least one subnet group, a name of 1–255 characters.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        for (message, fix) in planningErrors { found.append(.error(node.path, message, fix: fix)) }
        if subnetConfiguration.isEmpty {
            found.append(.error(node.path, "the VPC has no subnet groups", fix: "give at least one SubnetConfiguration"))
        }
        if let name, name.isEmpty || name.count > 255 {
            found.append(.error(node.path, "VPC name must be 1-255 characters", fix: "shorten the name"))
        }
        return found
    }
}
