import KumoJSON

/// A version of the AWS Load Balancer Controller: its image tag, the Helm chart that installs it, and its
/// IAM policy.
public struct AlbControllerVersion: Hashable, Sendable {
    /// The controller's version (the image tag), e.g. `v2.4.1`.
    public let version: String
    /// The `aws-load-balancer-controller` chart version installed by default.
    public let chartVersion: String
    let statementsSource: @Sendable () -> [Statement]

    /// v2.4.1, with chart 1.2.7 (what AWS CDK 2.28.1 installed for it).
    public static let v2_4_1 = AlbControllerVersion(version: "v2.4.1", chartVersion: "1.2.7") { AlbControllerPolicy.v2_4_1 }

    /// The controller's IAM policy statements, in upstream order.
    public var statements: [Statement] { statementsSource() }

    /// Two versions are equal when the controller and chart versions are.
    public static func == (a: Self, b: Self) -> Bool { a.version == b.version && a.chartVersion == b.chartVersion }
    /// Hashes the controller and chart versions.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(chartVersion)
    }
}

/// The AWS Load Balancer Controller of a cluster: its IAM role for the service account
/// `kube-system:aws-load-balancer-controller` (IRSA), with the controller's policy, in the template; and a
/// Kubernetes manifest in the cloud assembly — the annotated ServiceAccount and an Argo CD `Application`
/// that installs the Helm chart — for GitOps to apply.
///
/// AWS CDK installed the chart with a Lambda-backed Helm custom resource; Kumo keeps the template plain
/// CloudFormation and leaves Kubernetes objects to GitOps, like every other workload of the cluster.
/// Construct paths are CDK's (`<stack>/<cluster unique ID>-AlbController/alb-sa/Role`), so the role's
/// policy keeps its logical ID. The role has a fixed name (default `<cluster name>-aws-load-balancer-controller`)
/// so that the manifest can name its ARN at synthesis.
public final class AlbController: Construct, ProducesAssemblyArtifacts {
    /// The controller's namespace.
    public static let namespace = "kube-system"
    /// The controller's service account, which its role trusts.
    public static let serviceAccountName = "aws-load-balancer-controller"

    /// The cluster the controller runs in.
    public let cluster: Cluster
    /// The controller's version, which decides its IAM policy.
    public let version: AlbControllerVersion
    /// The Helm chart version.
    public var chartVersion: String
    /// The controller role's name (`<cluster name>-aws-load-balancer-controller` by default).
    public let roleName: String
    /// Where Argo CD runs (the `Application`'s namespace).
    public var argoCDNamespace: String
    /// The Helm repository.
    public var chartRepository: String
    /// The controller's role.
    public private(set) var role: Role!

    /// The controller of `cluster` (which must have a name) at `version`, with its role and the manifest for Argo CD in `argoCDNamespace`.
    @discardableResult
    public init(
        cluster: Cluster, version: AlbControllerVersion = .v2_4_1, chartVersion: String? = nil, roleName: String? = nil,
        argoCDNamespace: String = "argocd", chartRepository: String = "https://aws.github.io/eks-charts"
    ) {
        guard let stack = cluster.node.stack else { preconditionFailure("\(cluster): a cluster must be inside a Stack") }
        self.cluster = cluster
        self.version = version
        self.chartVersion = chartVersion ?? version.chartVersion
        self.roleName = roleName ?? "\(cluster.name ?? LogicalIDs.uniqueID(cluster))-aws-load-balancer-controller"
        self.argoCDNamespace = argoCDNamespace
        self.chartRepository = chartRepository
        super.init(stack, "\(LogicalIDs.uniqueID(cluster))-AlbController")
        let serviceAccount = Construct(self, "alb-sa")
        role = Role(
            serviceAccount, "Role", name: self.roleName,
            assumedBy: .serviceAccount(Self.namespace, Self.serviceAccountName, of: cluster, audience: "sts.amazonaws.com"))
        role.addToPolicy(minimize: true) { version.statements }
    }

    /// As in AWS CDK, the controller's resources are deployed after the cluster's node groups (the role and
    /// its policy carry `DependsOn` on them): the controller needs nodes to run on.
    public override func prepare() {
        for case let nodegroup as Nodegroup in cluster.node.children { node.addDependency(nodegroup) }
    }

    /// The role's ARN as known at synthesis (`arn:<partition>:iam::<account>:role/<name>`), when the stack's
    /// account and region are known.
    public var roleARNAtSynthesis: String? {
        guard let stack = node.stack, let account = stack.environment.account, let partition = stack.knownPartition else {
            return nil
        }
        return "arn:\(partition):iam::\(account):role/\(roleName)"
    }

    /// The assembly file name: `<stack>.<cluster path>.aws-load-balancer-controller.k8s.yaml`.
    public var manifestFileName: String {
        let stack = node.stack!
        let clusterPath = cluster.node.pathComponents.dropFirst(stack.node.pathComponents.count).joined(separator: "-")
        return "\(stack.stackName).\(clusterPath).aws-load-balancer-controller.k8s.yaml"
    }

    /// The ServiceAccount and the Argo CD Application, as Kubernetes objects.
    public func manifestObjects() -> [JSON]? {
        guard let roleARN = roleARNAtSynthesis, let clusterName = cluster.name, let region = node.stack?.environment.region
        else { return nil }
        let name = JSON.string(Self.serviceAccountName)
        let serviceAccount: JSON = [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": [
                "name": name, "namespace": .string(Self.namespace),
                "labels": ["app.kubernetes.io/name": name],
                "annotations": ["eks.amazonaws.com/role-arn": .string(roleARN)],
            ],
        ]
        func parameter(_ key: String, _ value: String) -> JSON { ["name": .string(key), "value": .string(value)] }
        let application: JSON = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
            "metadata": ["name": name, "namespace": .string(argoCDNamespace)],
            "spec": [
                "project": "default",
                "source": [
                    "repoURL": .string(chartRepository), "chart": name, "targetRevision": .string(chartVersion),
                    "helm": [
                        "releaseName": name,
                        "parameters": [
                            parameter("clusterName", clusterName), parameter("region", region),
                            parameter("serviceAccount.create", "false"),
                            parameter("serviceAccount.name", Self.serviceAccountName),
                            parameter("image.tag", version.version),
                        ],
                    ],
                ],
                "destination": ["server": "https://kubernetes.default.svc", "namespace": .string(Self.namespace)],
                "syncPolicy": ["automated": ["prune": true, "selfHeal": true]],
            ],
        ]
        return [serviceAccount, application]
    }

    /// The Kubernetes manifest file: the annotated ServiceAccount and the Argo CD `Application` of the chart.
    public func assemblyArtifacts(_ context: ResolutionContext) throws(ResolutionError) -> [AssemblyArtifact] {
        guard let objects = manifestObjects() else { return [] }  // validate() reported why
        let header = """
            AWS Load Balancer Controller \(version.version) for cluster \(cluster.name ?? ""), generated by Kumo from \(node.path).
            Apply with GitOps (Argo CD): the ServiceAccount uses the IAM role \(roleName) of stack \(node.stack!.stackName) (IRSA);
            the Application installs chart aws-load-balancer-controller \(chartVersion) with serviceAccount.create=false.
            The controller reads the VPC ID from instance metadata.
            """
        let text = KubernetesManifest.yaml(objects, header: header)
        let id = String(manifestFileName.dropLast(".yaml".count))
        return [AssemblyArtifact(id: id, fileName: manifestFileName, contents: Array(text.utf8), manifestEntry: ["type": "none"])]
    }

    /// Checks at synthesis: the cluster has a name (the Helm values need it), the role name fits IAM's 64 characters.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if cluster.name == nil {
            found.append(.error(node.path, "the ALB controller's Helm values need the cluster name at synthesis", fix: "give the Cluster a name:"))
        }
        if roleARNAtSynthesis == nil {
            found.append(
                .error(node.path, "the ServiceAccount manifest needs the role ARN at synthesis, so the stack's account and region",
                       fix: "give the stack an environment with account and region"))
        }
        if !IAMNames.isValidName(roleName, maxLength: 64) {
            found.append(.error(node.path, "role name \"\(roleName)\" is not valid (\(roleName.count) characters)", fix: "pass a roleName: of at most 64 characters"))
        }
        return found
    }
}

extension Cluster {
    /// Adds the AWS Load Balancer Controller (see ``AlbController``).
    @discardableResult
    public func addAlbController(
        version: AlbControllerVersion = .v2_4_1, chartVersion: String? = nil, roleName: String? = nil
    ) -> AlbController {
        AlbController(cluster: self, version: version, chartVersion: chartVersion, roleName: roleName)
    }
}
