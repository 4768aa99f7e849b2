/// The result of `kumo check`: every finding (suppressed ones included, marked) and what was checked.
public struct CheckReport: Sendable {
    public struct Stack: Sendable, Hashable {
        public var name: String
        public var file: String
    }

    /// Findings, most severe first, then by file, line and rule.
    public var findings: [Finding]
    public var stacks: [Stack]
    public var roles: Int
    public var managedPolicies: Int
    public var providers: Int
    /// The number of manifest files read, when `--manifests` was given.
    public var manifests: Int?

    /// Findings that count (not suppressed).
    public var active: [Finding] { findings.filter { !$0.isSuppressed } }
    public var suppressed: [Finding] { findings.filter(\.isSuppressed) }

    public func count(_ severity: CheckRule.Severity) -> Int { active.filter { $0.severity == severity }.count }

    /// Whether a finding at or above `threshold` counts (the exit code is then 1).
    public func fails(at threshold: CheckRule.Severity) -> Bool { active.contains { $0.severity >= threshold } }

    /// `0 errors, 6 warnings, 3 notes, 0 suppressed`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return [plural(count(.error), "error"), plural(count(.warning), "warning"), plural(count(.info), "note"),
                "\(suppressed.count) suppressed"].joined(separator: ", ")
    }

    /// What was checked: `1 stack (7 roles, 6 managed policies, 2 OIDC providers)`.
    public var scope: String {
        func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String { "\(n) \(n == 1 ? word : plural ?? word + "s")" }
        var text = "\(plural(stacks.count, "stack")) (\(plural(roles, "role")), \(plural(managedPolicies, "managed policy", "managed policies")), \(plural(providers, "OIDC provider")))"
        if let manifests { text += ", \(plural(manifests, "manifest file"))" }
        return text
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        let fa = a.location.file ?? "", fb = b.location.file ?? ""
        if fa != fb { return fa < fb }
        if (a.location.line ?? 0) != (b.location.line ?? 0) { return (a.location.line ?? 0) < (b.location.line ?? 0) }
        if a.location.label != b.location.label { return a.location.label < b.location.label }
        if a.rule.id != b.rule.id { return a.rule.id < b.rule.id }
        return a.message < b.message
    }
}
