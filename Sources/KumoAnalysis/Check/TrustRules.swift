import KumoJSON
import KumoPolicy

/// Rules for every trust policy (`KUMO-TRUST-…`), and the dispatch to the GitHub and IRSA rules by the
/// statement's `Federated` principal.
enum TrustRules {
    /// Condition keys that carry one value per request, where `ForAllValues:` is vacuous.
    static let singleValuedGlobalKeys: Set<String> = [
        "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:principalarn", "aws:principalaccount",
        "aws:principalorgid", "aws:principaltype", "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce",
        "aws:securetransport", "aws:requestedregion", "aws:userid", "aws:username", "aws:currenttime",
        "aws:epochtime", "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:referer", "aws:useragent",
        "aws:principalisawsservice", "aws:viaawsservice", "aws:sourceidentity", "sts:externalid",
        "sts:rolesessionname", "sts:sourceidentity",
    ]

    static func isSingleValued(_ key: String) -> Bool {
        let lower = key.lowercased()
        if singleValuedGlobalKeys.contains(lower) { return true }
        guard IdentityIssuer.issuerPart(ofKey: key) != nil, let colon = lower.lastIndex(of: ":") else { return false }
        let claim = String(lower[lower.index(after: colon)...])
        return ["sub", "aud", "azp", "iss"].contains(claim) || TrustEvaluator.gitHubClaimKeys.contains(claim)
    }

    static func check(_ role: IAMModel.Role, _ context: TemplateCheck) -> [Finding] {
        let at = context.location(role.logicalID)
        let name = context.display(role.name)
        var findings: [Finding] = []
        let statements = PolicyStatement.statements(of: role.trust)

        // Grammar and size, on the document with deploy-time values made concrete.
        let grammar = PolicySizing.grammarErrors(role.trust, kind: .trust, region: context.region).filter { $0.code != .nullWithIfExists }
        if !grammar.isEmpty {
            findings.append(Finding(
                CheckRules.trustGrammar, at: at,
                "the trust policy of role \(name) is not valid: " + PolicySizing.readable(grammar.map(\.description).joined(separator: "; "))))
        }
        let size = PolicySizing.size(role.trust, region: context.region)
        if size > PolicySize.trustPolicyDefaultQuota {
            let over = size > PolicySize.trustPolicyMaximumQuota
            findings.append(Finding(
                CheckRules.trustSize, at: at,
                "the trust policy of role \(name) is \(size) characters without whitespace, over IAM's default quota of "
                    + "2,048" + (over ? " and over the maximum of 4,096 a quota increase allows" : "")
                    + " (deploy-time values estimated at realistic lengths)",
                fix: over
                    ? "split the principals over several roles (one role per workload)"
                    : "trust fewer principals per role (one role per workload), or request the IAM quota 'Role trust policy length' increase up to 4,096 characters"))
        }

        for statement in statements {
            let label = "\(statement.path) of role \(name)"
            if statement.isAllow {
                let wildcard = statement.isAnyPrincipal ? ["Principal: \"*\""]
                    : statement.principals.filter { $0.value == "*" }.map { "\($0.type): \"*\"" }
                if !wildcard.isEmpty {
                    let conditioned = statement.conditions.isEmpty ? "" : " (only its conditions restrict it)"
                    findings.append(Finding(
                        CheckRules.trustWildcardPrincipal, at: at,
                        "\(label) allows \(wildcard.joined(separator: ", ")) to assume the role\(conditioned)"))
                }
            }
            for condition in statement.conditions {
                let shown = "\(condition.operatorName) \(context.display(condition.key))"
                if let op = condition.op, op.base == .null, op.isIfExists {
                    findings.append(Finding(
                        CheckRules.trustNullIfExists, at: at,
                        "\(label) uses \(shown): Null cannot take IfExists",
                        fix: "write \"\(op.qualifier.map { $0.rawValue + ":" } ?? "")Null\""))
                }
                if let op = condition.op, op.qualifier == .forAllValues, isSingleValued(condition.key) {
                    let plain = ConditionOperator(op.base, ifExists: op.isIfExists).name
                    let key = context.display(condition.key)
                    let claim = condition.key.split(separator: ":").last.map { String($0).lowercased() } ?? ""
                    // STS rejects web-identity tokens without sub or aud before IAM reads the trust policy.
                    let alwaysPresent = IdentityIssuer.issuerPart(ofKey: condition.key) != nil && ["sub", "aud"].contains(claim) && statement.coversWebIdentity
                    let absentWhen: String
                    switch claim {
                    case _ where condition.key.lowercased().hasPrefix("aws:source"):
                        absentWhen = "requests that no AWS service makes on behalf of a resource carry no \(key)"
                    case "environment":
                        absentWhen = "GitHub jobs that use no environment carry no environment claim"
                    default:
                        absentWhen = "any request without \(key) passes it"
                    }
                    findings.append(Finding(
                        CheckRules.trustForAllValuesSingleValued, at: at,
                        alwaysPresent
                            ? "\(label) uses \(shown): ForAllValues holds when the key is absent, but STS accepts only tokens that carry "
                                + "\(claim), so for them it acts as \(plain); it would fail open only for a request without \(key)"
                            : "\(label) uses \(shown): \(key) has one value per request, and ForAllValues holds when the key is absent, so "
                                + "the condition fails open exactly when \(key) is missing: \(absentWhen)",
                        fix: "write \(plain) instead of \(op.name)" + (alwaysPresent ? " (it says what is meant, and does not depend on STS rejecting the token first)" : ""),
                        severity: alwaysPresent ? .warning : nil))
                }
                if let op = condition.op, op.family == .string, !op.allowsWildcards {
                    let patterns = condition.values.filter(Wildcard.containsWildcard)
                    if !patterns.isEmpty {
                        let like = ConditionOperator(op.isNegated ? .stringNotLike : .stringLike, qualifier: op.qualifier, ifExists: op.isIfExists)
                        findings.append(Finding(
                            CheckRules.trustWildcardWithoutLike, at: at,
                            "\(label): \(shown) = \(patterns.map { "\"\($0)\"" }.joined(separator: ", ")) compares literally: "
                                + "* and ? are not wildcards under \(op.base.rawValue)",
                            fix: "use \(like.name) if a pattern is meant (and check its breadth), or remove the wildcard"))
                    }
                }
            }

            // Web identity: per Federated principal.
            guard statement.isAllow, statement.coversWebIdentity else { continue }
            let federated = statement.principals.filter { $0.type == "Federated" && $0.value != "*" }
            let issuers = federated.map { IdentityIssuer(principal: $0.value) }
            let known = issuers.compactMap(\.issuer).map { $0.lowercased() }
            // Condition keys on another issuer than the trusted one: one finding for the statement (not also "no sub",
            // "no aud" for the trusted issuer, which the same mistake causes).
            var misplaced: Set<String> = []
            if !known.isEmpty {
                let wrong = statement.conditions.filter { condition in
                    IdentityIssuer.issuerPart(ofKey: condition.key).map { !known.contains($0.lowercased()) } ?? false
                }
                if !wrong.isEmpty {
                    misplaced = Set(wrong.compactMap { $0.key.split(separator: ":").last.map { String($0).lowercased() } })
                    let keyIssuers = Array(Set(wrong.compactMap { IdentityIssuer.issuerPart(ofKey: $0.key) })).sorted()
                    let trusted = federated.first.map { principal -> IssuerExpression in
                        let host = IdentityIssuer(principal: principal.value).issuer ?? ""
                        return IssuerExpression.of(host, role: role, context)
                    }
                    let positive = wrong.contains(where: \.isPositiveRestriction)
                    let effect = positive
                        ? "tokens of the trusted provider never carry these keys, so the conditions never hold: the role is unusable"
                        : "tokens of the trusted provider never carry these keys, so the negated conditions always hold and restrict nothing"
                    let claims = wrong.map { condition -> String in
                        let claim = condition.key.split(separator: ":").last.map(String.init) ?? "sub"
                        return "\"\(trusted?.key(claim) ?? claim)\""
                    }
                    findings.append(Finding(
                        CheckRules.irsaIssuerMismatch, at: at,
                        "\(label): condition \(wrong.count == 1 ? "key" : "keys") \(wrong.map { context.display($0.key) }.joined(separator: ", ")) "
                            + "\(wrong.count == 1 ? "names" : "name") issuer \(keyIssuers.map { context.display($0) }.joined(separator: ", ")), but the statement trusts "
                            + (known.count == 1 ? "provider " : "providers ") + issuers.compactMap(\.issuer).map { context.display($0) }.joined(separator: ", ") + ": " + effect,
                        fix: "write the keys with the trusted provider's issuer: " + claims.joined(separator: ", ")
                            + (trusted?.note.map { " (\($0))" } ?? "") + " (Kumo: \"\\(provider.issuer):sub\")"))
                }
            }
            for issuer in issuers {
                switch issuer {
                case .gitHub(let host):
                    findings += GitHubRules.check(statement, issuer: host, role: role, at: at, context, misplaced: misplaced)
                case .eks(let host):
                    findings += IRSARules.check(statement, issuer: host, role: role, at: at, context, misplaced: misplaced)
                case .otherOIDC(let host) where statement.conditions.contains(where: {
                    $0.isClaim("sub", of: host) && $0.values.contains { $0.hasPrefix(IRSARules.prefix) }
                }):
                    // A cluster's provider named through a parameter or an import: its subjects give it away.
                    findings += IRSARules.check(statement, issuer: host, role: role, at: at, context, misplaced: misplaced)
                case .otherOIDC(let host):
                    if !statement.conditions.contains(where: { IdentityIssuer.issuerPart(ofKey: $0.key)?.lowercased() == host.lowercased() }) {
                        findings.append(Finding(
                            CheckRules.trustOIDCWithoutCondition, at: at,
                            "\(label) trusts OIDC provider \(context.display(host)) without any condition on its claims: "
                                + "every identity of the provider may assume the role",
                            fix: "condition on \(context.display(host)):sub (and :aud)"))
                    }
                case .notOIDC:
                    break
                }
            }
        }
        return findings
    }
}
