/// What AWS CDK emits that Kumo replaces with native resources or drops: the single table behind the
/// "Expected replacements (CDK → native)" section of `kumo diff`.
///
/// A rule applies only to a resource of the *old* side that disappears, or that becomes the rule's native
/// type under the same logical ID (for a dropped `Custom::` type: any `AWS::` type). The same resource present on both sides is compared as usual, so a diff
/// between two CDK versions of a stack still shows changes to, say, CDK's cluster creation role. Rules marked
/// `eksOnly` apply only when the old template has CDK's `Custom::AWSCDK-EKS-Cluster` (names like
/// `CreationRole` are CDK's there, and could be a user's elsewhere).
///
/// To teach `kumo diff` another CDK construct that Kumo replaces, add a row here (and a test in
/// `DiffPlumbingTests`).
public enum CDKPlumbing {
    /// One kind of CDK plumbing.
    public struct Rule: Sendable {
        /// A short name for reports (`CfnJson`).
        public var name: String
        /// The CDK resource type.
        public var type: String
        /// A fragment the logical ID must contain (`nil`: any).
        public var logicalIDContains: String?
        /// The native type Kumo emits under the same logical ID; `nil` when it is dropped.
        public var native: String?
        /// Only in templates with CDK's EKS cluster custom resource.
        public var eksOnly: Bool
        public var reason: String
    }

    static let lambdaProvider = "CDK's Lambda-backed custom-resource provider (nodejs14.x runtime, creation disabled by AWS since January 2024); no custom resource is left to serve"

    /// The rules, first match wins.
    public static let rules: [Rule] = [
        Rule(name: "OIDC provider", type: "Custom::AWSCDKOpenIdConnectProvider", logicalIDContains: nil, native: "AWS::IAM::OIDCProvider", eksOnly: false,
             reason: "native OIDC provider instead of CDK's Lambda custom resource"),
        Rule(name: "EKS cluster", type: "Custom::AWSCDK-EKS-Cluster", logicalIDContains: nil, native: "AWS::EKS::Cluster", eksOnly: false,
             reason: "native EKS cluster instead of CDK's cluster-resource Lambda provider"),
        Rule(name: "CfnJson", type: "Custom::AWSCDKCfnJson", logicalIDContains: nil, native: nil, eksOnly: false,
             reason: "CDK computed a JSON value (a trust condition keyed by the EKS issuer) in a Lambda; Kumo writes the document as Fn::Sub"),
        Rule(name: "custom-resource provider role", type: "AWS::IAM::Role", logicalIDContains: "CustomResourceProvider", native: nil, eksOnly: false,
             reason: lambdaProvider),
        Rule(name: "custom-resource provider function", type: "AWS::Lambda::Function", logicalIDContains: "CustomResourceProvider", native: nil, eksOnly: false,
             reason: lambdaProvider),
        Rule(name: "EKS provider nested stack", type: "AWS::CloudFormation::Stack", logicalIDContains: "awscdkawseks", native: nil, eksOnly: true,
             reason: "nested stack of CDK's EKS Lambda providers (cluster resource, kubectl), with S3 assets that need cdk bootstrap"),
        Rule(name: "Kubernetes manifest", type: "Custom::AWSCDK-EKS-KubernetesResource", logicalIDContains: nil, native: nil, eksOnly: true,
             reason: "manifest applied by CDK's kubectl Lambda; not a CloudFormation-native resource"),
        Rule(name: "Helm chart", type: "Custom::AWSCDK-EKS-HelmChart", logicalIDContains: nil, native: nil, eksOnly: true,
             reason: "Helm chart installed by CDK's kubectl Lambda; not a CloudFormation-native resource"),
        Rule(name: "kubectl ready barrier", type: "AWS::SSM::Parameter", logicalIDContains: "KubectlReadyBarrier", native: nil, eksOnly: true,
             reason: "CDK's ordering barrier for the kubectl Lambda"),
        Rule(name: "cluster creation role", type: "AWS::IAM::Role", logicalIDContains: "CreationRole", native: nil, eksOnly: true,
             reason: "the role CDK's cluster Lambda assumed to create the cluster; the native cluster needs none"),
        Rule(name: "cluster creation role policy", type: "AWS::IAM::Policy", logicalIDContains: "CreationRoleDefaultPolicy", native: nil, eksOnly: true,
             reason: "policy of CDK's cluster creation role"),
        Rule(name: "kubectl handler role", type: "AWS::IAM::Role", logicalIDContains: "KubectlHandlerRole", native: nil, eksOnly: true,
             reason: "role of CDK's kubectl Lambda"),
        Rule(name: "kubectl handler role policy", type: "AWS::IAM::Policy", logicalIDContains: "KubectlHandlerRoleDefaultPolicy", native: nil, eksOnly: true,
             reason: "policy of CDK's kubectl Lambda role"),
    ]

    /// Whether a template has CDK's EKS cluster custom resource (where the `eksOnly` rules apply).
    public static func hasCDKEKSCluster(_ template: CloudTemplate) -> Bool {
        template.resources.values.contains { $0.type == "Custom::AWSCDK-EKS-Cluster" }
    }

    /// The rule that recognises `resource` of the old side as CDK plumbing, given the type the new side has
    /// under the same logical ID (`nil`: dropped); `nil` when it is not plumbing. `cdkEKS`: whether the old
    /// template has CDK's EKS cluster (``hasCDKEKSCluster(_:)``).
    public static func rule(for resource: CloudTemplate.Resource, newType: String?, cdkEKS: Bool) -> Rule? {
        for rule in rules where rule.type == resource.type && (!rule.eksOnly || cdkEKS) {
            if let fragment = rule.logicalIDContains, !resource.logicalID.contains(fragment) { continue }
            guard let newType else { return rule }
            if newType == rule.native { return rule }
            // A CDK custom resource that a native resource takes over under the same logical ID (a Kubernetes
            // manifest becoming an `AWS::EKS::AccessEntry`, say) is the same kind of replacement.
            if rule.native == nil, rule.type.hasPrefix("Custom::"), newType.hasPrefix("AWS::") {
                var taken = rule
                taken.native = newType
                return taken
            }
        }
        return nil
    }
}
