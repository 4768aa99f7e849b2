import KumoAnalysis
import KumoJSON

/// Who can reach the EKS cluster after a step: administrators (`system:masters` in `aws-auth`, access entries
/// with `AmazonEKSClusterAdminPolicy`, the IAM principal that created the cluster) and nodes (`system:nodes`
/// in `aws-auth`, EC2 access entries), as the cluster's authentication mode lets each source count.
///
/// EKS: "API_AND_CONFIG_MAP … access entries take precedence over aws-auth ConfigMap entries for the same IAM
/// principal"; `CONFIG_MAP` reads only `aws-auth`, `API` only access entries (EKS User Guide, *Migrating
/// existing aws-auth ConfigMap entries to access entries*). A cluster created before access entries keeps its
/// creator as an administrator ("the cluster creator is always a cluster administrator"; EKS creates an access
/// entry for it when the platform version supports access entries: *Grant IAM users access to Kubernetes with
/// EKS access entries*).
struct ClusterAccessState: Equatable, Sendable {
    var cluster: String
    var mode: String
    /// `aws-auth`'s mappings, while the ConfigMap exists (`nil` once deleted).
    var awsAuth: AwsAuth?
    /// The custom resource that manages `aws-auth`, while the stack has it.
    var awsAuthResource: String?
    var creatorResource: String?
    var creatorArn: String?
    var creatorExists: Bool
    var entryAdmins: Set<String> = []
    var entryNodes: Set<String> = []

    struct AwsAuth: Equatable, Sendable {
        var masters: Set<String>
        var nodes: Set<String>
    }

    /// The principals with cluster-admin rights.
    var admins: Set<String> {
        var out = Set<String>()
        if mode != "API", let awsAuth { out.formUnion(awsAuth.masters) }
        if mode != "CONFIG_MAP" { out.formUnion(entryAdmins) }
        if creatorExists, let creatorArn { out.insert(creatorArn) }
        return out
    }

    /// The node roles that can join the cluster.
    var nodes: Set<String> {
        var out = Set<String>()
        if mode != "API", let awsAuth { out.formUnion(awsAuth.nodes) }
        if mode != "CONFIG_MAP" { out.formUnion(entryNodes) }
        return out
    }

    /// The state after `template` (resolved with physical values) is deployed over the state `previous`
    /// (the template before it, `previousTemplate`); `nil` when the stack has no EKS cluster.
    static func after(_ template: CloudTemplate, raw: CloudTemplate?, resolved: [String: JSON], previous: ClusterAccessState?, previousTemplate: CloudTemplate?,
                      liveMode: String?) -> ClusterAccessState? {
        let clusterResource = template.resources.values.first { $0.type == "Custom::AWSCDK-EKS-Cluster" || $0.type == "AWS::EKS::Cluster" }
        guard clusterResource != nil || previous != nil else { return nil }
        var state = previous ?? ClusterAccessState(cluster: clusterResource!.logicalID, mode: liveMode ?? "CONFIG_MAP", creatorExists: false)
        if let cluster = clusterResource {
            let properties = resolved[cluster.logicalID] ?? [:]
            if cluster.type == "AWS::EKS::Cluster", let mode = properties["AccessConfig"]?["AuthenticationMode"]?.stringValue {
                state.mode = mode
            } else if previous == nil, let mode = properties["Config"]?["accessConfig"]?["authenticationMode"]?.stringValue {
                state.mode = liveMode ?? mode
            }
            if previous == nil, cluster.type == "Custom::AWSCDK-EKS-Cluster",
               let assume = raw?.resources[cluster.logicalID]?.properties["AssumeRoleArn"], let role = References.all(in: assume).first?.target {
                state.creatorResource = role
                state.creatorArn = properties["AssumeRoleArn"]?.stringValue
            }
        }
        state.creatorExists = state.creatorResource.map { template.resources[$0] != nil } ?? false

        // aws-auth: managed by a kubectl custom resource, or left in the cluster after its removal with Retain.
        if let (id, mappings) = awsAuth(in: template, resolved: resolved) {
            state.awsAuth = mappings
            state.awsAuthResource = id
        } else if let managed = state.awsAuthResource {
            let retained = previousTemplate?.resources[managed].map { Self.retains($0) } ?? false
            if !retained { state.awsAuth = nil }
            state.awsAuthResource = nil
        }

        state.entryAdmins = []
        state.entryNodes = []
        for entry in template.resources(ofType: "AWS::EKS::AccessEntry") {
            let properties = resolved[entry.logicalID] ?? [:]
            guard let principal = properties["PrincipalArn"]?.stringValue else { continue }
            let policies = properties["AccessPolicies"]?.arrayValue ?? []
            let admin = policies.contains { policy in
                (policy["PolicyArn"]?.stringValue?.hasSuffix("/AmazonEKSClusterAdminPolicy") ?? false) && policy["AccessScope"]?["Type"]?.stringValue == "cluster"
            } || (properties["KubernetesGroups"]?.arrayValue?.contains("system:masters") ?? false)
            if admin { state.entryAdmins.insert(principal) }
            if let type = properties["Type"]?.stringValue, type.hasPrefix("EC2") { state.entryNodes.insert(principal) }
        }
        return state
    }

    static func retains(_ resource: CloudTemplate.Resource) -> Bool {
        let policy = resource.json["DeletionPolicy"]?.stringValue
        return policy == "Retain" || policy == "RetainExceptOnCreate"
    }

    /// The `aws-auth` ConfigMap a CDK kubectl custom resource applies, and its mappings.
    static func awsAuth(in template: CloudTemplate, resolved: [String: JSON]) -> (String, AwsAuth)? {
        for resource in template.resources(ofType: "Custom::AWSCDK-EKS-KubernetesResource") {
            guard let text = resolved[resource.logicalID]?["Manifest"]?.stringValue, text.contains("aws-auth"),
                  let manifest = try? JSON(parsing: text) else { continue }
            let documents = manifest.arrayValue ?? [manifest]
            for document in documents where document["kind"]?.stringValue == "ConfigMap" && document["metadata"]?["name"]?.stringValue == "aws-auth"
                && (document["metadata"]?["namespace"]?.stringValue ?? "default") == "kube-system" {
                var mappings = AwsAuth(masters: [], nodes: [])
                for (key, arnKey) in [("mapRoles", "rolearn"), ("mapUsers", "userarn")] {
                    guard let list = document["data"]?[key]?.stringValue,
                          let entries = (try? TemplateLoader.parse(list, file: "aws-auth"))?.arrayValue else { continue }
                    for entry in entries {
                        guard let arn = entry[arnKey]?.stringValue else { continue }
                        let groups = entry["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
                        if groups.contains("system:masters") { mappings.masters.insert(arn) }
                        if groups.contains("system:nodes") { mappings.nodes.insert(arn) }
                    }
                }
                return (resource.logicalID, mappings)
            }
        }
        return nil
    }
}
