import KumoJSON

/// What the resources of the deployed stack are in AWS: each logical ID's physical ID (what `Ref` returns) and
/// the attributes (`Fn::GetAtt`) the plan needs, from `--physical-ids` (`describe-stack-resources`,
/// `describe-cluster`) or derived from the template where it names them (a cluster's `name`, a role's
/// `RoleName`). A value nobody gave is a placeholder (`KUMO-MISSING-…`), listed in ``missing``.
public struct PhysicalValues: Sendable, Equatable {
    /// One resource of the stack.
    public struct Resource: Sendable, Equatable {
        public var type: String
        /// What `Ref` returns (`nil`: unknown).
        public var ref: String?
        /// Attribute values by name (`Arn`, `ClusterSecurityGroupId`).
        public var attributes: [String: String]

        public init(type: String, ref: String? = nil, attributes: [String: String] = [:]) {
            self.type = type
            self.ref = ref
            self.attributes = attributes
        }
    }

    /// A nested stack of the deployed stack, as `describe-stack-resources` lists it.
    public struct NestedStack: Sendable, Equatable {
        public var stackName: String
        public var stackID: String
        /// Logical ID → physical ID.
        public var resources: [String: String]
    }

    /// What `aws eks describe-cluster` says of a cluster (the facts the plan checks).
    public struct LiveCluster: Sendable, Equatable {
        public var name: String
        public var arn: String?
        public var version: String?
        public var platformVersion: String?
        public var roleArn: String?
        public var authenticationMode: String?
        public var issuer: String?
        public var clusterSecurityGroupID: String?
        public var vpcID: String?
        public var subnetIDs: [String]
        public var securityGroupIDs: [String]
        public var endpointPublicAccess: Bool?
        public var endpointPrivateAccess: Bool?
        public var serviceIpv4Cidr: String?
        public var ipFamily: String?
    }

    /// A value the plan needs that was not given.
    public struct Missing: Sendable, Equatable {
        /// `EKSClusterE11008B6.ClusterSecurityGroupId`, `MyEKSStack…AlbControlleralbsaRoleB91CB239` (its `Ref`).
        public var value: String
        /// The placeholder written instead.
        public var placeholder: String
        /// Where it is needed (`02-orphan: Resources.X.Properties.SourceSecurityGroupId`).
        public var neededBy: [String]
        /// How to get it.
        public var source: String
    }

    public var stackName: String
    public var stackID: String?
    public var account: String?
    public var region: String?
    public var partition: String
    public var resources: [String: Resource] = [:]
    public var nestedStacks: [String: NestedStack] = [:]
    /// The live EKS clusters, by the logical ID of the cluster resource.
    public var liveClusters: [String: LiveCluster] = [:]
    public var missing: [Missing] = []

    public init(stackName: String, stackID: String? = nil, account: String?, region: String?, partition: String = "aws") {
        self.stackName = stackName
        self.stackID = stackID
        self.account = account
        self.region = region
        self.partition = partition
    }

    /// The placeholder for a value: `KUMO-MISSING-<logicalID>` (its `Ref`) or `KUMO-MISSING-<logicalID>.<attribute>`.
    public static func placeholder(_ logicalID: String, _ attribute: String? = nil) -> String {
        KumoMigration.placeholderPrefix + logicalID + (attribute.map { "." + $0 } ?? "")
    }

    /// The names of the placeholders in a string (`EKSClusterE11008B6.OpenIdConnectIssuer`, `AWS::AccountId`).
    public static func placeholderNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: KumoMigration.placeholderPrefix) {
            rest = rest[range.upperBound...]
            if rest.hasPrefix("AWS::") {
                names.append("AWS::" + rest.dropFirst(5).prefix { $0.isLetter || $0.isNumber })
            } else {
                names.append(String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "." }))
            }
        }
        return names
    }

    /// Whether a string is or contains a placeholder.
    public static func isPlaceholder(_ text: String) -> Bool { text.contains(KumoMigration.placeholderPrefix) }

    /// The value of `Ref logicalID` or of `Fn::GetAtt logicalID.attribute`, when known.
    public func value(_ logicalID: String, _ attribute: String?) -> String? {
        guard let resource = resources[logicalID] else { return nil }
        if let attribute { return resource.attributes[attribute] }
        return resource.ref
    }
}
