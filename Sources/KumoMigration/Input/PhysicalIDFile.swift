import KumoJSON

/// One `--physical-ids` file: what `aws cloudformation describe-stack-resources` (or `list-stack-resources`)
/// prints for a stack, or what `aws eks describe-cluster` prints for its cluster.
public struct PhysicalIDFile: Sendable {
    /// One resource line.
    public struct StackResource: Sendable, Equatable {
        public var stackName: String?
        public var stackID: String?
        public var logicalID: String
        public var physicalID: String?
        public var type: String
        public var status: String?
    }

    public var file: String
    public var resources: [StackResource] = []
    /// Whether the file is `list-stack-resources` output (no stack names in it).
    public var isSummaryList = false
    /// The cluster, when the file is `describe-cluster` output.
    public var cluster: PhysicalValues.LiveCluster?

    /// `describe-stack-resources` returns at most this many resources ("Only the first 100 resources will be
    /// returned. If your stack has more resources than this, you should use ListStackResources instead":
    /// AWS CloudFormation API Reference, *DescribeStackResources*).
    public static let describeLimit = 100

    /// Reads the file's text.
    public init(text: String, file: String) throws(MigrationError) {
        self.file = file
        let json: JSON
        do {
            json = try JSON(parsing: text)
        } catch {
            throw MigrationError("\(file): invalid JSON: \(error)", fix: "give the JSON that the AWS CLI prints (--output json, the default)")
        }
        if let list = json["StackResources"] {
            resources = try PhysicalIDFile.resources(list, file: file, key: "StackResources")
            if resources.count == PhysicalIDFile.describeLimit {
                throw MigrationError(
                    "\(file): describe-stack-resources lists exactly \(PhysicalIDFile.describeLimit) resources, the most it returns: the stack may have more",
                    fix: "use aws cloudformation list-stack-resources --stack-name STACK (all pages) instead")
            }
        } else if let list = json["StackResourceSummaries"] {
            isSummaryList = true
            resources = try PhysicalIDFile.resources(list, file: file, key: "StackResourceSummaries")
        } else if let cluster = json["cluster"] {
            self.cluster = try PhysicalIDFile.cluster(cluster, file: file)
        } else {
            throw MigrationError(
                "\(file): not the output of aws cloudformation describe-stack-resources (\"StackResources\"), list-stack-resources (\"StackResourceSummaries\") or aws eks describe-cluster (\"cluster\")",
                fix: "aws cloudformation describe-stack-resources --stack-name STACK > resources.json; aws eks describe-cluster --name CLUSTER > cluster.json")
        }
    }

    private static func resources(_ list: JSON, file: String, key: String) throws(MigrationError) -> [StackResource] {
        guard case .array(let items) = list else { throw MigrationError("\(file): \(key) must be a list") }
        var out: [StackResource] = []
        for (index, item) in items.enumerated() {
            guard let logicalID = item["LogicalResourceId"]?.stringValue, let type = item["ResourceType"]?.stringValue else {
                throw MigrationError("\(file): \(key)[\(index)] has no LogicalResourceId or ResourceType")
            }
            out.append(StackResource(
                stackName: item["StackName"]?.stringValue, stackID: item["StackId"]?.stringValue, logicalID: logicalID,
                physicalID: item["PhysicalResourceId"]?.stringValue, type: type, status: item["ResourceStatus"]?.stringValue))
        }
        return out
    }

    private static func cluster(_ cluster: JSON, file: String) throws(MigrationError) -> PhysicalValues.LiveCluster {
        guard let name = cluster["name"]?.stringValue else { throw MigrationError("\(file): cluster.name is missing") }
        let vpc = cluster["resourcesVpcConfig"] ?? [:]
        let network = cluster["kubernetesNetworkConfig"] ?? [:]
        return PhysicalValues.LiveCluster(
            name: name, arn: cluster["arn"]?.stringValue, version: cluster["version"]?.stringValue,
            platformVersion: cluster["platformVersion"]?.stringValue, roleArn: cluster["roleArn"]?.stringValue,
            authenticationMode: cluster["accessConfig"]?["authenticationMode"]?.stringValue,
            issuer: cluster["identity"]?["oidc"]?["issuer"]?.stringValue,
            clusterSecurityGroupID: vpc["clusterSecurityGroupId"]?.stringValue, vpcID: vpc["vpcId"]?.stringValue,
            subnetIDs: vpc["subnetIds"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            securityGroupIDs: vpc["securityGroupIds"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            endpointPublicAccess: vpc["endpointPublicAccess"]?.boolValue, endpointPrivateAccess: vpc["endpointPrivateAccess"]?.boolValue,
            serviceIpv4Cidr: network["serviceIpv4Cidr"]?.stringValue, ipFamily: network["ipFamily"]?.stringValue)
    }
}
