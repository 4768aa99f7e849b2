import KumoJSON
import KumoPolicy

/// What a Pod Identity decision was about.
public struct PodIdentityFacts: Sendable, Hashable {
    /// The cluster's name and ARN (resolved; deploy-time parts readable, `<…>`).
    public var clusterName: String
    public var clusterARN: String
    /// The cluster's logical ID, when the template defines it.
    public var clusterLogicalID: String?
    public var namespace: String
    public var serviceAccount: String
    /// The association's logical ID (nil when it was given, or missing).
    public var association: String?
    /// The role the association names (logical ID when in the template, else its ARN).
    public var associatedRole: String?
    /// Whether EKS sends its session tags (false when the association disables them).
    public var sessionTags: Bool
}

extension TrustEvaluator {
    /// The six session tags EKS Pod Identity attaches (EKS User Guide, `pod-id-role`, read 2026-12-03).
    public static let podIdentityTags = [
        "eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name",
        "kubernetes-pod-uid",
    ]
    /// The service principal of EKS Pod Identity.
    public static let podIdentityPrincipal = "pods.eks.amazonaws.com"

    /// Decides whether a pod running as `request`'s service account gets the credentials of a role through EKS
    /// Pod Identity — as EKS and IAM would:
    ///
    /// 1. **EKS**: the cluster (the template's, or one given by ARN); an association for (cluster, namespace,
    ///    service account) in the template (or given); the role it names (the role asked about, when `role` is
    ///    given); the role in the cluster's account ("You can only associate roles that are in the same AWS
    ///    account as the cluster", EKS User Guide, Pod Identity considerations).
    /// 2. **IAM**: the role's trust policy must allow `sts:AssumeRole` to the service principal
    ///    `pods.eks.amazonaws.com`, and — unless the association disables session tags — `sts:TagSession`, with
    ///    KumoPolicy's condition semantics; the context is the six session tags as `aws:RequestTag/…`,
    ///    `aws:TagKeys`, `aws:CurrentTime`, `aws:EpochTime`, `aws:SecureTransport`, and `aws:SourceAccount` /
    ///    `aws:SourceArn` only when the request states them.
    ///
    /// - Parameter role: the role (logical ID, name, ARN, construct path); `nil` evaluates the role the
    ///   association names.
    /// - Throws: ``TrustError`` when the question cannot be answered: a cluster that is neither in the template nor
    ///   given by ARN, no role given and no association, an unreadable association, an invalid trust policy.
    public func evaluate(role key: String?, _ request: PodIdentityRequest) throws(TrustError) -> TrustDecision {
        let template = model.template
        let eks: EKSModel
        do {
            eks = try EKSModel(template)
        } catch {
            throw TrustError(error.description)
        }
        // The cluster.
        let clusterName: String, clusterARN: String, clusterID: String?
        switch request.cluster {
        case .template(let wanted):
            if let wanted {
                if let cluster = eks.cluster(wanted) {
                    (clusterName, clusterARN, clusterID) = (cluster.name, cluster.arn, cluster.logicalID)
                } else if eks.associations.contains(where: { $0.clusterName == wanted }) {
                    // A cluster outside the template, named by the template's associations.
                    let partition = template.environment.partition ?? Symbol.pseudo("AWS::Partition").encoded
                    let region = template.environment.region ?? Symbol.pseudo("AWS::Region").encoded
                    let account = template.environment.account ?? Symbol.pseudo("AWS::AccountId").encoded
                    (clusterName, clusterARN, clusterID) = (wanted, "arn:\(partition):eks:\(region):\(account):cluster/\(wanted)", nil)
                } else {
                    let known = eks.clusters.map { "\(template.display($0.name)) (\($0.logicalID))" }
                    throw TrustError("no EKS cluster \"\(wanted)\" in \(template.name)" + (known.isEmpty
                        ? ": the template defines no cluster and no association names it (give the cluster's ARN for a cluster outside the template)"
                        : "; its clusters: " + known.joined(separator: ", ")))
                }
            } else {
                let named = Set(eks.associations.map(\.clusterName))
                if eks.clusters.count == 1 {
                    let cluster = eks.clusters[0]
                    (clusterName, clusterARN, clusterID) = (cluster.name, cluster.arn, cluster.logicalID)
                } else if eks.clusters.isEmpty, named.count == 1, let only = named.first {
                    return try evaluate(role: key, PodIdentityRequest(
                        namespace: request.namespace, serviceAccount: request.serviceAccount, cluster: .template(only),
                        association: request.association, podName: request.podName, podUID: request.podUID,
                        sourceAccount: request.sourceAccount, sourceARN: request.sourceARN, now: request.now))
                } else if eks.clusters.isEmpty {
                    throw TrustError("\(template.name) defines no EKS cluster\(named.isEmpty ? "" : " and its associations name several (\(named.sorted().map(template.display).joined(separator: ", ")))"): name the cluster (--cluster NAME)")
                } else {
                    throw TrustError("\(template.name) defines several EKS clusters (\(eks.clusters.map { template.display($0.name) }.joined(separator: ", "))): name one (--cluster NAME)")
                }
            }
        case .external(let arn):
            guard arn.hasPrefix("arn:"), arn.contains(":eks:"), let slash = arn.range(of: ":cluster/") else {
                throw TrustError("\"\(arn)\" is not an EKS cluster ARN (arn:aws:eks:REGION:ACCOUNT:cluster/NAME)")
            }
            (clusterName, clusterARN, clusterID) = (String(arn[slash.upperBound...]), arn, nil)
        }
        var facts = PodIdentityFacts(
            clusterName: template.display(clusterName), clusterARN: template.display(clusterARN), clusterLogicalID: clusterID,
            namespace: request.namespace, serviceAccount: request.serviceAccount, association: nil, associatedRole: nil, sessionTags: true)
        let who = "service account \(request.namespace)/\(request.serviceAccount) on cluster \(facts.clusterName)"

        // The role asked about.
        var roleID: String?
        if let key {
            guard let id = roleIndex[key] else {
                _ = try resolveRole(key)
                throw TrustError("no role \"\(key)\"")
            }
            roleID = id
        }
        var decision = TrustDecision(outcome: .deny, role: roleID ?? "", roleName: roleID.map { roleNames[$0] ?? $0 } ?? "")
        decision.podIdentity = facts
        Self.pass(&decision, "cluster", stage: .eks, "cluster \(facts.clusterName)" + (clusterID.map { " (\($0))" } ?? " (outside the template)") + ", ARN \(facts.clusterARN)")

        // EKS: the association.
        let associations = eks.associations(ofCluster: clusterName)
        let matching = associations.first { $0.namespace == request.namespace && $0.serviceAccount == request.serviceAccount }
        var sessionTags = true
        switch (matching, request.association) {
        case (let association?, _):
            facts.association = association.logicalID
            sessionTags = !association.disableSessionTags
            let target = model.roles.first { $0.arn == association.roleARN }
            facts.associatedRole = target?.logicalID ?? template.display(association.roleARN)
            if roleID == nil {
                guard let target else {
                    throw TrustError("the association \(association.logicalID) names role \(template.display(association.roleARN)), which \(template.name) does not define")
                }
                roleID = target.logicalID
                decision.role = target.logicalID
                decision.roleName = roleNames[target.logicalID] ?? target.logicalID
            }
            if target?.logicalID != roleID {
                decision.podIdentity = facts
                return Self.failEKS(&decision, "association",
                    "the association \(association.logicalID) gives \(who) role \(facts.associatedRole ?? "?"), not \(decision.roleName): EKS never assumes \(decision.roleName) for these pods")
            }
            Self.pass(&decision, "association", stage: .eks,
                      "association \(association.logicalID) gives \(who) role \(decision.roleName)" + (sessionTags ? "" : " (session tags disabled)"))
        case (nil, .given(let disable)):
            sessionTags = !disable
            guard roleID != nil else { throw TrustError("the association of \(who) is given, but no role: name the role (--role)") }
            facts.associatedRole = roleID
            Self.pass(&decision, "association", stage: .eks, "the association of \(who) with role \(decision.roleName) is given (outside the template)" + (disable ? "; session tags disabled" : ""))
        case (nil, .fromTemplate):
            guard roleID != nil else {
                throw TrustError("no Pod Identity association for \(who) in \(template.name), and no role given: name the role (--role) to see whether its trust would admit the pod")
            }
            let others = associations.map { "\($0.namespace)/\($0.serviceAccount)" }
            decision.podIdentity = facts
            return Self.failEKS(&decision, "association",
                "no Pod Identity association for \(who) in \(template.name)" + (others.isEmpty ? " (the cluster has none)" : " (the cluster's associations: \(others.joined(separator: ", ")))")
                    + ": the pod gets no Pod Identity credentials; add one (Kumo: cluster.addPodIdentityAssociation(namespace: \"\(request.namespace)\", serviceAccount: \"\(request.serviceAccount)\", role: role)), or state that it exists outside the template")
        }
        facts.sessionTags = sessionTags
        decision.podIdentity = facts
        guard let id = roleID, let prepared = roles[id] else { throw TrustError("no role \"\(key ?? "")\"") }
        let role: PreparedRole
        switch prepared {
        case .success(let ready):
            role = ready
        case .failure(let error) where error.needsIssuer:
            // The role also trusts a cluster's OIDC provider (IRSA), whose issuer is known only at deploy time. A Pod
            // Identity request carries no issuer key, so any stand-in issuer gives the same answer.
            let standIn = TrustEvaluator(model: model, issuerURL: Checker.placeholderIssuer(region: template.environment.region))
            guard let ready = try standIn.roles[id]?.get() else { throw error }
            role = ready
        case .failure(let error):
            throw error
        }

        // EKS: roles of the cluster's account only.
        let roleAccount = Self.account(of: role.arn), clusterAccount = Self.account(of: clusterARN)
        if let roleAccount, let clusterAccount, !Symbol.isSymbolic(roleAccount), !Symbol.isSymbolic(clusterAccount), roleAccount != clusterAccount {
            return Self.failEKS(&decision, "account",
                "role \(decision.roleName) is in account \(roleAccount), the cluster in \(clusterAccount): EKS only associates roles of the cluster's account (EKS User Guide, Pod Identity considerations; a role of another account is reached with the association's targetRoleArn)")
        }

        // IAM: sts:AssumeRole (and sts:TagSession) by pods.eks.amazonaws.com.
        var entries: [(key: String, values: [String])] = []
        if sessionTags {
            let values = [clusterARN, clusterName, request.namespace, request.serviceAccount, request.podName, request.podUID]
            for (tag, value) in zip(Self.podIdentityTags, values) { entries.append(("aws:RequestTag/" + tag, [value])) }
            entries.append(("aws:TagKeys", Self.podIdentityTags))
        }
        if let account = request.sourceAccount { entries.append(("aws:SourceAccount", [account])) }
        if let arn = request.sourceARN { entries.append(("aws:SourceArn", [arn])) }
        let epoch = request.now.rounded(.down)
        entries += [("aws:CurrentTime", [ISO8601.format(epoch)]), ("aws:EpochTime", [JSONNumberFormat.javaScript(epoch)]), ("aws:SecureTransport", ["true"])]
        var context = RequestContext()
        for (key, values) in entries { context.append(values, forKey: key) }
        decision.requestContext = entries.map { ($0.key, $0.values.map(template.display)) }
        let known = Set(entries.map { $0.key.lowercased() })
        let unknown = role.document.statements.map { statement in
            statement.conditions.indices.filter { i in
                let key = statement.conditions[i].key.lowercased()
                return !known.contains(key) && !key.hasPrefix("aws:requesttag/")
            }
        }
        let principal = RequestPrincipal.service(Self.podIdentityPrincipal)
        var assume = role.document.evaluate(AuthorizationRequest(principal: principal, action: "sts:AssumeRole", resource: role.arn, context: context))
        decision.unknownKeys = Self.applyUnknownKeys(&assume, unknown)
        decision.policyDecision = assume
        decision.checks.append(.init(stage: .iam, name: "trust", passed: assume.isAllowed, detail: .trust(action: "sts:AssumeRole", subject: who, decision: assume)))
        guard assume.isAllowed else { return decision }
        if sessionTags {
            var tag = role.document.evaluate(AuthorizationRequest(principal: principal, action: "sts:TagSession", resource: role.arn, context: context))
            decision.unknownKeys += Self.applyUnknownKeys(&tag, unknown).filter { !decision.unknownKeys.contains($0) }
            decision.tagSessionDecision = tag
            var check = TrustDecision.Check(stage: .iam, name: "tags", passed: tag.isAllowed, detail: .trust(action: "sts:TagSession", subject: who, decision: tag))
            if !tag.isAllowed {
                check = TrustDecision.Check(stage: .iam, name: "tags", passed: false, message: check.message
                    + " — EKS Pod Identity attaches session tags, so the trust must allow sts:TagSession too (EKS User Guide, pod-id-role), or the association must disable session tags")
            }
            decision.checks.append(check)
            guard tag.isAllowed else { return decision }
        }
        decision.outcome = .allow
        return decision
    }

    /// The roles whose trust policy names the Pod Identity service principal.
    public var podIdentityRoles: [String] {
        model.roles.filter { role in
            PolicyStatement.statements(of: role.trust).contains { $0.principals.contains { $0.type == "Service" && $0.value == Self.podIdentityPrincipal } }
        }.map(\.logicalID)
    }

    static func pass(_ decision: inout TrustDecision, _ name: String, stage: TrustDecision.Check.Stage, _ message: String) {
        decision.checks.append(.init(stage: stage, name: name, passed: true, message: message))
    }

    static func failEKS(_ decision: inout TrustDecision, _ name: String, _ message: String) -> TrustDecision {
        decision.checks.append(.init(stage: .eks, name: name, passed: false, message: message))
        return decision
    }

    /// The account of an ARN (`arn:partition:service:region:ACCOUNT:…`).
    static func account(of arn: String) -> String? {
        guard let parts = ARN(arn), !parts.account.isEmpty else { return nil }
        return parts.account
    }
}
