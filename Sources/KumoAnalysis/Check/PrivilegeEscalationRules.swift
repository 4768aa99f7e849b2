import KumoJSON
import KumoPolicy

/// Privilege escalation in permission policies (`KUMO-ESC-…`): actions that let their holder obtain permissions it
/// was not given, when allowed on every role or policy.
///
/// - `iam:PassRole` on `*` (or through `NotResource`, or a `role/*` pattern): IAM Access Analyzer's security warnings
///   "Pass role with star in resource", "Pass role with NotResource" (IAM User Guide, Access Analyzer policy check
///   reference, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, read
///   2026-12-03); the fix scopes Resource and adds `iam:PassedToService`.
/// - IAM actions that rewrite permissions (`iam:CreatePolicyVersion`, `iam:Attach*Policy`, `iam:Put*Policy`, …) and
///   `sts:AssumeRole`, on `*`.
///
/// Service-wide grants (`*`, `iam:*`, `sts:*`) are `KUMO-POL-001`'s, and not repeated here.
enum PrivilegeEscalationRules {
    /// IAM actions whose holder can rewrite its own permissions when they apply to every principal or policy.
    static let policyWriting = [
        "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AttachRolePolicy", "iam:AttachUserPolicy",
        "iam:AttachGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:UpdateAssumeRolePolicy",
        "iam:AddUserToGroup", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
        "iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary", "iam:PutRolePermissionsBoundary",
        "iam:PutUserPermissionsBoundary",
    ]

    /// Whether the statement's resources cover every role (or policy, user…): `*`, `NotResource`, or an IAM ARN whose
    /// resource part is a pattern matching any name (`role/*`).
    static func coversEverything(_ statement: PolicyStatement, kind: String) -> String? {
        if statement.resources.contains("*") { return "Resource \"*\"" }
        if !statement.notResources.isEmpty { return "NotResource \(statement.notResources.joined(separator: ", ")) (every other resource)" }
        for resource in statement.resources {
            guard let arn = ARN(resource), Wildcard.matches("iam", pattern: arn.service) || Wildcard.matches("sts", pattern: arn.service) else { continue }
            if Wildcard.matches("\(kind)/kumo-probe-name-0", pattern: arn.resource) { return "Resource \"\(resource)\" (every \(kind))" }
        }
        return nil
    }

    /// The privileged actions a statement's action patterns grant (without service-wide patterns).
    static func granted(_ statement: PolicyStatement, among actions: [String]) -> [(action: String, pattern: String)] {
        var out: [(String, String)] = []
        for action in actions {
            if let pattern = statement.actions.first(where: { !PolicyRules.isServiceWide($0) && Wildcard.matches(action.lowercased(), pattern: $0.lowercased()) }) {
                out.append((action, pattern))
            }
        }
        return out
    }

    static func check(_ document: JSON, name: String, at: Finding.Location) -> [Finding] {
        var findings: [Finding] = []
        for statement in PolicyStatement.statements(of: document) where statement.isAllow && statement.notActions.isEmpty {
            let label = "\(statement.path) of \(name)"
            if let scope = coversEverything(statement, kind: "role"), let pass = granted(statement, among: ["iam:PassRole"]).first {
                let services = statement.conditions.filter { $0.key.lowercased() == "iam:passedtoservice" && $0.isPositiveRestriction }.flatMap(\.values)
                let shown = pass.pattern == pass.action ? pass.action : "\(pass.action) (through \"\(pass.pattern)\")"
                findings.append(Finding(
                    CheckRules.escalationPassRole, at: at,
                    "\(label) allows \(shown) on \(scope)"
                        + (services.isEmpty
                            ? ": it can pass any role of the account, an administrator's included, to any service that takes one, and act with it"
                            : ": iam:PassedToService limits it to \(services.joined(separator: ", ")), but any role of the account, an administrator's included, can be passed to it"),
                    fix: "list the roles in Resource (arn:aws:iam::ACCOUNT:role/NAME)"
                        + (services.isEmpty ? " and add StringEquals iam:PassedToService = the service that needs them (e.g. ec2.amazonaws.com, lambda.amazonaws.com)" : ""),
                    severity: services.isEmpty ? nil : .warning))
            }
            if let scope = coversEverything(statement, kind: "policy") ?? coversEverything(statement, kind: "role") ?? coversEverything(statement, kind: "user") {
                let writes = granted(statement, among: policyWriting)
                if !writes.isEmpty {
                    findings.append(Finding(
                        CheckRules.escalationPolicyWrite, at: at,
                        "\(label) allows \(writes.map(\.action).joined(separator: ", ")) on \(scope): the holder can grant itself any permission",
                        fix: "scope Resource to the policies, roles, users or groups the workload manages, and require a permissions boundary "
                            + "(StringEquals iam:PermissionsBoundary = arn:aws:iam::ACCOUNT:policy/BOUNDARY) where it creates or changes roles"))
                }
            }
            if let scope = coversEverything(statement, kind: "role"), let assume = granted(statement, among: ["sts:AssumeRole"]).first {
                findings.append(Finding(
                    CheckRules.escalationAssumeAnyRole, at: at,
                    "\(label) allows \(assume.pattern == assume.action ? assume.action : "\(assume.action) (through \"\(assume.pattern)\")") on \(scope): the holder may "
                        + "assume every role whose trust admits its account, and gets the union of their permissions",
                    fix: "list the role ARNs the workload assumes"))
            }
        }
        return findings
    }
}
