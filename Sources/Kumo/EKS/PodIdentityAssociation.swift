import KumoJSON

/// An EKS Pod Identity association (`AWS::EKS::PodIdentityAssociation`): pods of `namespace` running as service
/// account `serviceAccount` in `cluster` get the credentials of `role`, through the EKS Pod Identity Agent
/// (``Cluster/addPodIdentityAgent(version:)``). The role must trust Pod Identity (``Trust/podIdentity(of:namespace:serviceAccount:sourceConditions:where:)``).
///
/// Created by ``Cluster/addPodIdentityAssociation(namespace:serviceAccount:role:disableSessionTags:targetRole:)``. Facts (EKS User Guide, "Learn
/// how EKS Pod Identity grants pods access to AWS services", read 2026-12-03): one role per service account and
/// cluster; roles of the cluster's account only (`targetRole` chains into another account); Linux EC2 nodes only
/// (not Fargate, not Windows). Changing the cluster, namespace or service account replaces the association (the
/// resource provider schema's create-only properties).
public final class PodIdentityAssociation: Construct {
    /// The cluster whose pods get the role.
    public let cluster: Cluster
    /// The service account's Kubernetes namespace.
    public let namespace: String
    /// The service account's name.
    public let serviceAccount: String
    /// The role the pods get; its trust must admit Pod Identity (`kumo check` KUMO-POD-002).
    public let role: any RoleReference
    /// `true` stops EKS from adding its session tags (`kubernetes-namespace`, …): then a trust that conditions on
    /// them denies, and `sts:TagSession` is not needed.
    public var disableSessionTags: Bool?
    /// A role (possibly in another account) that EKS assumes with the association role's credentials.
    public var targetRole: (any RoleReference)?
    /// Tags of the association resource.
    public var tags: [String: String]
    private var l1: EKS.CfnPodIdentityAssociation!

    /// An association `id` of `scope` giving pods of `namespace:serviceAccount` in `cluster` the credentials of `role`.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, cluster: Cluster, namespace: String, serviceAccount: String, role: any RoleReference,
        disableSessionTags: Bool? = nil, targetRole: (any RoleReference)? = nil, tags: [String: String] = [:]
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.role = role
        self.disableSessionTags = disableSessionTags
        self.targetRole = targetRole
        self.tags = tags
        super.init(scope, id)
        l1 = EKS.CfnPodIdentityAssociation(
            self, "Resource", clusterName: CfnString(cluster.clusterName), namespace: CfnString(namespace),
            roleArn: .lazy { CfnString(self.role.roleARN.value) }, serviceAccount: CfnString(serviceAccount),
            disableSessionTags: .lazy { self.disableSessionTags.map { CfnBool($0) } },
            tags: .lazy { CfnTag.list(self.tags) },
            targetRoleArn: .lazy { self.targetRole.map { CfnString($0.roleARN.value) } })
    }

    /// The L1 resource (`AWS::EKS::PodIdentityAssociation`); edits made through it win over this construct's values.
    public var resource: EKS.CfnPodIdentityAssociation { l1 }
    /// The association's ARN (`Ref`).
    public var associationARN: Value { l1.ref }

    /// Checks at synthesis: Kubernetes names for the namespace and service account, a role ARN, one association per service account; a warning without the Pod Identity Agent add-on.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if !KubernetesNames.isLabel(namespace) {
            found.append(.error(node.path, "namespace \"\(namespace)\" is not a Kubernetes namespace name",
                                fix: "use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit"))
        }
        if !KubernetesNames.isSubdomain(serviceAccount) {
            found.append(.error(node.path, "service account \"\(serviceAccount)\" is not a Kubernetes object name",
                                fix: "use 1-253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"))
        }
        if let problem = role.roleARN.problem { found.append(.error(node.path, "role: " + problem, fix: "pass a role, or a role's ARN")) }
        let associations = node.root.node.subtree.compactMap { $0 as? PodIdentityAssociation }
        if let first = associations.first(where: { $0.cluster === cluster && $0.namespace == namespace && $0.serviceAccount == serviceAccount }),
           first !== self
        {
            found.append(.error(node.path, "service account \(namespace)/\(serviceAccount) already has a Pod Identity association in this cluster (\(first.node.path))",
                                fix: "EKS associates one role per service account and cluster: remove one association, or use another service account"))
        }
        if !cluster.hasPodIdentityAgent {
            found.append(.warning(node.path, "cluster \(cluster.node.path) has no eks-pod-identity-agent add-on in this app: pods get no Pod Identity credentials without the agent",
                                  fix: "add it with cluster.addPodIdentityAgent(), unless the cluster runs EKS Auto Mode or installs the agent otherwise"))
        }
        return found
    }
}

/// Kubernetes object names (Kubernetes documentation, "Object Names and IDs").
enum KubernetesNames {
    /// An RFC 1123 label: namespaces (at most 63 characters).
    static func isLabel(_ name: String) -> Bool {
        (1...63).contains(name.utf8.count) && isDNSName(name, allowDots: false)
    }

    /// An RFC 1123 subdomain: most object names, service accounts included (at most 253 characters).
    static func isSubdomain(_ name: String) -> Bool {
        (1...253).contains(name.utf8.count) && isDNSName(name, allowDots: true)
    }

    private static func isDNSName(_ name: String, allowDots: Bool) -> Bool {
        let bytes = Array(name.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || (allowDots && $0 == UInt8(ascii: ".")) }
    }
}

extension Cluster {
    /// Gives the pods of `namespace` that run as `serviceAccount` the credentials of `role`, through EKS Pod
    /// Identity: an `AWS::EKS::PodIdentityAssociation` at `<cluster>/PodIdentity-<namespace>-<serviceAccount>`.
    ///
    /// ```swift
    /// let role = Role(stack, "ExternalDNSRole", assumedBy: .podIdentity(of: cluster, namespace: "main", serviceAccount: "external-dns"))
    /// cluster.addPodIdentityAgent()
    /// cluster.addPodIdentityAssociation(namespace: "main", serviceAccount: "external-dns", role: role)
    /// ```
    @discardableResult
    public func addPodIdentityAssociation(
        namespace: String, serviceAccount: String, role: any RoleReference, disableSessionTags: Bool? = nil,
        targetRole: (any RoleReference)? = nil
    ) -> PodIdentityAssociation {
        PodIdentityAssociation(
            self, "PodIdentity-\(namespace)-\(serviceAccount)", cluster: self, namespace: namespace, serviceAccount: serviceAccount,
            role: role, disableSessionTags: disableSessionTags, targetRole: targetRole)
    }
}
