import KumoJSON

/// An RDS subnet group (`AWS::RDS::DBSubnetGroup`): the subnets a database's instances may be placed in.
public final class SubnetGroup: Construct {
    /// The group's description (`DBSubnetGroupDescription`, 1–255 characters).
    public var groupDescription: String
    /// The subnets, in at least two availability zones.
    public var subnets: [Subnet]
    /// The group's name (`DBSubnetGroupName`); generated when `nil`.
    public var name: String?
    /// What happens to the group when it leaves the stack (CloudFormation's default, delete, when `nil`).
    public var removalPolicy: RemovalPolicy?
    private var l1: RDS.CfnDBSubnetGroup!

    /// A subnet group `id` of `scope` with `subnets`.
    @discardableResult
    public init(_ scope: Construct, _ id: String, description: String, subnets: [Subnet], name: String? = nil) {
        self.groupDescription = description
        self.subnets = subnets
        self.name = name
        super.init(scope, id)
        // CDK keeps the L1 at <id>/Default (so the logical ID has no "Resource").
        l1 = RDS.CfnDBSubnetGroup(
            self, "Default", dbSubnetGroupDescription: .lazy { CfnString(self.groupDescription) },
            subnetIds: .lazy { CfnList(values: self.subnets.map(\.subnetID)) },
            dbSubnetGroupName: .lazy { self.name.map { CfnString($0) } })
    }

    /// The L1 resource (`AWS::RDS::DBSubnetGroup`); edits made through it win over this construct's values.
    public var resource: RDS.CfnDBSubnetGroup { l1 }
    /// The group's name (`Ref`).
    public var groupName: Value { l1.ref }

    /// Gives the L1 resource the removal policy.
    public override func prepare() {
        l1.removalPolicy = removalPolicy
    }

    /// Checks at synthesis: subnets in at least two zones, a description of 1–255 characters.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if Set(subnets.map(\.availabilityZone)).count < 2 {
            found.append(
                .error(node.path, "an RDS subnet group needs subnets in at least two availability zones",
                       fix: "select subnets in two or more zones (give the VPC maxAZs: 2 or more)"))
        }
        if groupDescription.isEmpty || groupDescription.count > 255 {
            found.append(.error(node.path, "the subnet group description must be 1-255 characters", fix: "shorten it"))
        }
        return found
    }
}
