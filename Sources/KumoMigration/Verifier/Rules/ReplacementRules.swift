import KumoAnalysis
import KumoJSON

extension VerifierRun {
    /// Whether a resource is CDK's plumbing that CloudFormation may delete (its deletion runs no provider).
    func isPurePlumbing(_ resource: CloudTemplate.Resource) -> Bool {
        if resource.type == "AWS::CDK::Metadata" { return true }
        let cdkEKS = deployed.raw.map(CDKPlumbing.hasCDKEKSCluster) ?? false
        return CDKPlumbing.rule(for: resource, newType: nil, cdkEKS: cdkEKS) != nil && !MigrationFacts.runsProviderOnDelete(resource.type)
    }

    /// What deleting a resource does (for messages).
    func deletionEffect(_ type: String) -> String {
        switch type {
        case "Custom::AWSCDK-EKS-Cluster": "CloudFormation sends Delete to CDK's cluster provider, which deletes the EKS cluster"
        case "Custom::AWSCDKOpenIdConnectProvider": "CloudFormation sends Delete to CDK's provider, which deletes the OIDC provider (every IRSA and GitHub role trusting it stops working)"
        case "Custom::AWSCDK-EKS-KubernetesResource": "CloudFormation sends Delete to CDK's kubectl provider, which runs kubectl delete on the manifest (for aws-auth: nodes and administrators lose access)"
        case "Custom::AWSCDK-EKS-HelmChart": "CloudFormation sends Delete to CDK's kubectl provider, which runs helm uninstall"
        case "Custom::AWSCDKCfnJson": "CloudFormation invokes CDK's CfnJson Lambda, which this plan is deleting"
        default: "CloudFormation deletes it"
        }
    }

    /// A resource removed from the template is deleted unless its `DeletionPolicy` in the template before says
    /// `Retain` (`DELETE_SKIPPED`; a custom resource's provider then receives no Delete).
    func checkRetainBeforeRemoval(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.retainBeforeRemoval)
        guard let before = previous.raw else { return }
        let after = current.resources
        for (id, resource) in before.resources where after[id] == nil {
            if ClusterAccessState.retains(resource) || isPurePlumbing(resource) { continue }
            violation(.retainBeforeRemoval, current, "\(id) (\(resource.type)) leaves the stack without DeletionPolicy Retain in \(previous.file): \(deletionEffect(resource.type)); set Retain in an earlier step")
        }
    }

    /// Stateful resources keep `Retain` policies until *converge*.
    func checkStatefulRetained(_ state: VerifiedState) {
        guard state.position < last.position else { return }
        checked(.statefulRetained)
        for (id, entry) in state.resources {
            guard let type = entry["Type"]?.stringValue, let what = MigrationFacts.statefulTypes[type] else { continue }
            let missing = ["DeletionPolicy", "UpdateReplacePolicy"].filter { entry[$0]?.stringValue != "Retain" }
            if !missing.isEmpty {
                violation(.statefulRetained, state, "\(id) (\(what)) has no \(missing.joined(separator: "/")) Retain: a mistake in a later step could delete or replace it; keep Retain until converge")
            }
        }
    }

    /// No create-only property of a stateful resource changes (a change replaces it: a new cluster, database,
    /// network); nothing else is replaced before *converge* except the roles of a replace-roles step.
    func checkCreateOnly(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.createOnly)
        for (id, paths) in current.replaced.sorted(by: { $0.key < $1.key }) {
            guard let type = current.raw?.resources[id]?.type else { continue }
            let shown = paths.map { path -> String in
                let components = path.split(separator: "/").map(String.init)
                let a = createOnlyValue(components, previous.resolved[id] ?? [:]), b = createOnlyValue(components, current.resolved[id] ?? [:])
                return "\(path): \(display(a, previous)) → \(display(b, current))"
            }.joined(separator: "; ")
            if let what = MigrationFacts.statefulTypes[type] {
                violation(.createOnly, current, "\(id) (\(what)) would be replaced: create-only \(shown)")
            } else if current.position < last.position && !(type == "AWS::IAM::Role" && movesToTarget(id, paths, current)) {
                violation(.createOnly, current, "\(id) (\(type)) would be replaced before converge: \(shown)")
            }
        }
    }

    /// A resolved value for a message (symbols shown as `<EKSCluster issuer>`).
    func display(_ value: JSON?, _ state: VerifiedState) -> String {
        guard let value else { return "(absent)" }
        let shown = state.raw?.display(value) ?? value
        return shown.stringValue ?? shown.serialized()
    }

    /// Whether a role's replaced properties take the values the last step has (a planned replacement).
    private func movesToTarget(_ id: String, _ paths: [String], _ state: VerifiedState) -> Bool {
        paths.allSatisfy { path in
            let components = path.split(separator: "/").map(String.init)
            return (createOnlyValue(components, state.json["Resources"]?[id]?["Properties"] ?? [:]) ?? .null)
                .semanticallyEquals(createOnlyValue(components, last.json["Resources"]?[id]?["Properties"] ?? [:]) ?? .null)
        }
    }

    /// The value at a create-only path (`*` collects list items).
    func createOnlyValue(_ path: [String], _ json: JSON) -> JSON? {
        guard let first = path.first else { return json }
        let rest = Array(path.dropFirst())
        if first == "*" {
            guard case .array(let items) = json else { return nil }
            let values = items.compactMap { createOnlyValue(rest, $0) }
            return values.isEmpty ? nil : .array(values)
        }
        return json[first].flatMap { createOnlyValue(rest, $0) }
    }

    /// A create-only property that refers to an attribute of a resource the same step modifies (or to a
    /// resource it replaces) is `Dynamic` in the change set: "If the RequiresRecreation field is Always and
    /// the Evaluation field is Dynamic, Replacement is Conditionally" (AWS CloudFormation API Reference,
    /// *ResourceChange*) — a change set a careful operator must refuse.
    func checkConditionalReplacement(_ previous: VerifiedState, _ current: VerifiedState) {
        guard current.kind == .update, let raw = current.raw else { return }
        checked(.conditionalReplacement)
        var modified = Set(current.replaced.keys)
        for (id, value) in current.resolved where previous.resolved[id].map({ !$0.semanticallyEquals(value) }) == true { modified.insert(id) }
        for (id, resource) in raw.resources where MigrationFacts.isStateful(resource.type) && previous.raw?.resources[id]?.type == resource.type {
            for path in CreateOnlyProperties.paths(for: resource.type) {
                guard let value = createOnlyValue(path, .object(resource.properties)) else { continue }
                for reference in References.all(in: value) where current.replaced[reference.target] != nil || (reference.attribute != nil && modified.contains(reference.target)) {
                    let how = reference.attribute.map { "\(reference.target).\($0)" } ?? reference.target
                    violation(.conditionalReplacement, current, "\(id).\(path.joined(separator: ".")) refers to \(how), which this step changes: the change set shows Replacement: Conditional for \(id); "
                              + "keep the literal value in this step and refer to it in a step that leaves \(reference.target) alone")
                }
            }
        }
    }

    /// CDK's Lambda functions and nested stacks stay as deployed until they are deleted: "Lambda … blocks
    /// function updates" on deprecated runtimes (AWS Lambda Developer Guide, *Runtime deprecation policy*; CDK's
    /// providers run `nodejs14.x` and `python3.7`), and "CloudFormation updates the resources of modified nested
    /// stacks, but doesn't update the resources of unmodified nested stacks" (Template Reference,
    /// *AWS::CloudFormation::Stack*): an unchanged nested stack resource leaves its functions alone.
    func checkFrozenPlumbing(_ state: VerifiedState) {
        checked(.frozenPlumbing)
        let after = state.resources
        for (id, entry) in deployed.resources {
            guard let type = entry["Type"]?.stringValue, type == "AWS::Lambda::Function" || type == "AWS::CloudFormation::Stack",
                  let now = after[id], !now.semanticallyEquals(entry) else { continue }
            let what: String
            if type == "AWS::Lambda::Function" {
                what = "Lambda function on \(entry["Properties"]?["Runtime"]?.stringValue ?? "its runtime")"
            } else {
                let runtimes = plan.nestedTemplates[id].flatMap { bundle.documents[$0] }.map { nested in
                    Set(TemplateEditing.resources(nested).values.filter { $0["Type"]?.stringValue == "AWS::Lambda::Function" }.compactMap { $0["Properties"]?["Runtime"]?.stringValue }).sorted()
                } ?? []
                what = "nested stack" + (runtimes.isEmpty ? "" : " holding Lambda functions on \(runtimes.joined(separator: ", "))")
            }
            violation(.frozenPlumbing, state, "\(id) (\(what)) changes (\(differingKeys(entry, now))): AWS blocks updates of functions on deprecated runtimes, so the update would fail; "
                      + "leave it exactly as deployed until the step that deletes it")
        }
    }

    /// A role replaced before *converge* (replace-roles): the old role stays (UpdateReplacePolicy Retain) and
    /// keeps every policy attached to the role, so that workloads still using it keep working; no role is
    /// replaced by the last step (nothing could move its workloads first).
    func checkReplacedRoles(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.replacedRoles)
        for id in current.replaced.keys.sorted() where current.raw?.resources[id]?.type == "AWS::IAM::Role" {
            let old = current.retiredNames[id] ?? "(its old physical name)"
            if current.position == last.position {
                violation(.replacedRoles, current, "converge replaces role \(id): the old role \(old) is deleted at the end of the update, while workloads may still use it; "
                          + "replace it in an earlier step, keep the old role, and point its ServiceAccounts at the new one first")
                continue
            }
            if previous.resources[id]?["UpdateReplacePolicy"]?.stringValue != "Retain" {
                violation(.replacedRoles, current, "role \(id) is replaced without UpdateReplacePolicy Retain in \(previous.file): CloudFormation deletes the old role \(old) at the end of the update")
            }
            for (policy, entry) in current.resources {
                guard let type = entry["Type"]?.stringValue, type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy",
                      let roles = entry["Properties"]?["Roles"]?.arrayValue, roles.contains(["Ref": .string(id)]) else { continue }
                if !roles.contains(.string(old)) {
                    violation(.replacedRoles, current, "\(policy) moves to the new role \(id) and leaves the old role \(old): workloads still using the old role lose its permissions; list \(old) in its Roles until converge")
                }
            }
        }
    }
}
