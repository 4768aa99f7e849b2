import Kumo

/// The application's image repositories: every push scanned, only the newest image kept.
struct ImageRepositories {
    let app: Repository
    let migration: Repository
    let web: Repository

    init(_ stack: Stack) {
        func repository(_ id: String, _ name: String) -> Repository {
            Repository(stack, id, name: name, scanOnPush: true,
                       lifecycleRules: [LifecycleRule(maxImageCount: 1)], removalPolicy: .destroy)
        }
        app = repository("EKSAppImageRepository", "eks-app")
        migration = repository("EKSMigrationImageRepository", "eks-migration")
        web = repository("EKSWebImageRepository", "eks-web")
    }
}
