import KumoJSON

/// An EKS add-on (`AWS::EKS::Addon`): software EKS installs and updates in the cluster, such as the EKS Pod
/// Identity Agent (``Cluster/addPodIdentityAgent(version:)``), the VPC CNI or CoreDNS.
///
/// ```swift
/// cluster.addAddon("eks-pod-identity-agent", version: "v1.3.4-eksbuild.1")
/// ```
/// Changing the add-on's name (or cluster) replaces it (the resource provider schema's create-only properties).
public final class Addon: Construct {
    /// What to do when the add-on's settings conflict with changes made in the cluster (`.none`, `.overwrite`,
    /// `.preserve`: the values the schema lists).
    public typealias ConflictResolution = EKS.CfnAddon.ResolveConflicts

    /// The cluster the add-on is installed in.
    public let cluster: Cluster
    /// The add-on's name, e.g. `eks-pod-identity-agent`.
    public let name: String
    /// The version (`aws eks describe-addon-versions`); `nil` installs the default version for the cluster.
    public var version: String?
    /// Configuration values, as the JSON text the add-on's schema accepts.
    public var configurationValues: String?
    /// What to do when the add-on's settings conflict with changes made in the cluster (`ResolveConflicts`).
    public var resolveConflicts: ConflictResolution?
    /// Keep the add-on's software in the cluster when the resource is deleted.
    public var preserveOnDelete: Bool?
    /// A role for the add-on's service account (IRSA).
    public var serviceAccountRole: (any RoleReference)?
    /// Pod Identity associations the add-on creates for its service accounts: service account name → role.
    public var podIdentityAssociations: [(serviceAccount: String, role: any RoleReference)]
    /// Tags of the add-on resource.
    public var tags: [String: String]
    private var l1: EKS.CfnAddon!

    /// The add-on `name` of `cluster`; prefer ``Cluster/addAddon(_:version:configurationValues:resolveConflicts:)``.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, cluster: Cluster, name: String, version: String? = nil, configurationValues: String? = nil,
        resolveConflicts: ConflictResolution? = nil, preserveOnDelete: Bool? = nil, serviceAccountRole: (any RoleReference)? = nil,
        podIdentityAssociations: [(serviceAccount: String, role: any RoleReference)] = [], tags: [String: String] = [:]
    ) {
        self.cluster = cluster
        self.name = name
        self.version = version
        self.configurationValues = configurationValues
        self.resolveConflicts = resolveConflicts
        self.preserveOnDelete = preserveOnDelete
        self.serviceAccountRole = serviceAccountRole
        self.podIdentityAssociations = podIdentityAssociations
        self.tags = tags
        super.init(scope, id)
        l1 = EKS.CfnAddon(
            self, "Resource", addonName: CfnString(name), clusterName: CfnString(cluster.clusterName),
            addonVersion: .lazy { self.version.map { CfnString($0) } },
            configurationValues: .lazy { self.configurationValues.map { CfnString($0) } },
            podIdentityAssociations: .lazy {
                self.podIdentityAssociations.isEmpty ? nil : CfnList(self.podIdentityAssociations.map {
                    EKS.CfnAddon.PodIdentityAssociation(roleArn: CfnString($0.role.roleARN.value), serviceAccount: CfnString($0.serviceAccount))
                })
            },
            preserveOnDelete: .lazy { self.preserveOnDelete.map { CfnBool($0) } },
            resolveConflicts: .lazy { self.resolveConflicts },
            serviceAccountRoleArn: .lazy { self.serviceAccountRole.map { CfnString($0.roleARN.value) } },
            tags: .lazy { CfnTag.list(self.tags) })
    }

    /// The L1 resource (`AWS::EKS::Addon`); edits made through it win over this construct's values.
    public var resource: EKS.CfnAddon { l1 }
    /// The add-on's ARN.
    public var arn: ARN { ARN(l1.attrArn.cfnValue) }

    /// The name of the EKS Pod Identity Agent add-on (EKS User Guide, "Set up the Amazon EKS Pod Identity Agent").
    public static let podIdentityAgent = "eks-pod-identity-agent"

    /// Checks at synthesis: a name, JSON configuration values, one add-on of a name per cluster.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if name.isEmpty { found.append(.error(node.path, "the add-on has no name", fix: "name it, e.g. \"eks-pod-identity-agent\"")) }
        if let configurationValues, (try? JSON(parsing: configurationValues)) == nil {
            found.append(.error(node.path, "configurationValues is not JSON", fix: "pass the add-on's configuration as JSON text"))
        }
        let addons = node.root.node.subtree.compactMap { $0 as? Addon }
        if let first = addons.first(where: { $0.cluster === cluster && $0.name == name }), first !== self {
            found.append(.error(node.path, "cluster \(cluster.node.path) already has the add-on \(name) (\(first.node.path))",
                                fix: "install each add-on once per cluster"))
        }
        return found
    }
}

extension Cluster {
    /// Installs an EKS add-on, at `<cluster>/Addon-<name>`.
    @discardableResult
    public func addAddon(_ name: String, version: String? = nil, configurationValues: String? = nil,
                         resolveConflicts: Addon.ConflictResolution? = nil) -> Addon {
        Addon(self, "Addon-\(name)", cluster: self, name: name, version: version, configurationValues: configurationValues,
              resolveConflicts: resolveConflicts)
    }

    /// Installs the EKS Pod Identity Agent add-on (`eks-pod-identity-agent`), which Pod Identity associations need:
    /// it runs as a DaemonSet on Linux EC2 nodes and serves pods their credentials on `169.254.170.23` (EKS User
    /// Guide, "Learn how EKS Pod Identity grants pods access to AWS services").
    @discardableResult
    public func addPodIdentityAgent(version: String? = nil) -> Addon {
        addAddon(Addon.podIdentityAgent, version: version)
    }

    /// Whether the app installs the EKS Pod Identity Agent add-on on this cluster.
    public var hasPodIdentityAgent: Bool {
        node.root.node.subtree.contains { ($0 as? Addon).map { $0.cluster === self && $0.name == Addon.podIdentityAgent } ?? false }
    }
}
