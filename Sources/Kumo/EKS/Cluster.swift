import KumoJSON

/// An EKS cluster, as the native `AWS::EKS::Cluster` (CDK used a Lambda-backed custom resource,
/// `Custom::AWSCDK-EKS-Cluster`, under the same logical ID).
///
/// ```swift
/// let cluster = Cluster(stack, "EKSCluster", name: "eks-cluster", version: "1.22", vpc: vpc,
///                       mastersRole: mastersRole, endpointAccess: .public)
/// cluster.grantAccess("AdminRoleAccess", Role.fromName(stack, "AdminRole").roleARN, policy: .clusterAdmin)
/// cluster.addNodegroup("Workers", nodeRole: nodeRole, instanceTypes: ["m5.large"])
/// Role(stack, "DBMigratorRole", assumedBy: .serviceAccount("main", "account-for-db-migrator", of: cluster))
/// ```
/// Without a `role`, the cluster gets its own service role (`<id>/Role`, trusting `eks.amazonaws.com`, with
/// `AmazonEKSClusterPolicy`), as CDK creates it. The cluster's IAM OIDC provider for IRSA is created on first
/// use of ``openIDConnectProvider``.
///
/// Access: the cluster uses authentication mode `API_AND_CONFIG_MAP` by default, and Kumo grants access with
/// native `AWS::EKS::AccessEntry` resources (``grantAccess(_:_:policy:)``) where CDK wrote the `aws-auth`
/// ConfigMap through a kubectl Lambda. Managed node groups need no entry of Kumo's: EKS creates the access
/// entry of a managed node group's node role itself (type `EC2_LINUX`) when the node group is created.
public final class Cluster: Construct, ConnectionsProvider {
    /// Who can reach the Kubernetes API endpoint.
    public enum EndpointAccess: Hashable, Sendable {
        /// From the internet only (optionally restricted to CIDR blocks); nodes reach it through NAT.
        case `public`(cidrs: [String] = [])
        /// From the VPC only.
        case `private`
        /// From the internet (optionally restricted) and from the VPC.
        case publicAndPrivate(cidrs: [String] = [])

        /// Public access from anywhere.
        public static var `public`: EndpointAccess { .public(cidrs: []) }
        /// Public and private access, public from anywhere.
        public static var publicAndPrivate: EndpointAccess { .publicAndPrivate(cidrs: []) }
    }

    /// How Kubernetes identities are mapped from IAM principals.
    public enum AuthenticationMode: String, Sendable {
        /// The `aws-auth` ConfigMap only.
        case configMap = "CONFIG_MAP"
        /// EKS access entries (`AWS::EKS::AccessEntry`) and the `aws-auth` ConfigMap.
        case apiAndConfigMap = "API_AND_CONFIG_MAP"
        /// EKS access entries only.
        case api = "API"
    }

    public var name: String?
    /// The Kubernetes version, e.g. `1.30`.
    public var version: String?
    public var subnetIDs: [Value]
    public var securityGroupIDs: [Value]
    public var endpointAccess: EndpointAccess
    public var authenticationMode: AuthenticationMode?
    /// Whether the identity that creates the cluster gets cluster-admin through an access entry.
    public var bootstrapClusterCreatorAdminPermissions: Bool?
    /// The cluster's service role.
    public let role: any RoleReference
    /// The VPC, when the cluster was created in one.
    public let vpc: Vpc?
    /// The role given cluster-admin (and named in the kubeconfig outputs), if any.
    public let mastersRole: (any RoleReference)?
    /// The control-plane security group Kumo created or was given (VPC clusters only).
    public private(set) var controlPlaneSecurityGroup: SecurityGroup?
    /// The security group EKS creates for the control plane and managed nodes (`ClusterSecurityGroupId`),
    /// at `<id>/ClusterSecurityGroup` so that rules naming it keep CDK's IDs.
    public private(set) var clusterSecurityGroup: ImportedSecurityGroup!
    private var l1: EKS.CfnCluster!
    private var provider: OpenIDConnectProvider?

    /// Creates a cluster in the given subnets (and extra security groups), without a VPC construct.
    @discardableResult
    public convenience init(
        _ scope: Construct, _ id: String, name: String? = nil, version: String? = nil, role: (any RoleReference)? = nil,
        subnetIDs: [Value], securityGroupIDs: [Value] = [], mastersRole: (any RoleReference)? = nil,
        endpointAccess: EndpointAccess = .publicAndPrivate,
        authenticationMode: AuthenticationMode? = .apiAndConfigMap, bootstrapClusterCreatorAdminPermissions: Bool? = nil
    ) {
        self.init(
            scope, id, name: name, version: version, role: role, placement: .subnetIDs(subnetIDs, securityGroupIDs),
            mastersRole: mastersRole, endpointAccess: endpointAccess, authenticationMode: authenticationMode,
            bootstrapClusterCreatorAdminPermissions: bootstrapClusterCreatorAdminPermissions)
    }

    /// Creates a cluster in `vpc`, as AWS CDK's `eks.Cluster` does: a control-plane security group
    /// (`<id>/ControlPlaneSecurityGroup`, unless `securityGroup` is given), the VPC's public then
    /// private-with-NAT subnets (unless `subnets` is given), and the subnet tags that load balancers need
    /// (`kubernetes.io/role/elb` on public subnets, `kubernetes.io/role/internal-elb` on private ones).
    ///
    /// With a `mastersRole`, the stack outputs the `aws eks update-kubeconfig` / `get-token` commands for it
    /// (`<id>/ConfigCommand`, `<id>/GetTokenCommand`) and the role gets cluster-admin through an access entry
    /// (`<id>/mastersRoleAccess`; CDK mapped it to `system:masters` in the `aws-auth` ConfigMap).
    @discardableResult
    public convenience init(
        _ scope: Construct, _ id: String, name: String? = nil, version: String? = nil, role: (any RoleReference)? = nil,
        vpc: Vpc, subnets: [Subnet]? = nil, securityGroup: SecurityGroup? = nil, mastersRole: (any RoleReference)? = nil,
        endpointAccess: EndpointAccess = .publicAndPrivate,
        authenticationMode: AuthenticationMode? = .apiAndConfigMap, bootstrapClusterCreatorAdminPermissions: Bool? = nil
    ) {
        self.init(
            scope, id, name: name, version: version, role: role, placement: .vpc(vpc, subnets, securityGroup),
            mastersRole: mastersRole, endpointAccess: endpointAccess, authenticationMode: authenticationMode,
            bootstrapClusterCreatorAdminPermissions: bootstrapClusterCreatorAdminPermissions)
    }

    private enum Placement {
        case subnetIDs([Value], [Value])
        case vpc(Vpc, [Subnet]?, SecurityGroup?)
    }

    private init(
        _ scope: Construct, _ id: String, name: String?, version: String?, role: (any RoleReference)?,
        placement: Placement, mastersRole: (any RoleReference)?, endpointAccess: EndpointAccess,
        authenticationMode: AuthenticationMode?, bootstrapClusterCreatorAdminPermissions: Bool?
    ) {
        self.name = name
        self.version = version
        self.endpointAccess = endpointAccess
        self.authenticationMode = authenticationMode
        self.bootstrapClusterCreatorAdminPermissions = bootstrapClusterCreatorAdminPermissions
        self.mastersRole = mastersRole
        let placeholder = PendingRole()
        self.role = role ?? placeholder
        switch placement {
        case .subnetIDs(let subnetIDs, let securityGroupIDs):
            self.vpc = nil
            self.subnetIDs = subnetIDs
            self.securityGroupIDs = securityGroupIDs
        case .vpc(let vpc, let subnets, _):
            self.vpc = vpc
            self.subnetIDs = (subnets ?? (vpc.publicSubnets + vpc.privateSubnets)).map(\.subnetID)
            self.securityGroupIDs = []
        }
        super.init(scope, id)
        if role == nil {
            placeholder.role = Role(
                self, "Role", assumedBy: .service("eks.amazonaws.com"),
                managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])
        }
        if case .vpc(let vpc, _, let securityGroup) = placement {
            let group = securityGroup ?? SecurityGroup(self, "ControlPlaneSecurityGroup", vpc: vpc, description: "EKS Control Plane Security Group")
            controlPlaneSecurityGroup = group
            securityGroupIDs = [group.groupID]
            for subnet in vpc.privateSubnets { subnet.node.addTag("kubernetes.io/role/internal-elb", "1") }
            for subnet in vpc.publicSubnets { subnet.node.addTag("kubernetes.io/role/elb", "1") }
        }
        // CDK kept the cluster at <id>/Resource/Resource (inside its custom-resource wrapper): the same path
        // keeps the logical ID, so that the replacement is visible as such in diffs.
        l1 = EKS.CfnCluster(
            Construct(self, "Resource"), "Resource", resourcesVpcConfig: .lazy { self.vpcConfig },
            roleArn: .lazy { CfnString(self.role.roleARN.value) },
            accessConfig: .lazy {
                guard self.authenticationMode != nil || self.bootstrapClusterCreatorAdminPermissions != nil else { return nil }
                return .init(
                    authenticationMode: self.authenticationMode.map { .init(.string($0.rawValue)) },
                    bootstrapClusterCreatorAdminPermissions: self.bootstrapClusterCreatorAdminPermissions.map { CfnBool($0) })
            },
            name: .lazy { self.name.map { CfnString($0) } }, version: .lazy { self.version.map { CfnString($0) } })
        // CDK 2.28.1 created the cluster through a custom resource, which took no tags.
        l1.tagFormat = nil
        clusterSecurityGroup = ImportedSecurityGroup(self, "ClusterSecurityGroup", groupID: l1.attrClusterSecurityGroupId.cfnValue)
        if let mastersRole {
            let options: Value = "--region \(l1.stack.region) --role-arn \(mastersRole.roleARN.value)"
            CfnOutput(self, "ConfigCommand", value: "aws eks update-kubeconfig --name \(l1.ref) \(options)")
            CfnOutput(self, "GetTokenCommand", value: "aws eks get-token --cluster-name \(l1.ref) \(options)")
            grantAccess("mastersRoleAccess", mastersRole.roleARN, policy: .clusterAdmin)
        }
    }

    /// The L1 resource (`AWS::EKS::Cluster`); edits made through it win over this construct's values.
    public var resource: EKS.CfnCluster { l1 }
    /// The cluster's name (`Ref`).
    public var clusterName: Value { l1.ref }
    /// The cluster's ARN.
    public var arn: ARN { ARN(l1.attrArn.cfnValue) }
    /// The API server endpoint.
    public var endpoint: Value { l1.attrEndpoint.cfnValue }
    /// The security group EKS creates for the control plane and managed nodes.
    public var clusterSecurityGroupID: Value { l1.attrClusterSecurityGroupId.cfnValue }
    /// The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`).
    public var openIDConnectIssuerURL: Value { l1.attrOpenIdConnectIssuerUrl.cfnValue }

    /// The cluster security group, then the control-plane security group (CDK's order): allowing traffic
    /// from the cluster allows the control plane and the managed nodes.
    public var connections: Connections {
        Connections(securityGroups: [clusterSecurityGroup] + (controlPlaneSecurityGroup.map { [$0] } ?? []))
    }

    /// The IAM OIDC provider of the cluster's issuer, for IAM roles for service accounts (IRSA); created at
    /// `<id>/OpenIdConnectProvider` on first use, with client ID `sts.amazonaws.com`.
    public var openIDConnectProvider: OpenIDConnectProvider {
        if let provider { return provider }
        let created = OpenIDConnectProvider(
            self, "OpenIdConnectProvider", url: openIDConnectIssuerURL, clientIDs: ["sts.amazonaws.com"])
        provider = created
        return created
    }

    private var vpcConfig: EKS.CfnCluster.ResourcesVpcConfig {
        var config = EKS.CfnCluster.ResourcesVpcConfig(
            subnetIds: CfnList(values: subnetIDs), securityGroupIds: securityGroupIDs.isEmpty ? nil : CfnList(values: securityGroupIDs))
        switch endpointAccess {
        case .public(let cidrs):
            config.endpointPublicAccess = true
            config.endpointPrivateAccess = false
            if !cidrs.isEmpty { config.publicAccessCidrs = CfnList(cidrs) }
        case .private:
            config.endpointPublicAccess = false
            config.endpointPrivateAccess = true
        case .publicAndPrivate(let cidrs):
            config.endpointPublicAccess = true
            config.endpointPrivateAccess = true
            if !cidrs.isEmpty { config.publicAccessCidrs = CfnList(cidrs) }
        }
        return config
    }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name {
            let valid = (1...100).contains(name.count) && name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            if !valid {
                found.append(
                    .error(node.path, "EKS cluster name \"\(name)\" is not valid",
                           fix: "use 1-100 characters: letters, digits, '-' and '_', starting with a letter or digit"))
            }
        }
        if let version {
            let parts = version.split(separator: ".")
            if parts.count != 2 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                found.append(.error(node.path, "Kubernetes version \"\(version)\" is not of the form 1.30", fix: "give major.minor, e.g. \"1.30\""))
            }
        }
        if subnetIDs.count < 2 {
            found.append(
                .error(node.path, "EKS needs subnets in at least two availability zones; \(subnetIDs.count) given",
                       fix: "pass at least two subnets in different availability zones"))
        }
        if let cidrs = publicCIDRs, cidrs.contains(where: { !$0.contains("/") }) {
            found.append(.error(node.path, "public access CIDRs must be blocks like 203.0.113.0/24", fix: "add the prefix length"))
        }
        return found
    }

    private var publicCIDRs: [String]? {
        switch endpointAccess {
        case .public(let cidrs), .publicAndPrivate(let cidrs): cidrs
        case .private: nil
        }
    }
}

/// The cluster's own service role, created after `super.init` (a role needs its scope to exist).
private final class PendingRole: RoleReference {
    var role: Role?
    var roleARN: ARN { role!.roleARN }
}
