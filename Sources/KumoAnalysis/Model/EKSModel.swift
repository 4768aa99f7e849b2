import KumoJSON

/// The EKS content of a template that Pod Identity and the lifecycle rules need: clusters (native
/// `AWS::EKS::Cluster` and CDK's `Custom::AWSCDK-EKS-Cluster`), Pod Identity associations, add-ons and managed
/// node groups, resolved with the shared ``Resolver`` (deploy-time parts are ``Symbol``s).
///
/// Associations are read strictly: one that lacks `ClusterName`, `Namespace`, `ServiceAccount` or `RoleArn`, or
/// gives them as something other than strings, is a ``ReaderError`` (CloudFormation rejects it too: the
/// resource provider schema requires all four).
public struct EKSModel: Sendable {
    public struct Cluster: Sendable {
        public var logicalID: String
        public var constructPath: String?
        /// The cluster's name (`Ref`), a symbol when CloudFormation generates it.
        public var name: String
        /// `arn:<partition>:eks:<region>:<account>:cluster/<name>`.
        public var arn: String
        /// The Kubernetes version, when the template sets it.
        public var version: String?
        /// The template location of the version (`Resources.X.Properties.Version`).
        public var versionLocation: String
    }

    public struct PodIdentityAssociation: Sendable {
        public var logicalID: String
        public var constructPath: String?
        /// The resolved `ClusterName`.
        public var clusterName: String
        public var namespace: String
        public var serviceAccount: String
        /// The resolved `RoleArn`.
        public var roleARN: String
        public var disableSessionTags: Bool
        public var targetRoleARN: String?
    }

    public struct Addon: Sendable {
        public var logicalID: String
        public var clusterName: String
        public var name: String
        public var version: String?
    }

    public struct Nodegroup: Sendable {
        public var logicalID: String
        public var clusterName: String
        public var amiType: String?
        public var version: String?
    }

    public var clusters: [Cluster] = []
    public var associations: [PodIdentityAssociation] = []
    public var addons: [Addon] = []
    public var nodegroups: [Nodegroup] = []

    public init(_ template: CloudTemplate) throws(ReaderError) {
        try self.init(resolver: Resolver(template))
    }

    public init(resolver: Resolver) throws(ReaderError) {
        let template = resolver.template
        for resource in template.resources.values {
            let id = resource.logicalID
            let at = "Resources.\(id).Properties"
            switch resource.type {
            case "AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster":
                let native = resource.type == "AWS::EKS::Cluster"
                let version = native ? try resolver.property(id, "Version") : try resolver.property(id, "Config")?["version"]
                clusters.append(Cluster(
                    logicalID: id, constructPath: resource.constructPath,
                    name: try resolver.ref(id, at: "Resources.\(id)")?.stringValue ?? Symbol.ref(id).encoded,
                    arn: try resolver.attribute(of: id, "Arn", at: "Resources.\(id)").stringValue ?? Symbol.attribute(id, "Arn").encoded,
                    version: version.flatMap(Self.scalar), versionLocation: native ? at + ".Version" : at + ".Config.version"))
            case "AWS::EKS::PodIdentityAssociation":
                func required(_ name: String) throws(ReaderError) -> String {
                    guard let value = try resolver.property(id, name) else {
                        throw ReaderError(location: "\(at).\(name)", "a Pod Identity association needs \(name) (ClusterName, Namespace, ServiceAccount and RoleArn are required)")
                    }
                    guard let text = value.stringValue, !text.isEmpty else {
                        throw ReaderError(location: "\(at).\(name)", "\(name) must be a non-empty string, not \(value.kindDescription)")
                    }
                    return text
                }
                let disable = try resolver.property(id, "DisableSessionTags")
                if let disable, disable.boolValue == nil, disable.stringValue.flatMap({ ["true", "false"].contains($0.lowercased()) }) != true {
                    throw ReaderError(location: "\(at).DisableSessionTags", "DisableSessionTags must be a boolean, not \(disable.kindDescription)")
                }
                associations.append(PodIdentityAssociation(
                    logicalID: id, constructPath: resource.constructPath, clusterName: try required("ClusterName"),
                    namespace: try required("Namespace"), serviceAccount: try required("ServiceAccount"), roleARN: try required("RoleArn"),
                    disableSessionTags: disable?.boolValue ?? (disable?.stringValue?.lowercased() == "true"),
                    targetRoleARN: try resolver.property(id, "TargetRoleArn")?.stringValue))
            case "AWS::EKS::Addon":
                addons.append(Addon(
                    logicalID: id, clusterName: try resolver.property(id, "ClusterName")?.stringValue ?? "",
                    name: try resolver.property(id, "AddonName")?.stringValue ?? "",
                    version: try resolver.property(id, "AddonVersion")?.stringValue))
            case "AWS::EKS::Nodegroup":
                nodegroups.append(Nodegroup(
                    logicalID: id, clusterName: try resolver.property(id, "ClusterName")?.stringValue ?? "",
                    amiType: try resolver.property(id, "AmiType")?.stringValue,
                    version: try resolver.property(id, "Version").flatMap(Self.scalar)))
            default:
                break
            }
        }
    }

    /// A version written as a string or a number (`1.22` in YAML).
    static func scalar(_ value: JSON) -> String? {
        switch value {
        case .string(let s): s
        case .number(let n): JSONNumberFormat.javaScript(n)
        default: nil
        }
    }

    /// The cluster named `name` (its resolved name, logical ID or construct path's first component).
    public func cluster(_ key: String) -> Cluster? {
        clusters.first { $0.name == key } ?? clusters.first { $0.logicalID == key }
            ?? clusters.first { $0.constructPath?.split(separator: "/").first.map(String.init) == key }
    }

    /// The associations of a cluster (by its resolved name).
    public func associations(ofCluster name: String) -> [PodIdentityAssociation] {
        associations.filter { $0.clusterName == name }
    }
}
