import KumoJSON

/// A security group that rules can name as a peer: one of the stack's ``SecurityGroup``s or an imported one.
/// Rules between two groups get construct IDs from the peer's unique ID (its path), as in AWS CDK.
public protocol SecurityGroupReference: Construct {
    /// The group's ID.
    var groupID: Value { get }
}

/// A security group known only by ID (for example the cluster security group EKS creates), placed in the
/// construct tree so that rules referring to it get stable IDs.
public final class ImportedSecurityGroup: Construct, SecurityGroupReference, ConnectionsProvider {
    /// The group's ID (`sg-…`).
    public let groupID: Value

    /// An imported group `id` of `scope` with `groupID`.
    @discardableResult
    public init(_ scope: Construct, _ id: String, groupID: Value) {
        self.groupID = groupID
        super.init(scope, id)
    }

    /// The imported group's connections.
    public var connections: Connections { Connections(securityGroups: [self]) }
}

/// An EC2 security group (`AWS::EC2::SecurityGroup`).
///
/// ```swift
/// let sg = SecurityGroup(stack, "DatabaseSecurityGroup", vpc: vpc, description: "RDS security group")
/// sg.connections.allowFrom(cluster, .tcp(5432), "from the EKS cluster")
/// ```
/// Rules from address blocks are written inline (`SecurityGroupIngress`); rules from other security groups
/// become `AWS::EC2::SecurityGroupIngress` resources under the group, with ID `from <peer unique ID>:<port>`
/// (as CDK does, which avoids dependency cycles between groups that allow each other). By default every
/// outbound connection is allowed.
public final class SecurityGroup: Construct, SecurityGroupReference, ConnectionsProvider {
    /// The VPC the group belongs to.
    public let vpc: Vpc
    /// The group's description (`GroupDescription`, 1–255 characters); the construct path when `nil`, as CDK writes it.
    public var groupDescription: String?
    /// The group's name (`GroupName`); generated when `nil`.
    public var name: String?
    /// Whether every outbound connection is allowed (one `0.0.0.0/0` egress rule).
    public var allowAllOutbound: Bool
    private var inlineIngress: [EC2.CfnSecurityGroup.Ingress] = []
    private var l1: EC2.CfnSecurityGroup!
    private var ruleProblems: [String] = []

    /// A security group `id` of `scope` in `vpc`, allowing every outbound connection unless `allowAllOutbound` is false.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, vpc: Vpc, description: String? = nil, name: String? = nil,
        allowAllOutbound: Bool = true
    ) {
        self.vpc = vpc
        self.groupDescription = description
        self.name = name
        self.allowAllOutbound = allowAllOutbound
        super.init(scope, id)
        l1 = EC2.CfnSecurityGroup(
            self, "Resource", groupDescription: .lazy { CfnString(self.groupDescription ?? self.node.path) },
            groupName: .lazy { self.name.map { CfnString($0) } },
            securityGroupEgress: .lazy {
                if self.allowAllOutbound {
                    return [.init(ipProtocol: "-1", cidrIp: "0.0.0.0/0", description: "Allow all outbound traffic by default")]
                }
                // CDK's placeholder rule: no traffic (ICMP type 252, code 86 to 255.255.255.255/32).
                return [.init(ipProtocol: "icmp", cidrIp: "255.255.255.255/32", description: "Disallow all traffic", fromPort: 252, toPort: 86)]
            },
            securityGroupIngress: .lazy { self.inlineIngress.isEmpty ? nil : CfnList(self.inlineIngress) },
            vpcId: CfnString(vpc.vpcID))
    }

    /// The L1 resource (`AWS::EC2::SecurityGroup`); edits made through it win over this construct's values.
    public var resource: EC2.CfnSecurityGroup { l1 }
    /// The group's ID (`Fn::GetAtt GroupId`).
    public var groupID: Value { l1.attrGroupId.cfnValue }
    /// The group's connections: rules added through them go to this group.
    public var connections: Connections { Connections(securityGroups: [self]) }

    /// Allows inbound traffic from `peer` on `port`. The description defaults to `from <peer>:<port>`.
    public func addIngressRule(from peer: Peer, _ port: Port, description: String? = nil) {
        if let problem = port.problem { ruleProblems.append(problem) }
        let text = description.map(Value.string) ?? "from \(peer.uniqueID):\(port.label)"
        switch peer {
        case .cidr(let block):
            let rule = EC2.CfnSecurityGroup.Ingress(
                ipProtocol: CfnString(port.ipProtocol), cidrIp: CfnString(block), description: CfnString(text),
                fromPort: port.fromPortValue, toPort: port.toPortValue)
            if !inlineIngress.contains(where: { $0.cfnValue == rule.cfnValue }) { inlineIngress.append(rule) }
        case .securityGroup(let group):
            let id = "from \(LogicalIDs.uniqueID(group)):\(port.label)"
            guard node.tryFindChild(id) == nil else { return }
            EC2.CfnSecurityGroupIngress(
                self, id, ipProtocol: CfnString(port.ipProtocol), description: CfnString(text),
                fromPort: port.fromPortValue, groupId: CfnString(groupID), sourceSecurityGroupId: CfnString(group.groupID),
                toPort: port.toPortValue)
        }
    }

    /// Allows outbound traffic to another security group on `port` (only needed when
    /// ``allowAllOutbound`` is off; otherwise a no-op, as in CDK).
    public func addEgressRule(to group: any SecurityGroupReference, _ port: Port, description: String? = nil) {
        guard !allowAllOutbound else { return }
        let id = "to \(LogicalIDs.uniqueID(group)):\(port.label)"
        guard node.tryFindChild(id) == nil else { return }
        let egress = EC2.CfnSecurityGroupEgress(
            self, id, groupId: CfnString(groupID), ipProtocol: CfnString(port.ipProtocol),
            description: CfnString(description.map(Value.string) ?? "to \(LogicalIDs.uniqueID(group)):\(port.label)"),
            destinationSecurityGroupId: CfnString(group.groupID), fromPort: port.fromPortValue, toPort: port.toPortValue)
        // CDK 2.28.1's specification marked only IpProtocol required, and its order writes required properties first.
        egress.requiredProperties = [EC2.CfnSecurityGroupEgress.Property.ipProtocol.rawValue]
    }

    /// Checks at synthesis: the description (1–255 characters), the name (not starting with `sg-`), the rules' ports.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        let description = groupDescription ?? node.path
        if description.isEmpty || description.count > 255 {
            found.append(.error(node.path, "security group description must be 1-255 characters (\(description.count) given)", fix: "shorten the description"))
        }
        if let name {
            if name.isEmpty || name.count > 255 || name.lowercased().hasPrefix("sg-") {
                found.append(.error(node.path, "security group name \"\(name)\" is not valid", fix: "use 1-255 characters, not starting with sg-"))
            }
        }
        for problem in ruleProblems { found.append(.error(node.path, problem, fix: "use ports 0-65535, from <= to")) }
        return found
    }
}
