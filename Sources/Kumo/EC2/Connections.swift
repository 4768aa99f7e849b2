import KumoJSON

/// The source of a security-group rule.
public enum Peer {
    /// An IPv4 block (a literal like `10.0.0.0/16`, or a deploy-time value like a VPC's `cidrBlock`).
    case cidr(Value)
    /// Another security group.
    case securityGroup(any SecurityGroupReference)

    /// Every IPv4 address.
    public static var anyIPv4: Peer { .cidr("0.0.0.0/0") }

    /// How the peer appears in rule descriptions: the block, or the group's unique ID.
    var uniqueID: Value {
        switch self {
        case .cidr(let block): block
        case .securityGroup(let group): .string(LogicalIDs.uniqueID(group))
        }
    }
}

/// Something with security groups that traffic can be allowed to or from: a ``SecurityGroup``, an
/// endpoint, an EKS cluster, a database.
public protocol ConnectionsProvider {
    /// The construct's security groups.
    var connections: Connections { get }
}

/// The security groups of a construct, to allow traffic between constructs without naming groups
/// (AWS CDK's `Connections`).
///
/// ```swift
/// database.connections.allowFrom(cluster, .tcp(5432), "from the EKS cluster")
/// ```
/// Every group of the receiver gets an ingress rule from every group of the other side. The other side's
/// groups get matching egress rules only when they restrict outbound traffic.
public struct Connections: ConnectionsProvider {
    /// The groups rules are added to (as the receiver) or from (as the peer).
    public let securityGroups: [any SecurityGroupReference]

    /// The connections of `securityGroups`.
    public init(securityGroups: [any SecurityGroupReference]) { self.securityGroups = securityGroups }

    /// Itself: a `Connections` is its own provider.
    public var connections: Connections { self }

    /// Allows traffic from `other`'s security groups on `port`.
    public func allowFrom(_ other: any ConnectionsProvider, _ port: Port, _ description: String? = nil) {
        for mine in securityGroups {
            guard let owned = mine as? SecurityGroup else { continue }
            for theirs in other.connections.securityGroups {
                owned.addIngressRule(from: .securityGroup(theirs), port, description: description)
            }
        }
        for theirs in other.connections.securityGroups {
            guard let owned = theirs as? SecurityGroup else { continue }
            for mine in securityGroups { owned.addEgressRule(to: mine, port, description: description) }
        }
    }

    /// Allows traffic from an address block on `port`.
    public func allowFrom(_ peer: Peer, _ port: Port, _ description: String? = nil) {
        for case let owned as SecurityGroup in securityGroups {
            owned.addIngressRule(from: peer, port, description: description)
        }
    }
}
