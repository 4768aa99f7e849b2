import Kumo

/// A synthetic app for growth measurements: one EKS cluster and `roles` IRSA roles, each with its own managed
/// policy — the shape of the real stack's workload roles, repeated.
enum ScalingApp {
    static func make(roles: Int) -> App {
        let app = App()
        let stack = Stack(app, "Scale\(roles)", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let cluster = Cluster(stack, "Cluster", name: "scale", version: "1.30", subnetIDs: ["subnet-0a", "subnet-0b"])
        let repository = Repository(stack, "Images", name: "images", scanOnPush: true, lifecycleRules: [LifecycleRule(maxImageCount: 5)])
        for i in 0..<roles {
            let policy = ManagedPolicy(stack, "Policy\(i)", name: "workload-\(i)-policy") {
                Statement.allow(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], on: repository.arn)
                Statement.allow(["secretsmanager:GetSecretValue"], on: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:workload-\(i)-*")
            }
            Role(stack, "Role\(i)", name: "workload-\(i)",
                 assumedBy: .serviceAccount("team-\(i % 50)", "workload-\(i)", of: cluster, audience: "sts.amazonaws.com"),
                 managedPolicies: [policy])
        }
        return app
    }
}
