import KumoJSON
import KumoPolicy

/// Rules for permission policies: managed policies, a role's `Policies`, `AWS::IAM::Policy` (`KUMO-POL-…`).
enum PolicyRules {
    static func check(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        for policy in context.model.managedPolicies {
            let at = context.location(policy.logicalID)
            let name = policy.name.map { "managed policy \($0)" } ?? "managed policy \(policy.logicalID)"
            findings += Self.document(policy.document, name: name, at: at, context)
            let size = PolicySizing.size(policy.document, region: context.region)
            if size > PolicySize.managedPolicyQuota {
                findings.append(Finding(
                    CheckRules.policyManagedSize, at: at,
                    "\(name) is \(size) characters without whitespace, over IAM's limit of 6,144 (which cannot be raised)"))
            }
        }
        // Inline policies: AWS::IAM::Policy resources (whether or not they attach to a role of the template) and
        // the roles' own Policies.
        let resolver = Resolver(context.template)
        var inlineSizes: [String: Int] = [:]  // role logical ID → aggregate
        for resource in context.template.resources(ofType: "AWS::IAM::Policy") {
            let id = resource.logicalID
            guard let raw = try? resolver.property(id, "PolicyDocument"),
                  let policyDocument = try? IAMModel.document(raw, at: "Resources.\(id).Properties.PolicyDocument")
            else { continue }
            let policyName = (try? resolver.property(id, "PolicyName"))?.stringValue.map(context.display) ?? id
            findings += Self.document(policyDocument, name: "policy \(policyName)", at: context.location(id), context)
        }
        for role in context.model.roles {
            for (i, policy) in role.inlinePolicies.enumerated() {
                inlineSizes[role.logicalID, default: 0] += PolicySizing.size(policy.document, region: context.region)
                guard policy.logicalID == nil else { continue }
                findings += Self.document(
                    policy.document, name: "inline policy \(policy.name) (Policies[\(i)]) of role \(context.display(role.name))",
                    at: context.location(role.logicalID), context)
            }
            if let size = inlineSizes[role.logicalID], size > PolicySize.roleInlinePoliciesQuota {
                findings.append(Finding(
                    CheckRules.policyInlineSize, at: context.location(role.logicalID),
                    "the inline policies of role \(context.display(role.name)) total \(size) characters without whitespace, over IAM's limit of 10,240"))
            }
        }
        return findings
    }

    /// An action that grants a whole service (`*`, `*:*`, `s3:*`).
    static func isServiceWide(_ action: String) -> Bool {
        if action == "*" || action == "*:*" { return true }
        guard action.hasSuffix(":*") else { return false }
        let service = action.dropLast(2)
        return !service.isEmpty && !service.contains("*") && !service.contains(":")
    }

    static func document(_ document: JSON, name: String, at: Finding.Location, _ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        let grammar = PolicySizing.grammarErrors(document, kind: .identity, region: context.region)
        if !grammar.isEmpty {
            findings.append(Finding(
                CheckRules.policyGrammar, at: at,
                "\(name) is not valid: " + PolicySizing.readable(grammar.map(\.description).joined(separator: "; "))))
        }
        findings += PrivilegeEscalationRules.check(document, name: name, at: at)
        for statement in PolicyStatement.statements(of: document) where statement.isAllow && statement.resources.contains("*") {
            let broad = statement.actions.filter(isServiceWide)
            if !broad.isEmpty {
                findings.append(Finding(
                    CheckRules.policyWildcardAction, at: at,
                    "\(statement.path) of \(name) allows \(broad.map { "\"\($0)\"" }.joined(separator: ", ")) on Resource \"*\"",
                    fix: "list the actions the workload calls instead of \(broad.joined(separator: ", ")), and scope Resource to their ARNs"))
            } else if !statement.notActions.isEmpty {
                findings.append(Finding(
                    CheckRules.policyWildcardAction, at: at,
                    "\(statement.path) of \(name) allows every action except \(statement.notActions.joined(separator: ", ")) (NotAction) on Resource \"*\"",
                    fix: "allow the listed actions the workload needs instead of NotAction"))
            }
        }
        return findings
    }
}
