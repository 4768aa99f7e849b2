import KumoJSON

/// The cfn-lint findings a step template inherits from the deployed stack, suppressed at the template's level
/// with their reasons (`Metadata.cfn-lint.config.ignore_checks`, and the reasons beside it in
/// `Metadata.kumo:migrate.lintSuppressions`): the plan must not change the resources they are about.
enum LintSuppressions {
    /// `template` with the suppressions it needs (none for Kumo's own template, which carries its own).
    static func applied(to template: JSON, target: JSON) -> JSON {
        let resources = TemplateEditing.resources(template)
        var reasons: [(String, String)] = []
        let runtimes = Set(resources.values.filter { $0["Type"] == "AWS::Lambda::Function" }.compactMap { $0["Properties"]?["Runtime"]?.stringValue }).sorted()
        if !runtimes.isEmpty {
            reasons.append(("E2533", "CDK's provider functions of the deployed stack (\(runtimes.joined(separator: ", "))): AWS blocks updating them, so the plan leaves them as deployed until its orphan step deletes them"))
        }
        let redundant = resources.values.contains { entry in
            !Set(TemplateEditing.dependencies(entry)).isDisjoint(with: References.targets(in: entry["Properties"] ?? [:]))
        }
        if redundant {
            reasons.append(("W3005", "AWS CDK's own DependsOn beside a reference to the same resource, as deployed; the plan changes deployed resources only where it must"))
        }
        let zones = resources.values.contains { $0["Type"] == "AWS::EC2::Subnet" && $0["Properties"]?["AvailabilityZone"]?.stringValue != nil }
        if zones && !resources.values.contains(where: { $0["Type"] == "AWS::CDK::Metadata" }) {
            reasons.append(("W3010", "the subnets name their availability zones, as deployed (AWS CDK resolved them from context); a subnet cannot move to another zone"))
        }
        let targetResources = TemplateEditing.resources(target)
        for (check, type) in [("W3690", "AWS::RDS::DBCluster"), ("W3691", "AWS::RDS::DBInstance")] {
            let suppressedByKumo = resources.contains { id, entry in
                entry["Type"]?.stringValue == type
                    && (targetResources[id]?["Metadata"]?["cfn-lint"]?["config"]?["ignore_checks"]?.arrayValue?.contains(.string(check)) ?? false)
            }
            if suppressedByKumo {
                reasons.append((check, "the engine version the database runs, which Kumo's template keeps on purpose (kumo synth prints why); no step changes the database"))
            }
        }
        guard !reasons.isEmpty else { return template }
        var metadata = template["Metadata"]?.objectValue ?? [:]
        var existing = metadata["cfn-lint"]?["config"]?["ignore_checks"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for (check, _) in reasons where !existing.contains(check) { existing.append(check) }
        metadata["cfn-lint"] = ["config": ["ignore_checks": .array(existing.map(JSON.string))]]
        metadata["kumo:migrate"] = ["lintSuppressions": .object(JSONObject(uniqueKeysWithValues: reasons.map { ($0.0, JSON.string($0.1)) }))]
        guard case .object(let top) = template else { return template }
        var out = JSONObject()
        if top["AWSTemplateFormatVersion"] != nil { out["AWSTemplateFormatVersion"] = top["AWSTemplateFormatVersion"] }
        if top["Description"] != nil { out["Description"] = top["Description"] }
        out["Metadata"] = .object(metadata)
        for (key, value) in top where out[key] == nil { out[key] = value }
        return .object(out)
    }
}
