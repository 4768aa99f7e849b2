import KumoJSON

/// What `Ref` and `Fn::GetAtt` return for the resource types that IAM analysis depends on, computed from the
/// resources' own properties. Other types (and unknown attributes) give symbols.
enum ResourceSemantics {
    static func ref(_ resource: CloudTemplate.Resource, _ resolver: Resolver) throws(ReaderError) -> JSON? {
        switch resource.type {
        case "AWS::IAM::Role":
            return try resolver.property(resource.logicalID, "RoleName")
        case "AWS::IAM::ManagedPolicy":
            return try managedPolicyARN(resource, resolver)
        case "AWS::IAM::OIDCProvider", "Custom::AWSCDKOpenIdConnectProvider":
            return try oidcProviderARN(resource, resolver)
        case "AWS::EKS::Cluster":
            return try resolver.property(resource.logicalID, "Name")
        case "Custom::AWSCDK-EKS-Cluster":
            return try resolver.property(resource.logicalID, "Config")?["name"]
        case "AWS::ECR::Repository":
            return try resolver.property(resource.logicalID, "RepositoryName")
        default:
            return nil
        }
    }

    static func attribute(_ resource: CloudTemplate.Resource, _ attribute: String, _ resolver: Resolver) throws(ReaderError) -> JSON? {
        let id = resource.logicalID
        switch (resource.type, attribute) {
        case ("AWS::IAM::Role", "Arn"):
            guard let name = try resolver.property(id, "RoleName")?.stringValue else { return nil }
            let path = try resolver.property(id, "Path")?.stringValue ?? "/"
            return .string(arn(resolver, service: "iam", region: "", resource: "role\(path)\(name)"))
        case ("AWS::IAM::ManagedPolicy", "PolicyArn"):
            return try managedPolicyARN(resource, resolver)
        case ("AWS::IAM::OIDCProvider", "Arn"), ("Custom::AWSCDKOpenIdConnectProvider", "Arn"):
            return try oidcProviderARN(resource, resolver)
        case ("AWS::EKS::Cluster", "OpenIdConnectIssuerUrl"), ("Custom::AWSCDK-EKS-Cluster", "OpenIdConnectIssuerUrl"):
            return .string("https://" + Symbol.issuer(id).encoded)
        case ("Custom::AWSCDK-EKS-Cluster", "OpenIdConnectIssuer"):
            return .string(Symbol.issuer(id).encoded)
        case ("AWS::EKS::Cluster", "Arn"), ("Custom::AWSCDK-EKS-Cluster", "Arn"):
            guard let name = try ref(resource, resolver)?.stringValue else { return nil }
            return .string(arn(resolver, service: "eks", resource: "cluster/\(name)"))
        case ("AWS::ECR::Repository", "Arn"):
            guard let name = try resolver.property(id, "RepositoryName")?.stringValue else { return nil }
            return .string(arn(resolver, service: "ecr", resource: "repository/\(name)"))
        case ("Custom::AWSCDKCfnJson", "Value"):
            guard let text = try resolver.property(id, "Value")?.stringValue else {
                throw ReaderError(location: "Resources.\(id).Properties.Value", "a Custom::AWSCDKCfnJson needs a string Value")
            }
            do {
                return try JSON(parsing: text)
            } catch {
                throw ReaderError(location: "Resources.\(id).Properties.Value", "the value is not JSON once resolved (\(error))")
            }
        default:
            return nil
        }
    }

    private static func managedPolicyARN(_ resource: CloudTemplate.Resource, _ resolver: Resolver) throws(ReaderError) -> JSON? {
        guard let name = try resolver.property(resource.logicalID, "ManagedPolicyName")?.stringValue else { return nil }
        let path = try resolver.property(resource.logicalID, "Path")?.stringValue ?? "/"
        return .string(arn(resolver, service: "iam", region: "", resource: "policy\(path)\(name)"))
    }

    private static func oidcProviderARN(_ resource: CloudTemplate.Resource, _ resolver: Resolver) throws(ReaderError) -> JSON? {
        guard let url = try resolver.property(resource.logicalID, "Url")?.stringValue else { return nil }
        let issuer = url.replacingPrefix("https://")
        return .string(arn(resolver, service: "iam", region: "", resource: "oidc-provider/\(issuer)"))
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>` with the template's pseudo values.
    static func arn(_ resolver: Resolver, service: String, region: String? = nil, resource: String) -> String {
        let partition = resolver.pseudo("AWS::Partition")
        let account = resolver.pseudo("AWS::AccountId")
        return "arn:\(partition):\(service):\(region ?? resolver.pseudo("AWS::Region")):\(account):\(resource)"
    }
}
