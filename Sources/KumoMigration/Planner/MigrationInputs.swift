import KumoAnalysis

/// What `kumo migrate` plans from: the deployed stack, Kumo's template for it, the physical IDs, and the
/// Kubernetes manifests of Kumo's assembly (for the ServiceAccounts of replaced roles).
public struct MigrationInputs: Sendable {
    public var deployed: DeployedStack
    public var target: CloudTemplate
    public var physicalIDFiles: [PhysicalIDFile]
    public var manifests: [TargetManifest]

    public init(deployed: DeployedStack, target: CloudTemplate, physicalIDFiles: [PhysicalIDFile] = [], manifests: [TargetManifest] = []) {
        self.deployed = deployed
        self.target = target
        self.physicalIDFiles = physicalIDFiles
        self.manifests = manifests
    }
}

/// A Kubernetes manifest of Kumo's assembly (`*.k8s.yaml`) and the ServiceAccounts in it that name an IAM role.
public struct TargetManifest: Sendable {
    public struct ServiceAccount: Sendable, Hashable {
        public var namespace: String
        public var name: String
        /// The `eks.amazonaws.com/role-arn` annotation.
        public var roleArn: String

        public init(namespace: String, name: String, roleArn: String) {
            self.namespace = namespace
            self.name = name
            self.roleArn = roleArn
        }
    }

    /// The file's name in the assembly.
    public var file: String
    public var text: String
    public var serviceAccounts: [ServiceAccount]

    public init(file: String, text: String, serviceAccounts: [ServiceAccount]) {
        self.file = file
        self.text = text
        self.serviceAccounts = serviceAccounts
    }
}
