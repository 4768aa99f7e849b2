import KumoJSON
import KumoPolicy

/// The resources section of a stack diff: resources paired by logical ID, compared on resolved values (so
/// `Fn::Join` and `Fn::Sub` spellings of the same string are no change), with replacement warnings.
///
/// A resource is replaced when a create-only property changes (``CreateOnlyProperties``), when its type
/// changes, or when a create-only property refers to a resource that is replaced (its physical ID changes).
/// IAM documents are compared in the IAM section: here they only point there.
struct ResourceDiffer {
    let oldResolver: Resolver
    let newResolver: Resolver
    let old: CloudTemplate
    let new: CloudTemplate
    /// Every resource's properties, resolved (``resolveAll(_:)``).
    let oldProperties: [String: JSON]
    let newProperties: [String: JSON]
    let strict: Bool
    /// Old-side logical IDs recognised as CDK plumbing.
    let plumbing: [String: CDKPlumbing.Rule]
    /// `logicalID/Property` of every IAM change.
    let iamChanged: Set<String>

    init(
        oldResolver: Resolver, newResolver: Resolver, oldProperties: [String: JSON], newProperties: [String: JSON], strict: Bool,
        plumbing: [String: CDKPlumbing.Rule], iamChanged: Set<String>
    ) {
        self.oldResolver = oldResolver
        self.newResolver = newResolver
        self.oldProperties = oldProperties
        self.newProperties = newProperties
        old = oldResolver.template
        new = newResolver.template
        self.strict = strict
        self.plumbing = plumbing
        self.iamChanged = iamChanged
    }

    struct Result {
        var resources: [ResourceChange] = []
        var expected: [ExpectedReplacement] = []
        var noise: [NoiseItem] = []
    }

    /// Properties compared by the IAM section, by type.
    static let iamProperties: [String: Set<String>] = [
        "AWS::IAM::Role": ["AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns"],
        "AWS::IAM::ManagedPolicy": ["PolicyDocument", "Roles"],
        "AWS::IAM::Policy": ["PolicyDocument", "PolicyName", "Roles"],
    ]

    func diff() throws(ReaderError) -> Result {

        var result = Result()
        var changes: [String: ResourceChange] = [:]
        var order: [String] = []
        func record(_ change: ResourceChange) {
            changes[change.logicalID] = change
            order.append(change.logicalID)
        }

        for (id, resource) in new.resources {
            guard let previous = old.resources[id] else {
                if !strict, let rule = DiffNoise.resource(resource) {
                    result.noise.append(NoiseItem(location: "Resources.\(id)", rule: rule))
                } else {
                    record(ResourceChange(logicalID: id, kind: .added, oldType: nil, newType: resource.type))
                }
                continue
            }
            if previous.type != resource.type {
                if let rule = plumbing[id] {
                    result.expected.append(ExpectedReplacement(logicalID: id, oldType: previous.type, newType: resource.type, rule: rule.name, reason: rule.reason))
                } else {
                    record(ResourceChange(logicalID: id, kind: .typeChanged, oldType: previous.type, newType: resource.type,
                                          replacementReasons: ["type changed: CloudFormation cannot update a resource's type in place (deploy to a new stack, or remove the resource first)"]))
                }
                continue
            }
            let replaced = CreateOnlyProperties.changed(type: resource.type, old: oldProperties[id]!, new: newProperties[id]!)
            let (properties, noise) = compare(previous, resource, oldProperties[id]!, newProperties[id]!, replacing: replaced)
            result.noise += noise
            guard !properties.isEmpty || !replaced.isEmpty else { continue }
            record(ResourceChange(logicalID: id, kind: .modified, oldType: previous.type, newType: resource.type, properties: properties,
                                  replacementReasons: replaced.map { "\($0) changes (create-only property)" }))
        }
        for (id, resource) in old.resources where new.resources[id] == nil {
            if let rule = plumbing[id] {
                result.expected.append(ExpectedReplacement(logicalID: id, oldType: resource.type, newType: nil, rule: rule.name, reason: rule.reason))
            } else if !strict, let rule = DiffNoise.resource(resource) {
                result.noise.append(NoiseItem(location: "Resources.\(id)", rule: rule))
            } else {
                record(ResourceChange(logicalID: id, kind: .removed, oldType: resource.type, newType: nil))
            }
        }

        propagateReplacements(&changes, &order, newProperties)
        result.resources = order.compactMap { changes[$0] }
        return result
    }

    /// Every resource's properties, resolved. IAM resources go through the resolver's memoized properties
    /// (which the IAM model has filled); the others are resolved whole, without filling the cache.
    static func resolveAll(_ resolver: Resolver) throws(ReaderError) -> [String: JSON] {
        var all: [String: JSON] = [:]
        all.reserveCapacity(resolver.template.resources.count)
        for (id, resource) in resolver.template.resources {
            if resource.type.hasPrefix("AWS::IAM::") {
                var properties = JSONObject(minimumCapacity: resource.properties.count)
                for name in resource.properties.keys {
                    if let value = try resolver.property(id, name) { properties[name] = value }
                }
                all[id] = .object(properties)
            } else {
                all[id] = try resolver.resolve(.object(resource.properties), at: "Resources.\(id).Properties") ?? [:]
            }
        }
        return all
    }

    /// Property-level changes of a resource present on both sides with the same type, and the noise hidden.
    private func compare(_ a: CloudTemplate.Resource, _ b: CloudTemplate.Resource, _ oldValue: JSON, _ newValue: JSON, replacing changedPaths: [String]) -> ([PropertyChange], [NoiseItem]) {
        var changes: [PropertyChange] = []
        var noise: [NoiseItem] = []
        let id = b.logicalID
        // Create-only paths that changed, as dotted prefixes of property paths (`Tags/*/Key` → `Tags`).
        let replacing = changedPaths.map { $0.split(separator: "/").prefix { $0 != "*" }.joined(separator: ".") }
        if !oldValue.semanticallyEquals(newValue) {
            let iam = ResourceDiffer.iamProperties[b.type] ?? []
            var names: [String] = Array(newValue.objectValue?.keys ?? [])
            for name in oldValue.objectValue?.keys ?? [] where !names.contains(name) { names.append(name) }
            for name in names {
                let before = oldValue[name], after = newValue[name]
                if iam.contains(name) {
                    if let change = iamProperty(id, b.type, name, before, after) { changes.append(change) }
                    continue
                }
                for difference in ValueDiff.differences(before, after, at: name) {
                    if !strict && DiffNoise.differsOnlyInAssetHashes(difference.old, difference.new) {
                        noise.append(NoiseItem(location: "Resources.\(id).Properties.\(difference.path)", rule: "asset hash"))
                        continue
                    }
                    let forces = replacing.contains { difference.path == $0 || difference.path.hasPrefix($0 + ".") || difference.path.hasPrefix($0 + "[") || $0.hasPrefix(difference.path + ".") }
                    changes.append(PropertyChange(path: "Properties." + difference.path, old: difference.old.map(old.display), new: difference.new.map(new.display), forcesReplacement: forces))
                }
            }
        }
        if Set(a.dependsOn) != Set(b.dependsOn) {
            changes.append(PropertyChange(path: "DependsOn", old: a.dependsOn.isEmpty ? nil : .array(a.dependsOn.map(JSON.string)),
                                          new: b.dependsOn.isEmpty ? nil : .array(b.dependsOn.map(JSON.string))))
        }
        for attribute in ["Condition", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy"] {
            let before = a.json[attribute], after = b.json[attribute]
            if before == nil && after == nil { continue }
            if let before, let after, before.semanticallyEquals(after) { continue }
            changes.append(PropertyChange(path: attribute, old: before, new: after))
        }
        for difference in ValueDiff.differences(.object(a.metadata), .object(b.metadata), at: "Metadata") {
            let key = difference.path.dropFirst("Metadata".count).drop { $0 == "." || $0 == "[" || $0 == "\"" }
            let top = String(key.prefix { $0 != "." && $0 != "[" && $0 != "\"" })
            if !strict, let rule = DiffNoise.metadata(top) {
                noise.append(NoiseItem(location: "Resources.\(id).\(difference.path)", rule: rule))
            } else {
                changes.append(PropertyChange(path: difference.path, old: difference.old, new: difference.new))
            }
        }
        return (changes, noise)
    }

    /// A change to an IAM document property: compared by meaning in the IAM section, pointed at here. When
    /// the IAM section has nothing for it (a policy attached to principals outside the template, say), the
    /// documents are compared here: "same access" only when they grant the same, else the values are shown.
    private func iamProperty(_ id: String, _ type: String, _ name: String, _ before: JSON?, _ after: JSON?) -> PropertyChange? {
        let a = before.map(ResourceDiffer.normalizedDocument), b = after.map(ResourceDiffer.normalizedDocument)
        if let a, let b, a.semanticallyEquals(b) { return nil }
        if name == "ManagedPolicyArns" || name == "Roles", let a = a?.arrayValue, let b = b?.arrayValue, Set(a) == Set(b) { return nil }
        // The same roles by reference (`{"Ref": logical ID}`), whose names resolve differently (a name made
        // explicit): the attachment is unchanged.
        if name == "Roles", let raw = old.resources[id]?.properties["Roles"], raw == new.resources[id]?.properties["Roles"] {
            return nil
        }
        let path = "Properties." + name
        if iamChanged.contains("\(id)/\(name)") { return PropertyChange(path: path, old: nil, new: nil, note: "see the IAM section") }
        // A role's documents and a managed policy's document are always in the IAM section.
        if type == "AWS::IAM::Role" || (type == "AWS::IAM::ManagedPolicy" && name == "PolicyDocument") {
            return PropertyChange(path: path, old: nil, new: nil, note: "written differently, same access")
        }
        if let a, let b, name == "PolicyDocument" {
            if DocumentDiffer(kind: .identity, old: old, new: new).diff(a, b).allSatisfy({ $0.classification == .neutral }) {
                return PropertyChange(path: path, old: nil, new: nil, note: "written differently, same access")
            }
        }
        // Principals named by a list known only at deploy time (`Roles: !Ref RoleNames`) may be any role.
        let deployTime = [a, b].contains { Resolver.symbolicList($0) != nil }
        let note = deployTime ? "not in the IAM section (attached to principals known only at deploy time)"
            : "not in the IAM section (attached to no role of this template)"
        return PropertyChange(path: path, old: a.map(old.display), new: b.map(new.display), note: note)
    }

    /// A policy document property as JSON (strings — `Fn::Sub` results — parsed), for comparison.
    static func normalizedDocument(_ value: JSON) -> JSON {
        switch value {
        case .string(let text): (try? JSON(parsing: text)) ?? value
        case .array(let items): .array(items.map(normalizedDocument))
        case .object(let members): .object(members.mapValues(normalizedDocument))
        default: value
        }
    }

    /// Resources whose create-only property refers to a replaced resource are replaced too (the reference's
    /// value — a physical ID or attribute — changes); repeated until nothing more is replaced.
    private func propagateReplacements(_ changes: inout [String: ResourceChange], _ order: inout [String], _ newProperties: [String: JSON]) {
        guard changes.values.contains(where: \.replaces) else { return }
        var dependents: [String: [String]] = [:]
        for (id, resource) in new.resources where old.resources[id]?.type == resource.type {
            for value in CreateOnlyProperties.values(type: resource.type, in: newProperties[id] ?? [:]) {
                for target in ResourceDiffer.referencedResources(value) where target != id {
                    dependents[target, default: []].append(id)
                }
            }
        }
        var queue = changes.values.filter(\.replaces).map(\.logicalID)
        while let replaced = queue.popLast() {
            for dependent in dependents[replaced] ?? [] where changes[dependent]?.replaces != true {
                let reason = "refers to \(replaced), which is replaced"
                if var change = changes[dependent] {
                    change.replacementReasons.append(reason)
                    changes[dependent] = change
                } else {
                    let type = new.resources[dependent]!.type
                    changes[dependent] = ResourceChange(logicalID: dependent, kind: .modified, oldType: type, newType: type, replacementReasons: [reason])
                    order.append(dependent)
                }
                queue.append(dependent)
            }
        }
    }

    /// Logical IDs that symbols in a resolved value refer to.
    static func referencedResources(_ value: JSON) -> Set<String> {
        var ids = Set<String>()
        func visit(_ value: JSON) {
            switch value {
            case .string(let s):
                guard Symbol.isSymbolic(s) else { return }
                for case .symbol(let symbol) in Symbol.parts(of: s) {
                    switch symbol {
                    case .ref(let id), .attribute(let id, _), .issuer(let id): ids.insert(id)
                    default: break
                    }
                }
            case .array(let items): items.forEach(visit)
            case .object(let members): members.values.forEach(visit)
            default: break
            }
        }
        visit(value)
        return ids
    }
}
