/// `kumo diff` for EKS Pod Identity associations: an association gives the pods of one service account on one
/// cluster a role, so it is judged as a change of who may use the role.
///
/// - an association added (or a service account, namespace or cluster now named) — that service account gains the
///   role: **broadening**; removed: **narrowing**;
/// - an association pointing a service account to another role: the new role gains the service account
///   (**broadening**), the old one loses it (**narrowing**);
/// - session tags disabled or enabled: **changed (review)** — a trust that conditions on the tags then denies (or
///   admits) the pods, which only the trust can tell.
///
/// Changes of a trust's session-tag conditions (`aws:RequestTag/kubernetes-namespace` widened to `*`, …) are trust
/// changes like any other, judged by ``IAMDiffer``.
struct PodIdentityDiffer {
    let old: (model: IAMModel, eks: EKSModel)
    let new: (model: IAMModel, eks: EKSModel)

    /// One service account of one cluster, and the role its association gives it.
    struct Grant: Hashable {
        var cluster: String
        var namespace: String
        var serviceAccount: String
        var roleARN: String
        var association: String
        var disableSessionTags: Bool
    }

    static func grants(_ eks: EKSModel) -> [Grant] {
        eks.associations.map {
            Grant(cluster: $0.clusterName, namespace: $0.namespace, serviceAccount: $0.serviceAccount, roleARN: $0.roleARN,
                  association: $0.logicalID, disableSessionTags: $0.disableSessionTags)
        }
    }

    func diff() -> [IAMChange] {
        let before = Self.grants(old.eks), after = Self.grants(new.eks)
        func key(_ g: Grant) -> String { [g.cluster, g.namespace, g.serviceAccount].joined(separator: "\u{1F}") }
        let oldByAccount = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newByAccount = Dictionary(after.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [IAMChange] = []
        for grant in after {
            let previous = oldByAccount[key(grant)]
            if previous?.roleARN == grant.roleARN {
                if let previous, previous.disableSessionTags != grant.disableSessionTags {
                    changes.append(change(grant, side: new, classification: .review,
                        reason: grant.disableSessionTags
                            ? "session tags disabled: a trust that conditions on aws:RequestTag/… now denies these pods, and sts:TagSession is no longer needed"
                            : "session tags enabled: the trust must now allow sts:TagSession, and its aws:RequestTag/… conditions apply",
                        old: [previous.disableSessionTags ? "DisableSessionTags true" : "session tags"],
                        new: [grant.disableSessionTags ? "DisableSessionTags true" : "session tags"], property: "DisableSessionTags"))
                }
                continue
            }
            let moved = previous.map { " (it had \(Self.roleName($0.roleARN, old)))" } ?? ""
            changes.append(change(grant, side: new, classification: .broadening,
                reason: "service account \(grant.namespace)/\(grant.serviceAccount) of cluster \(new.model.template.display(grant.cluster)) now gets this role through Pod Identity\(moved)",
                old: [], new: [account(grant, new)], property: previous == nil ? nil : "RoleArn"))
        }
        for grant in before {
            let next = newByAccount[key(grant)]
            guard next?.roleARN != grant.roleARN else { continue }
            let moved = next.map { " (it now gets \(Self.roleName($0.roleARN, new)))" } ?? " (the association is removed)"
            changes.append(change(grant, side: old, classification: .narrowing,
                reason: "service account \(grant.namespace)/\(grant.serviceAccount) of cluster \(old.model.template.display(grant.cluster)) no longer gets this role through Pod Identity\(moved)",
                old: [account(grant, old)], new: [], property: next == nil ? nil : "RoleArn", resource: next?.association))
        }
        return changes
    }

    private func account(_ grant: Grant, _ side: (model: IAMModel, eks: EKSModel)) -> String {
        "\(grant.namespace)/\(grant.serviceAccount) on cluster \(side.model.template.display(grant.cluster)) (association \(grant.association))"
    }

    static func roleName(_ arn: String, _ side: (model: IAMModel, eks: EKSModel)) -> String {
        side.model.roles.first { $0.arn == arn }.map { "role " + side.model.template.display($0.name) } ?? side.model.template.display(arn)
    }

    private func change(
        _ grant: Grant, side: (model: IAMModel, eks: EKSModel), classification: Classification, reason: String, old: [String], new: [String],
        property: String?, resource: String? = nil
    ) -> IAMChange {
        let role = side.model.roles.first { $0.arn == grant.roleARN }
        let subject = IAMChange.Subject(
            kind: .role, logicalID: role?.logicalID ?? side.model.template.display(grant.roleARN),
            name: role.map { side.model.template.display($0.name) },
            displayName: role.map { IAMDiffer.displayName($0.constructPath, $0.logicalID) } ?? side.model.template.display(grant.roleARN))
        return IAMChange(
            subject: subject, document: .trust, kind: .principalChanged, classification: classification,
            statement: "Pod Identity association · Service pods.eks.amazonaws.com", element: "Pod Identity association",
            old: old, new: new, reason: reason, resourceLogicalID: resource ?? grant.association, property: property)
    }
}
