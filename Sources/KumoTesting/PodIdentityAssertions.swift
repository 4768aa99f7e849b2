import KumoAnalysis
import Testing

/// A pod asking for a role's credentials through EKS Pod Identity, described by what it stands for: its
/// service account, the cluster it runs on and where the association comes from.
///
/// ```swift
/// .podIdentity("main", "external-dns")                                   // the template's cluster and association
/// .podIdentity("main", "external-dns").onCluster("other-cluster")        // another cluster of the template
/// .podIdentity("main", "external-dns").onCluster(arn: "arn:aws:eks:ap-northeast-1:999999999999:cluster/x")
///     .associatedOutsideTemplate()                                      // an association the template does not hold
/// ```
public struct PodIdentityCall: Sendable, CustomStringConvertible {
    var namespace: String
    var serviceAccount: String
    var cluster: PodIdentityRequest.ClusterChoice = .template(nil)
    var association: PodIdentityRequest.Association = .fromTemplate
    var podName: String?
    var sourceAccount: String?
    var sourceARN: String?

    /// A pod of `namespace` running as `serviceAccount`, on the template's cluster, whose association must be in
    /// the template.
    public static func podIdentity(_ namespace: String, _ serviceAccount: String) -> PodIdentityCall {
        PodIdentityCall(namespace: namespace, serviceAccount: serviceAccount)
    }

    /// On the template's cluster with this name (or logical ID).
    public func onCluster(_ name: String) -> PodIdentityCall { with { $0.cluster = .template(name) } }
    /// On a cluster the template does not define.
    public func onCluster(arn: String) -> PodIdentityCall { with { $0.cluster = .external(arn: arn) } }
    /// The association exists outside the template (eksctl, the console, another stack) and names the role.
    public func associatedOutsideTemplate(disableSessionTags: Bool = false) -> PodIdentityCall {
        with { $0.association = .given(disableSessionTags: disableSessionTags) }
    }
    /// The pod's name (the `kubernetes-pod-name` session tag).
    public func pod(_ name: String) -> PodIdentityCall { with { $0.podName = name } }
    /// States `aws:SourceAccount` and `aws:SourceArn`, which AWS does not document for Pod Identity.
    public func source(account: String? = nil, arn: String? = nil) -> PodIdentityCall {
        with {
            $0.sourceAccount = account
            $0.sourceARN = arn
        }
    }

    private func with(_ edit: (inout PodIdentityCall) -> Void) -> PodIdentityCall {
        var copy = self
        edit(&copy)
        return copy
    }

    /// The request at `now`.
    public func request(now: Double) -> PodIdentityRequest {
        PodIdentityRequest(
            namespace: namespace, serviceAccount: serviceAccount, cluster: cluster, association: association, podName: podName,
            sourceAccount: sourceAccount, sourceARN: sourceARN, now: now)
    }

    /// `Pod Identity <namespace>/<service account> on cluster <name>`, and what the call changes.
    public var description: String {
        var text = "Pod Identity \(namespace)/\(serviceAccount)"
        switch cluster {
        case .template(let name?): text += " on cluster \(name)"
        case .template(nil): break
        case .external(let arn): text += " on cluster \(arn)"
        }
        if case .given(let disabled) = association { text += ", association outside the template" + (disabled ? " without session tags" : "") }
        return text
    }
}

extension RoleTrust {
    /// The decision for a Pod Identity request (`TrustEvaluator.evaluate(role:_:)` with a `PodIdentityRequest`).
    public func decision(for call: PodIdentityCall) throws(TrustError) -> TrustDecision {
        try evaluator.evaluate(role: role, call.request(now: now))
    }

    /// Records an issue, with the decision's explanation, unless the pod gets the role's credentials.
    @discardableResult
    public func expectAllowed(_ call: PodIdentityCall, sourceLocation: SourceLocation = #_sourceLocation) -> TrustDecision? {
        expect(call, allowed: true, because: nil, sourceLocation: sourceLocation) { () throws(TrustError) in try decision(for: call) }
    }

    /// Records an issue unless the pod is denied the role — and, when `fragment` is given, unless the reason
    /// contains it ("no Pod Identity association", "sts:TagSession", "does not match").
    @discardableResult
    public func expectDenied(_ call: PodIdentityCall, because fragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> TrustDecision? {
        expect(call, allowed: false, because: fragment, sourceLocation: sourceLocation) { () throws(TrustError) in try decision(for: call) }
    }
}
