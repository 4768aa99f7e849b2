import KumoAnalysis
import KumoJSON

/// Templates with the physical values substituted for references, so that two steps compare as CloudFormation
/// compares them: a reference and the literal value it resolves to are the same value.
enum Binding {
    /// `template` with every `Ref`/`Fn::GetAtt` of a resource in `values` replaced by its value (references
    /// whose value is unknown are left: they resolve to the same symbol on both sides of a comparison).
    static func bind(_ template: JSON, _ values: [String: PhysicalValues.Resource]) -> JSON {
        substituted(template) { id, attribute in
            guard let resource = values[id] else { return nil }
            if let attribute { return resource.attributes[attribute].map(JSON.string) }
            return resource.ref.map(JSON.string)
        }
    }

    /// `template` with `replacement` applied to the references in its resources' properties and its outputs (and
    /// its conditions, when `conditions`); see ``References/substitute(_:_:)``.
    static func substituted(_ template: JSON, conditions: Bool = false, _ replacement: (String, String?) -> JSON?) -> JSON {
        guard case .object(var top) = template else { return template }
        if case .object(var resources)? = top["Resources"] {
            for (id, entry) in resources {
                guard case .object(var members) = entry, let properties = members["Properties"] else { continue }
                members["Properties"] = References.substitute(properties, replacement)
                resources[id] = .object(members)
            }
            top["Resources"] = .object(resources)
        }
        if let outputs = top["Outputs"] { top["Outputs"] = References.substitute(outputs, replacement) }
        if conditions, let entries = top["Conditions"] { top["Conditions"] = References.substitute(entries, replacement) }
        return .object(top)
    }

    /// ``bind(_:_:)``, then each role and managed policy without a name property given the physical name
    /// (`RoleName`, `ManagedPolicyName`), so that the IAM model attaches policies that name them literally to
    /// them. For IAM comparisons only: presence of a name is a create-only difference to CloudFormation.
    static func named(_ template: JSON, _ values: [String: PhysicalValues.Resource]) -> JSON {
        guard case .object(var top) = bind(template, values), case .object(var resources)? = top["Resources"] else { return template }
        for (id, entry) in resources {
            guard let ref = values[id]?.ref, case .object(var members) = entry else { continue }
            var properties = members["Properties"]?.objectValue ?? [:]
            switch members["Type"]?.stringValue {
            case "AWS::IAM::Role" where properties["RoleName"] == nil:
                properties["RoleName"] = .string(ref)
            case "AWS::IAM::ManagedPolicy" where properties["ManagedPolicyName"] == nil:
                properties["ManagedPolicyName"] = .string(String(ref.split(separator: "/").last ?? Substring(ref)))
            default:
                continue
            }
            members["Properties"] = .object(properties)
            resources[id] = .object(members)
        }
        top["Resources"] = .object(resources)
        return .object(top)
    }

    /// The resolved properties of every resource of a (bound) template, by logical ID; a resource whose
    /// properties cannot be resolved is left out (its references are reported by the reference rule).
    static func resolvedProperties(_ template: CloudTemplate) -> [String: JSON] {
        let resolver = Resolver(template)
        var out: [String: JSON] = [:]
        for (id, resource) in template.resources {
            if let value = try? resolver.resolve(.object(resource.properties), at: "Resources.\(id).Properties") { out[id] = value }
        }
        return out
    }
}
