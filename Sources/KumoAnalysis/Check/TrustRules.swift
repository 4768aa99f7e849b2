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
        let concrete = PolicySizing.concrete(role.trust, region: context.region)
        let grammar = PolicyDocument.validate(concrete, kind: .trust).filter { $0.code != .nullWithIfExists }
        if !grammar.isEmpty {
            findings.append(Finding(
                CheckRules.trustGrammar, at: at,
                "the trust policy of role \(name) is not valid: " + grammar.map(\.description).joined(separator: "; ")))
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
                    findings.append(Finding(
                        CheckRules.trustForAllValuesSingleValued, at: at,
                        "\(label) uses \(shown): \(context.display(condition.key)) has a single value, and ForAllValues "
                            + "is true when the key is absent, so this condition restricts nothing",
                        fix: "write \(ConditionOperator(op.base, ifExists: op.isIfExists).name) instead of \(op.name)"))
                }
                if let op = condition.op, op.family == .string, !op.allowsWildcards {
                    let patterns = condition.values.filter(GlobPattern.hasWildcard)
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
            if !known.isEmpty {
                for condition in statement.conditions {
                    guard let keyIssuer = IdentityIssuer.issuerPart(ofKey: condition.key), !known.contains(keyIssuer.lowercased())
                    else { continue }
                    findings.append(Finding(
                        CheckRules.irsaIssuerMismatch, at: at,
                        "\(label): condition key \(context.display(condition.key)) names issuer \(context.display(keyIssuer)), "
                            + "but the statement trusts \(known.count == 1 ? "provider" : "providers") "
                            + known.map { context.display($0) }.joined(separator: ", ")
                            + (condition.isPositiveRestriction ? " (the condition never holds: the role is unusable)" : " (the condition always holds: it restricts nothing)"),
                        fix: "use the trusted provider's issuer in the key: \(context.display(known[0])):\(condition.key.split(separator: ":").last.map(String.init) ?? "sub")"))
                }
            }
            for issuer in issuers {
                switch issuer {
                case .gitHub(let host):
                    findings += GitHubRules.check(statement, issuer: host, role: role, at: at, context)
                case .eks(let host):
                    findings += IRSARules.check(statement, issuer: host, role: role, at: at, context)
                case .otherOIDC(let host) where statement.conditions.contains(where: {
                    $0.isClaim("sub", of: host) && $0.values.contains { $0.hasPrefix(IRSARules.prefix) }
                }):
                    // A cluster's provider named through a parameter or an import: its subjects give it away.
                    findings += IRSARules.check(statement, issuer: host, role: role, at: at, context)
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
