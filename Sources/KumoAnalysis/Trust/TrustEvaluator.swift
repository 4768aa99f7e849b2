import KumoJSON
import KumoPolicy

/// Decides, offline, whether a web-identity token may assume a role of a template — as STS and IAM would.
///
/// STS first validates the token against the account's OIDC providers: `iss` must equal a provider's URL,
/// `aud` must be one of its client IDs, `exp` must not have passed and `nbf`/`iat` must not lie in the future
/// (both within the allowed clock skew), `sub` must be present. Then IAM evaluates the role's trust policy for
/// `sts:AssumeRoleWithWebIdentity` by the provider (the `Federated` principal), with the token's claims as
/// condition keys `<issuer>:sub`, `:aud`, `:amr`, `:azp` (and the GitHub claims AWS STS exposes as keys). An
/// explicit deny wins; no applicable allow denies.
///
/// Deploy-time values are supplied as facts: the concrete issuer URL of an EKS cluster (whose URL the template
/// only knows as `GetAtt OpenIdConnectIssuerUrl`).
public struct TrustEvaluator: Sendable {
    public let model: IAMModel
    /// Issuer URL per EKS cluster logical ID; `"*"` applies to every cluster.
    public let issuerURLs: [String: String]

    /// GitHub claims that AWS STS exposes as condition keys (`token.actions.githubusercontent.com:<claim>`).
    public static let gitHubClaimKeys = [
        "actor", "actor_id", "job_workflow_ref", "repository", "repository_id", "workflow", "ref", "environment",
        "enterprise_id",
    ]

    public init(model: IAMModel, issuerURLs: [String: String] = [:]) {
        self.model = model
        self.issuerURLs = issuerURLs
    }

    /// The same, with one issuer URL for every EKS cluster of the template.
    public init(model: IAMModel, issuerURL: String?) {
        self.init(model: model, issuerURLs: issuerURL.map { ["*": $0] } ?? [:])
    }

    /// Evaluates `request` against the role with this logical ID, name, ARN or construct path.
    public func evaluate(role key: String, _ request: WebIdentityRequest) throws(TrustError) -> TrustDecision {
        guard let role = model.role(key) else {
            let known = model.roles.map { $0.constructPath?.split(separator: "/").first.map(String.init) ?? $0.logicalID }
            throw TrustError("no role \"\(key)\" in \(model.template.name); roles: \(known.joined(separator: ", "))")
        }
        var decision = TrustDecision(
            outcome: .deny, role: role.logicalID, roleName: model.template.display(role.name), provider: nil, checks: [],
            policyDecision: nil)
        func fail(_ message: String) -> TrustDecision {
            decision.checks.append(.init(stage: "sts", passed: false, message: message))
            return decision
        }
        func pass(_ message: String) { decision.checks.append(.init(stage: "sts", passed: true, message: message)) }

        // STS: the issuer names a provider of the account.
        guard let iss = request.claims["iss"]?.stringValue else {
            return fail("InvalidIdentityToken: the token has no iss (issuer) claim")
        }
        let providers = try model.providers.map { provider throws(TrustError) in (provider, try concrete(provider.url)) }
        guard let (provider, providerURL) = providers.first(where: { Self.sameIssuer($0.1, iss) }) else {
            let known = providers.map { Symbol.isSymbolic($0.1) ? model.template.display($0.1) + " (pass the concrete issuer URL)" : $0.1 }
            return fail("InvalidIdentityToken: No OpenIDConnect provider found in your account for \(iss) (providers: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        decision.provider = provider.logicalID
        pass("iss \(iss) is OIDC provider \(provider.logicalID)")

        // STS: the audience is one of the provider's client IDs.
        let audiences = Self.strings(request.claims["aud"])
        guard !audiences.isEmpty else { return fail("InvalidIdentityToken: the token has no aud (audience) claim") }
        guard audiences.contains(where: provider.clientIDs.contains) else {
            return fail("InvalidIdentityToken: Incorrect token audience: \(audiences.joined(separator: ", ")) is not a client ID of \(provider.logicalID) (\(provider.clientIDs.joined(separator: ", ")))")
        }
        pass("aud \(audiences.joined(separator: ", ")) is a client ID of the provider")

        // STS: times.
        guard let exp = Self.number(request.claims["exp"]) else {
            return fail("InvalidIdentityToken: the token has no numeric exp (expiry) claim")
        }
        if exp <= request.now - request.clockSkew {
            return fail("ExpiredTokenException: the token expired \(Self.seconds(request.now - exp)) ago (exp \(Self.format(exp)), allowed skew \(Self.seconds(request.clockSkew)))")
        }
        for claim in ["nbf", "iat"] {
            guard let value = request.claims[claim] else { continue }
            guard let time = Self.number(value) else { return fail("InvalidIdentityToken: the \(claim) claim is not a number") }
            if time > request.now + request.clockSkew {
                return fail("InvalidIdentityToken: token issued \(Self.seconds(time - request.now)) in the future (\(claim) \(Self.format(time)), allowed skew \(Self.seconds(request.clockSkew))): check the clock (NTP) of the machine that minted or checks it")
            }
        }
        pass("exp \(Self.format(exp)) has not passed\(request.claims["iat"] != nil || request.claims["nbf"] != nil ? "; iat/nbf not in the future" : "")")
        guard let sub = request.claims["sub"]?.stringValue, !sub.isEmpty else {
            return fail("InvalidIdentityToken: the token has no sub (subject) claim")
        }

        // IAM: the trust policy, with the token's claims as condition keys.
        let issuerKey = providerURL.hasPrefix("https://") ? String(providerURL.dropFirst(8)) : providerURL
        var context = RequestContext()
        context.append([sub], forKey: issuerKey + ":sub")
        context.append(audiences, forKey: issuerKey + ":aud")
        for claim in ["amr", "azp"] {
            let values = Self.strings(request.claims[claim])
            if !values.isEmpty { context.append(values, forKey: issuerKey + ":" + claim) }
        }
        if issuerKey == "token.actions.githubusercontent.com" {
            for claim in Self.gitHubClaimKeys {
                let values = Self.strings(request.claims[claim])
                if !values.isEmpty { context.append(values, forKey: issuerKey + ":" + claim) }
            }
        }
        let trust = try concrete(role.trust)
        let parsed: PolicyDocument
        do {
            parsed = try PolicyDocument.parse(trust, kind: .trust)
        } catch {
            throw TrustError("the trust policy of \(role.logicalID) is not valid: \(error)")
        }
        let policyDecision = parsed.evaluate(
            AuthorizationRequest(
                principal: .federated(try concrete(provider.arn)), action: "sts:AssumeRoleWithWebIdentity",
                resource: try concrete(role.arn), context: context))
        decision.policyDecision = policyDecision
        let statementSummary = policyDecision.decidingStatements.map(\.label).joined(separator: ", ")
        switch policyDecision.outcome {
        case .allow:
            decision.outcome = .allow
            decision.checks.append(.init(stage: "iam", passed: true, message: "trust policy allows sts:AssumeRoleWithWebIdentity for sub \(sub) (\(statementSummary))"))
        case .explicitDeny:
            decision.checks.append(.init(stage: "iam", passed: false, message: "trust policy explicitly denies (\(statementSummary))"))
        case .implicitDeny:
            let why = policyDecision.statements.flatMap { statement in
                [statement.principal, statement.action].filter { !$0.matched }.map(\.reason)
                    + statement.failingConditions.map(\.reason)
            }
            decision.checks.append(.init(stage: "iam", passed: false, message: "trust policy allows no statement for this token: " + (why.isEmpty ? "no matching statement" : why.joined(separator: "; "))))
        }
        return decision
    }

    // MARK: - Deploy-time values

    /// `text` with EKS issuer symbols replaced by the given issuer URLs (host and path); an error when an
    /// issuer is needed but not given.
    func concrete(_ text: String) throws(TrustError) -> String {
        var missing: String?
        let result = Symbol.substitute(in: text) { symbol in
            guard case .issuer(let cluster) = symbol else { return nil }
            guard let url = issuerURLs[cluster] ?? issuerURLs["*"] else {
                missing = cluster
                return nil
            }
            return url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
        }
        if let missing {
            throw TrustError("the issuer of \(model.template.describe(.issuer(missing))) is known only at deploy time: pass the cluster's OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<ID>)")
        }
        return result
    }

    func concrete(_ json: JSON) throws(TrustError) -> JSON {
        switch json {
        case .string(let s): return .string(try concrete(s))
        case .array(let items):
            var out: [JSON] = []
            for item in items { out.append(try concrete(item)) }
            return .array(out)
        case .object(let members):
            var out = JSONObject()
            for (key, value) in members { out[try concrete(key)] = try concrete(value) }
            return .object(out)
        default: return json
        }
    }

    // MARK: - Claims

    static func sameIssuer(_ a: String, _ b: String) -> Bool {
        func normalized(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        return normalized(a) == normalized(b)
    }

    static func strings(_ value: JSON?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .number(let n)?: [JSONNumberFormat.javaScript(n)]
        case .bool(let b)?: [b ? "true" : "false"]
        case .array(let items)?: items.flatMap { strings($0) }
        default: []
        }
    }

    static func number(_ value: JSON?) -> Double? {
        switch value {
        case .number(let n)?: n
        case .string(let s)?: Double(s)
        default: nil
        }
    }

    static func seconds(_ value: Double) -> String { "\(JSONNumberFormat.javaScript((value * 1000).rounded() / 1000)) s" }

    /// An epoch time as ISO 8601 (UTC).
    static func format(_ epoch: Double) -> String { ISO8601.format(epoch) }
}
