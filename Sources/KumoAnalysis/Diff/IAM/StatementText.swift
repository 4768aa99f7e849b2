import KumoPolicy

/// Readable text of normalized statements, with deploy-time values shown as symbols of the template they come
/// from (`<EKSCluster issuer>:sub`).
struct StatementText {
    let template: CloudTemplate

    func show(_ text: String) -> String { template.display(text) }

    /// A one-line label: `Allow sts:AssumeRoleWithWebIdentity · Federated arn:…/<EKSCluster issuer>`.
    func label(_ s: NormalizedStatement) -> String {
        var parts = [(s.sid.map { "[\($0)] " } ?? "") + s.effect.rawValue + " " + list(s.action.sorted, not: s.action.isNot, limit: 3)]
        if let principal = s.principal { parts.append(self.principal(principal, limit: 2)) }
        if let resource = s.resource { parts.append("on " + list(resource.sorted, not: resource.isNot, limit: 2)) }
        return parts.joined(separator: " · ")
    }

    /// The whole statement on one line, nothing left out (for added and removed statements).
    func lines(_ s: NormalizedStatement) -> [String] {
        var parts = [(s.sid.map { "[\($0)] " } ?? "") + s.effect.rawValue + " " + list(s.action.sorted, not: s.action.isNot, limit: nil)]
        if let principal = s.principal { parts.append(self.principal(principal, limit: nil)) }
        if let resource = s.resource { parts.append("on " + list(resource.sorted, not: resource.isNot, limit: nil)) }
        for condition in s.conditions { parts.append("if " + self.condition(condition)) }
        return [parts.joined(separator: " · ")]
    }

    /// `StringEquals <EKSCluster issuer>:sub = system:serviceaccount:main:x` (values joined with ` | `).
    func condition(_ c: NormalizedCondition) -> String {
        conditionElement(c) + " = " + c.values.map(show).joined(separator: " | ")
    }

    /// `StringEquals <EKSCluster issuer>:sub`.
    func conditionElement(_ c: NormalizedCondition) -> String { c.op.name + " " + show(c.key) }

    /// `Federated arn:…` / `AWS * ` / `NotPrincipal AWS …`.
    func principal(_ p: PrincipalElement, limit: Int?) -> String {
        let prefix = p.isNot ? "NotPrincipal " : ""
        if p.any { return prefix + "Principal *" }
        let entries = p.entries.sorted().map { "\($0.type.rawValue) \(show($0.value))" }
        return prefix + truncated(entries, limit: limit)
    }

    func principalEntry(_ e: PrincipalEntry) -> String { "\(e.type.rawValue) \(show(e.value))" }

    private func list(_ values: [String], not: Bool, limit: Int?) -> String {
        (not ? "everything but " : "") + truncated(values.map(show), limit: limit)
    }

    private func truncated(_ values: [String], limit: Int?) -> String {
        guard let limit, values.count > limit else { return values.joined(separator: ", ") }
        return values.prefix(limit).joined(separator: ", ") + " (+\(values.count - limit))"
    }
}
