import KumoJSON
import KumoPolicy

/// The IAM section of a stack diff: roles (trust, managed policy attachments, inline policies) and managed
/// policies, paired by logical ID, compared by meaning on resolved documents (so a CDK `CfnJson` trust
/// condition and Kumo's `Fn::Sub` document that resolve to the same statement are no change).
struct IAMDiffer {
    let old: IAMModel
    let new: IAMModel
    let oldResolver: Resolver
    let newResolver: Resolver
    /// Logical IDs of the old side that are expected CDK → native replacements: not IAM changes.
    let excluded: Set<String>

    func diff() throws(ReaderError) -> [IAMChange] {
        let trust = DocumentDiffer(kind: .trust, old: old.template, new: new.template)
        let identity = DocumentDiffer(kind: .identity, old: old.template, new: new.template)
        let oldAttachments = try IAMDiffer.attachments(old, oldResolver)
        let newAttachments = try IAMDiffer.attachments(new, newResolver)
        var changes: [IAMChange] = []

        let oldRoles = Dictionary(old.roles.map { ($0.logicalID, $0) }, uniquingKeysWith: { a, _ in a })
        let newRoleIDs = Set(new.roles.map(\.logicalID))
        for role in new.roles {
            let subject = IAMDiffer.subject(role, new.template)
            let attached = role.managedPolicyARNs + (newAttachments[role.name] ?? [])
            guard let previous = oldRoles[role.logicalID] else {
                changes.append(
                    IAMChange(subject: subject, document: nil, kind: .roleAdded, classification: .broadening,
                              new: roleLines(role, attached, trust: trust, identity: identity, added: true), reason: "new role",
                              resourceLogicalID: role.logicalID))
                continue
            }
            func record(_ findings: [DocumentFinding], _ document: IAMChange.Document, resource: String, property: String) {
                changes += findings.map { IAMDiffer.change($0, subject, document, resource, property) }
            }
            record(trust.diff(previous.trust, role.trust), .trust, resource: role.logicalID, property: "AssumeRolePolicyDocument")

            let before = previous.managedPolicyARNs + (oldAttachments[previous.name] ?? [])
            for arn in attached where !before.contains(arn) {
                changes.append(
                    IAMChange(subject: subject, document: .attachments, kind: .attachmentAdded, classification: .broadening,
                              element: "managed policy", new: [new.template.display(arn)], reason: "policy attached",
                              resourceLogicalID: role.logicalID, property: "ManagedPolicyArns"))
            }
            for arn in before where !attached.contains(arn) {
                changes.append(
                    IAMChange(subject: subject, document: .attachments, kind: .attachmentRemoved, classification: .narrowing,
                              element: "managed policy", old: [old.template.display(arn)], reason: "policy detached",
                              resourceLogicalID: role.logicalID, property: "ManagedPolicyArns"))
            }

            let oldInline = previous.inlinePolicies.filter { $0.logicalID.map { !excluded.contains($0) } ?? true }
            for policy in role.inlinePolicies {
                let resource = policy.logicalID ?? role.logicalID
                let property = policy.logicalID == nil ? "Policies" : "PolicyDocument"
                if let before = oldInline.first(where: { $0.name == policy.name }) {
                    record(identity.diff(before.document, policy.document), .inline(policy.name), resource: resource, property: property)
                } else {
                    let whole = identity.whole(policy.document, added: true)
                    changes.append(
                        IAMChange(subject: subject, document: .inline(policy.name), kind: .inlinePolicyAdded, classification: whole.classification,
                                  new: whole.lines, reason: "inline policy added", resourceLogicalID: resource, property: property))
                }
            }
            for policy in oldInline where !role.inlinePolicies.contains(where: { $0.name == policy.name }) {
                let whole = identity.whole(policy.document, added: false)
                changes.append(
                    IAMChange(subject: subject, document: .inline(policy.name), kind: .inlinePolicyRemoved, classification: whole.classification,
                              old: whole.lines, reason: "inline policy removed", resourceLogicalID: policy.logicalID ?? role.logicalID,
                              property: policy.logicalID == nil ? "Policies" : "PolicyDocument"))
            }
        }
        for role in old.roles where !newRoleIDs.contains(role.logicalID) && !excluded.contains(role.logicalID) {
            let attached = role.managedPolicyARNs + (oldAttachments[role.name] ?? [])
            changes.append(
                IAMChange(subject: IAMDiffer.subject(role, old.template), document: nil, kind: .roleRemoved, classification: .narrowing,
                          old: roleLines(role, attached, trust: trust, identity: identity, added: false), reason: "role removed",
                          resourceLogicalID: role.logicalID))
        }

        let oldPolicies = Dictionary(old.managedPolicies.map { ($0.logicalID, $0) }, uniquingKeysWith: { a, _ in a })
        let newPolicyIDs = Set(new.managedPolicies.map(\.logicalID))
        for policy in new.managedPolicies {
            let subject = IAMDiffer.subject(policy, new.template)
            if let previous = oldPolicies[policy.logicalID] {
                changes += identity.diff(previous.document, policy.document).map {
                    IAMDiffer.change($0, subject, .policy, policy.logicalID, "PolicyDocument")
                }
            } else {
                let whole = identity.whole(policy.document, added: true)
                changes.append(
                    IAMChange(subject: subject, document: .policy, kind: .policyAdded, classification: whole.classification,
                              new: whole.lines, reason: "new managed policy", resourceLogicalID: policy.logicalID))
            }
        }
        for policy in old.managedPolicies where !newPolicyIDs.contains(policy.logicalID) && !excluded.contains(policy.logicalID) {
            let whole = identity.whole(policy.document, added: false)
            changes.append(
                IAMChange(subject: IAMDiffer.subject(policy, old.template), document: .policy, kind: .policyRemoved,
                          classification: whole.classification, old: whole.lines, reason: "managed policy removed",
                          resourceLogicalID: policy.logicalID))
        }
        return changes
    }

    /// Readable lines of a whole role: its trust statements, attachments and inline policies.
    private func roleLines(_ role: IAMModel.Role, _ attached: [String], trust: DocumentDiffer, identity: DocumentDiffer, added: Bool) -> [String] {
        let template = added ? new.template : old.template
        var lines = trust.whole(role.trust, added: added).lines.map { "trust: " + $0 }
        lines += attached.map { "managed policy: " + template.display($0) }
        for policy in role.inlinePolicies {
            lines += identity.whole(policy.document, added: added).lines.map { "inline \(policy.name): " + $0 }
        }
        return lines
    }

    private static func change(_ finding: DocumentFinding, _ subject: IAMChange.Subject, _ document: IAMChange.Document, _ resource: String, _ property: String) -> IAMChange {
        IAMChange(subject: subject, document: document, kind: finding.kind, classification: finding.classification,
                  statement: finding.statement, element: finding.element, old: finding.old, new: finding.new,
                  reason: finding.reason, resourceLogicalID: resource, property: property)
    }

    private static func subject(_ role: IAMModel.Role, _ template: CloudTemplate) -> IAMChange.Subject {
        IAMChange.Subject(kind: .role, logicalID: role.logicalID, name: Symbol.isSymbolic(role.name) ? nil : role.name,
                          displayName: displayName(role.constructPath, role.logicalID))
    }

    private static func subject(_ policy: IAMModel.ManagedPolicy, _ template: CloudTemplate) -> IAMChange.Subject {
        IAMChange.Subject(kind: .managedPolicy, logicalID: policy.logicalID, name: policy.name.map(template.display),
                          displayName: displayName(policy.constructPath, policy.logicalID))
    }

    /// The construct path without its trailing `Resource` (`EKSCluster/Role`), else the logical ID.
    static func displayName(_ path: String?, _ logicalID: String) -> String {
        guard var path else { return logicalID }
        if path.hasSuffix("/Resource") { path.removeLast("/Resource".count) }
        return path.isEmpty ? logicalID : path
    }

    /// Role name → ARNs of the managed policies that attach themselves to it (`ManagedPolicy.Roles`).
    private static func attachments(_ model: IAMModel, _ resolver: Resolver) throws(ReaderError) -> [String: [String]] {
        var result: [String: [String]] = [:]
        let policies = model.template.resources(ofType: "AWS::IAM::ManagedPolicy").filter { $0.properties["Roles"] != nil }
        guard !policies.isEmpty else { return result }
        for resource in policies {
            guard let policy = model.managedPolicies.first(where: { $0.logicalID == resource.logicalID }),
                  case .array(let roles)? = try resolver.property(resource.logicalID, "Roles") else { continue }
            for case .string(let name) in roles { result[name, default: []].append(policy.arn) }
        }
        return result
    }
}
