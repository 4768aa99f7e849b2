import KumoJSON

/// An EKS access policy and the scope it applies to (`AmazonEKSClusterAdminPolicy` on the whole cluster, …).
public struct AccessPolicy: Hashable, Sendable {
    /// Where the policy applies.
    public enum Scope: Hashable, Sendable {
        /// Every namespace and the cluster-scoped resources.
        case cluster
        /// Only these namespaces.
        case namespaces([String])
    }

    /// The policy's name, e.g. `AmazonEKSClusterAdminPolicy`.
    public let name: String
    /// Where the policy applies.
    public let scope: Scope

    /// The access policy `name` (`AmazonEKSViewPolicy`) applied in `scope`.
    public init(_ name: String, scope: Scope) {
        self.name = name
        self.scope = scope
    }

    /// Kubernetes `cluster-admin` on the whole cluster (what `system:masters` gave through `aws-auth`).
    public static let clusterAdmin = AccessPolicy("AmazonEKSClusterAdminPolicy", scope: .cluster)
    /// `admin` in `scope`.
    public static func admin(_ scope: Scope = .cluster) -> AccessPolicy { AccessPolicy("AmazonEKSAdminPolicy", scope: scope) }
    /// `edit` in `scope`.
    public static func edit(_ scope: Scope = .cluster) -> AccessPolicy { AccessPolicy("AmazonEKSEditPolicy", scope: scope) }
    /// `view` in `scope`.
    public static func view(_ scope: Scope = .cluster) -> AccessPolicy { AccessPolicy("AmazonEKSViewPolicy", scope: scope) }
}

/// Access of an IAM principal to a cluster's Kubernetes API (`AWS::EKS::AccessEntry`), with the access
/// policies associated to it. Needs the cluster's authentication mode `API` or `API_AND_CONFIG_MAP`.
///
/// Created by ``Cluster/grantAccess(_:_:policies:)``.
public final class AccessEntry: Construct {
    /// The cluster the principal gets access to.
    public let cluster: Cluster
    /// The IAM role or user (`PrincipalArn`).
    public let principal: ARN
    /// The access policies associated with the entry (`AccessPolicies`).
    public var policies: [AccessPolicy]
    /// Kubernetes groups the principal is put in (for RBAC bindings of your own).
    public var kubernetesGroups: [String]
    /// The Kubernetes user name the principal is mapped to; EKS derives one when `nil`.
    public var username: String?
    private var l1: EKS.CfnAccessEntry!

    /// An access entry `id` of `scope` giving `principal` the `policies` in `cluster`; prefer ``Cluster/grantAccess(_:_:policies:)``.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, cluster: Cluster, principal: ARN, policies: [AccessPolicy],
        kubernetesGroups: [String] = [], username: String? = nil
    ) {
        self.cluster = cluster
        self.principal = principal
        self.policies = policies
        self.kubernetesGroups = kubernetesGroups
        self.username = username
        super.init(scope, id)
        l1 = EKS.CfnAccessEntry(
            self, "Resource", clusterName: CfnString(cluster.clusterName), principalArn: .lazy { CfnString(self.principal.value) },
            accessPolicies: .lazy {
                self.policies.isEmpty ? nil : CfnList(self.policies.map { policy in
                    let scope: EKS.CfnAccessEntry.AccessScope = switch policy.scope {
                    case .cluster: .init(type: .cluster)
                    case .namespaces(let names): .init(type: .namespace, namespaces: CfnList(names))
                    }
                    return .init(accessScope: scope, policyArn: CfnString(self.policyARN(policy)))
                })
            },
            kubernetesGroups: .lazy { self.kubernetesGroups.isEmpty ? nil : CfnList(self.kubernetesGroups) },
            username: .lazy { self.username.map { CfnString($0) } })
        // The access entries replace CDK 2.28.1's aws-auth ConfigMap; they take no tags, as that had none.
        l1.tagFormat = nil
    }

    /// The L1 resource (`AWS::EKS::AccessEntry`); edits made through it win over this construct's values.
    public var resource: EKS.CfnAccessEntry { l1 }

    /// `arn:<partition>:eks::aws:cluster-access-policy/<name>`, with the partition as a literal when the
    /// stack's region is known.
    func policyARN(_ policy: AccessPolicy) -> Value {
        let partition: Value = l1.stack.knownPartition.map(Value.string) ?? l1.stack.partition
        return "arn:\(partition):eks::aws:cluster-access-policy/\(policy.name)"
    }

    /// Checks at synthesis: the cluster's authentication mode allows access entries, the principal is an ARN, namespace scopes list namespaces, no `system:` groups.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if cluster.authenticationMode == nil || cluster.authenticationMode == .configMap {
            found.append(
                .error(node.path, "access entries need the cluster's authentication mode API or API_AND_CONFIG_MAP",
                       fix: "create the cluster with authenticationMode: .apiAndConfigMap (the default) or .api"))
        }
        if let problem = principal.problem { found.append(.error(node.path, "principal: " + problem, fix: "pass a role's or user's ARN")) }
        for policy in policies {
            if case .namespaces(let names) = policy.scope, names.isEmpty {
                found.append(.error(node.path, "access policy \(policy.name) is scoped to no namespace", fix: "list namespaces, or use .cluster"))
            }
        }
        if kubernetesGroups.contains(where: { $0.hasPrefix("system:") }) {
            found.append(.error(node.path, "Kubernetes groups of access entries may not start with system:", fix: "associate an access policy (e.g. .clusterAdmin) instead of system:masters"))
        }
        return found
    }
}

extension Cluster {
    /// Gives an IAM principal access to the cluster with access policies, as an access entry at `<cluster>/<id>`.
    @discardableResult
    public func grantAccess(_ id: String, _ principalARN: ARN, policies: [AccessPolicy]) -> AccessEntry {
        AccessEntry(self, id, cluster: self, principal: principalARN, policies: policies)
    }

    /// Gives an IAM principal access to the cluster with one access policy (e.g. `.clusterAdmin`).
    @discardableResult
    public func grantAccess(_ id: String, _ principalARN: ARN, policy: AccessPolicy) -> AccessEntry {
        grantAccess(id, principalARN, policies: [policy])
    }
}
