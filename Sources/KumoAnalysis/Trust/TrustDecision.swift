import KumoJSON
import KumoPolicy

/// Whether a web-identity token may assume a role, and every reason.
public struct TrustDecision: Sendable, CustomStringConvertible {
    public enum Outcome: String, Sendable {
        case allow
        case deny
    }

    /// One check of the evaluation: an STS token check, or IAM's trust-policy decision.
    public struct Check: Sendable, Hashable {
        public enum Stage: String, Sendable {
            /// STS validating the token (issuer, audience, times, subject, algorithm).
            case sts
            /// IAM evaluating the role's trust policy.
            case iam
            /// EKS Pod Identity: the cluster and the service account's association (before STS is called).
            case eks
        }

        public var stage: Stage
        /// What was checked: `alg`, `length`, `iss`, `aud`, `exp`, `iat`, `nbf`, `sub`, `trust`, `tags`; for Pod
        /// Identity `cluster`, `association`, `account`, `trust`, `tags`.
        public var name: String
        public var passed: Bool
        /// The explanation (built when read: evaluations that are only counted stay cheap).
        public var message: String { detail.text }
        var detail: Detail

        public init(stage: Stage, name: String, passed: Bool, message: String) {
            self.init(stage: stage, name: name, passed: passed, detail: .text(message))
        }

        init(stage: Stage, name: String, passed: Bool, detail: Detail) {
            self.stage = stage
            self.name = name
            self.passed = passed
            self.detail = detail
        }

        public static func == (a: Check, b: Check) -> Bool {
            a.stage == b.stage && a.name == b.name && a.passed == b.passed && a.message == b.message
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(stage)
            hasher.combine(name)
            hasher.combine(passed)
            hasher.combine(message)
        }
    }

    /// A check's explanation, kept structured until read.
    enum Detail: Sendable {
        case text(String)
        case times(exp: Double, now: Double, tolerance: Double, iat: Double?, nbf: Double?)
        case expired(exp: Double, now: Double, tolerance: Double, documented: Bool)
        case future(claim: String, time: Double, now: Double, tolerance: Double)
        case trust(action: String, subject: String, decision: Decision)

        var text: String {
            switch self {
            case .text(let text):
                return text
            case .times(let exp, let now, let tolerance, let iat, let nbf):
                var text = "exp \(ISO8601.format(exp))"
                text += exp <= now
                    ? " passed \(Self.seconds(now - exp)) ago, within the \(Self.seconds(tolerance)) tolerance"
                    : " is \(Self.seconds(exp - now)) ahead"
                let past = [("iat", iat), ("nbf", nbf)].compactMap { name, time in time.map { "\(name) \(ISO8601.format($0))" } }
                if !past.isEmpty { text += "; " + past.joined(separator: ", ") + " not in the future" }
                return text
            case .expired(let exp, let now, let tolerance, let documented):
                return "ExpiredTokenException: the token expired \(Self.seconds(now - exp)) ago (exp \(ISO8601.format(exp)), now \(ISO8601.format(now)), tolerance \(Self.seconds(tolerance))\(documented ? " as IAM documents" : "")); if it was just minted, check the clock (NTP) of the machine that minted or checks it"
            case .future(let claim, let time, let now, let tolerance):
                let what = claim == "iat" ? "token issued \(Self.seconds(time - now)) in the future" : "token not valid until \(Self.seconds(time - now)) from now"
                return "InvalidIdentityToken: \(what) (\(claim) \(ISO8601.format(time)), now \(ISO8601.format(now)), tolerance \(Self.seconds(tolerance))): check the clock (NTP) of the machine that minted or checks it"
            case .trust(let action, let subject, let decision):
                switch decision.outcome {
                case .allow:
                    let by = decision.decidingStatements.map(\.label).joined(separator: ", ")
                    return "the trust policy allows \(action) for \(subject) (\(by))"
                case .explicitDeny:
                    let why = decision.decidingStatements.map { statement in
                        statement.label + ": " + (statement.conditions.isEmpty ? "applies" : statement.conditions.map(\.reason).joined(separator: "; "))
                    }
                    return "AccessDenied: Not authorized to perform \(action): explicitly denied by \(why.joined(separator: " | "))"
                case .implicitDeny:
                    let why = decision.statements.filter { $0.effect == .allow }.map { statement in
                        let failing = [statement.principal, statement.action, statement.resource].filter { !$0.matched }.map(\.reason)
                            + statement.failingConditions.map(\.reason)
                        return statement.label + ": " + (failing.isEmpty ? "a condition on a key the offline request does not carry" : failing.joined(separator: "; "))
                    }
                    return "AccessDenied: Not authorized to perform \(action): no statement allows it: " + (why.isEmpty ? "the trust policy has no Allow statement" : why.joined(separator: " | "))
                }
            }
        }

        static func seconds(_ value: Double) -> String {
            let rounded = (value * 1000).rounded() / 1000
            return JSONNumberFormat.javaScript(rounded) + " s"
        }
    }

    public var outcome: Outcome
    /// The role's logical ID.
    public var role: String
    /// The role's name as the template gives it (a readable symbol when generated).
    public var roleName: String
    /// The OIDC provider the token's issuer matched, by logical ID (or ARN, for a provider outside the template).
    public var provider: String?
    /// The checks in order; evaluation stops at the first failed STS check, as STS does.
    public var checks: [Check]
    /// IAM's evaluation of the trust policy for `sts:AssumeRoleWithWebIdentity`, when the token passed STS.
    public var policyDecision: Decision?
    /// IAM's evaluation for `sts:TagSession`, when the token carries session tags.
    public var tagSessionDecision: Decision?
    /// Conditions on keys the offline request does not carry (`aws:SourceIp`, `sts:RoleSessionName`, …):
    /// their value is unknown, so each was taken as the answer that denies access.
    public var unknownKeys: [String]
    /// The condition keys and values the trust policy was evaluated with (built when read).
    public var context: [(key: String, values: [String])] { contextSource?.entries ?? requestContext }
    var contextSource: ContextSource?
    /// The context of a request that is not built from a token (EKS Pod Identity).
    var requestContext: [(key: String, values: [String])] = []
    /// What a Pod Identity decision was about: the cluster, the association and its role.
    public var podIdentity: PodIdentityFacts?

    /// What the request context was built from.
    struct ContextSource: Sendable {
        var claimKeys: [(claim: String, key: String, normalized: String)]
        var claims: JSONObject
        var sub: String
        var audiences: [String]
        var now: Double

        var entries: [(key: String, values: [String])] {
            var out: [(key: String, values: [String])] = []
            for (claim, key, _) in claimKeys {
                let values = values(of: claim)
                if !values.isEmpty { out.append((key, values)) }
            }
            return out + globals.map { ($0.key, [$0.value]) }
        }

        func values(of claim: String) -> [String] {
            switch claim {
            case "sub": [sub]
            case "aud", "oaud": audiences
            default: TrustEvaluator.strings(claims[claim])
            }
        }

        var globals: [(key: String, value: String)] {
            let epoch = now.rounded(.down)
            return [("aws:CurrentTime", ISO8601.format(epoch)), ("aws:EpochTime", JSONNumberFormat.javaScript(epoch)), ("aws:SecureTransport", "true")]
        }
    }

    public var isAllowed: Bool { outcome == .allow }

    /// The first failed check, if any.
    public var failedCheck: Check? { checks.first { !$0.passed } }

    /// One line per failed check, or the deciding statement when allowed.
    public var reasons: [String] {
        let failed = checks.filter { !$0.passed }.map(\.message)
        return failed.isEmpty ? checks.filter { $0.stage == .iam }.map(\.message) : failed
    }

    public var description: String {
        var lines = ["\(outcome == .allow ? "ALLOW" : "DENY"): \(roleName) (\(role))"]
        for check in checks { lines.append("  \(check.passed ? "✓" : "✗") \(check.stage.rawValue) \(check.name): \(check.message)") }
        if let policyDecision {
            lines.append("  trust policy:")
            lines.append(contentsOf: policyDecision.description.split(separator: "\n").map { "    " + $0 })
        }
        if !unknownKeys.isEmpty {
            lines.append("  not in the offline request (taken as denying): \(unknownKeys.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    public init(
        outcome: Outcome, role: String, roleName: String, provider: String? = nil, checks: [Check] = [],
        policyDecision: Decision? = nil, tagSessionDecision: Decision? = nil, unknownKeys: [String] = []
    ) {
        self.outcome = outcome
        self.role = role
        self.roleName = roleName
        self.provider = provider
        self.checks = checks
        self.policyDecision = policyDecision
        self.tagSessionDecision = tagSessionDecision
        self.unknownKeys = unknownKeys
    }
}

/// The question cannot be answered: unknown role, missing deploy-time value, malformed claims.
public struct TrustError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    /// The missing fact is a deploy-time issuer URL (STS's token checks can still run without it).
    var needsIssuer = false
    public init(_ description: String) { self.description = description }
}
