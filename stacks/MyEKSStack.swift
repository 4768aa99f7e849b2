import Kumo

/// The GitOps environment on EKS: the cluster, the image repositories, the roles of GitHub Actions and of the
/// four workloads that reach AWS through IRSA.
final class MyEKSStack: Stack {
    @discardableResult
    override init(_ app: App, _ id: String, environment: Stack.Environment = .agnostic, description: String? = nil) {
        super.init(app, id, environment: environment, description: description)

        let cluster = eksCluster()
        let repositories = ImageRepositories(self)
        serviceAccountRoles(cluster: cluster, repositories: repositories)
        gitHubActions()
    }
}
