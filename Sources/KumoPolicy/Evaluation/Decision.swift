/// The result of evaluating a policy document against a request, with the per-statement reasons.
public struct Decision: Hashable, Sendable, CustomStringConvertible {
    /// IAM's three outcomes.
    public enum Outcome: String, Hashable, Sendable {
        /// Some statement allows and none denies.
        case allow
        /// Some Deny statement applies (it wins over any Allow).
        case explicitDeny
        /// No statement applies: denied by default.
        case implicitDeny
    }

    /// The outcome.
    public var outcome: Outcome
    /// One result per statement, in document order.
    public var statements: [StatementResult]

    /// Whether the request is allowed.
    public var isAllowed: Bool { outcome == .allow }

    /// The statements that decided the outcome: the applying Deny statements for an explicit deny, the
    /// applying Allow statements for an allow, none for an implicit deny.
    public var decidingStatements: [StatementResult] {
        switch outcome {
        case .allow: statements.filter { $0.applies && $0.effect == .allow }
        case .explicitDeny: statements.filter { $0.applies && $0.effect == .deny }
        case .implicitDeny: []
        }
    }

    /// A multi-line explanation: the outcome, then every statement with its failing parts.
    public var description: String {
        var lines: [String]
        switch outcome {
        case .allow:
            lines = ["ALLOW by " + decidingStatements.map(\.label).joined(separator: ", ")]
        case .explicitDeny:
            lines = ["DENY (explicit) by " + decidingStatements.map(\.label).joined(separator: ", ")]
        case .implicitDeny:
            lines = ["DENY (implicit): no statement allows the request"]
        }
        for s in statements { lines.append(contentsOf: s.explanationLines.map { "  " + $0 }) }
        return lines.joined(separator: "\n")
    }
}

/// Whether one statement element (Principal, Action, Resource) matched, and why.
public struct ElementMatch: Hashable, Sendable {
    /// Whether the element matched (an absent element matches).
    public var matched: Bool
    let why: ElementReason

    init(_ matched: Bool, _ why: ElementReason) {
        self.matched = matched
        self.why = why
    }

    /// A human explanation, e.g. `"sts:AssumeRole" matches none of ["sts:AssumeRoleWithWebIdentity"]`.
    public var reason: String { why.text }
}

/// The evaluation of one statement.
public struct StatementResult: Hashable, Sendable {
    /// Position in the document's statement list.
    public var index: Int
    /// The statement's `Sid`, if any.
    public var sid: String?
    /// The statement's effect.
    public var effect: Effect
    /// The Principal / NotPrincipal check (matched when the element is absent).
    public var principal: ElementMatch
    /// The Action / NotAction check.
    public var action: ElementMatch
    /// The Resource / NotResource check (matched when the element is absent).
    public var resource: ElementMatch
    /// Every condition, evaluated (even when another element already failed, so that all reasons show).
    public var conditions: [ConditionEvaluation]
    /// Whether the statement applies to the request (all elements matched, all conditions hold).
    public var applies: Bool

    /// The conditions that do not hold.
    public var failingConditions: [ConditionEvaluation] { conditions.filter { !$0.result } }

    /// `Statement[0] (Allow, Sid "GitHub")`.
    public var label: String {
        var s = "Statement[\(index)] (\(effect.rawValue)"
        if let sid, !sid.isEmpty { s += ", Sid \(ConditionExplainer.quote(sid))" }
        return s + ")"
    }

    /// The statement's explanation: a header line and one line per check, `✓` or `✗`.
    public var explanationLines: [String] {
        var lines = [label + (applies ? ": applies" : ": does not apply")]
        for (name, m) in [("Principal", principal), ("Action", action), ("Resource", resource)] {
            lines.append("  \(m.matched ? "✓" : "✗") \(name): \(m.reason)")
        }
        for c in conditions { lines.append("  " + c.description) }
        return lines
    }
}
