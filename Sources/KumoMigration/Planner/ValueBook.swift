import KumoAnalysis
import KumoJSON

/// The physical values a plan is written with: given ones, and placeholders for those nobody gave, each
/// recorded once with what needs it and where to get it.
final class ValueBook {
    private(set) var values: PhysicalValues
    private var missingOrder: [String] = []
    private var missing: [String: PhysicalValues.Missing] = [:]

    init(_ values: PhysicalValues, deployed: CloudTemplate) {
        self.values = values
        fillIssuerPlaceholders(deployed)
    }

    /// The values written into `plan.json`, with the missing ones listed.
    var result: PhysicalValues {
        var out = values
        out.missing = missingOrder.map { missing[$0]! }
        return out
    }

    /// The literal value of `Ref id` (attribute `nil`) or `Fn::GetAtt id.attribute`: the known one, else a
    /// placeholder, recorded as missing for `neededBy`.
    func literal(_ id: String, _ attribute: String?, neededBy: String) -> String {
        if let known = values.value(id, attribute) {
            if PhysicalValues.isPlaceholder(known) { record(id, attribute, known, neededBy) }
            return known
        }
        let placeholder = PhysicalValues.placeholder(id, attribute)
        var resource = values.resources[id] ?? PhysicalValues.Resource(type: "")
        if let attribute { resource.attributes[attribute] = placeholder } else { resource.ref = placeholder }
        values.resources[id] = resource
        record(id, attribute, placeholder, neededBy)
        return placeholder
    }

    /// A role's ARN: the known one, else built from its (maybe placeholder) name, so that one placeholder
    /// stands for one missing value.
    func roleArn(_ id: String, path: String = "/", neededBy: String) -> String {
        if let known = values.value(id, "Arn"), !PhysicalValues.isPlaceholder(known) { return known }
        let name = literal(id, nil, neededBy: neededBy)
        let account = values.account ?? PhysicalValues.placeholder("AWS::AccountId")
        return "arn:\(values.partition):iam::\(account):role\(path)\(name)"
    }

    /// Records an assumption that only a missing input could confirm (no placeholder is written).
    func assume(_ what: String, neededBy: String, source: String) {
        let key = "assume:" + what
        if missing[key] == nil {
            missingOrder.append(key)
            missing[key] = PhysicalValues.Missing(value: what, placeholder: "", neededBy: [], source: source)
        }
        if !missing[key]!.neededBy.contains(neededBy) { missing[key]!.neededBy.append(neededBy) }
    }

    private func record(_ id: String, _ attribute: String?, _ placeholder: String, _ neededBy: String) {
        // The placeholder names the value that is really missing (an issuer inside an ARN, say).
        let name = placeholderName(placeholder) ?? (id + (attribute.map { "." + $0 } ?? ""))
        if missing[name] == nil {
            missingOrder.append(name)
            missing[name] = PhysicalValues.Missing(value: name, placeholder: KumoMigration.placeholderPrefix + name, neededBy: [], source: source(for: name))
        }
        if !missing[name]!.neededBy.contains(neededBy) { missing[name]!.neededBy.append(neededBy) }
    }

    private func placeholderName(_ text: String) -> String? { PhysicalValues.placeholderNames(in: text).first }

    private func source(for name: String) -> String {
        let id = String(name.prefix { $0 != "." })
        let attribute = name.contains(".") ? String(name[name.index(after: name.firstIndex(of: ".")!)...]) : nil
        let type = values.resources[id]?.type ?? ""
        let cluster = values.resources[id]?.ref.flatMap { PhysicalValues.isPlaceholder($0) ? nil : $0 } ?? "CLUSTER"
        switch (type, attribute) {
        case (_, "ClusterSecurityGroupId"?):
            return "aws eks describe-cluster --name \(cluster) (cluster.resourcesVpcConfig.clusterSecurityGroupId), given with --physical-ids"
        case (_, "OpenIdConnectIssuer"?), (_, "OpenIdConnectIssuerUrl"?):
            return "aws eks describe-cluster --name \(cluster) (cluster.identity.oidc.issuer), or the OIDC provider's PhysicalResourceId in describe-stack-resources, given with --physical-ids"
        case (_, "AWS::AccountId"?), (_, "AWS::Region"?):
            return "describe-stack-resources output (its StackId names the account and region), given with --physical-ids"
        default:
            return "the PhysicalResourceId of \(id) in aws cloudformation describe-stack-resources --stack-name \(values.stackName), given with --physical-ids"
        }
    }

    /// An EKS cluster's issuer and its OIDC provider's ARN are one value: when neither is known, both get the
    /// same placeholder issuer, so that the ARN keeps its shape (`arn:aws:iam::…:oidc-provider/…`).
    private func fillIssuerPlaceholders(_ deployed: CloudTemplate) {
        for cluster in deployed.resources.values where cluster.type == "Custom::AWSCDK-EKS-Cluster" || cluster.type == "AWS::EKS::Cluster" {
            guard values.resources[cluster.logicalID]?.attributes["OpenIdConnectIssuer"] == nil else { continue }
            let issuer = PhysicalValues.placeholder(cluster.logicalID, "OpenIdConnectIssuer")
            values.resources[cluster.logicalID, default: PhysicalValues.Resource(type: cluster.type)].attributes["OpenIdConnectIssuer"] = issuer
            values.resources[cluster.logicalID]!.attributes["OpenIdConnectIssuerUrl"] = "https://" + issuer
            if let provider = PhysicalValuesBuilder.issuerProvider(of: cluster.logicalID, deployed), values.resources[provider]?.ref == nil {
                let account = values.account ?? PhysicalValues.placeholder("AWS::AccountId")
                let arn = "arn:\(values.partition):iam::\(account):oidc-provider/\(issuer)"
                values.resources[provider, default: PhysicalValues.Resource(type: "")].ref = arn
                values.resources[provider]!.attributes["Arn"] = arn
            }
        }
    }
}
