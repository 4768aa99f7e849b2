import KumoJSON

/// An EKS cluster, as the native `AWS::EKS::Cluster` (CDK used a Lambda-backed custom resource,
/// `Custom::AWSCDK-EKS-Cluster`, under the same logical ID).
///
/// ```swift
/// let cluster = Cluster(stack, "EKSCluster", name: "eks-cluster", version: "1.22",
///                       subnetIDs: subnets, endpointAccess: .public)
/// Role(stack, "DBMigratorRole", assumedBy: .serviceAccount("main", "account-for-db-migrator", of: cluster))
/// ```
/// Without a `role`, the cluster gets its own service role (`<id>/Role`, trusting `eks.amazonaws.com`, with
/// `AmazonEKSClusterPolicy`), as CDK creates it. The cluster's IAM OIDC provider for IRSA is created on first
/// use of ``openIDConnectProvider``.
public final class Cluster: Construct {
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
    private var l1: CfnResource!
    private var provider: OpenIDConnectProvider?

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, version: String? = nil, role: (any RoleReference)? = nil,
        subnetIDs: [Value], securityGroupIDs: [Value] = [], endpointAccess: EndpointAccess = .publicAndPrivate,
        authenticationMode: AuthenticationMode? = .apiAndConfigMap, bootstrapClusterCreatorAdminPermissions: Bool? = nil
    ) {
        self.name = name
        self.version = version
        self.subnetIDs = subnetIDs
        self.securityGroupIDs = securityGroupIDs
        self.endpointAccess = endpointAccess
        self.authenticationMode = authenticationMode
        self.bootstrapClusterCreatorAdminPermissions = bootstrapClusterCreatorAdminPermissions
        let placeholder = PendingRole()
        self.role = role ?? placeholder
        super.init(scope, id)
        if role == nil {
            placeholder.role = Role(
                self, "Role", assumedBy: .service("eks.amazonaws.com"),
                managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])
        }
        // CDK kept the cluster at <id>/Resource/Resource (inside its custom-resource wrapper): the same path
        // keeps the logical ID, so that the replacement is visible as such in diffs.
        l1 = CfnResource(Construct(self, "Resource"), "Resource", type: "AWS::EKS::Cluster", required: ["ResourcesVpcConfig", "RoleArn"])
    }

    /// The L1 resource (`AWS::EKS::Cluster`).
    public var resource: CfnResource { l1 }
    /// The cluster's name (`Ref`).
    public var clusterName: Value { l1.ref }
    /// The cluster's ARN.
    public var arn: ARN { ARN(l1.getAtt("Arn")) }
    /// The API server endpoint.
    public var endpoint: Value { l1.getAtt("Endpoint") }
    /// The security group EKS creates for the control plane and managed nodes.
    public var clusterSecurityGroupID: Value { l1.getAtt("ClusterSecurityGroupId") }
    /// The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`).
    public var openIDConnectIssuerURL: Value { l1.getAtt("OpenIdConnectIssuerUrl") }

    /// The IAM OIDC provider of the cluster's issuer, for IAM roles for service accounts (IRSA); created at
    /// `<id>/OpenIdConnectProvider` on first use, with client ID `sts.amazonaws.com`.
    public var openIDConnectProvider: OpenIDConnectProvider {
        if let provider { return provider }
        let created = OpenIDConnectProvider(
            self, "OpenIdConnectProvider", url: openIDConnectIssuerURL, clientIDs: ["sts.amazonaws.com"])
        provider = created
        return created
    }

    public override func prepare() {
        var vpcConfig: OrderedDictionary<String, Value> = ["SubnetIds": .list(subnetIDs)]
        if !securityGroupIDs.isEmpty { vpcConfig["SecurityGroupIds"] = .list(securityGroupIDs) }
        switch endpointAccess {
        case .public(let cidrs):
            vpcConfig["EndpointPublicAccess"] = true
            vpcConfig["EndpointPrivateAccess"] = false
            if !cidrs.isEmpty { vpcConfig["PublicAccessCidrs"] = .strings(cidrs) }
        case .private:
            vpcConfig["EndpointPublicAccess"] = false
            vpcConfig["EndpointPrivateAccess"] = true
        case .publicAndPrivate(let cidrs):
            vpcConfig["EndpointPublicAccess"] = true
            vpcConfig["EndpointPrivateAccess"] = true
            if !cidrs.isEmpty { vpcConfig["PublicAccessCidrs"] = .strings(cidrs) }
        }
        var properties: OrderedDictionary<String, Value> = [
            "ResourcesVpcConfig": .map(vpcConfig), "RoleArn": role.roleARN.value,
        ]
        if authenticationMode != nil || bootstrapClusterCreatorAdminPermissions != nil {
            var access: OrderedDictionary<String, Value> = [:]
            if let authenticationMode { access["AuthenticationMode"] = .string(authenticationMode.rawValue) }
            if let bootstrapClusterCreatorAdminPermissions {
                access["BootstrapClusterCreatorAdminPermissions"] = .bool(bootstrapClusterCreatorAdminPermissions)
            }
            properties["AccessConfig"] = .map(access)
        }
        if let name { properties["Name"] = .string(name) }
        if let version { properties["Version"] = .string(version) }
        l1.properties = properties
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
