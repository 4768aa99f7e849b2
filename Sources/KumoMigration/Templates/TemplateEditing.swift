import KumoJSON

/// Small edits of template documents that keep CDK's key order (`Type, Properties, DependsOn,
/// UpdateReplacePolicy, DeletionPolicy, Metadata`), so that one step's template diffs cleanly against the next.
enum TemplateEditing {
    /// The `Resources` section.
    static func resources(_ template: JSON) -> JSONObject { template["Resources"]?.objectValue ?? [:] }

    /// A top-level section (`Outputs`, `Parameters`, …), empty when absent.
    static func section(_ template: JSON, _ name: String) -> JSONObject { template[name]?.objectValue ?? [:] }

    /// `template` with a top-level section replaced (removed when empty), keeping the sections' order.
    static func setting(_ template: JSON, _ name: String, _ members: JSONObject) -> JSON {
        guard case .object(var top) = template else { return template }
        if members.isEmpty {
            top.removeValue(forKey: name)
        } else if top[name] != nil {
            top[name] = .object(members)
        } else {
            // A new section goes where CDK puts it: Outputs after Resources.
            var out = JSONObject()
            for (key, value) in top {
                out[key] = value
                if key == "Resources" && name == "Outputs" { out[name] = .object(members) }
            }
            if out[name] == nil { out[name] = .object(members) }
            top = out
        }
        return .object(top)
    }

    /// A resource entry with both policies set (`nil` removes one), in CDK's key order.
    static func settingPolicies(_ entry: JSON, deletion: String?, updateReplace: String?) -> JSON {
        guard case .object(let members) = entry else { return entry }
        var out = JSONObject()
        for key in ["Type", "Properties", "DependsOn", "Condition"] where members[key] != nil { out[key] = members[key] }
        if let updateReplace { out["UpdateReplacePolicy"] = .string(updateReplace) }
        if let deletion { out["DeletionPolicy"] = .string(deletion) }
        for (key, value) in members where out[key] == nil && key != "UpdateReplacePolicy" && key != "DeletionPolicy" {
            out[key] = value
        }
        return .object(out)
    }

    /// A resource entry without `DependsOn` entries naming `ids`.
    static func removingDependencies(_ entry: JSON, on ids: Set<String>) -> JSON {
        guard case .object(var members) = entry, let dependsOn = members["DependsOn"] else { return entry }
        let kept: [JSON]
        switch dependsOn {
        case .string(let id): kept = ids.contains(id) ? [] : [dependsOn]
        case .array(let items): kept = items.filter { !ids.contains($0.stringValue ?? "") }
        default: return entry
        }
        if kept.isEmpty {
            members.removeValue(forKey: "DependsOn")
        } else if case .string = dependsOn {
            members["DependsOn"] = kept[0]
        } else {
            members["DependsOn"] = .array(kept)
        }
        return .object(members)
    }

    /// A resource entry's `Properties` replaced.
    static func settingProperties(_ entry: JSON, _ properties: JSONObject) -> JSON {
        guard case .object(var members) = entry else { return entry }
        members["Properties"] = .object(properties)
        return .object(members)
    }

    /// The `DependsOn` IDs of an entry.
    static func dependencies(_ entry: JSON) -> [String] {
        switch entry["DependsOn"] {
        case .string(let id)?: [id]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    /// Serialized like `kumo synth` writes templates (AWS CDK's one-space layout).
    static func text(_ template: JSON) -> String { template.serialized(.cdkTemplate) }
}
