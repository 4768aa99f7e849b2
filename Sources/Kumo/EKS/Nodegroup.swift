import KumoJSON

/// An EKS managed node group (`AWS::EKS::Nodegroup`), created by ``Cluster/addNodegroup(_:name:nodeRole:subnets:amiType:capacityType:instanceTypes:labels:tags:launchTemplate:minSize:desiredSize:maxSize:diskSize:forceUpdate:)``
/// at `<cluster>/Nodegroup<id>`, as AWS CDK places it.
///
/// Access: EKS itself creates the access entry for the node role of a managed node group (type
/// `EC2_LINUX`, in authentication modes `API` and `API_AND_CONFIG_MAP`), so nodes join without an
/// `aws-auth` mapping or an access entry of Kumo's.
public final class Nodegroup: Construct {
    /// Which AMI family nodes run.
    public enum AMIType: String, Sendable {
        /// Amazon Linux 2, x86-64 (no longer published after 2025-11-26; `kumo check` KUMO-LIFE-002).
        case al2x86_64 = "AL2_x86_64"
        /// Amazon Linux 2 with NVIDIA GPU drivers, x86-64.
        case al2x86_64GPU = "AL2_x86_64_GPU"
        /// Amazon Linux 2, ARM64.
        case al2ARM64 = "AL2_ARM_64"
        /// Amazon Linux 2023, x86-64.
        case al2023x86_64Standard = "AL2023_x86_64_STANDARD"
        /// Amazon Linux 2023, ARM64.
        case al2023ARM64Standard = "AL2023_ARM_64_STANDARD"
        /// Bottlerocket, x86-64.
        case bottlerocketX86_64 = "BOTTLEROCKET_x86_64"
        /// Bottlerocket, ARM64.
        case bottlerocketARM64 = "BOTTLEROCKET_ARM_64"
    }

    /// On-demand or spot capacity.
    public enum CapacityType: String, Sendable {
        /// On-demand instances.
        case onDemand = "ON_DEMAND"
        /// Spot instances (list several instance types).
        case spot = "SPOT"
    }

    /// The cluster the nodes join.
    public let cluster: Cluster
    /// The node group's name (`NodegroupName`); generated when `nil`.
    public var name: String?
    /// The nodes' IAM role.
    public let nodeRole: any RoleReference
    /// The subnets nodes are launched in.
    public var subnetIDs: [Value]
    /// The AMI family; EKS's default for the cluster version when `nil`.
    public var amiType: AMIType?
    /// On-demand or spot; on-demand when `nil`.
    public var capacityType: CapacityType?
    /// Instance types, in order of preference.
    public var instanceTypes: [String]
    /// Kubernetes labels of the nodes.
    public var labels: [String: String]
    /// Tags of the node group resource.
    public var tags: [String: String]
    /// A launch template and its version.
    public var launchTemplate: (template: LaunchTemplate, version: Value)?
    /// The smallest number of nodes.
    public var minSize: Int
    /// The number of nodes to start with.
    public var desiredSize: Int
    /// The largest number of nodes.
    public var maxSize: Int
    /// The root volume's size in GiB (not with a launch template).
    public var diskSize: Int?
    /// Whether updates replace pods that a pod disruption budget protects.
    public var forceUpdate: Bool
    private var l1: EKS.CfnNodegroup!

    init(
        cluster: Cluster, id: String, name: String?, nodeRole: (any RoleReference)?, subnetIDs: [Value],
        amiType: AMIType?, capacityType: CapacityType?, instanceTypes: [String], labels: [String: String],
        tags: [String: String], launchTemplate: (LaunchTemplate, Value)?, minSize: Int, desiredSize: Int?, maxSize: Int?,
        diskSize: Int?, forceUpdate: Bool
    ) {
        self.cluster = cluster
        self.name = name
        self.subnetIDs = subnetIDs
        self.amiType = amiType
        self.capacityType = capacityType
        self.instanceTypes = instanceTypes
        self.labels = labels
        self.tags = tags
        self.launchTemplate = launchTemplate
        self.minSize = minSize
        self.desiredSize = desiredSize ?? max(minSize, 1)
        self.maxSize = maxSize ?? max(desiredSize ?? minSize, 1)
        self.diskSize = diskSize
        self.forceUpdate = forceUpdate
        let placeholder = PendingNodeRole()
        self.nodeRole = nodeRole ?? placeholder
        super.init(cluster, "Nodegroup\(id)")
        if nodeRole == nil {
            placeholder.role = Role(
                self, "NodeGroupRole", assumedBy: .service("ec2.amazonaws.com"),
                managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"]
                    .map(AWSManagedPolicy.init))
        }
        l1 = EKS.CfnNodegroup(
            self, "Resource", clusterName: CfnString(cluster.clusterName), nodeRole: .lazy { CfnString(self.nodeRole.roleARN.value) },
            subnets: .lazy { CfnList(values: self.subnetIDs) },
            amiType: .lazy { self.amiType.map { .init(.string($0.rawValue)) } },
            capacityType: .lazy { self.capacityType.map { .init(.string($0.rawValue)) } },
            diskSize: .lazy { self.diskSize.map { CfnInteger($0) } }, forceUpdateEnabled: .lazy { CfnBool(self.forceUpdate) },
            instanceTypes: .lazy { self.instanceTypes.isEmpty ? nil : CfnList(self.instanceTypes) },
            labels: .lazy { self.labels.isEmpty ? nil : Nodegroup.stringMap(self.labels) },
            launchTemplate: .lazy { self.launchTemplate.map { .init(id: CfnString($0.template.templateID), version: CfnString($0.version)) } },
            nodegroupName: .lazy { self.name.map { CfnString($0) } },
            scalingConfig: .lazy {
                .init(desiredSize: CfnInteger(self.desiredSize), maxSize: CfnInteger(self.maxSize), minSize: CfnInteger(self.minSize))
            },
            tags: .lazy { self.tags.isEmpty ? nil : Nodegroup.stringMap(self.tags) })
    }

    /// The L1 resource (`AWS::EKS::Nodegroup`); edits made through it win over this construct's values.
    public var resource: EKS.CfnNodegroup { l1 }

    private static func stringMap(_ entries: [String: String]) -> CfnMap<CfnString> {
        CfnMap(OrderedDictionary(uniqueKeysWithValues: entries.map { ($0.key, CfnString($0.value)) }))
    }
    /// The node group's name as EKS knows it (`Fn::GetAtt NodegroupName`).
    public var nodegroupName: Value { l1.attrNodegroupName.cfnValue }

    /// Checks at synthesis: the name, subnets, the scaling sizes (0 <= min <= desired <= max), no disk size with a launch template, several instance types for spot.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if !(minSize <= desiredSize && desiredSize <= maxSize) || minSize < 0 || maxSize < 1 {
            found.append(
                .error(node.path, "scaling \(minSize)/\(desiredSize)/\(maxSize) (min/desired/max) is not valid",
                       fix: "use 0 <= min <= desired <= max, with max at least 1"))
        }
        if let name {
            let valid = (1...63).contains(name.count) && name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            if !valid {
                found.append(.error(node.path, "node group name \"\(name)\" is not valid", fix: "use 1-63 letters, digits, - and _, starting with a letter or digit"))
            }
        }
        if subnetIDs.isEmpty {
            found.append(.error(node.path, "the node group has no subnets", fix: "pass subnets:, or create the cluster in a VPC with private subnets"))
        }
        if launchTemplate != nil && diskSize != nil {
            found.append(.error(node.path, "diskSize cannot be used with a launch template", fix: "set the volume size in the launch template instead"))
        }
        if capacityType == .spot && instanceTypes.count < 2 {
            found.append(.warning(node.path, "spot node groups should list several instance types", fix: "give at least two instance types, so that spot capacity can be found"))
        }
        if Set(instanceTypes).count != instanceTypes.count {
            found.append(.error(node.path, "an instance type is listed twice", fix: "list each instance type once"))
        }
        return found
    }
}

/// The node group's own node role, created after `super.init`.
private final class PendingNodeRole: RoleReference {
    var role: Role?
    var roleARN: ARN { role!.roleARN }
}

extension Cluster {
    /// Adds a managed node group at `<cluster>/Nodegroup<id>`. Without `subnets`, nodes run in the cluster
    /// VPC's private-with-NAT subnets; without a `nodeRole`, one is created with the three policies nodes need.
    /// `desiredSize` defaults to `minSize` (at least 1), `maxSize` to `desiredSize`.
    @discardableResult
    public func addNodegroup(
        _ id: String, name: String? = nil, nodeRole: (any RoleReference)? = nil, subnets: [Subnet]? = nil,
        amiType: Nodegroup.AMIType? = nil, capacityType: Nodegroup.CapacityType? = nil, instanceTypes: [String] = [],
        labels: [String: String] = [:], tags: [String: String] = [:],
        launchTemplate: (template: LaunchTemplate, version: Value)? = nil, minSize: Int = 1, desiredSize: Int? = nil,
        maxSize: Int? = nil, diskSize: Int? = nil, forceUpdate: Bool = true
    ) -> Nodegroup {
        let subnetIDs = (subnets ?? vpc?.privateSubnets ?? []).map(\.subnetID)
        return Nodegroup(
            cluster: self, id: id, name: name, nodeRole: nodeRole, subnetIDs: subnetIDs, amiType: amiType,
            capacityType: capacityType, instanceTypes: instanceTypes, labels: labels, tags: tags,
            launchTemplate: launchTemplate.map { ($0.template, $0.version) }, minSize: minSize, desiredSize: desiredSize,
            maxSize: maxSize, diskSize: diskSize, forceUpdate: forceUpdate)
    }
}
