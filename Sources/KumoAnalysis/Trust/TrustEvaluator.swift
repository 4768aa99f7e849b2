import KumoJSON
import KumoPolicy

/// Decides, offline, whether a web-identity token may assume a role of a template — as STS and IAM would.
///
/// **STS** first validates the token, stopping at the first failure:
/// - `alg` (when the request carries the token's header): RS256/384/512 or ES256/384/512, as STS documents;
///   the signature itself is never verified (offline);
/// - `iss` must equal the URL of an OIDC provider of the account — a provider of the template, or one the
///   role's `Federated` principal names by ARN; the comparison is exact (AWS documents no normalisation);
/// - `aud` must include one of that provider's client IDs;
/// - `exp` (an integer, as STS requires) must be later than `now − tolerance`; `iat` and `nbf`, when present,
///   not later than `now + tolerance` (see ``WebIdentityRequest/clockSkew``);
/// - `sub` must be present.
///
/// **IAM** then evaluates the role's trust policy for `sts:AssumeRoleWithWebIdentity` by the provider (the
/// `Federated` principal) with KumoPolicy's full condition semantics; an explicit Deny wins, no applicable
/// Allow denies. The request carries the token's claims as `<issuer host/path>:sub`, `:aud`, `:oaud`, `:amr`,
/// `:azp`, `:email`, and for GitHub the claims STS exposes as keys (``gitHubClaimKeys``), plus `aws:CurrentTime`,
/// `aws:EpochTime` and `aws:SecureTransport`. A condition on any other key (`aws:SourceIp`,
/// `sts:RoleSessionName`, …) has a value the offline request cannot know: it is taken as the answer that
/// denies access (false in an Allow statement, true in a Deny statement), and the decision lists it. When the
/// token carries session tags (`https://aws.amazon.com/tags`), `sts:TagSession` must be allowed too.
///
/// Deploy-time values are supplied as facts: the concrete issuer URL of an EKS cluster (which a template only
/// knows as `GetAtt OpenIdConnectIssuerUrl`), and the client IDs of providers defined outside the template.
/// Trust documents are parsed and resolved once, at initialisation: evaluations only compare.
public struct TrustEvaluator: Sendable {
    public let model: IAMModel
    /// Issuer URL per EKS cluster logical ID; `"*"` applies to every cluster.
    public let issuerURLs: [String: String]
    /// Client IDs of OIDC providers that the template's roles name by ARN but do not define, by issuer URL.
    public let externalClientIDs: [String: [String]]

    /// GitHub claims that AWS STS exposes as condition keys (`token.actions.githubusercontent.com:<claim>`).
    public static let gitHubClaimKeys = [
        "actor", "actor_id", "job_workflow_ref", "repository", "repository_id", "repository_owner_id", "workflow",
        "ref", "environment", "enterprise_id",
    ]
    /// Claims every OIDC provider's tokens expose as keys (`<issuer>:<claim>`); `oaud` is the `aud` claim.
    public static let standardClaimKeys = ["sub", "aud", "oaud", "amr", "azp", "email"]
    /// The algorithms STS accepts for token signatures.
    public static let acceptedAlgorithms: Set<String> = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]

    private let providers: [Provider]
    let roles: [String: Result<PreparedRole, TrustError>]
    /// Role keys (logical ID, name, ARN, construct path, its first component) → logical ID, with
    /// ``IAMModel/role(_:)``'s precedence.
    let roleIndex: [String: String]
    let roleNames: [String: String]

    /// An OIDC provider with its concrete URL (nil while the URL needs an issuer that was not given).
    struct Provider: Sendable {
        var logicalID: String?
        var arn: String
        var url: String?
        var clientIDs: [String]?
        var keyPrefix: String
        /// (claim, condition key, the key lower-cased as RequestContext stores it).
        var claimKeys: [(claim: String, key: String, normalized: String)]

        init(logicalID: String?, arn: String, url: String?, clientIDs: [String]?) {
            self.logicalID = logicalID
            self.arn = arn
            self.url = url
            self.clientIDs = clientIDs
            let prefix = url.map { $0.hasPrefix("https://") ? String($0.dropFirst(8)) : $0 } ?? ""
            keyPrefix = prefix
            var claims = TrustEvaluator.standardClaimKeys
            if prefix == "token.actions.githubusercontent.com" || prefix.hasPrefix("token.actions.githubusercontent.com/") {
                claims += TrustEvaluator.gitHubClaimKeys
            }
            claimKeys = claims.map { (claim: $0, key: prefix + ":" + $0, normalized: (prefix + ":" + $0).lowercased()) }
        }
    }

    struct PreparedRole: Sendable {
        var logicalID: String
        var name: String
        var arn: String
        var document: PolicyDocument
        /// Providers the trust policy names by ARN that the template does not define.
        var externalProviders: [Provider]
        /// Per statement, the conditions on keys the offline request cannot know.
        var unknownKeyConditions: [[Int]]
        /// The condition keys (lower-cased) the document uses; `nil` when it uses policy variables (any key).
        var referencedKeys: Set<String>?
        var hasUnknownKeys: Bool { unknownKeyConditions.contains { !$0.isEmpty } }
    }

    public init(model: IAMModel, issuerURLs: [String: String] = [:], externalClientIDs: [String: [String]] = [:]) {
        self.model = model
        self.issuerURLs = issuerURLs
        self.externalClientIDs = externalClientIDs
        let context = Substitution(model: model, issuerURLs: issuerURLs)
        var providers: [Provider] = []
        for provider in model.providers {
            let url = try? context.concrete(provider.url)
            let arn = (try? context.concrete(provider.arn)) ?? provider.arn
            providers.append(Provider(logicalID: provider.logicalID, arn: arn, url: url, clientIDs: provider.clientIDs))
        }
        self.providers = providers
        var roles: [String: Result<PreparedRole, TrustError>] = [:]
        for role in model.roles {
            roles[role.logicalID] = Result { () throws(TrustError) in
                try Self.prepare(role, context: context, providers: providers, externalClientIDs: externalClientIDs)
            }
        }
        self.roles = roles
        var index: [String: String] = [:]
        let tiers: [(IAMModel.Role) -> [String]] = [
            { [$0.constructPath?.split(separator: "/").first.map(String.init), $0.constructPath].compactMap { $0 } },
            { [$0.name, $0.arn] },
            { [$0.logicalID] },
        ]
        for keys in tiers {
            var tier: [String: String] = [:]
            for role in model.roles.reversed() {
                for key in keys(role) { tier[key] = role.logicalID }
            }
            index.merge(tier) { _, new in new }
        }
        self.roleIndex = index
        self.roleNames = Dictionary(model.roles.map { ($0.logicalID, model.template.display($0.name)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The same, with one issuer URL for every EKS cluster of the template.
    public init(model: IAMModel, issuerURL: String?, externalClientIDs: [String: [String]] = [:]) {
        self.init(model: model, issuerURLs: issuerURL.map { ["*": $0] } ?? [:], externalClientIDs: externalClientIDs)
    }

    /// The logical IDs of the roles whose trust policy names a `Federated` principal (the roles a
    /// web-identity token could assume).
    public var webIdentityRoles: [String] {
        model.roles.filter { role in
            let statements = role.trust["Statement"].map { $0.arrayValue ?? [$0] } ?? []
            return statements.contains { $0["Principal"]?["Federated"] != nil }
        }.map(\.logicalID)
    }

    /// The role with this logical ID, name, ARN or construct path; a ``TrustError`` naming the roles otherwise.
    public func resolveRole(_ key: String) throws(TrustError) -> IAMModel.Role {
        if let id = roleIndex[key], let role = model.roles.first(where: { $0.logicalID == id }) { return role }
        let web = Set(webIdentityRoles)
        func describe(_ role: IAMModel.Role) -> String {
            let path = role.constructPath?.split(separator: "/").first.map(String.init)
            let name = Symbol.isSymbolic(role.name) ? nil : role.name
            return ([path, name].compactMap { $0 }.first.map { "\($0) (\(role.logicalID))" }) ?? role.logicalID
        }
        let federated = model.roles.filter { web.contains($0.logicalID) }.map(describe)
        let others = model.roles.filter { !web.contains($0.logicalID) }.map(describe)
        var message = "no role \"\(key)\" in \(model.template.name)"
        if !federated.isEmpty { message += "; roles that trust an OIDC provider: " + federated.joined(separator: ", ") }
        if !others.isEmpty { message += "; other roles: " + others.joined(separator: ", ") }
        if model.roles.isEmpty { message += "; the template has no IAM role" }
        throw TrustError(message)
    }

    /// Evaluates `request` against the role with this logical ID, name, ARN or construct path.
    /// - Throws: ``TrustError`` when the question cannot be answered: no such role, a trust policy that is not
    ///   valid, a deploy-time issuer or provider facts that were not given.
    public func evaluate(role key: String, _ request: WebIdentityRequest) throws(TrustError) -> TrustDecision {
        guard let id = roleIndex[key], let prepared = roles[id] else {
            _ = try resolveRole(key)
            throw TrustError("no role \"\(key)\"")
        }
        return try evaluate(prepared, id, request)
    }

    // MARK: - Evaluation

    private func evaluate(_ prepared: Result<PreparedRole, TrustError>, _ logicalID: String, _ request: WebIdentityRequest) throws(TrustError) -> TrustDecision {
        if case .failure(let error) = prepared, !error.needsIssuer { throw error }
        let ready = try? prepared.get()
        var decision = TrustDecision(outcome: .deny, role: logicalID, roleName: ready?.name ?? roleNames[logicalID] ?? logicalID)
        decision.checks.reserveCapacity(6)
        let claims = request.claims

        // STS: the token itself.
        if let length = request.tokenLength, length < 4 || length > 20_000 {
            return Self.fail(&decision, "length", "InvalidIdentityToken: the token is \(length) characters long; STS accepts 4 to 20,000")
        }
        if let header = request.header {
            guard let alg = header["alg"]?.stringValue else {
                return Self.fail(&decision, "alg", "InvalidIdentityToken: the token header has no alg; STS accepts RS256/384/512 and ES256/384/512 signatures")
            }
            guard Self.acceptedAlgorithms.contains(alg) else {
                return Self.fail(&decision, "alg", "InvalidIdentityToken: alg \(alg) is not accepted; STS accepts RS256/384/512 and ES256/384/512 signatures")
            }
            Self.pass(&decision, "alg", "alg \(alg) is accepted (the signature is not verified offline)")
        }

        // STS: the issuer is an OIDC provider of the account.
        guard let issValue = claims["iss"] else { return Self.fail(&decision, "iss", "InvalidIdentityToken: the token has no iss (issuer) claim") }
        guard let iss = issValue.stringValue else {
            return Self.fail(&decision, "iss", "InvalidIdentityToken: the iss claim is \(issValue.kindDescription), not a string")
        }
        guard let provider = provider(for: iss, ready) else {
            // A provider whose URL is known only at deploy time might be this one: the question needs it.
            if providers.contains(where: { $0.url == nil }) { _ = try prepared.get(); try requireIssuers() }
            return Self.fail(&decision, "iss", noProvider(iss, ready))
        }
        decision.provider = provider.logicalID ?? provider.arn
        Self.pass(&decision, "iss", "iss \(iss) is the OIDC provider \(provider.logicalID ?? provider.arn)")

        // STS: the audience is one of the provider's client IDs.
        let audiences = Self.strings(claims["aud"])
        guard !audiences.isEmpty else { return Self.fail(&decision, "aud", "InvalidIdentityToken: the token has no aud (audience) claim") }
        guard let clientIDs = provider.clientIDs else {
            throw TrustError("the OIDC provider \(provider.arn) is not defined in \(model.template.name), so its client IDs (audiences) are unknown: pass them (--client-id \(provider.url ?? "URL")=sts.amazonaws.com)")
        }
        guard let audience = audiences.first(where: clientIDs.contains) else {
            return Self.fail(&decision, "aud", "InvalidIdentityToken: Incorrect token audience: \(Self.list(audiences)) is not a client ID of \(decision.provider ?? "the provider") (\(Self.list(clientIDs)))")
        }
        Self.pass(&decision, "aud", "aud \(audience) is a client ID of the provider")

        // STS: times.
        let expTolerance = request.expiryTolerance
        let futureTolerance = request.futureTolerance
        let now = request.now
        guard let expValue = claims["exp"] else {
            return Self.fail(&decision, "exp", "InvalidIdentityToken: the token has no exp (expiry) claim; STS requires one")
        }
        guard let exp = Self.numericDate(expValue) else {
            return Self.fail(&decision, "exp", "InvalidIdentityToken: exp is \(Self.show(expValue)); STS requires timestamps as integers (seconds since 1970)")
        }
        if exp <= now - expTolerance {
            decision.checks.append(.init(stage: .sts, name: "exp", passed: false, detail: .expired(exp: exp, now: now, tolerance: expTolerance, documented: request.clockSkew == nil)))
            return decision
        }
        var times: (iat: Double?, nbf: Double?) = (nil, nil)
        for claim in ["iat", "nbf"] {
            guard let value = claims[claim] else { continue }
            guard let time = Self.numericDate(value) else {
                return Self.fail(&decision, claim, "InvalidIdentityToken: \(claim) is \(Self.show(value)); STS requires timestamps as integers (seconds since 1970)")
            }
            if time > now + futureTolerance {
                decision.checks.append(.init(stage: .sts, name: claim, passed: false, detail: .future(claim: claim, time: time, now: now, tolerance: futureTolerance)))
                return decision
            }
            if claim == "iat" { times.iat = time } else { times.nbf = time }
        }
        decision.checks.append(.init(stage: .sts, name: "exp", passed: true, detail: .times(exp: exp, now: now, tolerance: expTolerance, iat: times.iat, nbf: times.nbf)))

        // STS: the subject.
        guard let subValue = claims["sub"] else { return Self.fail(&decision, "sub", "InvalidIdentityToken: the token has no sub (subject) claim") }
        guard let sub = subValue.stringValue, !sub.isEmpty else {
            return Self.fail(&decision, "sub", "InvalidIdentityToken: the sub claim is \(Self.show(subValue)), not a non-empty string")
        }

        // IAM: the trust policy, with the token's claims as condition keys (only those the policy uses).
        let role = try prepared.get()
        let source = TrustDecision.ContextSource(claimKeys: provider.claimKeys, claims: claims, sub: sub, audiences: audiences, now: now)
        var context = RequestContext()
        for (claim, _, normalized) in provider.claimKeys where role.referencedKeys?.contains(normalized) ?? true {
            let values = source.values(of: claim)
            if !values.isEmpty { context.append(values, forKey: normalized) }
        }
        if role.referencedKeys.map({ !$0.isDisjoint(with: Self.globalKeys) }) ?? true {
            for (key, value) in source.globals { context.append([value], forKey: key) }
        }
        decision.contextSource = source
        let principal = RequestPrincipal.federated(provider.arn)
        var policyDecision = role.document.evaluate(
            AuthorizationRequest(principal: principal, action: "sts:AssumeRoleWithWebIdentity", resource: role.arn, context: context))
        if role.hasUnknownKeys {
            decision.unknownKeys = Self.applyUnknownKeys(&policyDecision, role.unknownKeyConditions)
        }
        decision.policyDecision = policyDecision
        decision.checks.append(.init(stage: .iam, name: "trust", passed: policyDecision.isAllowed, detail: .trust(action: "sts:AssumeRoleWithWebIdentity", subject: "sub " + sub, decision: policyDecision)))
        guard policyDecision.isAllowed else { return decision }

        // IAM: session tags need sts:TagSession.
        if claims["https://aws.amazon.com/tags"] != nil {
            var tagDecision = role.document.evaluate(
                AuthorizationRequest(principal: principal, action: "sts:TagSession", resource: role.arn, context: context))
            let unknown = Self.applyUnknownKeys(&tagDecision, role.unknownKeyConditions)
            decision.unknownKeys += unknown.filter { !decision.unknownKeys.contains($0) }
            decision.tagSessionDecision = tagDecision
            decision.checks.append(.init(stage: .iam, name: "tags", passed: tagDecision.isAllowed, detail: .trust(action: "sts:TagSession", subject: "sub " + sub, decision: tagDecision)))
            guard tagDecision.isAllowed else { return decision }
        }
        decision.outcome = .allow
        return decision
    }

    static func fail(_ decision: inout TrustDecision, _ name: String, _ message: String) -> TrustDecision {
        decision.checks.append(.init(stage: .sts, name: name, passed: false, message: message))
        return decision
    }

    static func pass(_ decision: inout TrustDecision, _ name: String, _ message: String) {
        decision.checks.append(.init(stage: .sts, name: name, passed: true, message: message))
    }

    static let globalKeys: Set<String> = ["aws:currenttime", "aws:epochtime", "aws:securetransport"]

    /// Re-reads statements that have conditions on keys the request cannot know, conservatively; returns those keys.
    static func applyUnknownKeys(_ decision: inout Decision, _ unknown: [[Int]]) -> [String] {
        var keys: [String] = []
        var changed = false
        for i in decision.statements.indices where i < unknown.count && !unknown[i].isEmpty {
            var statement = decision.statements[i]
            for c in unknown[i] where c < statement.conditions.count {
                let key = statement.conditions[c].condition.key
                if !keys.contains(key) { keys.append(key) }
            }
            let elements = statement.principal.matched && statement.action.matched && statement.resource.matched
            let known = statement.conditions.indices.filter { !unknown[i].contains($0) }.allSatisfy { statement.conditions[$0].result }
            let applies = statement.effect == .allow ? false : elements && known
            if applies != statement.applies {
                statement.applies = applies
                decision.statements[i] = statement
                changed = true
            }
        }
        if changed {
            decision.outcome =
                decision.statements.contains(where: { $0.applies && $0.effect == .deny }) ? .explicitDeny
                : decision.statements.contains(where: { $0.applies && $0.effect == .allow }) ? .allow : .implicitDeny
        }
        return keys
    }

    private func provider(for iss: String, _ role: PreparedRole?) -> Provider? {
        providers.first { $0.url == iss } ?? role?.externalProviders.first { $0.url == iss }
    }

    /// Throws the missing-issuer error of the first provider whose URL needs an issuer that was not given.
    private func requireIssuers() throws(TrustError) {
        let substitution = Substitution(model: model, issuerURLs: issuerURLs)
        for provider in model.providers { _ = try substitution.concrete(provider.url) }
    }

    private func noProvider(_ iss: String, _ role: PreparedRole?) -> String {
        var message = "InvalidIdentityToken: No OpenIDConnect provider found in your account for \(iss)"
        let all = providers + (role?.externalProviders ?? [])
        let known = all.map { provider in
            provider.url ?? (model.template.display(provider.arn) + " (issuer known at deploy time: pass its URL)")
        }
        message += " (providers: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        func loose(_ s: String) -> String {
            var t = s.lowercased()
            if t.hasPrefix("https://") { t.removeFirst(8) }
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        if let near = all.compactMap(\.url).first(where: { loose($0) == loose(iss) }) {
            message += "; it differs from \(near) only in scheme, letter case or a trailing slash, which STS does not document as equivalent"
        }
        return message
    }

    // MARK: - Preparation

    private static func prepare(
        _ role: IAMModel.Role, context: Substitution, providers: [Provider], externalClientIDs: [String: [String]]
    ) throws(TrustError) -> PreparedRole {
        let trust = try context.concrete(role.trust)
        let document: PolicyDocument
        do {
            document = try PolicyDocument.parse(trust, kind: .trust)
        } catch {
            throw TrustError("the trust policy of \(role.logicalID) is not valid: \(error)")
        }
        var external: [Provider] = []
        for statement in document.statements {
            guard case .principals(let map)? = statement.principal else { continue }
            for arn in map[.federated] ?? [] where arn.contains(":oidc-provider/") {
                guard !providers.contains(where: { $0.arn == arn }), !external.contains(where: { $0.arn == arn }) else { continue }
                guard !Symbol.isSymbolic(arn) else { continue }
                let hostPath = String(arn[arn.range(of: ":oidc-provider/")!.upperBound...])
                let url = "https://" + hostPath
                let ids = externalClientIDs[url] ?? externalClientIDs[hostPath] ?? externalClientIDs["*"]
                external.append(Provider(logicalID: nil, arn: arn, url: url, clientIDs: ids))
            }
        }
        let knownPrefixes = (providers + external).map { $0.keyPrefix.lowercased() + ":" }
        let unknown = document.statements.map { statement in
            statement.conditions.indices.filter { i in
                let key = statement.conditions[i].key.lowercased()
                if globalKeys.contains(key) { return false }
                return !knownPrefixes.contains { key.hasPrefix($0) }
            }
        }
        let usesVariables = document.statements.contains { statement in
            statement.conditions.contains { $0.values.contains { $0.contains("${") } }
                || (statement.resource?.patterns.contains { $0.contains("${") } ?? false)
        }
        let referenced = usesVariables ? nil : Set(document.statements.flatMap { $0.conditions.map { $0.key.lowercased() } })
        return PreparedRole(
            logicalID: role.logicalID, name: context.model.template.display(role.name), arn: (try? context.concrete(role.arn)) ?? role.arn,
            document: document, externalProviders: external, unknownKeyConditions: unknown, referencedKeys: referenced)
    }

    /// Replaces EKS issuer symbols with the given issuer URLs.
    private struct Substitution: Sendable {
        let model: IAMModel
        let issuerURLs: [String: String]

        func concrete(_ text: String) throws(TrustError) -> String {
            var missing: String?
            let result = Symbol.substitute(in: text) { symbol in
                guard case .issuer(let cluster) = symbol else { return nil }
                guard var url = issuerURLs[cluster] ?? issuerURLs["*"] else {
                    missing = cluster
                    return nil
                }
                if url.hasPrefix("https://") { url.removeFirst(8) }
                return url
            }
            if let missing {
                var error = TrustError("the OIDC issuer of \(model.template.describe(.issuer(missing)).replacingSuffix(" issuer")) is known only at deploy time: pass the cluster's issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<ID>; aws eks describe-cluster --query cluster.identity.oidc.issuer)")
                error.needsIssuer = true
                throw error
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
    }

    // MARK: - Claims

    /// A claim's values as condition-key values (see ``KumoJSON/JSON/iamStrings``).
    static func strings(_ value: JSON?) -> [String] { value?.iamStrings ?? [] }

    /// An integer NumericDate (STS: "Timestamps in the token must be formatted as either an integer or a long
    /// integer"); `nil` for anything else.
    static func numericDate(_ value: JSON) -> Double? {
        guard case .number(let n) = value, n.isFinite, n.rounded(.towardZero) == n, abs(n) < 1e15 else { return nil }
        return n
    }

    static func show(_ value: JSON) -> String {
        switch value {
        case .string(let s): "the string \"\(s)\""
        case .number(let n): "\(JSONNumberFormat.javaScript(n))"
        default: value.kindDescription
        }
    }

    static func list(_ values: [String]) -> String { values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]" }

    static func seconds(_ value: Double) -> String { TrustDecision.Detail.seconds(value) }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
