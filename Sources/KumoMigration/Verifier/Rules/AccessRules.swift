import KumoAnalysis
import KumoJSON

extension VerifierRun {
    /// IAM access is unchanged before *converge* (apart from CDK's plumbing roles the step deletes), and in
    /// *converge* the same as the whole migration's (deployed → Kumo's template): `kumo diff`'s engine, on
    /// templates with the physical values substituted.
    func checkIAM(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.iamUnchanged)
        guard let changes = iamChanges(previous, current) else { return }
        if current.position < last.position {
            let deleted = Set(previous.resources.keys.filter { id in
                current.resources[id] == nil && previous.raw?.resources[id].map(isPurePlumbing) == true
            })
            for change in changes {
                let removal: Set<IAMChange.Kind> = [.roleRemoved, .policyRemoved, .inlinePolicyRemoved]
                if removal.contains(change.kind) && deleted.contains(change.resourceLogicalID) { continue }
                violation(.iamUnchanged, current, "IAM changes before converge: \(describe(change))")
            }
            return
        }
        guard let overall = iamChanges(deployed, current) else { return }
        let here = Set(changes.map(canonical)), whole = Set(overall.map(canonical))
        for change in changes where !whole.contains(canonical(change)) {
            violation(.iamUnchanged, current, "converge changes IAM in a way the migration as a whole does not (an earlier step changed it back or forth): \(describe(change))")
        }
        for change in overall where !here.contains(canonical(change)) {
            violation(.iamUnchanged, current, "the migration changes IAM in an earlier step, not in converge: \(describe(change))")
        }
    }

    private func iamChanges(_ a: VerifiedState, _ b: VerifiedState) -> [IAMChange]? {
        guard let old = named(a), let new = named(b) else { return nil }
        do {
            return try TemplateDiff.compare(old: [old], new: [new]).iamChanges
        } catch {
            violation(.iamUnchanged, b, "the IAM documents cannot be compared: \(error)")
            return nil
        }
    }

    private func canonical(_ change: IAMChange) -> String {
        [change.subject.logicalID, change.document?.identifier ?? "", change.kind.rawValue, change.classification.rawValue,
         change.old.joined(separator: "\u{1F}"), change.new.joined(separator: "\u{1F}")].joined(separator: "|")
    }

    private func describe(_ change: IAMChange) -> String {
        var text = "\(change.subject.displayName) (\(change.subject.logicalID)): \(change.kind.rawValue)"
        if let document = change.document { text += " in \(document.identifier)" }
        if let element = change.element { text += ", \(element)" }
        if !change.old.isEmpty { text += "; was \(change.old.joined(separator: ", "))" }
        if !change.new.isEmpty { text += "; now \(change.new.joined(separator: ", "))" }
        return text + " (\(change.classification.rawValue): \(change.reason))"
    }

    /// Administrators and nodes keep their way into the cluster at every step: every principal that is an
    /// administrator before and after the migration is one after each step, and every node role of the
    /// deployed cluster can still join.
    func checkClusterAccess() {
        guard let before = deployed.access, let after = last.access else { return }
        let admins = before.admins.intersection(after.admins), nodes = before.nodes
        for state in states.dropFirst() {
            checked(.clusterAccess)
            guard let access = state.access else { continue }
            if access.admins.isEmpty {
                violation(.clusterAccess, state, "nobody can administer the cluster after this step (mode \(access.mode), no aws-auth system:masters mapping, no admin access entry)")
            }
            for principal in admins.subtracting(access.admins).sorted() {
                violation(.clusterAccess, state, "\(principal) loses cluster-admin access after this step (it had it through aws-auth or an access entry, and has it again after converge): "
                          + (access.awsAuth == nil ? "the aws-auth ConfigMap is deleted (its custom resource left the stack without Retain)" : "mode \(access.mode)"))
            }
            for principal in nodes.subtracting(access.nodes).sorted() {
                violation(.clusterAccess, state, "nodes with role \(principal) can no longer join the cluster after this step: "
                          + (access.awsAuth == nil ? "the aws-auth ConfigMap that maps them is deleted" : "mode \(access.mode) ignores aws-auth, and no access entry maps them"))
            }
        }
    }

    /// The imported resources describe what CDK created (the custom resource's properties, mapped) and what
    /// runs (`describe-cluster`): CloudFormation "does not check that the template configuration matches the
    /// actual configuration" at import (User Guide, *Resource import validation*), and a create-only property
    /// that does not describe the resource replaces it at the next update that touches it.
    func checkLiveDescription(_ state: VerifiedState) {
        guard state.kind == .import, let raw = state.raw else { return }
        checked(.liveDescription)
        let imported = Set(state.resources.keys).subtracting(states[state.position - 1].resources.keys)
        for id in imported.sorted() {
            guard let resource = raw.resources[id], let old = deployed.raw?.resources[id] else { continue }
            let createOnly = Set(CreateOnlyProperties.paths(for: resource.type))
            let live = resource.type == "AWS::EKS::Cluster" ? plan.physicalValues.liveClusters[id] : nil
            for mapping in MigrationFacts.nativeMappings[old.type] ?? [] {
                let before = MigrationFacts.value(at: mapping.cdk, in: deployed.resolved[id] ?? [:])
                let now = MigrationFacts.value(at: mapping.native, in: state.resolved[id] ?? [:])
                let path = mapping.native.joined(separator: ".")
                if mapping.native == ["Version"] || mapping.native == ["AccessConfig", "AuthenticationMode"] { continue }
                let unordered = MigrationFacts.unorderedPaths.contains(mapping.native)
                switch (before, now) {
                case (let a?, let b?) where !MigrationFacts.sameValue(a, b, unordered: unordered):
                    violation(.liveDescription, state, "\(id).\(path) is \(display(b, state)), but CDK created it with \(display(a, deployed))\(createOnly.contains(mapping.native) ? " (create-only: the next update would replace it)" : "")")
                case (let a?, nil) where createOnly.contains(mapping.native):
                    violation(.liveDescription, state, "\(id).\(path) is absent, but CDK created it with \(display(a, deployed)) (create-only)")
                case (nil, let b?) where createOnly.contains(mapping.native) && live == nil:
                    report.notes.append("\(state.name): \(id).\(path) is \(display(b, state)); CDK did not set it, so only describe-cluster output could confirm that it describes the live resource")
                default:
                    break
                }
            }
            if let live { checkLiveCluster(id, live, state) }
            if resource.type == "AWS::IAM::OIDCProvider", let arn = state.values[id]?.ref, let url = state.resolved[id]?["Url"]?.stringValue,
               !Symbol.isSymbolic(url), !PhysicalValues.isPlaceholder(arn), let range = arn.range(of: ":oidc-provider/") {
                let issuer = url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
                if String(arn[range.upperBound...]) != issuer {
                    violation(.liveDescription, state, "\(id) is imported as \(arn), but its Url is \(url): another provider")
                }
            }
        }
    }

    private func checkLiveCluster(_ id: String, _ live: PhysicalValues.LiveCluster, _ state: VerifiedState) {
        let properties = state.resolved[id] ?? [:]
        func expect(_ path: [String], _ value: JSON?, unordered: Bool = false) {
            guard let value else { return }
            let now = MigrationFacts.value(at: path, in: properties)
            if now.map({ MigrationFacts.sameValue($0, value, unordered: unordered) }) != true {
                violation(.liveDescription, state, "\(id).\(path.joined(separator: ".")) is \(display(now, state)); the cluster has \(display(value, state)) (describe-cluster)")
            }
        }
        expect(["Name"], .string(live.name))
        expect(["RoleArn"], live.roleArn.map(JSON.string))
        expect(["Version"], live.version.map(JSON.string))
        expect(["AccessConfig", "AuthenticationMode"], (live.authenticationMode ?? "CONFIG_MAP").jsonString)
        if !live.subnetIDs.isEmpty { expect(["ResourcesVpcConfig", "SubnetIds"], .array(live.subnetIDs.map(JSON.string)), unordered: true) }
        if !live.securityGroupIDs.isEmpty { expect(["ResourcesVpcConfig", "SecurityGroupIds"], .array(live.securityGroupIDs.map(JSON.string)), unordered: true) }
        for (path, value) in [(["KubernetesNetworkConfig", "ServiceIpv4Cidr"], live.serviceIpv4Cidr), (["KubernetesNetworkConfig", "IpFamily"], live.ipFamily)] {
            if let value, MigrationFacts.value(at: path, in: properties) != nil { expect(path, .string(value)) }
        }
        if let version = live.version, let cdk = deployed.resolved[id]?["Config"]?["version"]?.stringValue, cdk != version {
            report.notes.append("\(state.name): \(id) runs Kubernetes \(version) (describe-cluster); CDK's template still says \(cdk): EKS upgraded it since (end of support)")
        }
    }

    /// The cluster's version only goes up, one minor at a time (EKS updates the control plane one minor
    /// version per update and never back); the authentication mode only moves forward (`CONFIG_MAP` →
    /// `API_AND_CONFIG_MAP` → `API`: "you can't change the authentication mode back", EKS User Guide); access
    /// entries need Kubernetes 1.23 with the platform versions EKS lists.
    func checkClusterVersion(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.clusterVersion)
        let before = clusterVersion(previous), after = clusterVersion(current)
        if let before, let after, let a = MigrationFacts.minorVersion(before), let b = MigrationFacts.minorVersion(after), a != b {
            if b < a {
                violation(.clusterVersion, current, "the cluster's Version goes from \(before) down to \(after): EKS cannot downgrade a cluster (set the version the cluster runs, \(before), in the stack)")
            } else if b.0 != a.0 || b.1 > a.1 + 1 {
                violation(.clusterVersion, current, "the cluster's Version goes from \(before) to \(after): EKS upgrades one minor version at a time")
            } else {
                report.notes.append("\(current.name): upgrades Kubernetes \(before) → \(after) (an in-place update of the control plane: plan the node upgrade too)")
            }
        }
        let rank = ["CONFIG_MAP": 0, "API_AND_CONFIG_MAP": 1, "API": 2]
        if let a = previous.access?.mode, let b = current.access?.mode, let x = rank[a], let y = rank[b], y < x {
            violation(.clusterVersion, current, "the authentication mode goes back from \(a) to \(b): EKS cannot switch back")
        }
        let entries = !(current.raw?.resources(ofType: "AWS::EKS::AccessEntry").isEmpty ?? true)
        if entries || (current.access.map { $0.mode != "CONFIG_MAP" } ?? false), let version = after ?? before,
           let why = MigrationFacts.accessEntriesUnsupported(version: version, platform: liveCluster?.platformVersion) {
            violation(.clusterVersion, current, "access entries (authentication mode \(current.access?.mode ?? "?")\(entries ? ", AWS::EKS::AccessEntry" : "")): \(why)")
        }
    }

    /// The Kubernetes version a state gives the cluster (the native resource's `Version`; for CDK's custom
    /// resource, what describe-cluster says runs).
    private func clusterVersion(_ state: VerifiedState) -> String? {
        guard let cluster = state.raw?.resources.values.first(where: { $0.type == "AWS::EKS::Cluster" || $0.type == "Custom::AWSCDK-EKS-Cluster" }) else { return nil }
        if cluster.type == "AWS::EKS::Cluster" { return state.resolved[cluster.logicalID]?["Version"]?.stringValue }
        return plan.physicalValues.liveClusters[cluster.logicalID]?.version
    }
}

private extension String {
    var jsonString: JSON { .string(self) }
}
