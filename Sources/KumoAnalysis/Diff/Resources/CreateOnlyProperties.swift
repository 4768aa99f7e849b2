import KumoJSON

/// The properties whose change replaces a resource (CloudFormation's `createOnlyProperties`), by type, from
/// the provider schemas in cfn-lint (``generatedTable``, written by `scripts/generate-create-only-properties`).
///
/// Paths are relative to `Properties`; nested ones (`AccessConfig/BootstrapClusterCreatorAdminPermissions`)
/// compare the value at that depth, and `*` stands for every item of a list (`Tags/*/Key`).
public enum CreateOnlyProperties {
    /// Type → create-only property paths, as components (`["AccessConfig", "BootstrapClusterCreatorAdminPermissions"]`).
    public static let table: [String: [[String]]] = {
        var table: [String: [[String]]] = [:]
        for line in generatedTable.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let paths = line[line.index(after: tab)...].split(separator: ",").map { $0.split(separator: "/").map(String.init) }
            table[String(line[..<tab])] = paths
        }
        return table
    }()

    /// The create-only paths of `type` (empty for unknown and custom types).
    public static func paths(for type: String) -> [[String]] { table[type] ?? [] }

    /// The create-only paths of `type` whose value differs between two versions of its (resolved)
    /// properties, `/`-joined (`RoleName`, `AccessConfig/BootstrapClusterCreatorAdminPermissions`).
    public static func changed(type: String, old: JSON, new: JSON) -> [String] {
        paths(for: type).filter { path in
            switch (value(at: path[...], in: old), value(at: path[...], in: new)) {
            case (nil, nil): false
            case (let a?, let b?): !a.semanticallyEquals(b)
            default: true
            }
        }.map { $0.joined(separator: "/") }
    }

    /// The values of the create-only paths of `type` (for finding references to replaced resources).
    static func values(type: String, in properties: JSON) -> [JSON] {
        paths(for: type).compactMap { value(at: $0[...], in: properties) }
    }

    /// The value at `path` (`*` collects every list item's value into a list); `nil` when absent.
    static func value(at path: ArraySlice<String>, in json: JSON) -> JSON? {
        guard let first = path.first else { return json }
        let rest = path.dropFirst()
        if first == "*" {
            guard case .array(let items) = json else { return nil }
            let values = items.compactMap { value(at: rest, in: $0) }
            return values.isEmpty ? nil : .array(values)
        }
        guard let member = json[first] else { return nil }
        return value(at: rest, in: member)
    }
}
