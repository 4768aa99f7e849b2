import KumoAnalysis
import KumoJSON

/// What the plan and the verifier know about resource types, beyond the provider schemas (create-only
/// properties and primary identifiers come from the schemas: ``CreateOnlyProperties``, ``PrimaryIdentifiers``).
public enum MigrationFacts {
    /// Types whose replacement loses state or breaks what runs on them (a new cluster, database, network, DNS
    /// zone, certificate, image repository, identity provider): no step may change a create-only property of
    /// one, and each keeps `Retain` policies while the plan runs. CDK's custom resources for the cluster and the
    /// OIDC providers stand for the same things.
    public static let statefulTypes: [String: String] = [
        "AWS::EKS::Cluster": "the EKS cluster", "Custom::AWSCDK-EKS-Cluster": "the EKS cluster (CDK's custom resource)",
        "AWS::EKS::Nodegroup": "the node group", "AWS::EC2::LaunchTemplate": "the nodes' launch template",
        "AWS::RDS::DBCluster": "the Aurora cluster", "AWS::RDS::DBInstance": "an Aurora instance",
        "AWS::SecretsManager::Secret": "a secret", "AWS::EC2::VPC": "the VPC", "AWS::EC2::Subnet": "a subnet",
        "AWS::EC2::NatGateway": "a NAT gateway", "AWS::EC2::EIP": "an Elastic IP address",
        "AWS::Route53::HostedZone": "the hosted zone", "AWS::CertificateManager::Certificate": "a certificate",
        "AWS::ECR::Repository": "an image repository", "AWS::IAM::OIDCProvider": "an OIDC provider",
        "Custom::AWSCDKOpenIdConnectProvider": "an OIDC provider (CDK's custom resource)",
    ]

    /// Whether a type is stateful (``statefulTypes``).
    public static func isStateful(_ type: String) -> Bool { statefulTypes[type] != nil }

    /// A CDK custom resource's `Delete` runs its provider Lambda, which acts on what the resource created
    /// (`DeleteCluster`, `DeleteOpenIDConnectProvider`, `kubectl delete`, `helm uninstall`): removed from the
    /// stack only with `DeletionPolicy: Retain`, after which CloudFormation sends the provider nothing
    /// (`DELETE_SKIPPED`; AWS CloudFormation User Guide, *DeletionPolicy attribute*: "Retain … CloudFormation
    /// keeps the resource without deleting the resource or its contents when its stack is deleted" — and when
    /// the resource is removed from the template by an update).
    public static func runsProviderOnDelete(_ type: String) -> Bool { type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource" }

    /// How the properties of a CDK custom resource map onto its native successor's, for checking that an
    /// imported native resource describes what CDK created: (CDK path, native path); paths are components
    /// below `Properties`.
    public static let nativeMappings: [String: [(cdk: [String], native: [String])]] = [
        "Custom::AWSCDK-EKS-Cluster": [
            (["Config", "name"], ["Name"]),
            (["Config", "version"], ["Version"]),
            (["Config", "roleArn"], ["RoleArn"]),
            (["Config", "resourcesVpcConfig", "subnetIds"], ["ResourcesVpcConfig", "SubnetIds"]),
            (["Config", "resourcesVpcConfig", "securityGroupIds"], ["ResourcesVpcConfig", "SecurityGroupIds"]),
            (["Config", "resourcesVpcConfig", "endpointPublicAccess"], ["ResourcesVpcConfig", "EndpointPublicAccess"]),
            (["Config", "resourcesVpcConfig", "endpointPrivateAccess"], ["ResourcesVpcConfig", "EndpointPrivateAccess"]),
            (["Config", "resourcesVpcConfig", "publicAccessCidrs"], ["ResourcesVpcConfig", "PublicAccessCidrs"]),
            (["Config", "kubernetesNetworkConfig", "serviceIpv4Cidr"], ["KubernetesNetworkConfig", "ServiceIpv4Cidr"]),
            (["Config", "kubernetesNetworkConfig", "ipFamily"], ["KubernetesNetworkConfig", "IpFamily"]),
            (["Config", "encryptionConfig"], ["EncryptionConfig"]),
            (["Config", "accessConfig", "authenticationMode"], ["AccessConfig", "AuthenticationMode"]),
            (["Config", "accessConfig", "bootstrapClusterCreatorAdminPermissions"], ["AccessConfig", "BootstrapClusterCreatorAdminPermissions"]),
        ],
        "Custom::AWSCDKOpenIdConnectProvider": [
            (["Url"], ["Url"]),
            (["ClientIDList"], ["ClientIdList"]),
            (["ThumbprintList"], ["ThumbprintList"]),
        ],
    ]

    /// Native properties compared as sets (order does not matter to the service).
    public static let unorderedPaths: Set<[String]> = [
        ["ResourcesVpcConfig", "SubnetIds"], ["ResourcesVpcConfig", "SecurityGroupIds"],
        ["ResourcesVpcConfig", "PublicAccessCidrs"], ["ClientIdList"], ["ThumbprintList"],
    ]

    /// The value at `path` of a JSON value (`nil` when absent).
    public static func value(at path: [String], in json: JSON) -> JSON? {
        var current = json
        for component in path {
            guard let next = current[component] else { return nil }
            current = next
        }
        return current
    }

    /// `json` with `value` at `path` (objects created on the way; `nil` removes it).
    public static func setting(_ value: JSON?, at path: ArraySlice<String>, in json: JSON) -> JSON {
        guard let first = path.first else { return value ?? json }
        var members = json.objectValue ?? [:]
        if path.count == 1 {
            if let value { members[first] = value } else { members.removeValue(forKey: first) }
        } else {
            members[first] = setting(value, at: path.dropFirst(), in: members[first] ?? [:])
        }
        return .object(members)
    }

    /// Two resolved values compared as the service compares them: sets where the order does not matter,
    /// object keys regardless of their first letter's case (CDK's `Config` is camelCase).
    public static func sameValue(_ a: JSON, _ b: JSON, unordered: Bool) -> Bool {
        let x = normalized(a), y = normalized(b)
        if unordered, case .array(let left) = x, case .array(let right) = y {
            return Set(left.map { $0.serialized() }) == Set(right.map { $0.serialized() })
        }
        return x.semanticallyEquals(y)
    }

    private static func normalized(_ value: JSON) -> JSON {
        switch value {
        case .object(let members):
            var out = JSONObject()
            for (key, member) in members { out[key.prefix(1).lowercased() + key.dropFirst()] = normalized(member) }
            return .object(out)
        case .array(let items): return .array(items.map(normalized))
        default: return value
        }
    }

    /// EKS access entries need these platform versions (or a later Kubernetes version than listed): EKS User
    /// Guide, *Grant IAM users access to Kubernetes with EKS access entries*, prerequisites. Earlier Kubernetes
    /// versions (1.22 and before) have no access entries at all.
    public static let accessEntryPlatformVersions: [(kubernetes: String, platform: Int)] = [
        ("1.23", 17), ("1.24", 15), ("1.25", 12), ("1.26", 11), ("1.27", 10), ("1.28", 6),
    ]

    /// `(major, minor)` of a Kubernetes version (`1.32` → (1, 32)).
    public static func minorVersion(_ version: String) -> (Int, Int)? {
        let parts = version.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }

    /// Why a Kubernetes version (and platform version, when known) cannot have access entries; `nil` when it can.
    public static func accessEntriesUnsupported(version: String, platform: String?) -> String? {
        guard let (major, minor) = minorVersion(version) else { return nil }
        if major == 1 && minor < 23 {
            return "EKS has access entries from Kubernetes 1.23 (platform version eks.17); this cluster runs \(version)"
        }
        if let required = accessEntryPlatformVersions.first(where: { $0.kubernetes == "\(major).\(minor)" }),
           let platform, let number = Int(platform.replacingOccurrences(of: "eks.", with: "")), number < required.platform {
            return "EKS has access entries on Kubernetes \(version) from platform version eks.\(required.platform); this cluster runs \(platform)"
        }
        return nil
    }
}
