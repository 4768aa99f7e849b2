import KumoJSON
import KumoPolicy

/// Rules for EKS Pod Identity (`KUMO-POD-…`): trusts of `pods.eks.amazonaws.com` and the template's
/// `AWS::EKS::PodIdentityAssociation`s, judged with the ``TrustEvaluator`` (the same decision as `kumo simulate
/// --pod-identity`).
enum PodIdentityRules {
    static let principal = TrustEvaluator.podIdentityPrincipal
    /// Condition keys that restrict which cluster's pods a Pod Identity trust admits.
    static let clusterKeys = ["aws:requesttag/eks-cluster-arn", "aws:requesttag/eks-cluster-name", "aws:sourcearn"]
    static let workloadKeys = ["aws:requesttag/kubernetes-namespace", "aws:requesttag/kubernetes-service-account", "aws:requesttag/kubernetes-pod-name"]

    /// Whether a trust statement is an Allow of `sts:AssumeRole` to the Pod Identity principal.
    static func isPodIdentity(_ statement: PolicyStatement) -> Bool {
        statement.isAllow && statement.principals.contains { $0.type == "Service" && $0.value == principal }
            && (statement.notActions.isEmpty
                ? statement.actions.contains { Wildcard.matches("sts:assumerole", pattern: $0.lowercased()) }
                : !statement.notActions.contains { Wildcard.matches("sts:assumerole", pattern: $0.lowercased()) })
    }

    /// `KUMO-POD-001`, per role.
    static func trust(_ role: IAMModel.Role, _ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        for statement in PolicyStatement.statements(of: role.trust) where isPodIdentity(statement) {
            let restricting = statement.conditions.filter(\.isPositiveRestriction).map { $0.key.lowercased() }
            let cluster = restricting.contains { clusterKeys.contains($0) }
            let workload = restricting.contains { workloadKeys.contains($0) }
            guard !cluster || !workload else { continue }
            let open = [cluster ? nil : "the cluster", workload ? nil : "the namespace and service account"].compactMap { $0 }
            let associations = context.eks.associations.filter { association in
                context.model.roles.first { $0.arn == association.roleARN }?.logicalID == role.logicalID
            }
            let example = associations.first
            let clusterHint = example.map { context.display($0.clusterName) } ?? "CLUSTER"
            let kumo = ".podIdentity(of: cluster, namespace: \"\(example?.namespace ?? "NAMESPACE")\", serviceAccount: \"\(example?.serviceAccount ?? "NAME")\")"
            var conditions: [String] = []
            if !cluster { conditions.append("aws:RequestTag/eks-cluster-arn = arn:aws:eks:REGION:ACCOUNT:cluster/\(clusterHint)") }
            if !workload {
                conditions.append("aws:RequestTag/kubernetes-namespace = \(example?.namespace ?? "NAMESPACE")")
                conditions.append("aws:RequestTag/kubernetes-service-account = \(example?.serviceAccount ?? "NAME")")
            }
            findings.append(Finding(
                CheckRules.podIdentityAnyCluster, at: context.location(role.logicalID),
                "\(statement.path) of role \(context.display(role.name)) trusts EKS Pod Identity (\(principal)) without a condition on "
                    + open.joined(separator: " or ")
                    + ": an association in \(cluster ? "its cluster" : "any cluster of the account") can give the role to "
                    + (workload ? "these pods" : "any pod") + (associations.isEmpty ? "" : " (today: \(associations.map { "\($0.namespace)/\($0.serviceAccount)" }.joined(separator: ", ")))"),
                fix: "add StringEquals " + conditions.joined(separator: ", ") + " (Kumo: assumedBy: \(kumo))"))
        }
        return findings
    }

    /// `KUMO-POD-002` (per association) and `KUMO-POD-003` (per role trusting a service account both ways).
    static func associations(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        guard !context.eks.associations.isEmpty else { return [] }
        let evaluator = TrustEvaluator(model: context.model)
        for association in context.eks.associations {
            guard let role = context.model.roles.first(where: { $0.arn == association.roleARN }) else { continue }
            let who = "\(association.namespace)/\(association.serviceAccount)"
            let request = PodIdentityRequest(
                namespace: association.namespace, serviceAccount: association.serviceAccount, cluster: .template(association.clusterName), now: 1_800_000_000)
            let decision: TrustDecision
            do {
                decision = try evaluator.evaluate(role: role.logicalID, request)
            } catch {
                continue
            }
            // A denial that rests on deploy-time values (a cluster ARN whose account or region the template does not
            // know) cannot be decided offline: no POD-002 then.
            let undecidable = !decision.isAllowed && [decision.policyDecision, decision.tagSessionDecision].contains { policy in
                policy?.statements.contains { $0.conditions.contains { !$0.result && ($0.actual ?? []).contains(where: Symbol.isSymbolic) } } ?? false
            }
            if !decision.isAllowed && !undecidable {
                findings.append(Finding(
                    CheckRules.podIdentityUntrustedRole, at: context.location(association.logicalID),
                    "the association gives service account \(who) of cluster \(context.display(association.clusterName)) role "
                        + "\(context.display(role.name)), whose trust does not admit it: " + decision.reasons.map(context.display).joined(separator: "; "),
                    fix: "make role \(context.display(role.name)) trust Pod Identity for \(who) with sts:AssumeRole and sts:TagSession "
                        + "(Kumo: assumedBy: .podIdentity(of: cluster, namespace: \"\(association.namespace)\", serviceAccount: \"\(association.serviceAccount)\"), "
                        + "or role.allowAssume(by: .podIdentity(…)) during a move from IRSA)"))
                continue
            }
            let subject = "system:serviceaccount:\(association.namespace):\(association.serviceAccount)"
            let irsa = IRSARules.subjects(of: context.model).filter { $0.role.logicalID == role.logicalID && Wildcard.matches(subject, pattern: $0.value) && ($0.isPattern || $0.value == subject) }
            if let first = irsa.first {
                findings.append(Finding(
                    CheckRules.podIdentityAndIRSA, at: context.location(role.logicalID),
                    "role \(context.display(role.name)) trusts service account \(who) through both IRSA (\(first.isPattern ? "pattern " : "")\(first.value)) and "
                        + "Pod Identity (association \(association.logicalID)): pods get IRSA's credentials while their ServiceAccount carries "
                        + "the eks.amazonaws.com/role-arn annotation, Pod Identity's once it is removed",
                    fix: "remove the annotation from ServiceAccount \(who) and restart its pods; then remove the role's IRSA statement "
                        + "(Kumo: assumedBy: .podIdentity(of: cluster, namespace: \"\(association.namespace)\", serviceAccount: \"\(association.serviceAccount)\") alone)"))
            }
        }
        return findings
    }
}
