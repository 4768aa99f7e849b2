import Kumo

/// The GitOps environment on EKS: the network, the cluster with its node group and access, the image
/// repositories, the roles of GitHub Actions and of the workloads that reach AWS through IRSA, the
/// database, and the public DNS zone with its certificate.
final class MyEKSStack: Stack {
    @discardableResult
    override init(_ app: App, _ id: String, environment: Stack.Environment = .agnostic, description: String? = nil) {
        super.init(app, id, environment: environment, description: description)

        let network = Network(self)
        let cluster = eksCluster(network)
        let repositories = ImageRepositories(self)
        serviceAccountRoles(cluster: cluster, repositories: repositories)
        database(network.vpc, cluster: cluster)
        gitHubActions()
        dns()
    }
}
