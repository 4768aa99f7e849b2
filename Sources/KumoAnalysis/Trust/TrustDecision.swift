import KumoPolicy

/// Whether a web-identity token may assume a role, and every reason.
public struct TrustDecision: Sendable, CustomStringConvertible {
    public enum Outcome: String, Sendable {
        case allow
        case deny
    }

    /// One check of the evaluation (an STS token check, or the IAM trust-policy decision).
    public struct Check: Sendable, Hashable {
        /// `sts` for token validation, `iam` for the trust policy.
        public var stage: String
        public var passed: Bool
        public var message: String
    }

    public var outcome: Outcome
    /// The role's logical ID.
    public var role: String
    /// The role's name as the template gives it (a readable symbol when generated).
    public var roleName: String
    /// The OIDC provider the token's issuer matched, by logical ID.
    public var provider: String?
    /// The checks in order; evaluation stops at the first failed STS check, as STS does.
    public var checks: [Check]
    /// IAM's evaluation of the trust policy, when the token passed STS's checks.
    public var policyDecision: Decision?

    public var isAllowed: Bool { outcome == .allow }

    /// One line per failed check (or the deciding statement when allowed).
    public var reasons: [String] {
        let failed = checks.filter { !$0.passed }.map(\.message)
        return failed.isEmpty ? checks.filter { $0.stage == "iam" }.map(\.message) : failed
    }

    public var description: String {
        var lines = ["\(outcome == .allow ? "ALLOW" : "DENY"): \(roleName) (\(role))"]
        for check in checks { lines.append("  \(check.passed ? "✓" : "✗") [\(check.stage)] \(check.message)") }
        if let policyDecision {
            lines.append(contentsOf: policyDecision.description.split(separator: "\n").map { "    " + $0 })
        }
        return lines.joined(separator: "\n")
    }
}

/// The question cannot be answered: unknown role, missing deploy-time value, malformed claims.
public struct TrustError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
