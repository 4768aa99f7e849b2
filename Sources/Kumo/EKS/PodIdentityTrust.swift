/// The session tags EKS Pod Identity adds when it assumes a role: in the trust policy they are
/// `aws:RequestTag/<tag>`, in permission policies `aws:PrincipalTag/<tag>`.
///
/// Source: EKS User Guide, "Create IAM role with trust policy required by EKS Pod Identity" (`pod-id-role`) and
/// "Grant Pods access to AWS resources based on tags" (`pod-id-abac`), read 2026-12-03: "When the Pod Identity IAM
/// Role is assumed, it sends the following Request Tags: eks-cluster-arn, eks-cluster-name, kubernetes-namespace,
/// kubernetes-service-account, kubernetes-pod-name, kubernetes-pod-uid". An association with `DisableSessionTags`
/// sends none.
public enum PodIdentityTag: String, CaseIterable, Hashable, Sendable {
    /// The cluster's ARN.
    case clusterARN = "eks-cluster-arn"
    /// The cluster's name.
    case clusterName = "eks-cluster-name"
    /// The pod's namespace.
    case namespace = "kubernetes-namespace"
    /// The pod's service account.
    case serviceAccount = "kubernetes-service-account"
    /// The pod's name.
    case podName = "kubernetes-pod-name"
    /// The pod's UID.
    case podUID = "kubernetes-pod-uid"

    /// The condition key of this tag in a trust policy: `aws:RequestTag/kubernetes-namespace`.
    public var requestTagKey: String { "aws:RequestTag/" + rawValue }
    /// The condition key (or policy variable name) of this tag in a permission policy:
    /// `aws:PrincipalTag/kubernetes-namespace`.
    public var principalTagKey: String { "aws:PrincipalTag/" + rawValue }
}

extension Trust {
    /// The service principal EKS Pod Identity assumes roles as (EKS User Guide, `pod-id-role`).
    public static let podIdentityService = "pods.eks.amazonaws.com"

    /// EKS Pod Identity: pods whose service account has a Pod Identity association to this role
    /// (``Cluster/addPodIdentityAssociation(namespace:serviceAccount:role:disableSessionTags:targetRole:)``) get its credentials. The statement
    /// is AWS's documented trust — principal `pods.eks.amazonaws.com`, actions `sts:AssumeRole` and
    /// `sts:TagSession` (EKS uses `TagSession` to attach its session tags) — with conditions on those session tags:
    ///
    /// ```swift
    /// Role(stack, "ExternalDNSRole", assumedBy: .podIdentity(of: cluster, namespace: "main", serviceAccount: "external-dns"))
    /// ```
    /// gives `StringEquals` `aws:RequestTag/eks-cluster-arn` = the cluster's ARN, `aws:RequestTag/kubernetes-namespace`
    /// = `main`, `aws:RequestTag/kubernetes-service-account` = `external-dns`. Each is optional: without a cluster,
    /// any cluster of the account can use the role through an association (the role works across clusters, which
    /// is what Pod Identity is for, and `kumo check` says so: `KUMO-POD-001`).
    ///
    /// - Parameters:
    ///   - cluster: restrict the role to this cluster, by the documented `eks-cluster-arn` session tag.
    ///   - namespace: restrict it to pods of this namespace (`kubernetes-namespace`).
    ///   - serviceAccount: restrict it to this service account (`kubernetes-service-account`).
    ///   - sourceConditions: also add the confused-deputy keys of AWS's cross-service guidance for EKS
    ///     (`StringEquals aws:SourceAccount` = the stack's account, `ArnEquals aws:SourceArn` = the cluster's
    ///     ARN; EKS User Guide, "Cross-service confused deputy prevention in Amazon EKS", which gives the cluster
    ///     ARN as EKS's source ARN). The Pod Identity pages do not say that EKS Auth's `AssumeRole` carries these
    ///     keys, so Kumo's trust evaluator treats them as unknown unless a test states them; prefer `cluster:`,
    ///     whose tag AWS documents. Needs `cluster`.
    ///   - conditions: further conditions (e.g. on `aws:RequestTag/kubernetes-pod-name`).
    public static func podIdentity(
        of cluster: Cluster? = nil, namespace: String? = nil, serviceAccount: String? = nil, sourceConditions: Bool = false,
        @ConditionBuilder where conditions: () -> [Condition] = { [] }
    ) -> Trust {
        var all: [Condition] = []
        if let cluster { all.append(Condition(.stringEquals, .string(PodIdentityTag.clusterARN.requestTagKey), cluster.arn.value)) }
        if let namespace { all.append(Condition(.stringEquals, .string(PodIdentityTag.namespace.requestTagKey), .string(namespace))) }
        if let serviceAccount {
            all.append(Condition(.stringEquals, .string(PodIdentityTag.serviceAccount.requestTagKey), .string(serviceAccount)))
        }
        if sourceConditions, let cluster {
            all.append(Condition(.stringEquals, "aws:SourceAccount", cluster.resource.stack.account))
            all.append(Condition(.arnEquals, "aws:SourceArn", cluster.arn.value))
        }
        all += conditions()
        return Trust(.service(podIdentityService), actions: ["sts:AssumeRole", "sts:TagSession"], conditions: all)
    }
}
