import KumoJSON
import KumoSchema

/// The schema check of every resource at synthesis: the rendered resource (typed properties, the property bag
/// and overrides together) against its type's registry schema. Each violation is an error naming the
/// resource's construct path, the property path and the fix.
enum SchemaCheck {
    static func diagnostics(for resource: CfnResource, rendered: JSON) -> [Diagnostic] {
        guard let schema = ResourceSchemas.schema(for: resource.type) else {
            guard resource.type.hasPrefix("AWS::"), !resource.type.hasPrefix("AWS::Serverless::") else { return [] }
            let suggestions = ResourceSchemas.suggestions(for: resource.type)
            return [
                .error(
                    resource.node.path, "\(resource.type) is not a resource type of the CloudFormation schemas",
                    fix: suggestions.isEmpty
                        ? "check the type name (AWS::Service::Resource)"
                        : "did you mean \(suggestions.joined(separator: " or "))?")
            ]
        }
        var properties = rendered["Properties"]
        if properties != nil, properties?.objectValue == nil {
            return [.error(resource.node.path, "Properties is \(properties!.kindDescription), not an object", fix: "give Properties as an object")]
        }
        if properties == nil { properties = [:] }
        let suppressed = resource.schemaSuppressions.flatMap(\.paths).map(ResourceOverride.components(of:))
        return SchemaValidator(schema).violations(properties: properties).compactMap { violation in
            if suppressed.contains(where: { violation.path.starts(with: $0) }) { return nil }
            return .error(resource.node.path, "\(resource.type) \(violation.location): \(violation.message)", fix: violation.fix)
        }
    }
}
