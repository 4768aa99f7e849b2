import KumoAnalysis
import KumoJSON

/// The templates of the update and import steps, each derived from the previous one.
enum StepTemplates {
    /// *retain*: `deployed` with `Retain` policies on `retained`, CDK's bootstrap-version parameter and rule
    /// dropped (nothing else uses them), and the marker output added (a change of policies alone can come out
    /// as an empty change set, which CloudFormation refuses to execute: aws/aws-cdk#11521).
    static func retain(_ deployed: JSON, retained: Set<String>) -> JSON {
        var resources = TemplateEditing.resources(deployed)
        for (id, entry) in resources where retained.contains(id) {
            resources[id] = TemplateEditing.settingPolicies(entry, deletion: "Retain", updateReplace: "Retain")
        }
        var template = TemplateEditing.setting(deployed, "Resources", resources)
        var used = References.targets(in: .object(resources))
        used.formUnion(References.targets(in: .object(TemplateEditing.section(deployed, "Outputs"))))
        var parameters = TemplateEditing.section(deployed, "Parameters")
        var rules = TemplateEditing.section(deployed, "Rules")
        if parameters["BootstrapVersion"] != nil, !used.contains("BootstrapVersion") {
            parameters.removeValue(forKey: "BootstrapVersion")
            for (name, rule) in rules where References.targets(in: rule).contains("BootstrapVersion") { rules.removeValue(forKey: name) }
        }
        template = TemplateEditing.setting(template, "Parameters", parameters)
        template = TemplateEditing.setting(template, "Rules", rules)
        var outputs = TemplateEditing.section(template, "Outputs")
        outputs[KumoMigration.markerOutput] = [
            "Description": "kumo migrate: the stack is being moved onto Kumo's template (RUNBOOK.md); its converge step removes this output",
            "Value": "in progress",
        ]
        return TemplateEditing.setting(template, "Outputs", outputs)
    }

    /// *orphan*: `previous` without `removed`, every reference to them replaced by `literal(id, attribute)`.
    static func orphan(_ previous: JSON, removed: Set<String>, literal: (String, String?) -> JSON?) -> JSON {
        var resources = JSONObject()
        for (id, entry) in TemplateEditing.resources(previous) where !removed.contains(id) {
            var edited = TemplateEditing.removingDependencies(entry, on: removed)
            if let properties = edited["Properties"]?.objectValue {
                let substituted = References.substitute(.object(properties)) { target, attribute in
                    removed.contains(target) ? literal(target, attribute) : nil
                }
                edited = TemplateEditing.settingProperties(edited, substituted.objectValue ?? [:])
            }
            resources[id] = edited
        }
        var template = TemplateEditing.setting(previous, "Resources", resources)
        let outputs = References.substitute(.object(TemplateEditing.section(previous, "Outputs"))) { target, attribute in
            removed.contains(target) ? literal(target, attribute) : nil
        }
        template = TemplateEditing.setting(template, "Outputs", outputs.objectValue ?? [:])
        return template
    }

    /// *import*: `previous` plus `imported` (logical ID → entry), placed where `order` has them, each with
    /// `Retain` policies.
    static func importing(_ previous: JSON, imported: JSONObject, order: [String]) -> JSON {
        let existing = TemplateEditing.resources(previous)
        var resources = JSONObject()
        for id in order {
            if let entry = existing[id] {
                resources[id] = entry
            } else if let entry = imported[id] {
                resources[id] = TemplateEditing.settingPolicies(entry, deletion: "Retain", updateReplace: "Retain")
            }
        }
        for (id, entry) in existing where resources[id] == nil { resources[id] = entry }
        for (id, entry) in imported where resources[id] == nil {
            resources[id] = TemplateEditing.settingPolicies(entry, deletion: "Retain", updateReplace: "Retain")
        }
        return TemplateEditing.setting(previous, "Resources", resources)
    }

    /// *replace-roles*: each role of `roles` gets the target's values of its changed create-only properties
    /// (its replacement, the old role kept by `UpdateReplacePolicy: Retain`), and every policy attached to it
    /// by reference also names the old role, so that the old role keeps its permissions until *converge*.
    static func replaceRoles(_ previous: JSON, roles: [String: (changed: [String], oldName: String)], target: JSON) -> JSON {
        var resources = TemplateEditing.resources(previous)
        let targetResources = TemplateEditing.resources(target)
        for (id, role) in roles {
            guard let entry = resources[id], var properties = entry["Properties"]?.objectValue else { continue }
            for path in role.changed {
                let name = String(path.prefix { $0 != "/" })
                if let value = targetResources[id]?["Properties"]?[name] { properties[name] = value } else { properties.removeValue(forKey: name) }
            }
            resources[id] = TemplateEditing.settingProperties(entry, properties)
        }
        for (id, entry) in resources {
            guard let type = entry["Type"]?.stringValue, type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy",
                  var properties = entry["Properties"]?.objectValue, case .array(var attached)? = properties["Roles"] else { continue }
            var changed = false
            for (role, replaced) in roles where attached.contains(["Ref": .string(role)]) && !attached.contains(.string(replaced.oldName)) {
                attached.append(.string(replaced.oldName))
                changed = true
            }
            guard changed else { continue }
            properties["Roles"] = .array(attached)
            resources[id] = TemplateEditing.settingProperties(entry, properties)
        }
        return TemplateEditing.setting(previous, "Resources", resources)
    }

    /// *authentication-mode*: the cluster's `AccessConfig.AuthenticationMode` set to `mode`.
    static func authenticationMode(_ previous: JSON, cluster: String, mode: String) -> JSON {
        var resources = TemplateEditing.resources(previous)
        guard let entry = resources[cluster] else { return previous }
        let properties = MigrationFacts.setting(.string(mode), at: ["AccessConfig", "AuthenticationMode"], in: entry["Properties"] ?? [:])
        resources[cluster] = TemplateEditing.settingProperties(entry, properties.objectValue ?? [:])
        return TemplateEditing.setting(previous, "Resources", resources)
    }
}
