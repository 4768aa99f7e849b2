/// What Kumo does with each resource of the CDK sample that it does not reproduce byte for byte. Every other
/// resource of the sample must come out byte-identical, under the same logical ID. The replacement table of
/// docs/cdk-replacements.md lists the same rows (checked by `docsListEveryReplacement`).
enum Expectation: Equatable {
    /// Same logical ID, a native type instead of CDK's custom resource.
    case replaced(by: String, reason: String)
    /// Same logical ID and properties, except the trust policy, which is an `Fn::Sub` JSON string that must
    /// grant exactly what CDK's `Custom::AWSCDKCfnJson`-based document grants; `addedProperties` are new.
    case trustAsFnSub(addedProperties: [String] = [], reason: String)
    /// Same logical ID and properties; only `Metadata.cfn-lint` added, suppressing `checks` with a reason.
    case lintSuppressed(checks: [String], reason: String)
    /// Not emitted; its job is done by these new resources of Kumo's template (logical IDs).
    case replacedByResources([String], reason: String)
    /// Not emitted; its job is done by a Kubernetes manifest written into the cloud assembly.
    case movedToManifest(file: String, reason: String)
    /// Not emitted.
    case dropped(reason: String)
}

enum Replacements {
    static let cfnJson = "CDK computed the condition map with a Lambda (CfnJson) because the key embeds the EKS issuer; "
        + "Kumo writes the trust document as Fn::Sub, so the custom resource disappears"
    static let irsaRole = "trust policy written as an Fn::Sub JSON string (condition key contains the issuer); grants the same"
    static let lambdaProvider = "Lambda-backed custom-resource provider (nodejs14.x, creation disabled by AWS since 2024-01, cfn-lint E2533); "
        + "no custom resources are left to serve"

    static let table: [String: Expectation] = [
        "Provider2281708E": .replaced(by: "AWS::IAM::OIDCProvider", reason: "native OIDC provider instead of CDK's Lambda custom resource"),
        "EKSClusterOpenIdConnectProviderD01E4747": .replaced(by: "AWS::IAM::OIDCProvider", reason: "native OIDC provider; Url = GetAtt cluster OpenIdConnectIssuerUrl"),
        "EKSClusterE11008B6": .replaced(by: "AWS::EKS::Cluster", reason: "native cluster instead of the Custom::AWSCDK-EKS-Cluster Lambda provider"),
        "ConditionForAccountToAccessSecretsA3C4CEB2": .dropped(reason: cfnJson),
        "ConditionForAccountForExternalDNS54550E1B": .dropped(reason: cfnJson),
        "ConditionForAccountForArgoCDImageUpdaterFE2F7916": .dropped(reason: cfnJson),
        "ConditionForAccountForDBMigrator7505CCE1": .dropped(reason: cfnJson),
        "CreateSecretFromSecretsManagerRole3B8A81C4": .trustAsFnSub(reason: irsaRole),
        "EditRoute53RecordRole8F9CF184": .trustAsFnSub(reason: irsaRole),
        "ArgoCDImageUpdaterRoleD0428EB9": .trustAsFnSub(reason: irsaRole),
        "DBMigratorRole1DC6DB05": .trustAsFnSub(reason: irsaRole),
        "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole517FED65": .dropped(reason: lambdaProvider),
        "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderHandlerF2C543E0": .dropped(reason: lambdaProvider),
        "AWSCDKCfnUtilsProviderCustomResourceProviderRoleFE0EE867": .dropped(reason: lambdaProvider),
        "AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57": .dropped(reason: lambdaProvider),
        "awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454":
            .dropped(reason: "nested stack of the cluster's Lambda provider framework (18 resources)"),
        "awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResourceA7AEBA6B":
            .dropped(reason: "nested stack of the kubectl Lambda provider"),
        "CDKMetadata": .dropped(reason: "CDK's version-reporting resource; Kumo reports nothing"),
        // The rest of the stack: cluster access, the ALB controller, the kubectl plumbing, the database.
        "EKSClusterAwsAuthmanifestA4E0796C": .replacedByResources(
            ["EKSClustermastersRoleAccessA8F0E28E", "EKSClusterAdminRoleAccessB4ADC7CA", "EKSClusterUserAkariAccessA5380C61"],
            reason: "native EKS access entries (API_AND_CONFIG_MAP) instead of an aws-auth ConfigMap written by the kubectl Lambda"),
        "MyEKSStackEKSCluster26CB6A0EAlbController8CA89610": .movedToManifest(
            file: albManifest, reason: "an Argo CD Application installs the chart (GitOps) instead of the Helm Lambda"),
        "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsamanifestalbsaServiceAccountResource2C0A21E4": .movedToManifest(
            file: albManifest, reason: "the annotated ServiceAccount is in the same manifest, applied by GitOps"),
        "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaConditionJson8DF24B0C": .dropped(reason: cfnJson),
        "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239": .trustAsFnSub(
            addedProperties: ["RoleName"],
            reason: irsaRole + "; a deterministic RoleName, so the manifest can name the role's ARN at synthesis"),
        "EKSClusterKubectlReadyBarrierEF5C3970": .dropped(reason: "an SSM parameter that only ordered the kubectl custom resources"),
        "EKSClusterCreationRoleB865C9E8": .dropped(reason: "the role CDK's cluster Lambda assumed; CloudFormation creates the native cluster itself"),
        "EKSClusterCreationRoleDefaultPolicy27A5F6BE": .dropped(reason: "the creation role's policy"),
        "DatabaseCluster68FC2945": .lintSuppressed(checks: ["W3690"], reason: aurora),
        "DatabaseClusterInstance1C566869D": .lintSuppressed(checks: ["W3691"], reason: aurora),
    ]

    static let albManifest = "MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml"
    static let aurora = "Aurora PostgreSQL 13.6 is the deployed version; the deprecation warning is suppressed with this reason, reported by kumo synth"
}
