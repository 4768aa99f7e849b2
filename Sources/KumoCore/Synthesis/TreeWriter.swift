import KumoJSON

/// Writes `tree.json` (AWS CDK's `tree-0.1` format): every construct with its ID, path, Swift type, and for
/// resources their CloudFormation type and properties.
enum TreeWriter {
    /// The version written in `constructInfo.version`.
    static let kumoVersion = KumoVersion.current

    static func tree(of app: App) -> JSON {
        var names: [ObjectIdentifier: String] = [:]
        return ["version": "tree-0.1", "tree": node(app, &names)]
    }

    /// The module-qualified Swift type name of each construct's class (`Kumo.Role`), computed once per class:
    /// reflecting a type's name is costly.
    private static func node(_ construct: Construct, _ names: inout [ObjectIdentifier: String]) -> JSON {
        var entry: JSONObject = ["id": .string(construct.node.id), "path": .string(construct.node.path)]
        if !construct.node.children.isEmpty {
            var children = JSONObject()
            for child in construct.node.children where children[child.node.id] == nil {
                children[child.node.id] = node(child, &names)
            }
            entry["children"] = .object(children)
        }
        if let resource = construct as? CfnResource {
            var attributes: JSONObject = ["aws:cdk:cloudformation:type": .string(resource.type)]
            if let properties = resource.lastRenderedProperties {
                attributes["aws:cdk:cloudformation:props"] = .object(properties)
            }
            entry["attributes"] = .object(attributes)
        }
        let type = type(of: construct)
        let fqn = names[ObjectIdentifier(type)] ?? {
            let name = String(reflecting: type)
            names[ObjectIdentifier(type)] = name
            return name
        }()
        entry["constructInfo"] = ["fqn": .string(fqn), "version": .string(kumoVersion)]
        return .object(entry)
    }
}

/// Kumo's version.
public enum KumoVersion {
    /// The version written in `tree.json`'s `constructInfo` and printed by `kumo --version`.
    public static let current = "0.1.0"
}
