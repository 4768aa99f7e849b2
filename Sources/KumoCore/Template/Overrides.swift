import KumoJSON

/// One raw override of a rendered resource (AWS CDK's escape hatch): a value set at a path of the resource's
/// template JSON, or a deletion.
public struct ResourceOverride {
    /// The path components from the resource (`["Properties", "VisibilityTimeout"]`).
    public var path: [String]
    /// The value, or `nil` to delete what is at the path.
    public var value: Value?

    /// Splits a dotted path as CDK does: `.` separates components, `\.` is a literal dot.
    public static func components(of path: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in path {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Applies the override to a rendered resource, as CDK's `deepMerge` does: objects on the way are created
    /// (replacing a non-object), an object value is merged into an object already there, list items are reached
    /// by index, and a deletion removes the member and every object it leaves empty.
    func apply(to resource: inout JSON, _ context: ResolutionContext) throws(ResolutionError) {
        let resolved: JSON? = if let value { try value.forced(context)?.resolve(context) ?? .null } else { nil }
        Self.set(resolved, at: path[...], in: &resource)
    }

    private static func set(_ value: JSON?, at path: ArraySlice<String>, in target: inout JSON) {
        guard let key = path.first else { return }
        let rest = path.dropFirst()
        if case .array(var items) = target, let index = Int(key), items.indices.contains(index) {
            if rest.isEmpty {
                if let value { items[index] = merged(items[index], value) } else { items.remove(at: index) }
            } else {
                set(value, at: rest, in: &items[index])
            }
            target = .array(items)
            return
        }
        guard case .object(var members) = target else {
            if value == nil { return }
            target = [:]
            set(value, at: path, in: &target)
            return
        }
        if rest.isEmpty {
            if let value {
                members[key] = members[key].map { merged($0, value) } ?? value
            } else {
                members.removeValue(forKey: key)
            }
        } else {
            if value == nil && members[key] == nil { return }
            var child = members[key] ?? [:]
            if child.objectValue == nil && child.arrayValue == nil { child = [:] }
            set(value, at: rest, in: &child)
            if value == nil, child.objectValue?.isEmpty == true {
                members.removeValue(forKey: key)
            } else {
                members[key] = child
            }
        }
        target = .object(members)
    }

    /// An object merged into an object member by member; anything else replaces.
    private static func merged(_ existing: JSON, _ new: JSON) -> JSON {
        guard case .object(var target) = existing, case .object(let source) = new else { return new }
        for (key, value) in source { target[key] = target[key].map { merged($0, value) } ?? value }
        return .object(target)
    }
}

extension CfnResource {
    /// Sets `value` at `path` of the synthesized resource (`"Properties.VisibilityTimeout"`,
    /// `"Metadata.Owner"`, `"DeletionPolicy"`), after every construct's preparation — AWS CDK's `addOverride`.
    /// Components are separated by `.` (`\.` for a literal dot); list items are reached by index. The result is
    /// checked against the resource's schema like any other property.
    public func addOverride(_ path: String, _ value: Value) {
        overrides.append(ResourceOverride(path: ResourceOverride.components(of: path), value: value))
    }

    /// Removes what is at `path` of the synthesized resource (`"Properties.Tags"`, `"DependsOn"`).
    public func addDeletionOverride(_ path: String) {
        overrides.append(ResourceOverride(path: ResourceOverride.components(of: path), value: nil))
    }

    /// Sets `value` at `propertyPath` below `Properties` (`"RedrivePolicy.maxReceiveCount"`).
    public func addPropertyOverride(_ propertyPath: String, _ value: Value) {
        addOverride("Properties." + propertyPath, value)
    }

    /// Sets `value` at `path` below the property `name` (the whole property when `path` is empty); the typed
    /// form of generated L1s (`queue.addPropertyOverride(.visibilityTimeout, 30)`) calls this.
    public func addPropertyOverride(named name: String, below path: String, _ value: Value) {
        addPropertyOverride(path.isEmpty ? name : name + "." + path, value)
    }

    /// Removes the property at `propertyPath` below `Properties`.
    public func addPropertyDeletionOverride(_ propertyPath: String) {
        addDeletionOverride("Properties." + propertyPath)
    }

    /// Accepts schema violations at or below `paths` (`"Properties.InstanceType"`) — for a value AWS added after
    /// the schemas Kumo was generated from. The reason is reported as a note by every synthesis; cfn-lint will
    /// likely need the matching ``suppressLintChecks(_:reason:)``.
    public func suppressSchemaChecks(at paths: [String], reason: String) {
        schemaSuppressions.append((paths, reason))
        node.addInfo("schema checks at \(paths.joined(separator: ", ")) suppressed: \(reason)")
    }
}

extension Node {
    /// The construct's main child, as AWS CDK's `node.defaultChild`: the child with the ID `Resource`, or else
    /// `Default` (for a typed construct, its L1). Typed access: ``Construct/defaultChild(as:)``.
    public var defaultChild: Construct? { tryFindChild("Resource") ?? tryFindChild("Default") }
}

extension Construct {
    /// The construct's default child as the L1 type it is (`role.defaultChild(as: IAM.CfnRole.self)`), or `nil`.
    public func defaultChild<T: CfnResource>(as type: T.Type) -> T? { node.defaultChild as? T }
}
