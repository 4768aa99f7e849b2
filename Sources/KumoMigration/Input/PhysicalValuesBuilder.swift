import KumoAnalysis
import KumoJSON
import KumoPolicy

/// Builds the ``PhysicalValues`` of a deployed stack from the `--physical-ids` files and what the template
/// itself names, and rejects files that do not describe that stack.
public enum PhysicalValuesBuilder {
    /// The values of `deployed`'s resources. `files` may be empty (every value then comes from the template,
    /// or is missing).
    public static func build(_ deployed: DeployedStack, files: [PhysicalIDFile]) throws(MigrationError) -> PhysicalValues {
        let template = deployed.template
        let stackName = template.name
        var values = PhysicalValues(stackName: stackName, account: template.environment.account, region: template.environment.region,
                                    partition: template.environment.partition ?? "aws")
        let entries = files.flatMap { file in file.resources.map { (file, $0) } }
        let nestedTypes = Set(template.resources(ofType: "AWS::CloudFormation::Stack").map(\.logicalID))

        // The parent's lines: its stack name, or a list-stack-resources file (which names no stack).
        var parent: [String: PhysicalIDFile.StackResource] = [:]
        for (file, entry) in entries where file.isSummaryList || entry.stackName == stackName {
            if let status = entry.status, status.hasSuffix("_IN_PROGRESS") || status.hasSuffix("_FAILED") {
                throw MigrationError("\(file.file): \(entry.logicalID) is \(status): the stack is not in a stable state",
                                     fix: "plan the migration of a stack whose resources are all *_COMPLETE (wait, or fix the failed update first)")
            }
            parent[entry.logicalID] = entry
            if let id = entry.stackID, values.stackID == nil { values.stackID = id }
        }
        let nestedIDs = Set(parent.values.filter { nestedTypes.contains($0.logicalID) }.compactMap(\.physicalID))
        for (file, entry) in entries where !(file.isSummaryList || entry.stackName == stackName) {
            guard let stackID = entry.stackID, nestedIDs.contains(stackID) else {
                throw MigrationError(
                    "\(file.file): the physical IDs do not belong to stack \(stackName): \(entry.logicalID) is a resource of stack \(entry.stackName ?? "?"), which is neither \(stackName) nor one of its nested stacks",
                    fix: "aws cloudformation describe-stack-resources --stack-name \(stackName) (and --stack-name for each nested stack it lists)")
            }
            let owner = parent.values.first { $0.physicalID == stackID }!.logicalID
            values.nestedStacks[owner, default: PhysicalValues.NestedStack(stackName: entry.stackName ?? stackID, stackID: stackID, resources: [:])]
                .resources[entry.logicalID] = entry.physicalID ?? ""
        }
        if !parent.isEmpty {
            try checkMembership(parent, template, file: files.first { !$0.resources.isEmpty }?.file ?? "--physical-ids")
        }
        if let stackID = values.stackID {
            try checkEnvironment(stackID, &values, template)
        }

        // Refs: the given physical ID, else what the template names (a cluster's name, a role's RoleName).
        let resolver = Resolver(environmentAdjusted(template, values))
        for (id, resource) in template.resources {
            var entry = PhysicalValues.Resource(type: resource.type, ref: parent[id]?.physicalID)
            let derived = (try? resolver.ref(id, at: "Resources.\(id)")).flatMap(\.stringValue).flatMap { Symbol.isSymbolic($0) ? nil : $0 }
            if let derived, let given = entry.ref, derived != given {
                throw MigrationError(
                    "the physical IDs do not belong to this stack's template: \(id) is \(derived) in the template but \(given) in --physical-ids",
                    fix: "give the describe-stack-resources output of the stack that this template was deployed as")
            }
            entry.ref = entry.ref ?? derived ?? namedIdentifier(resource)
            values.resources[id] = entry
        }
        for file in files {
            guard let cluster = file.cluster else { continue }
            try attach(cluster, from: file.file, to: &values, template)
        }
        derive(&values, template, resolver)
        return values
    }

    /// Identifiers the template names that the reader does not compute: RDS lowercases the identifiers it
    /// stores ("stored as a lowercase string", Amazon RDS API Reference, *CreateDBCluster*: DBClusterIdentifier).
    private static func namedIdentifier(_ resource: CloudTemplate.Resource) -> String? {
        switch resource.type {
        case "AWS::RDS::DBCluster": resource.properties["DBClusterIdentifier"]?.stringValue?.lowercased()
        case "AWS::RDS::DBInstance": resource.properties["DBInstanceIdentifier"]?.stringValue?.lowercased()
        default: nil
        }
    }

    /// Every line names a resource of the template with its type, and every resource has a line.
    private static func checkMembership(_ parent: [String: PhysicalIDFile.StackResource], _ template: CloudTemplate, file: String) throws(MigrationError) {
        for entry in parent.values.sorted(by: { $0.logicalID < $1.logicalID }) {
            guard let resource = template.resources[entry.logicalID] else {
                throw MigrationError("\(file): the physical IDs do not belong to this stack's template: \(entry.logicalID) (\(entry.type)) is not a resource of \(template.file)",
                                     fix: "give --from the template that is deployed (aws cloudformation get-template --stack-name \(template.name))")
            }
            if resource.type != entry.type {
                throw MigrationError("\(file): the physical IDs do not belong to this stack's template: \(entry.logicalID) is \(entry.type) in AWS but \(resource.type) in \(template.file)")
            }
        }
        let absent = template.resources.keys.filter { parent[$0] == nil }
        if !absent.isEmpty {
            throw MigrationError(
                "\(file): the physical IDs list \(parent.count) of the template's \(template.resources.count) resources; missing: \(absent.prefix(5).joined(separator: ", "))\(absent.count > 5 ? ", …" : "")",
                fix: "give the whole describe-stack-resources output of stack \(template.name) (its deployed template must be the one given with --from)")
        }
    }

    /// The stack ID's account and region agree with the assembly's environment (and fill it in when unknown).
    private static func checkEnvironment(_ stackID: String, _ values: inout PhysicalValues, _ template: CloudTemplate) throws(MigrationError) {
        guard let arn = ARN(stackID), arn.service == "cloudformation" else {
            throw MigrationError("the stack ID \(stackID) is not a CloudFormation stack ARN (arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID)")
        }
        if let account = values.account, account != arn.account {
            throw MigrationError("the physical IDs belong to account \(arn.account), the template is for account \(account)",
                                 fix: "run describe-stack-resources with credentials of account \(account)")
        }
        if let region = values.region, region != arn.region {
            throw MigrationError("the physical IDs belong to region \(arn.region), the template is for region \(region)",
                                 fix: "run describe-stack-resources with --region \(region)")
        }
        values.partition = arn.partition
        values.account = arn.account
        values.region = arn.region
    }

    /// The template with the environment the physical IDs give (so that ARNs derive literally).
    private static func environmentAdjusted(_ template: CloudTemplate, _ values: PhysicalValues) -> CloudTemplate {
        var copy = template
        copy.environment = CloudTemplate.Environment(account: values.account, region: values.region)
        return copy
    }

    /// `describe-cluster` output: it must describe the stack's cluster.
    private static func attach(_ cluster: PhysicalValues.LiveCluster, from file: String, to values: inout PhysicalValues, _ template: CloudTemplate) throws(MigrationError) {
        let clusters = template.resources.values.filter { $0.type == "Custom::AWSCDK-EKS-Cluster" || $0.type == "AWS::EKS::Cluster" }
        guard let resource = clusters.first(where: { values.resources[$0.logicalID]?.ref == cluster.name }) else {
            let names = clusters.compactMap { values.resources[$0.logicalID]?.ref }
            throw MigrationError("\(file): describe-cluster output for cluster \(cluster.name), which is not the stack's (\(names.isEmpty ? "it has no EKS cluster" : names.joined(separator: ", ")))",
                                 fix: "aws eks describe-cluster --name \(names.first ?? "CLUSTER")")
        }
        let subnets = Set(subnetReferences(resource).compactMap { values.resources[$0]?.ref })
        if !subnets.isEmpty, !cluster.subnetIDs.isEmpty, subnets != Set(cluster.subnetIDs) {
            throw MigrationError("\(file): cluster \(cluster.name) runs in subnets \(cluster.subnetIDs.sorted().joined(separator: ", ")), the stack's subnets are \(subnets.sorted().joined(separator: ", "))",
                                 fix: "give the describe-cluster output of this stack's cluster, and the describe-stack-resources output of this stack")
        }
        if let arn = cluster.arn, let account = values.account, !arn.contains(":\(account):") {
            throw MigrationError("\(file): cluster \(cluster.name) (\(arn)) is not in account \(account)")
        }
        values.liveClusters[resource.logicalID] = cluster
    }

    /// The logical IDs of the subnets a cluster resource names.
    private static func subnetReferences(_ resource: CloudTemplate.Resource) -> [String] {
        let vpc = resource.properties["Config"]?["resourcesVpcConfig"]?["subnetIds"] ?? resource.properties["ResourcesVpcConfig"]?["SubnetIds"]
        return vpc.map { References.all(in: $0).map(\.target) } ?? []
    }

    /// Attributes that follow from the physical IDs (ARNs) and from the live cluster.
    private static func derive(_ values: inout PhysicalValues, _ template: CloudTemplate, _ resolver: Resolver) {
        let partition = values.partition
        let account = values.account ?? PhysicalValues.placeholder("AWS::AccountId")
        let region = values.region ?? PhysicalValues.placeholder("AWS::Region")
        for (id, resource) in template.resources {
            guard var entry = values.resources[id], let ref = entry.ref else { continue }
            switch resource.type {
            case "AWS::IAM::Role":
                let path = (try? resolver.property(id, "Path"))?.stringValue ?? "/"
                entry.attributes["Arn"] = "arn:\(partition):iam::\(account):role\(path)\(ref)"
            case "AWS::IAM::ManagedPolicy":
                entry.attributes["PolicyArn"] = ref
            case "AWS::IAM::OIDCProvider", "Custom::AWSCDKOpenIdConnectProvider", "AWS::SecretsManager::Secret":
                entry.attributes["Arn"] = ref
            case "AWS::EC2::SecurityGroup":
                entry.attributes["GroupId"] = ref
            case "AWS::EC2::Subnet":
                entry.attributes["SubnetId"] = ref
            case "AWS::EC2::VPC":
                entry.attributes["VpcId"] = ref
            case "AWS::Lambda::Function":
                entry.attributes["Arn"] = "arn:\(partition):lambda:\(region):\(account):function:\(ref)"
            case "AWS::ECR::Repository":
                entry.attributes["Arn"] = "arn:\(partition):ecr:\(region):\(account):repository/\(ref)"
                entry.attributes["RepositoryUri"] = "\(account).dkr.ecr.\(region).amazonaws.com/\(ref)"
            case "AWS::SQS::Queue":
                // Ref is the queue's URL, whose last component is its name; Arn is arn:…:sqs:region:account:name
                // (CloudFormation User Guide, aws-properties-sqs-queues.html#aws-properties-sqs-queues-ref, "Return values").
                let name = String(ref.split(separator: "/").last ?? Substring(ref))
                entry.attributes["Arn"] = "arn:\(partition):sqs:\(region):\(account):\(name)"
                entry.attributes["QueueName"] = name
                entry.attributes["QueueUrl"] = ref
            case "AWS::S3::Bucket":
                // Ref is the bucket's name; Arn is arn:…:s3:::name (CloudFormation Template Reference,
                // aws-resource-s3-bucket.html, "Return values").
                entry.attributes["Arn"] = "arn:\(partition):s3:::\(ref)"
            case "AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster":
                entry.attributes["Arn"] = values.liveClusters[id]?.arn ?? "arn:\(partition):eks:\(region):\(account):cluster/\(ref)"
                if let live = values.liveClusters[id] {
                    if let group = live.clusterSecurityGroupID { entry.attributes["ClusterSecurityGroupId"] = group }
                    if let issuer = live.issuer { setIssuer(issuer, &entry) }
                }
                if entry.attributes["OpenIdConnectIssuerUrl"] == nil, let provider = issuerProvider(of: id, template),
                   let arn = values.resources[provider]?.ref, let range = arn.range(of: ":oidc-provider/") {
                    setIssuer("https://" + arn[range.upperBound...], &entry)
                }
            default:
                break
            }
            values.resources[id] = entry
        }
    }

    private static func setIssuer(_ url: String, _ entry: inout PhysicalValues.Resource) {
        entry.attributes["OpenIdConnectIssuerUrl"] = url
        entry.attributes["OpenIdConnectIssuer"] = url.hasPrefix("https://") ? String(url.dropFirst("https://".count)) : url
    }

    /// The OIDC provider whose `Url` is the cluster's issuer (`Fn::GetAtt cluster.OpenIdConnectIssuerUrl`).
    static func issuerProvider(of cluster: String, _ template: CloudTemplate) -> String? {
        template.resources.values.first { resource in
            (resource.type == "AWS::IAM::OIDCProvider" || resource.type == "Custom::AWSCDKOpenIdConnectProvider")
                && resource.properties["Url"].map { References.all(in: $0).contains(Reference(target: cluster, attribute: "OpenIdConnectIssuerUrl")) } == true
        }?.logicalID
    }
}
