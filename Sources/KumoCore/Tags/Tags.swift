import KumoJSON

/// A tag applied to a construct and every taggable resource below it (AWS CDK's `Tags.of(scope).add`).
///
/// The tag closest to a resource wins: a tag on a subnet overrides the same key on its VPC. A tag may be
/// limited to some resource types (`only: ["AWS::EC2::Subnet"]`).
public struct Tag: Hashable, Sendable {
    /// The tag's key (`Team`).
    public var key: String
    /// The tag's value (`platform`).
    public var value: String
    /// Resource types the tag applies to; every taggable type when `nil`.
    public var resourceTypes: Set<String>?

    /// A tag `key` = `value`, on every taggable resource type, or only on `resourceTypes`.
    public init(_ key: String, _ value: String, only resourceTypes: Set<String>? = nil) {
        self.key = key
        self.value = value
        self.resourceTypes = resourceTypes
    }
}

/// How a resource type writes its `Tags` property.
public enum TagFormat: Sendable, Hashable {
    /// `[{"Key": k, "Value": v}, …]`, sorted by key (most AWS types).
    case keyValueList
    /// `{"k": v, …}` (EKS, SSM, …).
    case map
}

extension Node {
    /// Tags `this` construct and every taggable resource below it with `key` = `value`.
    public func addTag(_ key: String, _ value: String, only resourceTypes: Set<String>? = nil) {
        tags.removeAll { $0.key == key && $0.resourceTypes == resourceTypes }
        tags.append(Tag(key, value, only: resourceTypes))
    }
}

extension CfnResource {
    /// The tags that apply to this resource: tags of every construct from the root down to the resource, the
    /// closest one winning per key, sorted by key as CDK sorts them (`localeCompare`).
    public var effectiveTags: [(key: String, value: String)] {
        var chain: [Construct] = []
        var current: Construct? = self
        while let c = current {
            chain.append(c)
            current = c.node.scope
        }
        var values: [String: String] = [:]
        for construct in chain.reversed() {
            for tag in construct.node.tags where tag.resourceTypes?.contains(type) ?? true {
                values[tag.key] = tag.value
            }
        }
        return values.sorted { LocaleOrder.precedes($0.key, $1.key) }.map { ($0.key, $0.value) }
    }

    /// The `Tags` property value for ``effectiveTags`` in this resource's ``tagFormat``, or `nil` without tags.
    func tagsValue() -> Value? {
        guard let tagFormat else { return nil }
        let tags = effectiveTags
        if tags.isEmpty { return nil }
        switch tagFormat {
        case .keyValueList:
            return .list(tags.map { .map(["Key": .string($0.key), "Value": .string($0.value)]) })
        case .map:
            var members: OrderedDictionary<String, Value> = [:]
            for tag in tags { members[tag.key] = .string(tag.value) }
            return .map(members)
        }
    }
}
