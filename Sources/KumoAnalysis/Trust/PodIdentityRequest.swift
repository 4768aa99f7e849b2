/// A pod asking EKS Pod Identity for credentials: the EKS Pod Identity Agent calls EKS Auth's
/// `AssumeRoleForPodIdentity` (`POST /clusters/{clusterName}/assume-role-for-pod-identity` with the pod's service
/// account token; EKS Auth API Reference, read 2026-12-03), and EKS, as the service principal
/// `pods.eks.amazonaws.com`, calls `sts:AssumeRole` and `sts:TagSession` on the role the service account's
/// association names.
///
/// What that STS request carries, as AWS documents it (EKS User Guide, `pod-id-role` and `pod-id-abac`, read
/// 2026-12-03): the six session tags `eks-cluster-arn`, `eks-cluster-name`, `kubernetes-namespace`,
/// `kubernetes-service-account`, `kubernetes-pod-name`, `kubernetes-pod-uid` — condition keys
/// `aws:RequestTag/<tag>` and `aws:TagKeys` — unless the association disables session tags. AWS does not document
/// whether it carries `aws:SourceAccount` or `aws:SourceArn` (nor which ARN): give ``sourceAccount`` and
/// ``sourceARN`` to state them; otherwise a condition on them is a key the offline request cannot know, taken as
/// the answer that denies access.
public struct PodIdentityRequest: Sendable {
    /// Which cluster the pod runs on.
    public enum ClusterChoice: Hashable, Sendable {
        /// The template's cluster with this name, logical ID or construct ID; `nil`: the template's only cluster.
        case template(String?)
        /// A cluster the template does not define, by ARN (`arn:aws:eks:REGION:ACCOUNT:cluster/NAME`).
        case external(arn: String)
    }

    /// Where the association of (cluster, namespace, service account) comes from.
    public enum Association: Hashable, Sendable {
        /// It must be an `AWS::EKS::PodIdentityAssociation` of the template.
        case fromTemplate
        /// It exists outside the template (eksctl, the console, another stack) and names the role evaluated.
        case given(disableSessionTags: Bool = false)
    }

    public var namespace: String
    public var serviceAccount: String
    public var cluster: ClusterChoice
    public var association: Association
    /// The pod's name and UID (the `kubernetes-pod-name` and `kubernetes-pod-uid` tags).
    public var podName: String
    public var podUID: String
    /// `aws:SourceAccount`, when the test states it (AWS does not document it for Pod Identity).
    public var sourceAccount: String?
    /// `aws:SourceArn`, when the test states it (AWS does not document it for Pod Identity).
    public var sourceARN: String?
    /// The evaluation time, in seconds since 1970 (`aws:CurrentTime`, `aws:EpochTime`).
    public var now: Double

    public init(
        namespace: String, serviceAccount: String, cluster: ClusterChoice = .template(nil), association: Association = .fromTemplate,
        podName: String? = nil, podUID: String = "00000000-0000-4000-8000-000000000000", sourceAccount: String? = nil,
        sourceARN: String? = nil, now: Double
    ) {
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.cluster = cluster
        self.association = association
        self.podName = podName ?? serviceAccount + "-0"
        self.podUID = podUID
        self.sourceAccount = sourceAccount
        self.sourceARN = sourceARN
        self.now = now
    }

    /// `NS:NAME` → (namespace, name), for command lines.
    public static func serviceAccount(_ text: String) throws(TrustError) -> (namespace: String, name: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw TrustError("--pod-identity takes NAMESPACE:SERVICE_ACCOUNT (e.g. main:external-dns), got \"\(text)\": the namespace is needed, since associations name one")
        }
        return (parts[0], parts[1])
    }
}
