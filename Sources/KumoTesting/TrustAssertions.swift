import Foundation
import KumoAnalysis
import KumoJSON
import Testing

/// A web-identity token to present to a role, described by what it stands for; its claims are built when it
/// is evaluated, relative to the evaluation time and with the issuer of the role's cluster.
///
/// ```swift
/// .serviceAccount("main", "account-for-db-migrator")          // an EKS pod's projected token
/// .github("example-org/app", ref: "refs/heads/main")          // a GitHub Actions job on a branch
/// .github("example-org/app", environment: "production")
/// .github("example-org/app", pullRequest: 7)
/// .serviceAccount("main", "x").audience("https://example.org").expired(600)
/// ```
public struct WebIdentityToken: Sendable, CustomStringConvertible {
    enum Base: Sendable {
        case serviceAccount(namespace: String, name: String)
        case github(repository: String, ref: String, environment: String?, pullRequest: Int?, immutable: Bool)
        case claims(JSONObject)
        case jwt(String)
    }

    enum Edit: Sendable {
        case set(String, JSON)
        case remove(String)
        case issuedAt(offset: Double)
        case expiresAt(offset: Double)
        case issuer(String)
    }

    var base: Base
    var edits: [Edit] = []

    /// An EKS projected service-account token for `namespace:name` (`sub` `system:serviceaccount:NS:NAME`,
    /// `aud` `["sts.amazonaws.com"]`, issued a minute ago, valid 24 h), from the issuer the trust was given.
    public static func serviceAccount(_ namespace: String, _ name: String) -> WebIdentityToken {
        WebIdentityToken(base: .serviceAccount(namespace: namespace, name: name))
    }

    /// A GitHub Actions token of a job on `ref` (`sub` `repo:OWNER/REPO:ref:REF`, `aud` `sts.amazonaws.com`).
    public static func github(_ repository: String, ref: String = "refs/heads/main", immutableSubject: Bool = false) -> WebIdentityToken {
        WebIdentityToken(base: .github(repository: repository, ref: ref, environment: nil, pullRequest: nil, immutable: immutableSubject))
    }

    /// A GitHub Actions token of a job in an environment (`sub` `repo:OWNER/REPO:environment:NAME`).
    public static func github(_ repository: String, environment: String, ref: String = "refs/heads/main", immutableSubject: Bool = false) -> WebIdentityToken {
        WebIdentityToken(base: .github(repository: repository, ref: ref, environment: environment, pullRequest: nil, immutable: immutableSubject))
    }

    /// A GitHub Actions token of a `pull_request` workflow (`sub` `repo:OWNER/REPO:pull_request`).
    public static func github(_ repository: String, pullRequest: Int, immutableSubject: Bool = false) -> WebIdentityToken {
        WebIdentityToken(base: .github(repository: repository, ref: "refs/heads/main", environment: nil, pullRequest: pullRequest, immutable: immutableSubject))
    }

    /// Exactly these claims (times are absolute).
    public static func claims(_ claims: JSONObject) -> WebIdentityToken { WebIdentityToken(base: .claims(claims)) }

    /// A JWT, decoded without verifying its signature.
    public static func jwt(_ token: String) -> WebIdentityToken { WebIdentityToken(base: .jwt(token)) }

    /// With `aud` replaced (a string or an array).
    public func audience(_ audience: JSON) -> WebIdentityToken { adding(.set("aud", audience)) }
    /// With `iss` replaced.
    public func issuer(_ url: String) -> WebIdentityToken { adding(.issuer(url)) }
    /// With a claim set.
    public func claim(_ name: String, _ value: JSON) -> WebIdentityToken { adding(.set(name, value)) }
    /// Without a claim.
    public func without(_ claim: String) -> WebIdentityToken { adding(.remove(claim)) }
    /// Issued (`iat`, `nbf`) `seconds` before the evaluation time (negative: after it), expiring at the end of its lifetime.
    public func issued(secondsAgo seconds: Double) -> WebIdentityToken { adding(.issuedAt(offset: -seconds)) }
    /// Issued `seconds` after the evaluation time: a clock ahead on the machine that minted it.
    public func issuedInTheFuture(_ seconds: Double) -> WebIdentityToken { adding(.issuedAt(offset: seconds)) }
    /// Expired `seconds` before the evaluation time.
    public func expired(_ seconds: Double) -> WebIdentityToken { adding(.expiresAt(offset: -seconds)) }

    private func adding(_ edit: Edit) -> WebIdentityToken {
        var copy = self
        copy.edits.append(edit)
        return copy
    }

    /// The request this token makes at `now`; `issuer` is the concrete issuer of the role's cluster.
    public func request(issuer: String?, now: Double, clockSkew: Double?) throws(TrustError) -> WebIdentityRequest {
        var issuedAt = now - 60
        var expiresAt: Double?
        var issuerOverride: String?
        for edit in edits {
            switch edit {
            case .issuedAt(let offset): issuedAt = now + offset
            case .expiresAt(let offset): expiresAt = now + offset
            case .issuer(let url): issuerOverride = url
            default: break
            }
        }
        var claims: JSONObject
        var header: JSONObject?
        var length: Int?
        switch base {
        case .serviceAccount(let namespace, let name):
            guard let url = issuerOverride ?? issuer else {
                throw TrustError("a service-account token needs the cluster's issuer URL: pass issuer: to trust(of:issuer:)")
            }
            claims = try WebIdentityClaims.kubernetesServiceAccount(namespace: namespace, name: name, issuer: url, issuedAt: issuedAt)
        case .github(let repository, let ref, let environment, let pullRequest, let immutable):
            claims = try WebIdentityClaims.githubActions(
                repository: repository, ref: ref, environment: environment, pullRequest: pullRequest, issuedAt: issuedAt,
                immutableSubject: immutable)
        case .claims(let given):
            claims = given
        case .jwt(let text):
            do {
                let token = try JWT(decoding: text)
                claims = token.claims
                header = token.header
                length = token.compact.utf8.count
            } catch {
                throw TrustError(error.description)
            }
        }
        if let expiresAt {
            let lifetime = (claims["exp"]?.numberValue).flatMap { exp in claims["iat"]?.numberValue.map { exp - $0 } } ?? 300
            claims["exp"] = .number(expiresAt.rounded(.down))
            claims["iat"] = .number((expiresAt - lifetime).rounded(.down))
            if claims["nbf"] != nil { claims["nbf"] = claims["iat"] }
        }
        if let issuerOverride { claims["iss"] = .string(issuerOverride) }
        for edit in edits {
            switch edit {
            case .set(let name, let value): claims[name] = value
            case .remove(let name): claims[name] = nil
            default: break
            }
        }
        return WebIdentityRequest(claims: claims, now: now, clockSkew: clockSkew, header: header, tokenLength: length)
    }

    /// What the token stands for: `service account main:app`, `GitHub org/app refs/heads/main`, and each adjustment.
    public var description: String {
        var text: String
        switch base {
        case .serviceAccount(let namespace, let name): text = "service account \(namespace):\(name)"
        case .github(let repository, let ref, let environment, let pullRequest, _):
            text = "GitHub \(repository)" + (environment.map { " environment \($0)" } ?? pullRequest.map { " pull request #\($0)" } ?? " \(ref)")
        case .claims(let claims): text = "claims with sub \(claims["sub"]?.stringValue ?? "(none)")"
        case .jwt: text = "JWT"
        }
        for edit in edits {
            switch edit {
            case .set(let name, let value): text += ", \(name) \(value.serialized())"
            case .remove(let name): text += ", without \(name)"
            case .issuedAt(let offset): text += offset > 0 ? ", issued \(Int(offset)) s in the future" : ", issued \(Int(-offset)) s ago"
            case .expiresAt(let offset): text += ", expired \(Int(-offset)) s ago"
            case .issuer(let url): text += ", iss \(url)"
            }
        }
        return text
    }
}

/// Who can assume one role of a template: evaluates tokens as STS and IAM do (KumoAnalysis's `TrustEvaluator`).
///
/// ```swift
/// let migrator = try template.trust(of: "DBMigratorRole", issuer: issuer)
/// migrator.expectAllowed(.serviceAccount("main", "account-for-db-migrator"))
/// migrator.expectDenied(.serviceAccount("other", "account-for-db-migrator"), because: "does not match")
/// ```
public struct RoleTrust: Sendable {
    /// The role as given (logical ID, name or construct path).
    public let role: String
    /// The evaluator of the template's roles and OIDC providers.
    public let evaluator: TrustEvaluator
    /// The concrete issuer URL of the template's EKS cluster(s), if given.
    public let issuer: String?
    /// The evaluation time (STS's clock), in whole seconds since 1970.
    public var now: Double
    /// The clock-skew tolerance (`nil`: what AWS documents, see `WebIdentityRequest.clockSkew`).
    public var clockSkew: Double?

    /// The trust evaluated at another time.
    public func at(_ time: Date) -> RoleTrust {
        var copy = self
        copy.now = time.timeIntervalSince1970.rounded(.down)
        return copy
    }

    /// The trust with another clock-skew tolerance.
    public func clockSkew(_ seconds: Double?) -> RoleTrust {
        var copy = self
        copy.clockSkew = seconds
        return copy
    }

    /// The decision for `token`, with every check and the trust policy's evaluation.
    public func decision(for token: WebIdentityToken) throws(TrustError) -> TrustDecision {
        try evaluator.evaluate(role: role, token.request(issuer: issuer, now: now, clockSkew: clockSkew))
    }

    /// Whether `token` may assume the role.
    public func allows(_ token: WebIdentityToken) throws(TrustError) -> Bool { try decision(for: token).isAllowed }

    /// Records an issue, with the decision's explanation, unless `token` may assume the role.
    @discardableResult
    public func expectAllowed(_ token: WebIdentityToken, sourceLocation: SourceLocation = #_sourceLocation) -> TrustDecision? {
        expect(token, allowed: true, because: nil, sourceLocation: sourceLocation) { () throws(TrustError) in try decision(for: token) }
    }

    /// Records an issue unless `token` is denied — and, when `fragment` is given, unless the reason of the
    /// denial contains it (so that a test proves *why*: "does not match", "Incorrect token audience",
    /// "expired", "in the future").
    @discardableResult
    public func expectDenied(_ token: WebIdentityToken, because fragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> TrustDecision? {
        expect(token, allowed: false, because: fragment, sourceLocation: sourceLocation) { () throws(TrustError) in try decision(for: token) }
    }

    /// The expectations of every request kind: records an issue, with the decision, unless `decide` gives the
    /// expected outcome (and, for a denial, a reason containing `fragment`).
    func expect(
        _ request: some CustomStringConvertible, allowed: Bool, because fragment: String?, sourceLocation: SourceLocation,
        _ decide: () throws(TrustError) -> TrustDecision
    ) -> TrustDecision? {
        do {
            let decision = try decide()
            if allowed && !decision.isAllowed {
                Issue.record(Comment(rawValue: "expected \(request) to assume \(role), but it is denied:\n\(decision)"), sourceLocation: sourceLocation)
            } else if !allowed && decision.isAllowed {
                Issue.record(Comment(rawValue: "expected \(request) to be denied \(role), but it is allowed:\n\(decision)"), sourceLocation: sourceLocation)
            } else if !allowed, let fragment, !decision.reasons.contains(where: { $0.contains(fragment) }) {
                Issue.record(Comment(rawValue: "\(request) is denied \(role), but not because of \"\(fragment)\":\n\(decision)"), sourceLocation: sourceLocation)
            }
            return decision
        } catch {
            Issue.record(Comment(rawValue: "cannot evaluate \(request) against \(role): \(error)"), sourceLocation: sourceLocation)
            return nil
        }
    }
}

extension Template {
    /// The trust of a role (by logical ID, name, ARN or construct path) for web-identity tokens.
    /// - Parameters:
    ///   - role: the role's logical ID, name, ARN or construct path.
    ///   - issuer: the concrete OIDC issuer URL of the template's EKS cluster (known only at deploy time);
    ///     service-account tokens are issued by it.
    ///   - now: the evaluation time (default: the current time).
    ///   - clockSkew: the clock-skew tolerance (`nil`: what AWS documents).
    ///   - clientIDs: client IDs of OIDC providers the template names by ARN but does not define, by issuer URL.
    public func trust(of role: String, issuer: String? = nil, at now: Date = Date(), clockSkew: Double? = nil, clientIDs: [String: [String]] = [:]) throws(TrustError) -> RoleTrust {
        let model: IAMModel
        do {
            model = try IAMModel(cloudTemplate)
        } catch {
            throw TrustError(error.description)
        }
        let evaluator = TrustEvaluator(model: model, issuerURL: issuer, externalClientIDs: clientIDs)
        _ = try evaluator.resolveRole(role)
        return RoleTrust(role: role, evaluator: evaluator, issuer: issuer, now: now.timeIntervalSince1970.rounded(.down), clockSkew: clockSkew)
    }

    /// Evaluates one token against one role (see ``trust(of:issuer:at:clockSkew:clientIDs:)``).
    public func assumeRole(_ role: String, with token: WebIdentityToken, issuer: String? = nil, at now: Date = Date(), clockSkew: Double? = nil) throws(TrustError) -> TrustDecision {
        try trust(of: role, issuer: issuer, at: now, clockSkew: clockSkew).decision(for: token)
    }
}
