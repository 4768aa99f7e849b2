import KumoJSON

/// An EC2 launch template (`AWS::EC2::LaunchTemplate`), for instance settings of EKS managed node groups.
///
/// ```swift
/// let template = LaunchTemplate(stack, "EKSNodesLaunchTemplate", name: "eks-nodes-launch-template",
///                               detailedMonitoring: false, disableAPITermination: false, ebsOptimized: false,
///                               hibernationConfigured: false, nitroEnclaveEnabled: false)
/// ```
/// As in AWS CDK, instances and volumes launched from it are tagged `Name` = the template's path. Settings
/// left `nil` are not written.
public final class LaunchTemplate: Construct {
    public var name: String?
    public var detailedMonitoring: Bool?
    public var disableAPITermination: Bool?
    public var ebsOptimized: Bool?
    public var hibernationConfigured: Bool?
    public var nitroEnclaveEnabled: Bool?
    private var l1: CfnResource!

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, detailedMonitoring: Bool? = nil,
        disableAPITermination: Bool? = nil, ebsOptimized: Bool? = nil, hibernationConfigured: Bool? = nil,
        nitroEnclaveEnabled: Bool? = nil
    ) {
        self.name = name
        self.detailedMonitoring = detailedMonitoring
        self.disableAPITermination = disableAPITermination
        self.ebsOptimized = ebsOptimized
        self.hibernationConfigured = hibernationConfigured
        self.nitroEnclaveEnabled = nitroEnclaveEnabled
        super.init(scope, id)
        l1 = CfnResource(self, "Resource", type: "AWS::EC2::LaunchTemplate", required: ["LaunchTemplateData"])
    }

    /// The L1 resource (`AWS::EC2::LaunchTemplate`).
    public var resource: CfnResource { l1 }
    /// The template's ID (`Ref`).
    public var templateID: Value { l1.ref }
    /// The latest version number (`Fn::GetAtt LatestVersionNumber`).
    public var latestVersionNumber: Value { l1.getAtt("LatestVersionNumber") }
    /// The default version number (`Fn::GetAtt DefaultVersionNumber`).
    public var defaultVersionNumber: Value { l1.getAtt("DefaultVersionNumber") }

    public override func prepare() {
        var data: OrderedDictionary<String, Value> = [:]
        if let disableAPITermination { data["DisableApiTermination"] = .bool(disableAPITermination) }
        if let ebsOptimized { data["EbsOptimized"] = .bool(ebsOptimized) }
        if let nitroEnclaveEnabled { data["EnclaveOptions"] = ["Enabled": .bool(nitroEnclaveEnabled)] }
        if let hibernationConfigured { data["HibernationOptions"] = ["Configured": .bool(hibernationConfigured)] }
        if let detailedMonitoring { data["Monitoring"] = ["Enabled": .bool(detailedMonitoring)] }
        let nameTag: Value = [["Key": "Name", "Value": .string(node.path)]]
        data["TagSpecifications"] = [
            ["ResourceType": "instance", "Tags": nameTag], ["ResourceType": "volume", "Tags": nameTag],
        ]
        var properties: OrderedDictionary<String, Value> = ["LaunchTemplateData": .map(data)]
        if let name { properties["LaunchTemplateName"] = .string(name) }
        l1.properties = properties
    }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name {
            let valid = (3...128).contains(name.count)
                && name.unicodeScalars.allSatisfy { IAMNames.isAlphanumeric($0) || "()./_-".unicodeScalars.contains($0) }
            if !valid {
                found.append(.error(node.path, "launch template name \"\(name)\" is not valid", fix: "use 3-128 characters: letters, digits and ( ) . / _ -"))
            }
        }
        return found
    }
}
