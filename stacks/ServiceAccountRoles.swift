import Kumo

extension MyEKSStack {
    /// The IAM roles of the four workloads that reach AWS through IRSA, each trusting exactly one service account.
    func serviceAccountRoles(cluster: Cluster, repositories: ImageRepositories) {
        // External Secrets Operator reads secrets.
        let secretsAccess = ManagedPolicy(self, "SecretsManagerAccessPolicy", name: "secrets-access-policy") {
            Statement.allow(["secretsmanager:GetResourcePolicy", "secretsmanager:GetSecretValue",
                             "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"], on: "*")
        }
        Role(self, "CreateSecretFromSecretsManagerRole", name: "create-secret-from-secrets-manager-role",
             assumedBy: .serviceAccount("main", "account-to-access-secrets", of: cluster),
             managedPolicies: [secretsAccess])

        // ExternalDNS maintains the records of the hosted zones.
        let changeRecords = ManagedPolicy(self, "ChangeRecordSetsPolicy", name: "change-record-sets-policy") {
            Statement.allow("route53:ChangeResourceRecordSets", on: "arn:aws:route53:::hostedzone/*")
        }
        let listRecords = ManagedPolicy(self, "ListRecordSetsPolicy", name: "list-record-sets-policy") {
            Statement.allow(["route53:ListHostedZones", "route53:ListResourceRecordSets"], on: "*")
        }
        Role(self, "EditRoute53RecordRole", name: "role-for-external-dns",
             assumedBy: .serviceAccount("main", "account-for-external-dns", of: cluster),
             managedPolicies: [changeRecords, listRecords])

        // Argo CD Image Updater watches the repositories for new images.
        let updateImage = ManagedPolicy(self, "UpdateImagePolicy", name: "argocd-update-image-policy") {
            Statement.allow(["ecr:GetAuthorizationToken", "ecr:ListImages", "ecr:BatchGetImage",
                             "ecr:GetDownloadUrlForLayer"], on: "*")
        }
        Role(self, "ArgoCDImageUpdaterRole", name: "role-for-image-updater",
             assumedBy: .serviceAccount("argocd", "argocd-image-updater", of: cluster),
             managedPolicies: [updateImage])

        // The database migration Job pulls its image.
        let pullImage = ManagedPolicy(self, "PullImagePolicyForDBMigrator", name: "pull-image-policy-for-db-migrator") {
            Statement.allow(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], on: repositories.migration.arn)
        }
        Role(self, "DBMigratorRole", name: "role-for-db-migrator",
             assumedBy: .serviceAccount("main", "account-for-db-migrator", of: cluster),
             managedPolicies: [pullImage])
    }
}
