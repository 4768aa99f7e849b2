import KumoAnalysis
import KumoJSON

/// What happens to each resource of the deployed stack on the way to Kumo's template.
public struct Classification: Sendable {
    /// Same logical ID, another type (CDK's custom resource → the native type): retained, removed, imported.
    public var typeChanged: [String] = []
    /// Not in Kumo's template, left in AWS (their `Delete` would run CDK's provider, or they are not CDK's).
    public var retainedRemovals: [String] = []
    /// Not in Kumo's template, deleted: CDK's plumbing (Lambdas, their roles, nested provider stacks, …).
    public var deletedRemovals: [String] = []
    /// In both with the same type.
    public var kept: [String] = []
    /// Kept roles that Kumo's template replaces (a create-only property changes), with those properties.
    public var replacedRoles: [String: [String]] = [:]
    /// Kept resources of other types that Kumo's template replaces.
    public var otherReplacements: [String: [String]] = [:]
    /// Only in Kumo's template.
    public var added: [String] = []

    /// Every resource that leaves the stack at the *orphan* step.
    public var removedAtOrphan: Set<String> { Set(typeChanged + retainedRemovals + deletedRemovals) }

    /// Classifies `deployed` against `target`; `values` give the physical values for comparing create-only
    /// properties as CloudFormation resolves them.
    public init(deployed: CloudTemplate, target: CloudTemplate, values: PhysicalValues) throws(MigrationError) {
        let cdkEKS = CDKPlumbing.hasCDKEKSCluster(deployed)
        let environment = CloudTemplate.Environment(account: values.account, region: values.region)
        let bound = { (template: CloudTemplate) -> [String: JSON] in
            guard let copy = try? CloudTemplate(json: Binding.bind(template.json, values.resources), name: template.name, file: template.file, environment: environment)
            else { return [:] }
            return Binding.resolvedProperties(copy)
        }
        let oldProperties = bound(deployed), newProperties = bound(target)
        for (id, resource) in deployed.resources {
            guard let successor = target.resources[id] else {
                let rule = CDKPlumbing.rule(for: resource, newType: nil, cdkEKS: cdkEKS)
                if resource.type == "AWS::CDK::Metadata" || (rule != nil && !MigrationFacts.runsProviderOnDelete(resource.type)) {
                    deletedRemovals.append(id)
                } else {
                    retainedRemovals.append(id)
                }
                continue
            }
            if successor.type != resource.type {
                guard PrimaryIdentifiers.properties(for: successor.type) != nil else {
                    throw MigrationError(
                        "cannot migrate \(id): its type changes from \(resource.type) to \(successor.type), which CloudFormation cannot import (the provider schema has no primary identifier)",
                        fix: "give the resource another logical ID in Kumo's stack (it is then created, and the old one retained or deleted)")
                }
                typeChanged.append(id)
                continue
            }
            kept.append(id)
            let changed = CreateOnlyProperties.changed(type: resource.type, old: oldProperties[id] ?? [:], new: newProperties[id] ?? [:])
            if !changed.isEmpty {
                if resource.type == "AWS::IAM::Role" { replacedRoles[id] = changed } else { otherReplacements[id] = changed }
            }
        }
        added = target.resources.keys.filter { deployed.resources[$0] == nil }
    }
}
