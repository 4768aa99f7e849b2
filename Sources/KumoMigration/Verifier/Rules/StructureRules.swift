import KumoAnalysis
import KumoJSON

extension VerifierRun {
    /// Every reference resolves within the template: CloudFormation rejects a template that refers to a
    /// resource it does not define ("Template format error: Unresolved resource dependencies [X] in the
    /// Resources block of the template"), which is what a reference to a removed resource left in place does.
    func checkReferences(_ state: VerifiedState) {
        checked(.references)
        do {
            _ = try CloudTemplate(json: state.json, name: plan.stack, file: state.file, environment: environment)
        } catch {
            violation(.references, state, "the template cannot be read: \(error)")
        }
        let resources = state.resources
        let parameters = Set(TemplateEditing.section(state.json, "Parameters").keys)
        func check(_ value: JSON, at location: String) {
            for reference in References.all(in: value) {
                if resources[reference.target] != nil { continue }
                if reference.attribute == nil && parameters.contains(reference.target) { continue }
                let how = reference.attribute.map { "Fn::GetAtt \(reference.target).\($0)" } ?? "Ref \(reference.target)"
                violation(.references, state, "\(location): \(how), but \(reference.target) is not \(reference.attribute == nil ? "a resource or parameter" : "a resource") of this template "
                          + "(CloudFormation: Unresolved resource dependencies); write the value it resolves to instead")
            }
        }
        for (id, entry) in resources {
            check(entry["Properties"] ?? [:], at: "Resources.\(id).Properties")
            for dependency in TemplateEditing.dependencies(entry) where resources[dependency] == nil {
                violation(.references, state, "Resources.\(id).DependsOn: \(dependency) is not a resource of this template")
            }
        }
        for (name, output) in TemplateEditing.section(state.json, "Outputs") { check(output, at: "Outputs.\(name)") }
    }

    /// An update cannot change a resource's type: "Update of resource type is not permitted".
    func checkTypeChange(_ previous: VerifiedState, _ current: VerifiedState) {
        checked(.typeChange)
        let before = previous.resources
        for (id, entry) in current.resources {
            guard let old = before[id]?["Type"]?.stringValue, let new = entry["Type"]?.stringValue, old != new else { continue }
            violation(.typeChange, current, "\(id) changes type \(old) → \(new): CloudFormation refuses it (\"Update of resource type is not permitted\"); "
                      + "retain and remove it in one step, import the new type in the next")
        }
    }

    /// An import change set imports and does nothing else: "Import operations don't allow new resource
    /// creations, resource deletions, or changes to property configurations"; "Each resource to import must
    /// have a DeletionPolicy attribute"; outputs may not be added or modified ("As part of the import
    /// operation, you cannot modify or add [Outputs]"). AWS CloudFormation User Guide, *Bringing existing
    /// resources into CloudFormation management*; identifiers: the type's primaryIdentifier (provider schema).
    func checkImport(_ previous: VerifiedState, _ current: VerifiedState) {
        guard current.kind == .import else {
            if let file = current.step?.resourcesToImport {
                violation(.importOnly, current, "an \(current.kind?.rawValue ?? "update") step with a resources-to-import file (\(file)): only import steps import")
            }
            return
        }
        checked(.importOnly)
        let before = previous.resources, after = current.resources
        let added = Set(after.keys.filter { before[$0] == nil })
        for id in before.keys where after[id] == nil {
            violation(.importOnly, current, "the import also removes \(id): an import cannot delete resources")
        }
        guard case .array(let listed)? = current.resourcesToImport else {
            violation(.importOnly, current, "the import step has no resources-to-import list (a JSON array)")
            return
        }
        var listedIDs = Set<String>()
        for (index, item) in listed.enumerated() {
            guard let id = item["LogicalResourceId"]?.stringValue, let type = item["ResourceType"]?.stringValue,
                  case .object(let identifier)? = item["ResourceIdentifier"] else {
                violation(.importOnly, current, "resources-to-import[\(index)] needs ResourceType, LogicalResourceId and a ResourceIdentifier object")
                continue
            }
            listedIDs.insert(id)
            guard let entry = after[id] else {
                violation(.importOnly, current, "resources-to-import lists \(id), which the template does not define")
                continue
            }
            if entry["Type"]?.stringValue != type {
                violation(.importOnly, current, "resources-to-import lists \(id) as \(type), the template has \(entry["Type"]?.stringValue ?? "no type")")
            }
            if entry["DeletionPolicy"] == nil {
                violation(.importOnly, current, "\(id) has no DeletionPolicy: every resource to import needs one")
            }
            guard let properties = PrimaryIdentifiers.properties(for: type) else {
                violation(.importOnly, current, "\(type) (\(id)) cannot be imported: its provider schema has no primary identifier")
                continue
            }
            if Set(identifier.keys) != Set(properties) {
                violation(.importOnly, current, "\(id)'s ResourceIdentifier names \(identifier.keys.sorted().joined(separator: ", ")); \(type) is identified by \(properties.joined(separator: ", "))")
            }
            for property in properties {
                guard let value = identifier[property]?.stringValue else { continue }
                let resolved = current.resolved[id]?[property]?.stringValue ?? current.values[id]?.ref
                if let resolved, !Symbol.isSymbolic(resolved), resolved != value {
                    violation(.importOnly, current, "\(id)'s identifier \(property) is \(value), but the resource is \(resolved) (its template property or physical ID)")
                }
            }
        }
        if listedIDs != added {
            let unlisted = added.subtracting(listedIDs).sorted(), extra = listedIDs.subtracting(added).sorted()
            if !unlisted.isEmpty { violation(.importOnly, current, "the import also adds \(unlisted.joined(separator: ", ")), which resources-to-import does not list: an import cannot create resources") }
            if !extra.isEmpty { violation(.importOnly, current, "resources-to-import lists \(extra.joined(separator: ", ")), which the step does not add") }
        }
        for (id, entry) in after where before[id] != nil && !entry.semanticallyEquals(before[id]!) {
            violation(.importOnly, current, "the import also modifies \(id) (\(differingKeys(before[id]!, entry))): an import cannot change anything else")
        }
        for section in ["Outputs", "Parameters", "Conditions", "Mappings", "Rules", "Metadata", "Transform", "Description"] {
            if !(previous.json[section] ?? .null).semanticallyEquals(current.json[section] ?? .null) {
                violation(.importOnly, current, "the import also changes \(section): an import cannot change anything else (outputs included)")
            }
        }
    }

    /// The top-level keys (and property names) in which two resource entries differ.
    func differingKeys(_ a: JSON, _ b: JSON) -> String {
        var keys: [String] = []
        for key in Set((a.objectValue?.keys.map { $0 } ?? []) + (b.objectValue?.keys.map { $0 } ?? [])).sorted()
            where !(a[key] ?? .null).semanticallyEquals(b[key] ?? .null) {
            if key == "Properties" {
                let names = Set((a[key]?.objectValue?.keys.map { $0 } ?? []) + (b[key]?.objectValue?.keys.map { $0 } ?? [])).sorted()
                keys += names.filter { !(a[key]?[$0] ?? .null).semanticallyEquals(b[key]?[$0] ?? .null) }.map { "Properties.\($0)" }
            } else {
                keys.append(key)
            }
        }
        return keys.joined(separator: ", ")
    }

    /// CloudFormation takes templates of up to 1 MB from S3 (*CloudFormation quotas*).
    func checkTemplateSize(_ state: VerifiedState) {
        checked(.templateSize)
        let size = TemplateEditing.text(state.json).utf8.count
        if size > CommandWriter.s3TemplateLimit {
            violation(.templateSize, state, "the template is \(size) bytes; CloudFormation takes at most \(CommandWriter.s3TemplateLimit) (from S3)")
        }
    }

    /// The first update only stores policies: nothing leaves the stack before every resource that will
    /// leave it has `Retain` stored.
    func checkRetainStep() {
        guard states.count > 1, states[1].kind == .update else { return }
        checked(.retainStep)
        let before = deployed.resources, state = states[1], after = state.resources
        if Set(before.keys) != Set(after.keys) {
            violation(.retainStep, state, "the first update adds or removes resources (\(Set(before.keys).symmetricDifference(after.keys).sorted().prefix(5).joined(separator: ", "))): it must only store the Retain policies")
        }
        for (id, entry) in after {
            guard let old = before[id] else { continue }
            let strip = { (value: JSON) -> JSON in TemplateEditing.settingPolicies(value, deletion: nil, updateReplace: nil) }
            if !strip(old).semanticallyEquals(strip(entry)) {
                violation(.retainStep, state, "the first update changes \(id) beyond its policies (\(differingKeys(old, entry))): store the policies first, change the rest later")
            }
        }
        var outputs = TemplateEditing.section(state.json, "Outputs")
        outputs.removeValue(forKey: KumoMigration.markerOutput)
        if !JSON.object(outputs).semanticallyEquals(.object(TemplateEditing.section(deployed.json, "Outputs"))) {
            violation(.retainStep, state, "the first update changes outputs other than adding \(KumoMigration.markerOutput)")
        }
        let deployedParameters = TemplateEditing.section(deployed.json, "Parameters"), parameters = TemplateEditing.section(state.json, "Parameters")
        for (name, value) in parameters where !(deployedParameters[name].map { $0.semanticallyEquals(value) } ?? false) {
            violation(.retainStep, state, "the first update adds or changes parameter \(name)")
        }
        for name in deployedParameters.keys where parameters[name] == nil && name != "BootstrapVersion" {
            violation(.retainStep, state, "the first update removes parameter \(name)")
        }
        for section in ["Conditions", "Mappings", "Transform"] where !(deployed.json[section] ?? .null).semanticallyEquals(state.json[section] ?? .null) {
            violation(.retainStep, state, "the first update changes \(section)")
        }
        // Template metadata may gain lint suppressions (cfn-lint, and their reasons); nothing else.
        let lint: Set<String> = ["cfn-lint", "kumo:migrate"]
        let metadataBefore = (deployed.json["Metadata"]?.objectValue ?? [:]).filter { !lint.contains($0.key) }
        let metadataAfter = (state.json["Metadata"]?.objectValue ?? [:]).filter { !lint.contains($0.key) }
        if !JSON.object(metadataBefore).semanticallyEquals(.object(metadataAfter)) {
            violation(.retainStep, state, "the first update changes the template's Metadata beyond lint suppressions")
        }
        let rules = TemplateEditing.section(state.json, "Rules"), deployedRules = TemplateEditing.section(deployed.json, "Rules")
        for (name, rule) in rules where !(deployedRules[name].map { $0.semanticallyEquals(rule) } ?? false) {
            violation(.retainStep, state, "the first update adds or changes rule \(name)")
        }
    }

    /// The last update step is Kumo's template.
    func checkTarget() {
        checked(.target)
        guard let final = states.last, final.position > 0 else { return }
        if final.kind != .update {
            violation(.target, final, "the last template step is an import; the plan ends with an update to Kumo's template (converge)")
        }
        guard let target else { return }
        if !final.json.semanticallyEquals(target.json) {
            let a = final.resources, b = TemplateEditing.resources(target.json)
            let differing = Set(a.keys).union(b.keys).filter { !(a[$0] ?? .null).semanticallyEquals(b[$0] ?? .null) }.sorted()
            violation(.target, final, "the last update step's template is not Kumo's template for \(plan.stack)"
                      + (differing.isEmpty ? " (sections other than Resources differ)" : ": it differs in \(differing.prefix(6).joined(separator: ", "))\(differing.count > 6 ? ", …" : "")"))
        }
    }
}
