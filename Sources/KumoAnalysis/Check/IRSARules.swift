import KumoJSON
import KumoPolicy

/// Rules for IAM roles for service accounts: trusts of an EKS cluster's OIDC provider (`KUMO-IRSA-…`).
/// Subjects are `system:serviceaccount:NAMESPACE:NAME`.
enum IRSARules {
    static let prefix = "system:serviceaccount:"

    enum Breadth: Equatable {
        /// Every namespace (and service account) of the cluster.
        case clusterWide
        /// Every service account of one namespace.
        case namespaceWide(String)
        case narrower
    }

    static func breadth(_ pattern: String) -> Breadth {
        // Probes: a namespace and service account that nobody names.
        let probeNamespace = "kumo-probe-namespace-0", probeName = "kumo-probe-account-0"
        if Wildcard.matches(prefix + probeNamespace + ":" + probeName, pattern: pattern) { return .clusterWide }
        guard pattern.hasPrefix(prefix) else { return .narrower }
        let rest = pattern.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return .narrower }
        let namespace = String(rest[..<colon])
        if Wildcard.containsWildcard(namespace) { return .clusterWide }
        if Wildcard.matches(prefix + namespace + ":" + probeName, pattern: pattern) { return .namespaceWide(namespace) }
        return .narrower
    }

    /// - Parameter misplaced: claims the statement conditions on under another issuer's keys (reported once, as
    ///   `KUMO-IRSA-004`, by ``TrustRules``): their absence here is not reported again.
    static func check(
        _ statement: PolicyStatement, issuer: String, role: IAMModel.Role, at: Finding.Location, _ context: TemplateCheck,
        misplaced: Set<String> = []
    ) -> [Finding] {
        var findings: [Finding] = []
        let label = "\(statement.path) of role \(context.display(role.name))"
        let expression = IssuerExpression.of(issuer, role: role, context)
        let subKey = expression.key("sub"), audKey = expression.key("aud")
        let where_ = expression.note.map { " (\($0))" } ?? ""
        let subjects = statement.conditions.filter { $0.isClaim("sub", of: issuer) && $0.isPositiveRestriction }
        if subjects.isEmpty && !misplaced.contains("sub") {
            findings.append(Finding(
                CheckRules.irsaNoSubject, at: at,
                "\(label) trusts the cluster's OIDC provider without a condition on \(subKey): every service account of every namespace can assume the role",
                fix: "add \"StringEquals\": {\"\(subKey)\": \"system:serviceaccount:NAMESPACE:NAME\"}\(where_) (Kumo: assumedBy: .serviceAccount(\"NAMESPACE\", \"NAME\", of: cluster))"))
        }
        for condition in subjects where condition.op?.allowsWildcards == true {
            for value in condition.values {
                switch breadth(value) {
                case .clusterWide:
                    findings.append(Finding(
                        CheckRules.irsaNoSubject, at: at,
                        "\(label): \(condition.operatorName) \(subKey) = \"\(value)\" admits service accounts of every namespace",
                        fix: "name the namespace and the service account: \"StringEquals\": {\"\(subKey)\": \"system:serviceaccount:NAMESPACE:NAME\"}\(where_)"))
                case .namespaceWide(let namespace):
                    findings.append(Finding(
                        CheckRules.irsaNamespaceWildcard, at: at,
                        "\(label): \(condition.operatorName) \(subKey) = \"\(value)\" admits every service account of namespace \(namespace)",
                        fix: "name the service account: \"StringEquals\": {\"\(subKey)\": \"system:serviceaccount:\(namespace):NAME\"}\(where_) "
                            + "(Kumo: .serviceAccount(\"\(namespace)\", \"NAME\", of: cluster))"))
                case .narrower:
                    break
                }
            }
        }
        let audiences = statement.conditions.filter { $0.isClaim("aud", of: issuer) && $0.isPositiveRestriction }
        if audiences.isEmpty && !misplaced.contains("aud") {
            let subject = subjects.first?.values.first.map { value -> (String, String)? in
                guard value.hasPrefix(prefix) else { return nil }
                let parts = value.dropFirst(prefix.count).split(separator: ":", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            } ?? nil
            let kumo = subject.map { ".serviceAccount(\"\($0.0)\", \"\($0.1)\", of: cluster, audience: \"sts.amazonaws.com\")" }
                ?? ".serviceAccount(NAMESPACE, NAME, of: cluster, audience: \"sts.amazonaws.com\")"
            findings.append(Finding(
                CheckRules.irsaNoAudience, at: at,
                "\(label) trusts the cluster's OIDC provider without a condition on \(audKey) (AWS's IRSA trust conditions on sub and aud)",
                fix: "add \"StringEquals\": {\"\(audKey)\": \"sts.amazonaws.com\"}\(where_) (Kumo: assumedBy: \(kumo))"))
        }
        return findings
    }

    /// One subject (or pattern) an IRSA role trusts.
    struct Subject {
        var issuer: String
        var value: String
        var isPattern: Bool
        var model: IAMModel
        var role: IAMModel.Role
    }

    static func subjects(of model: IAMModel) -> [Subject] {
        var result: [Subject] = []
        for role in model.roles {
            for statement in PolicyStatement.statements(of: role.trust) where statement.isAllow && statement.coversWebIdentity {
                for principal in statement.principals where principal.type == "Federated" {
                    guard case .eks(let issuer) = IdentityIssuer(principal: principal.value) else { continue }
                    for condition in statement.conditions where condition.isClaim("sub", of: issuer) && condition.isPositiveRestriction {
                        let wildcards = condition.op?.allowsWildcards ?? false
                        for value in condition.values {
                            result.append(Subject(issuer: issuer.lowercased(), value: value, isPattern: wildcards && Wildcard.containsWildcard(value), model: model, role: role))
                        }
                    }
                }
            }
        }
        return result
    }

    /// `KUMO-IRSA-003`: roles that admit a common service account — one finding per role and shared subject,
    /// naming the other roles.
    static func sharedSubjects(_ models: [IAMModel], location: (IAMModel, String) -> Finding.Location) -> [Finding] {
        let all = models.flatMap(subjects(of:))
        func sameRole(_ a: Subject, _ b: Subject) -> Bool {
            a.role.logicalID == b.role.logicalID && a.model.template.name == b.model.template.name
        }
        // Shared subject → the subjects (roles) admitting it: equal literals by dictionary, patterns pairwise.
        var groups: OrderedDictionary<String, [Int]> = [:]
        var patterns: [Int] = []
        for (i, s) in all.enumerated() {
            if s.isPattern { patterns.append(i) } else { groups[s.issuer + "\u{1F}" + s.value, default: []].append(i) }
        }
        for p in patterns {
            for j in all.indices where j != p && all[j].issuer == all[p].issuer && !sameRole(all[p], all[j]) {
                let a = all[p], b = all[j]
                let shared: String?
                if !b.isPattern { shared = Wildcard.matches(b.value, pattern: a.value) ? b.value : nil }
                else { shared = a.value == b.value || Wildcard.matches(a.value, pattern: b.value) || Wildcard.matches(b.value, pattern: a.value) ? (a.value < b.value ? a.value : b.value) : nil }
                guard let shared else { continue }
                let key = a.issuer + "\u{1F}" + shared
                for index in [p, j] where !(groups[key] ?? []).contains(index) { groups[key, default: []].append(index) }
            }
        }
        var findings: [Finding] = []
        var reported: Set<String> = []
        for (key, members) in groups {
            let shared = String(key[key.index(after: key.firstIndex(of: "\u{1F}")!)...])
            // One entry per role (a role may admit the subject through several values).
            var seen: Set<String> = []
            let roles = members.map { all[$0] }.filter { seen.insert($0.model.template.name + "/" + $0.role.logicalID).inserted }
            guard roles.count > 1 else { continue }
            for this in roles {
                let others = roles.filter { !sameRole($0, this) }
                guard reported.insert("\(this.model.template.name)/\(this.role.logicalID)|\(shared)").inserted else { continue }
                let names = others.prefix(3).map { other in
                    "role " + other.model.template.display(other.role.name)
                        + (other.model.template.name == this.model.template.name ? "" : " (stack \(other.model.template.name))")
                }.joined(separator: ", ") + (others.count > 3 ? " and \(others.count - 3) more" : "")
                findings.append(Finding(
                    CheckRules.irsaSharedSubject, at: location(this.model, this.role.logicalID),
                    "role \(this.model.template.display(this.role.name)) and \(names) all trust \(shared): "
                        + "a pod running as it can assume each of them and gets the union of their permissions",
                    fix: "give each workload its own service account, and trust each service account from one role"))
            }
        }
        return findings
    }
}
