import KumoJSON

/// How a condition key on an EKS cluster's issuer can be written in the fix of a finding, so that it can be pasted
/// as is: the concrete issuer when `kumo check --issuer` gives it; otherwise the template's own expression — the
/// `Fn::Sub` variable the role's trust document already uses (Kumo writes `${Issuer}`), or CDK's
/// `${Cluster.OpenIdConnectIssuer}` attribute (`Custom::AWSCDK-EKS-Cluster`); `<Cluster issuer>` only when the
/// template has neither.
struct IssuerExpression {
    /// The key prefix to print (`${Issuer}`, `oidc.eks.…/id/…`, `<EKSCluster issuer>`).
    var text: String
    /// Where the expression is valid ("in the role's Fn::Sub trust document, where Issuer is …").
    var note: String?

    static func of(_ issuer: String, role: IAMModel.Role, _ context: TemplateCheck) -> IssuerExpression {
        let symbols = Symbol.parts(of: issuer).compactMap { part -> String? in
            if case .symbol(.issuer(let cluster)) = part { return cluster }
            return nil
        }
        guard let cluster = symbols.first, symbols.count == 1 else { return IssuerExpression(text: context.display(issuer), note: nil) }
        if let url = context.issuerURL {
            return IssuerExpression(text: url.hasPrefix("https://") ? String(url.dropFirst(8)) : url, note: nil)
        }
        let clusterName = context.template.resources[cluster]?.displayName ?? cluster
        let raw = context.template.resources[role.logicalID]?.properties["AssumeRolePolicyDocument"]
        if case .array(let parts)? = raw?["Fn::Sub"], parts.count == 2, case .object(let variables) = parts[1] {
            let resolver = Resolver(context.template)
            for (name, value) in variables {
                if let resolved = (try? resolver.resolve(value, at: "Resources.\(role.logicalID)")) ?? nil, resolved.stringValue == issuer {
                    return IssuerExpression(
                        text: "${\(name)}", note: "in the role's Fn::Sub trust document, where \(name) is \(clusterName)'s issuer")
                }
            }
        }
        if context.template.resources[cluster]?.type == "Custom::AWSCDK-EKS-Cluster" {
            return IssuerExpression(text: "${\(cluster).OpenIdConnectIssuer}", note: "an Fn::Sub expression of the cluster's issuer; in CDK code, `${cluster.clusterOpenIdConnectIssuer}:…` inside a CfnJson key")
        }
        return IssuerExpression(text: context.display(issuer), note: nil)
    }

    /// `${Issuer}:aud`.
    func key(_ claim: String) -> String { text + ":" + claim }
}
