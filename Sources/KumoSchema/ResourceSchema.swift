import KumoJSON

/// What the CloudFormation resource provider schema of one resource type says (from the schemas shipped in the
/// pinned cfn-lint, through `scripts/generate-l1`): its properties and their JSON schemas, required,
/// create-only and read-only properties, the primary identifier, tagging.
///
/// ```swift
/// let queue = ResourceSchemas.schema(for: "AWS::SQS::Queue")!
/// queue.createOnlyPaths   // [["FifoQueue"], ["QueueName"]]
/// queue.attributeNames    // ["QueueUrl", "Arn"]
/// ```
public struct ResourceSchema: Sendable {
    /// `AWS::SQS::Queue`.
    public let typeName: String
    /// The reduced schema (properties, definitions, constraints), as JSON.
    public let root: JSON

    init(typeName: String, root: JSON) {
        self.typeName = typeName
        self.root = root
    }

    /// The property schemas by name, in the schema's order.
    public var properties: JSONObject { root["properties"]?.objectValue ?? [:] }
    /// The property names.
    public var propertyNames: [String] { Array(properties.keys) }
    /// Names of the properties the type requires.
    public var required: [String] { root["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    /// The schema's named definitions (nested property types).
    public var definitions: JSONObject { root["definitions"]?.objectValue ?? [:] }

    /// Paths (components below `Properties`, `*` for every list item) whose change replaces the resource.
    public var createOnlyPaths: [[String]] { pointers("createOnlyProperties") }
    /// Paths that are create-only under conditions (CloudFormation's `conditionalCreateOnlyProperties`).
    public var conditionalCreateOnlyPaths: [[String]] { pointers("conditionalCreateOnlyProperties") }
    /// The properties that identify a physical resource (what `Ref` usually returns; what an import needs).
    public var primaryIdentifier: [[String]] { pointers("primaryIdentifier") }
    /// Other identifier sets (`additionalIdentifiers`).
    public var additionalIdentifiers: [[[String]]] {
        root["additionalIdentifiers"]?.arrayValue?.map { set in
            set.arrayValue?.compactMap { $0.stringValue.flatMap(Self.path(ofPointer:)) } ?? []
        } ?? []
    }
    /// Read-only paths: set by CloudFormation, readable with `Fn::GetAtt`.
    public var readOnlyPaths: [[String]] { pointers("readOnlyProperties") }
    /// Write-only paths: accepted but never returned (passwords).
    public var writeOnlyPaths: [[String]] { pointers("writeOnlyProperties") }
    /// Deprecated paths.
    public var deprecatedPaths: [[String]] { pointers("deprecatedProperties") }
    /// The `Fn::GetAtt` attribute names (read-only paths joined with `.`).
    public var attributeNames: [String] { readOnlyPaths.filter { !$0.contains("*") }.map { $0.joined(separator: ".") } }

    /// How the type takes tags, when it is taggable through a property: its name and whether tags are a list of
    /// `{Key, Value}` or a map.
    public var tagging: (property: String, format: TagShape)? {
        guard let property = root["tagging"]?["property"]?.stringValue,
            let format = root["tagging"]?["format"]?.stringValue.flatMap(TagShape.init(rawValue:))
        else { return nil }
        return (property, format)
    }

    /// The schema of a property, `$ref`s followed.
    public func property(_ name: String) -> JSON? { properties[name].map(resolve) }

    /// `node` with `$ref`s to `#/definitions/…` followed.
    public func resolve(_ node: JSON) -> JSON {
        var current = node
        var hops = 0
        while let ref = current["$ref"]?.stringValue, hops < 32 {
            guard ref.hasPrefix("#/definitions/"), let target = definitions[String(ref.dropFirst(14))] else { return [:] }
            current = target
            hops += 1
        }
        return current
    }

    private func pointers(_ key: String) -> [[String]] {
        root[key]?.arrayValue?.compactMap { $0.stringValue.flatMap(Self.path(ofPointer:)) } ?? []
    }

    /// `/properties/A/B` → `["A", "B"]`; `nil` for pointers outside `Properties`.
    static func path(ofPointer pointer: String) -> [String]? {
        guard pointer.hasPrefix("/properties/") else { return nil }
        return pointer.dropFirst(12).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}

/// How a taggable type writes its tags.
public enum TagShape: String, Sendable {
    /// `[{"Key": k, "Value": v}, …]`.
    case list
    /// `{"k": v, …}`.
    case map
}
