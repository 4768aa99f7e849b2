import KumoAnalysis
import KumoJSON
import KumoPolicy

/// The output of `kumo simulate`: text for people, JSON for programs (schema in the README, "Testing trust").
struct SimulationReport {
    let decision: TrustDecision
    let request: WebIdentityRequest
    let template: CloudTemplate
    /// How the token was obtained (e.g. "decoded without verifying its signature").
    let tokenNote: String?

    // MARK: - Text

    var text: String {
        var lines: [String] = []
        lines.append("\(decision.isAllowed ? "ALLOW" : "DENY")  \(decision.roleName) (\(decision.role)) in \(template.name)")
        let claims = request.claims
        var token: [String] = []
        for key in ["sub", "iss", "aud"] where claims[key] != nil { token.append("\(key) \(Self.show(claims[key]!))") }
        let shown = token.isEmpty ? "(no sub, iss or aud claim)" : token.joined(separator: " · ")
        lines.append("  token  " + shown + (tokenNote.map { "  (\($0))" } ?? ""))
        var times: [String] = []
        for key in ["iat", "nbf", "exp"] {
            guard let value = claims[key] else { continue }
            if case .number(let n) = value { times.append("\(key) \(ISO8601.format(n))") } else { times.append("\(key) \(value.serialized())") }
        }
        if !times.isEmpty { lines.append("         " + times.joined(separator: " · ")) }
        lines.append("  at     \(ISO8601.format(request.now)) (STS's clock) · skew \(skewDescription)")
        lines.append("")
        for check in decision.checks {
            lines.append("  \(check.passed ? "✓" : "✗") \(check.stage.rawValue) \(check.name.padding(5)) \(check.message)")
        }
        if let policy = decision.policyDecision {
            lines.append("")
            lines.append("  trust policy of \(decision.roleName), for sts:AssumeRoleWithWebIdentity: \(Self.outcome(policy.outcome))")
            for statement in policy.statements {
                lines.append(contentsOf: statement.explanationLines.map { "    " + $0 })
            }
            if !decision.unknownKeys.isEmpty {
                lines.append("    keys the offline request does not carry, taken as denying: \(decision.unknownKeys.joined(separator: ", "))")
            }
        }
        // Symbols named as the template names them (`<EKSCluster issuer>`, `<AWS::AccountId>`).
        return lines.map(template.display).joined(separator: "\n")
    }

    private var skewDescription: String {
        if let skew = request.clockSkew { return "\(JSONNumberFormat.javaScript(skew)) s for exp, iat and nbf" }
        return "AWS's documented 300 s after exp, none for iat/nbf"
    }

    private static func outcome(_ outcome: Decision.Outcome) -> String {
        switch outcome {
        case .allow: "allowed"
        case .explicitDeny: "explicitly denied"
        case .implicitDeny: "denied (no statement allows)"
        }
    }

    private static func show(_ value: JSON) -> String {
        if case .string(let s) = value { return s }
        return value.serialized()
    }

    // MARK: - JSON

    var json: String {
        var out = JSONObject()
        out["decision"] = .string(decision.outcome.rawValue)
        out["role"] = .string(decision.role)
        out["roleName"] = .string(decision.roleName)
        out["stack"] = .string(template.name)
        out["provider"] = decision.provider.map(JSON.string) ?? .null
        out["at"] = .string(ISO8601.format(request.now))
        out["clockSkew"] = request.clockSkew.map(JSON.number) ?? .null
        out["reasons"] = .array(decision.reasons.map(JSON.string))
        out["checks"] = .array(decision.checks.map { check in
            ["stage": .string(check.stage.rawValue), "check": .string(check.name), "passed": .bool(check.passed), "message": .string(check.message)]
        })
        out["statements"] = .array((decision.policyDecision?.statements ?? []).map(Self.statement))
        out["unknownKeys"] = .array(decision.unknownKeys.map(JSON.string))
        var context = JSONObject()
        for (key, values) in decision.context { context[key] = .array(values.map(JSON.string)) }
        out["context"] = .object(context)
        out["claims"] = .object(request.claims)
        return JSON.object(out).displayed(template.display).serialized(.indented(2))
    }

    private static func statement(_ s: StatementResult) -> JSON {
        func element(_ m: ElementMatch) -> JSON { ["matched": .bool(m.matched), "reason": .string(m.reason)] }
        return [
            "index": .number(Double(s.index)),
            "sid": s.sid.map(JSON.string) ?? .null,
            "effect": .string(s.effect.rawValue),
            "applies": .bool(s.applies),
            "principal": element(s.principal),
            "action": element(s.action),
            "resource": element(s.resource),
            "conditions": .array(s.conditions.map { c in
                [
                    "operator": .string(c.condition.op.name),
                    "key": .string(c.condition.key),
                    "expected": .array(c.expected.map(JSON.string)),
                    "actual": c.actual.map { .array($0.map(JSON.string)) } ?? .null,
                    "result": .bool(c.result),
                    "reason": .string(c.reason),
                ]
            }),
        ]
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
