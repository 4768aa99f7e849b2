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
    /// The template's name (`LaunchTemplateName`, 3–128 characters); generated when `nil`.
    public var name: String?
    /// Whether instances have detailed (one-minute) CloudWatch monitoring.
    public var detailedMonitoring: Bool?
    /// Whether instances are protected from termination through the API.
    public var disableAPITermination: Bool?
    /// Whether instances are EBS-optimized.
    public var ebsOptimized: Bool?
    /// Whether instances can hibernate.
    public var hibernationConfigured: Bool?
    /// Whether instances run Nitro Enclaves.
    public var nitroEnclaveEnabled: Bool?
    private var l1: EC2.CfnLaunchTemplate!

    /// A launch template `id` of `scope`; settings left `nil` are not written.
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
        l1 = EC2.CfnLaunchTemplate(
            self, "Resource", launchTemplateData: .lazy { self.data }, launchTemplateName: .lazy { self.name.map { CfnString($0) } })
    }

    /// The L1 resource (`AWS::EC2::LaunchTemplate`); edits made through it win over this construct's values.
    public var resource: EC2.CfnLaunchTemplate { l1 }

    private var data: EC2.CfnLaunchTemplate.LaunchTemplateData {
        typealias Data = EC2.CfnLaunchTemplate
        let nameTag: CfnList<CfnTag> = [CfnTag(key: "Name", value: CfnString(node.path))]
        return Data.LaunchTemplateData(
            disableApiTermination: disableAPITermination.map { CfnBool($0) },
            ebsOptimized: ebsOptimized.map { CfnBool($0) },
            enclaveOptions: nitroEnclaveEnabled.map { Data.EnclaveOptions(enabled: CfnBool($0)) },
            hibernationOptions: hibernationConfigured.map { Data.HibernationOptions(configured: CfnBool($0)) },
            monitoring: detailedMonitoring.map { Data.Monitoring(enabled: CfnBool($0)) },
            tagSpecifications: [
                Data.TagSpecification(resourceType: .instance, tags: nameTag),
                Data.TagSpecification(resourceType: .volume, tags: nameTag),
            ])
    }
    /// The template's ID (`Ref`).
    public var templateID: Value { l1.ref }
    /// The latest version number (`Fn::GetAtt LatestVersionNumber`).
    public var latestVersionNumber: Value { l1.attrLatestVersionNumber.cfnValue }
    /// The default version number (`Fn::GetAtt DefaultVersionNumber`).
    public var defaultVersionNumber: Value { l1.attrDefaultVersionNumber.cfnValue }

    /// Checks at synthesis: the name has 3–128 letters, digits and `( ) . / _ -`.
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
