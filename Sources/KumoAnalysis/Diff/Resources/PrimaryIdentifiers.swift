/// The properties that identify a resource of each type (CloudFormation's `primaryIdentifier`), by type, from
/// the provider schemas in cfn-lint (``generatedTable``, written by `scripts/generate-create-only-properties`).
///
/// A resource import names exactly these properties in each `ResourceIdentifier` of `--resources-to-import`
/// ("Identifiers for the resources to import … an identifier property … and an identifier value", AWS
/// CloudFormation User Guide, *Bringing existing resources into CloudFormation management*).
public enum PrimaryIdentifiers {
    /// Type → identifier property names, in schema order (`AWS::EKS::AccessEntry`: `PrincipalArn`, `ClusterName`).
    public static let table: [String: [String]] = {
        var table: [String: [String]] = [:]
        for line in generatedTable.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            table[String(line[..<tab])] = line[line.index(after: tab)...].split(separator: ",").map(String.init)
        }
        return table
    }()

    /// The identifier properties of `type`; `nil` for custom and unknown types (which cannot be imported).
    public static func properties(for type: String) -> [String]? { table[type] }
}
