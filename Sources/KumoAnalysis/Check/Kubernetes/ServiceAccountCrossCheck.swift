import Foundation
import KumoJSON
import KumoPolicy

/// The ServiceAccount ↔ IRSA cross-check (`kumo check --manifests DIR`):
///
/// - every ServiceAccount annotated `eks.amazonaws.com/role-arn` names a role of the assembly (`KUMO-K8S-001`),
///   with a well-formed ARN (`KUMO-K8S-005`), whose trust admits `system:serviceaccount:NS:NAME` — decided by the
///   ``TrustEvaluator`` with the token EKS would project (`KUMO-K8S-002`);
/// - every IRSA role of the assembly is named by some ServiceAccount (`KUMO-K8S-003`);
/// - every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) naming a service account, and every
///   External Secrets `SecretStore` / `ClusterSecretStore` authenticating with `serviceAccountRef`, uses a
///   ServiceAccount of the manifests that has a role (`KUMO-K8S-004`).
struct ServiceAccountCrossCheck {
    static let roleAnnotation = "eks.amazonaws.com/role-arn"
    static let audienceAnnotation = "eks.amazonaws.com/audience"

    let models: [IAMModel]
    /// The templates' EKS content (Pod Identity associations), in the order of `models`.
    var eksModels: [EKSModel] = []
    let manifests: KubernetesManifests
    let issuerURL: String?
    let location: (IAMModel, String) -> Finding.Location

    struct Account: Hashable {
        var namespace: String
        var name: String
        var subject: String { "system:serviceaccount:\(namespace):\(name)" }
        var label: String { "\(namespace)/\(name)" }
    }

    func objectLocation(_ object: KubernetesManifests.Object) -> Finding.Location {
        Finding.Location(file: object.file, line: object.line, object: object.label)
    }

    func run() -> [Finding] {
        var findings: [Finding] = []
        var serviceAccounts: [Account: KubernetesManifests.Object] = [:]
        var usedRoles: Set<String> = []  // "stack/logicalID"
        for object in manifests.objects where object.kind == "ServiceAccount" && object.apiVersion == "v1" {
            let account = Account(namespace: object.namespace, name: object.name)
            serviceAccounts[account] = object
            guard let annotation = object.annotations[Self.roleAnnotation] else { continue }
            for (model, association) in associations(of: account) {
                let associated = model.roles.first { $0.arn == association.roleARN }.map { model.template.display($0.name) } ?? model.template.display(association.roleARN)
                findings.append(Finding(
                    CheckRules.k8sIRSAWinsOverPodIdentity, at: objectLocation(object),
                    "ServiceAccount \(account.label) has the IRSA annotation \(Self.roleAnnotation) = \(annotation.stringValue ?? annotation.kindDescription) "
                        + "and the Pod Identity association \(association.logicalID) (stack \(model.template.name)) to role \(associated): its pods get IRSA's "
                        + "web-identity credentials for \(annotation.stringValue.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "the annotated role"), "
                        + "not Pod Identity's (the AWS SDKs find the web-identity token first)",
                    fix: "to switch the pods to Pod Identity, remove the \(Self.roleAnnotation) annotation and restart them; to stay on IRSA, remove the association"))
            }
            guard let arn = annotation.stringValue?.trimmingWhitespace, Self.isRoleARN(arn) else {
                findings.append(Finding(
                    CheckRules.k8sMalformedARN, at: objectLocation(object),
                    "\(Self.roleAnnotation) = \(annotation.stringValue.map { "\"\($0)\"" } ?? annotation.kindDescription) is not an IAM role ARN",
                    fix: "write arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME (with the role's path, if any, before its name)"))
                continue
            }
            guard let (model, role) = findRole(arn) else {
                findings.append(Finding(
                    CheckRules.k8sUnknownRole, at: objectLocation(object),
                    "\(Self.roleAnnotation) names \(arn), which no stack of the assembly defines" + suggestion(for: arn),
                    fix: "use the ARN of the role meant for \(account.subject), or define that role in the stack"))
                continue
            }
            usedRoles.insert("\(model.template.name)/\(role.logicalID)")
            let audience = object.annotations[Self.audienceAnnotation]?.stringValue ?? "sts.amazonaws.com"
            if let problem = admission(of: account, to: role, in: model, audience: audience) {
                var at = location(model, role.logicalID)
                at.object = nil
                findings.append(Finding(
                    CheckRules.k8sTrustMismatch, at: at,
                    "ServiceAccount \(account.label) (\(object.file)\(object.line.map { ":\($0)" } ?? "")) uses role "
                        + "\(model.template.display(role.name)), whose trust does not admit \(account.subject): \(problem)",
                    fix: "make the role trust \(account.subject) (Kumo: .serviceAccount(\"\(account.namespace)\", \"\(account.name)\", of: cluster)), "
                        + "or correct the ServiceAccount's namespace, name or annotation"))
            }
        }

        // Workloads and secret stores.
        for object in manifests.objects {
            for (account, what) in usedAccounts(object) {
                guard let serviceAccount = serviceAccounts[account] else {
                    findings.append(Finding(
                        CheckRules.k8sNoRole, at: objectLocation(object),
                        "\(what) service account \(account.label), which the manifests do not define",
                        fix: "add a ServiceAccount \(account.name) in namespace \(account.namespace) annotated with \(Self.roleAnnotation)"))
                    continue
                }
                if serviceAccount.annotations[Self.roleAnnotation] == nil && associations(of: account).isEmpty {
                    findings.append(Finding(
                        CheckRules.k8sNoRole, at: objectLocation(object),
                        "\(what) service account \(account.label), which has neither a \(Self.roleAnnotation) annotation nor a Pod Identity "
                            + "association: the pods get no IAM role of their own",
                        fix: "annotate ServiceAccount \(account.label) with \(Self.roleAnnotation): <the role's ARN>, or give it a Pod Identity "
                            + "association (Kumo: cluster.addPodIdentityAssociation(namespace: \"\(account.namespace)\", serviceAccount: \"\(account.name)\", role: role))"))
                }
            }
        }

        // Associations for service accounts the manifests do not define.
        for (index, eks) in eksModels.enumerated() where index < models.count {
            for association in eks.associations
            where serviceAccounts[Account(namespace: association.namespace, name: association.serviceAccount)] == nil {
                findings.append(Finding(
                    CheckRules.k8sAssociationWithoutServiceAccount, at: location(models[index], association.logicalID),
                    "the Pod Identity association gives service account \(association.namespace)/\(association.serviceAccount) "
                        + "a role, but the manifests define no such ServiceAccount",
                    fix: "add a ServiceAccount \(association.serviceAccount) in namespace \(association.namespace), or correct the association"))
            }
        }

        // IRSA roles nobody uses.
        for model in models {
            for role in model.roles where Self.isIRSARole(role) && !usedRoles.contains("\(model.template.name)/\(role.logicalID)") {
                let subjects = IRSARules.subjects(of: model).filter { $0.role.logicalID == role.logicalID }.map(\.value)
                findings.append(Finding(
                    CheckRules.k8sUnusedRole, at: location(model, role.logicalID),
                    "IRSA role \(model.template.display(role.name)) (trusting \(subjects.isEmpty ? "the cluster's provider" : subjects.joined(separator: ", "))) "
                        + "is not named by any ServiceAccount of the manifests",
                    fix: "annotate the workload's ServiceAccount with \(Self.roleAnnotation): \(model.template.display(role.arn)), or remove the role"))
            }
        }
        return findings
    }

    /// The Pod Identity associations of the templates for a service account (any cluster).
    func associations(of account: Account) -> [(IAMModel, EKSModel.PodIdentityAssociation)] {
        zip(models, eksModels).flatMap { model, eks in
            eks.associations.filter { $0.namespace == account.namespace && $0.serviceAccount == account.name }.map { (model, $0) }
        }
    }

    /// The service accounts an object makes pods (or External Secrets) use, with a description for messages.
    func usedAccounts(_ object: KubernetesManifests.Object) -> [(Account, String)] {
        let json = object.json
        let podSpec: JSON?
        switch object.kind {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job": podSpec = json["spec"]?["template"]?["spec"]
        case "CronJob": podSpec = json["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
        case "Pod": podSpec = json["spec"]
        case "SecretStore", "ClusterSecretStore":
            guard object.apiVersion.hasPrefix("external-secrets.io/"),
                  let reference = json["spec"]?["provider"]?["aws"]?["auth"]?["jwt"]?["serviceAccountRef"],
                  let name = reference["name"]?.stringValue
            else { return [] }
            let namespace = reference["namespace"]?.stringValue ?? (object.kind == "SecretStore" ? object.namespace : "default")
            return [(Account(namespace: namespace, name: name), "\(object.label) authenticates to AWS (jwt serviceAccountRef) as")]
        default: return []
        }
        guard let spec = podSpec, let name = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue,
              !name.isEmpty, name != "default"
        else { return [] }
        return [(Account(namespace: object.namespace, name: name), "\(object.label) runs its pods as")]
    }

    /// `arn:<partition>:iam::<12 digits>:role/[path/]name`.
    static func isRoleARN(_ arn: String) -> Bool {
        guard let parts = ARN(arn), parts.partition.hasPrefix("aws"), parts.service == "iam", parts.region.isEmpty,
              parts.account.count == 12, parts.account.allSatisfy(\.isNumber), parts.resource.hasPrefix("role/")
        else { return false }
        let name = parts.resource.split(separator: "/").last ?? ""
        return !name.isEmpty && name.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }
    }

    /// Whether a role trusts an EKS cluster's OIDC provider.
    static func isIRSARole(_ role: IAMModel.Role) -> Bool {
        PolicyStatement.statements(of: role.trust).contains { statement in
            statement.isAllow && statement.coversWebIdentity
                && statement.principals.contains { $0.type == "Federated" && { if case .eks = IdentityIssuer(principal: $0.value) { true } else { false } }($0) }
        }
    }

    /// The role whose ARN is `arn`: literally, or with the template's deploy-time values (account, partition, a
    /// generated role name `<stack>-<logical ID>-<suffix>`) matching the corresponding part.
    func findRole(_ arn: String) -> (IAMModel, IAMModel.Role)? {
        for model in models {
            for role in model.roles where Self.matches(arn, role.arn, stack: model.template.name) { return (model, role) }
        }
        return nil
    }

    static func matches(_ arn: String, _ roleARN: String, stack: String) -> Bool {
        if arn == roleARN { return true }
        guard Symbol.isSymbolic(roleARN) else { return false }
        // Each symbol matches one run of characters without ':' (and, for a generated name, a CloudFormation name).
        var pattern: [(String?, Symbol?)] = []
        for part in Symbol.parts(of: roleARN) {
            switch part {
            case .text(let t): pattern.append((t, nil))
            case .symbol(let s): pattern.append((nil, s))
            }
        }
        func match(_ i: Int, _ rest: Substring) -> Bool {
            guard i < pattern.count else { return rest.isEmpty }
            if let text = pattern[i].0 {
                return rest.hasPrefix(text) && match(i + 1, rest.dropFirst(text.count))
            }
            var end = rest.startIndex
            while true {
                let candidate = rest[rest.startIndex..<end]
                if !candidate.isEmpty, accepts(pattern[i].1!, candidate, stack: stack), match(i + 1, rest[end...]) { return true }
                guard end < rest.endIndex, rest[end] != ":" else { return false }
                end = rest.index(after: end)
            }
        }
        return match(0, Substring(arn))
    }

    private static func accepts(_ symbol: Symbol, _ value: Substring, stack: String) -> Bool {
        switch symbol {
        case .pseudo("AWS::AccountId"): value.count == 12 && value.allSatisfy(\.isNumber)
        case .pseudo("AWS::Partition"): value.hasPrefix("aws")
        case .ref(let logicalID):
            // CloudFormation names a role <stack>-<logical ID, maybe cut>-<random suffix>.
            value.hasPrefix(stack + "-") && value.dropFirst(stack.count + 1).hasPrefix(logicalID.prefix(min(logicalID.count, 8)))
        default: !value.contains("/")
        }
    }

    /// Why the role's trust denies the token EKS would project for `account` (`nil` when it admits it).
    func admission(of account: Account, to role: IAMModel.Role, in model: IAMModel, audience: String) -> String? {
        let issuerURL = self.issuerURL ?? Checker.placeholderIssuer(region: model.template.environment.region)
        var issuers: [String] = []
        var shown: [String: String] = [:]  // the placeholder host → the readable deploy-time issuer
        for statement in PolicyStatement.statements(of: role.trust) where statement.isAllow && statement.coversWebIdentity {
            for principal in statement.principals where principal.type == "Federated" {
                guard case .eks(let issuer) = IdentityIssuer(principal: principal.value) else { continue }
                let url = Symbol.isSymbolic(issuer) ? issuerURL : "https://" + issuer
                if self.issuerURL == nil, Symbol.isSymbolic(issuer) { shown[String(issuerURL.dropFirst(8))] = model.template.display(issuer) }
                if !issuers.contains(url) { issuers.append(url) }
            }
        }
        guard !issuers.isEmpty else {
            return "the role is not an IRSA role (its trust has no sts:AssumeRoleWithWebIdentity statement for an EKS cluster's OIDC provider)"
        }
        let evaluator = TrustEvaluator(model: model, issuerURL: issuerURL)
        let now = 1_800_000_000.0
        var reasons: [String] = []
        for iss in issuers {
            let request = WebIdentityRequest(
                claims: ["iss": .string(iss), "sub": .string(account.subject), "aud": .array([.string(audience)]),
                         "exp": .number(now + 3600), "iat": .number(now), "nbf": .number(now)],
                now: now)
            do {
                let decision = try evaluator.evaluate(role: role.logicalID, request)
                if decision.isAllowed { return nil }
                reasons += decision.reasons.map { reason in
                    shown.reduce(model.template.display(reason)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                }
            } catch {
                reasons.append(error.description)
            }
        }
        return reasons.joined(separator: "; ")
    }

    /// ` (did you mean …?)` for the role of the assembly whose name is closest to the ARN's.
    func suggestion(for arn: String) -> String {
        let wanted = String(arn.split(separator: "/").last ?? "")
        var best: (Int, String)?
        for model in models {
            for role in model.roles where !Symbol.isSymbolic(role.name) {
                let distance = Self.editDistance(wanted, role.name)
                if distance <= max(3, wanted.count / 3), distance < (best?.0 ?? .max) { best = (distance, role.arn) }
            }
        }
        return best.map { " (did you mean \($0.1)?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
