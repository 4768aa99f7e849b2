import KumoJSON
import KumoPolicy

/// The IAM section of a stack diff: principals (roles with their trust, users, groups: managed policy
/// attachments, inline policies) and managed policies, paired by logical ID, compared by meaning on resolved
/// documents (so a CDK `CfnJson` trust condition and Kumo's `Fn::Sub` document that resolve to the same
/// statement are no change).
///
/// Access is judged per principal: a principal's permissions are the union of its inline policies, the
/// `AWS::IAM::Policy` resources attached to it, its customer-managed policies (`ManagedPolicyArns`, or the
/// policy's `Roles`/`Users`/`Groups`) and, for a user, its groups'. A statement that moves between those
/// documents, a policy renamed or split, is "same access" (the reason says where it moved); a managed policy
/// attached to several principals is judged for each of them.
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
        let oldSide = try Side(old, oldResolver, identity: identity, excluded: excluded)
        let newSide = try Side(new, newResolver, identity: identity, excluded: [])
        var changes: [IAMChange] = []

        for principal in newSide.principals {
            let subject = IAMDiffer.subject(principal, new.template)
            let attached = newSide.attachments(of: principal)
            guard let previous = oldSide.principals.first(where: { $0.logicalID == principal.logicalID && $0.kind == principal.kind }) else {
                changes.append(
                    IAMChange(subject: subject, document: nil, kind: .roleAdded, classification: .broadening,
                              new: lines(principal, attached, trust: trust, identity: identity, added: true),
                              reason: "new \(principal.kind.rawValue)", resourceLogicalID: principal.logicalID))
                continue
            }
            let coverage = Coverage(old: oldSide.sources(of: previous), new: newSide.sources(of: principal))
            func record(_ findings: [DocumentFinding], _ document: IAMChange.Document, resource: String, property: String) {
                changes += findings.map { IAMDiffer.change($0, subject, document, resource, property) }
            }
            if let before = previous.trust, let after = principal.trust {
                record(trust.diff(before, after), .trust, resource: principal.logicalID, property: "AssumeRolePolicyDocument")
            }

            let before = oldSide.attachments(of: previous)
            for arn in attached where !before.contains(arn) {
                var classification = Classification.broadening, reason = "policy attached"
                if let policy = new.managedPolicy(arn: arn) {
                    let whole = identity.whole(policy.document, added: true, coverage: coverage)
                    classification = whole.classification
                    if classification == .neutral { reason = "same access: already granted by \(whole.covered.joined(separator: ", "))" }
                }
                changes.append(
                    IAMChange(subject: subject, document: .attachments, kind: .attachmentAdded, classification: classification,
                              element: "managed policy", new: [new.template.display(arn)], reason: reason,
                              resourceLogicalID: principal.logicalID, property: "ManagedPolicyArns"))
            }
            for arn in before where !attached.contains(arn) {
                var classification = Classification.narrowing, reason = "policy detached"
                if let policy = old.managedPolicy(arn: arn) {
                    let whole = identity.whole(policy.document, added: false, coverage: coverage)
                    classification = whole.classification
                    if classification == .neutral { reason = "same access: still granted by \(whole.covered.joined(separator: ", "))" }
                }
                changes.append(
                    IAMChange(subject: subject, document: .attachments, kind: .attachmentRemoved, classification: classification,
                              element: "managed policy", old: [old.template.display(arn)], reason: reason,
                              resourceLogicalID: principal.logicalID, property: "ManagedPolicyArns"))
            }

            let oldInline = previous.inline.filter { $0.logicalID.map { !excluded.contains($0) } ?? true }
            for policy in principal.inline {
                let resource = policy.logicalID ?? principal.logicalID
                let property = policy.logicalID == nil ? "Policies" : "PolicyDocument"
                if let before = oldInline.first(where: { $0.name == policy.name }) {
                    record(identity.diff(before.document, policy.document, coverage: coverage), .inline(policy.name), resource: resource, property: property)
                } else {
                    let whole = identity.whole(policy.document, added: true, coverage: coverage)
                    let reason = whole.classification == .neutral
                        ? "inline policy added: same access, already granted by \(whole.covered.joined(separator: ", "))" : "inline policy added"
                    changes.append(
                        IAMChange(subject: subject, document: .inline(policy.name), kind: .inlinePolicyAdded, classification: whole.classification,
                                  new: whole.lines, reason: reason, resourceLogicalID: resource, property: property))
                }
            }
            for policy in oldInline where !principal.inline.contains(where: { $0.name == policy.name }) {
                let whole = identity.whole(policy.document, added: false, coverage: coverage)
                let reason = whole.classification == .neutral
                    ? "inline policy removed: same access, still granted by \(whole.covered.joined(separator: ", "))" : "inline policy removed"
                changes.append(
                    IAMChange(subject: subject, document: .inline(policy.name), kind: .inlinePolicyRemoved, classification: whole.classification,
                              old: whole.lines, reason: reason, resourceLogicalID: policy.logicalID ?? principal.logicalID,
                              property: policy.logicalID == nil ? "Policies" : "PolicyDocument"))
            }
        }
        for principal in oldSide.principals
        where !newSide.principals.contains(where: { $0.logicalID == principal.logicalID && $0.kind == principal.kind }) && !excluded.contains(principal.logicalID) {
            changes.append(
                IAMChange(subject: IAMDiffer.subject(principal, old.template), document: nil, kind: .roleRemoved, classification: .narrowing,
                          old: lines(principal, oldSide.attachments(of: principal), trust: trust, identity: identity, added: false),
                          reason: "\(principal.kind.rawValue) removed", resourceLogicalID: principal.logicalID))
        }

        let oldPolicies = Dictionary(old.managedPolicies.map { ($0.logicalID, $0) }, uniquingKeysWith: { a, _ in a })
        let newPolicyIDs = Set(new.managedPolicies.map(\.logicalID))
        for policy in new.managedPolicies {
            let subject = IAMDiffer.subject(policy, new.template)
            if let previous = oldPolicies[policy.logicalID] {
                changes += judgedPerPrincipal(previous, policy, oldSide, newSide, identity).map {
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

    /// A managed policy's document changes, judged for each principal it is attached to (on either side): a
    /// change that gives one principal new access but not another says so for each. Unattached, it is judged
    /// by itself.
    private func judgedPerPrincipal(
        _ previous: IAMModel.ManagedPolicy, _ policy: IAMModel.ManagedPolicy, _ oldSide: Side, _ newSide: Side, _ identity: DocumentDiffer
    ) -> [DocumentFinding] {
        var holders: [(label: String, coverage: Coverage)] = []
        for principal in newSide.principals where newSide.attachments(of: principal).contains(policy.arn) {
            let before = oldSide.principals.first { $0.logicalID == principal.logicalID && $0.kind == principal.kind }
            // The other documents of the principal (this policy aside: its own change is what is judged).
            let coverage = Coverage(
                old: before.map { oldSide.sources(of: $0, except: previous.arn) } ?? [],
                new: newSide.sources(of: principal, except: policy.arn))
            holders.append(("\(principal.kind.rawValue) \(IAMDiffer.displayName(principal.constructPath, principal.logicalID))", coverage))
        }
        guard holders.count > 0 else { return identity.diff(previous.document, policy.document) }
        let perHolder = holders.map { identity.diff(previous.document, policy.document, coverage: $0.coverage) }
        guard holders.count > 1, perHolder.allSatisfy({ $0.count == perHolder[0].count }) else { return perHolder[0] }
        var findings: [DocumentFinding] = []
        for (i, finding) in perHolder[0].enumerated() {
            let versions = perHolder.map { $0[i] }
            var combined = finding
            combined.classification = Classification.combined(versions.map(\.classification))
            if Set(versions.map(\.classification)).count > 1 || Set(versions.map(\.reason)).count > 1 {
                combined.reason = zip(holders, versions).map { holder, version in
                    "for \(holder.label): " + (version.reason.hasPrefix(version.classification.label) ? version.reason : "\(version.classification.label), \(version.reason)")
                }.joined(separator: "; ")
            }
            findings.append(combined)
        }
        return findings
    }

    /// Readable lines of a whole principal: its trust statements, attachments and inline policies.
    private func lines(_ principal: Principal, _ attached: [String], trust: DocumentDiffer, identity: DocumentDiffer, added: Bool) -> [String] {
        let template = added ? new.template : old.template
        var lines = principal.trust.map { trust.whole($0, added: added).lines.map { "trust: " + $0 } } ?? []
        lines += attached.map { "managed policy: " + template.display($0) }
        for policy in principal.inline {
            lines += identity.whole(policy.document, added: added).lines.map { "inline \(policy.name): " + $0 }
        }
        return lines
    }

    private static func change(_ finding: DocumentFinding, _ subject: IAMChange.Subject, _ document: IAMChange.Document, _ resource: String, _ property: String) -> IAMChange {
        IAMChange(subject: subject, document: document, kind: finding.kind, classification: finding.classification,
                  statement: finding.statement, element: finding.element, old: finding.old, new: finding.new,
                  reason: finding.reason, resourceLogicalID: resource, property: property)
    }

    private static func subject(_ principal: Principal, _ template: CloudTemplate) -> IAMChange.Subject {
        let kind: IAMChange.Subject.Kind = switch principal.kind {
        case .role: .role
        case .user: .user
        case .group: .group
        }
        return IAMChange.Subject(kind: kind, logicalID: principal.logicalID, name: Symbol.isSymbolic(principal.name) ? nil : principal.name,
                                 displayName: displayName(principal.constructPath, principal.logicalID))
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

    /// A role, user or group, as the diff compares it.
    struct Principal {
        var kind: IAMModel.PrincipalKind
        var logicalID: String
        var constructPath: String?
        var name: String
        /// A role's trust policy.
        var trust: JSON?
        var managedPolicyARNs: [String]
        var inline: [IAMModel.InlinePolicy]
        var groups: [String]
    }

    /// What one side grants each principal.
    struct Side {
        var model: IAMModel
        var principals: [Principal] = []
        /// Principal kind and name → ARNs of the managed policies that attach themselves to it (`Roles`, `Users`,
        /// `Groups` of an `AWS::IAM::ManagedPolicy`).
        var attachedByPolicy: [IAMModel.PrincipalKind: [String: [String]]] = [:]
        /// Customer-managed policy ARN → statements.
        var managedStatements: [String: [NormalizedStatement]] = [:]
        /// Group name → group.
        var groupsByName: [String: Principal] = [:]
        var identity: DocumentDiffer

        init(_ model: IAMModel, _ resolver: Resolver, identity: DocumentDiffer, excluded: Set<String>) throws(ReaderError) {
            self.model = model
            self.identity = identity
            principals = model.roles.map {
                Principal(kind: .role, logicalID: $0.logicalID, constructPath: $0.constructPath, name: $0.name, trust: $0.trust,
                          managedPolicyARNs: $0.managedPolicyARNs, inline: $0.inlinePolicies, groups: [])
            } + (model.users + model.groups).map {
                Principal(kind: $0.kind, logicalID: $0.logicalID, constructPath: $0.constructPath, name: $0.name, trust: nil,
                          managedPolicyARNs: $0.managedPolicyARNs, inline: $0.inlinePolicies, groups: $0.groups)
            }
            for principal in principals where principal.kind == .group { groupsByName[principal.name] = principal }
            for policy in model.managedPolicies {
                managedStatements[policy.arn] = identity.statements(policy.document) ?? []
            }
            for resource in model.template.resources(ofType: "AWS::IAM::ManagedPolicy")
            where model.managedPolicies.contains(where: { $0.logicalID == resource.logicalID }) {
                guard let policy = model.managedPolicies.first(where: { $0.logicalID == resource.logicalID }) else { continue }
                for (kind, property) in [(IAMModel.PrincipalKind.role, "Roles"), (.user, "Users"), (.group, "Groups")] where resource.properties[property] != nil {
                    for name in try IAMModel.strings(try resolver.property(resource.logicalID, property), "Resources.\(resource.logicalID).Properties.\(property)") {
                        attachedByPolicy[kind, default: [:]][name, default: []].append(policy.arn)
                    }
                }
            }
        }

        /// The managed policies attached to a principal: its `ManagedPolicyArns` and the policies naming it.
        func attachments(of principal: Principal) -> [String] {
            var arns = principal.managedPolicyARNs
            for arn in attachedByPolicy[principal.kind]?[principal.name] ?? [] where !arns.contains(arn) { arns.append(arn) }
            return arns
        }

        /// The documents that grant a principal its access (a user's groups' too), labelled.
        func sources(of principal: Principal, except excludedARN: String? = nil) -> [Coverage.Source] {
            var sources: [Coverage.Source] = []
            func add(_ p: Principal, prefix: String) {
                for policy in p.inline {
                    sources.append(.init(label: prefix + "inline policy " + policy.name, statements: identity.statements(policy.document) ?? []))
                }
                for arn in attachments(of: p) where arn != excludedARN {
                    guard let statements = managedStatements[arn], let policy = model.managedPolicy(arn: arn) else { continue }
                    let name = policy.name.map(model.template.display) ?? policy.logicalID
                    sources.append(.init(label: prefix + "managed policy " + name, statements: statements))
                }
            }
            add(principal, prefix: "")
            for group in principal.groups {
                if let g = groupsByName[group] { add(g, prefix: "group \(IAMDiffer.displayName(g.constructPath, g.logicalID))'s ") }
            }
            return sources
        }
    }
}
