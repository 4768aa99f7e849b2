import Kumo

/// ExternalDNS moving from IRSA to EKS Pod Identity, one deployable step at a time (`-c step=…`):
///
/// - `irsa`: the bundled stack's role `role-for-external-dns`, trusting the cluster's OIDC provider for
///   `system:serviceaccount:main:account-for-external-dns`;
/// - `both`: the same role also trusts Pod Identity for that service account on this cluster, the cluster gets the
///   EKS Pod Identity Agent add-on and an association `main/account-for-external-dns` → the role. Pods keep IRSA's
///   credentials while their ServiceAccount carries the `eks.amazonaws.com/role-arn` annotation;
/// - `pod-identity`: once the annotation is gone, the IRSA statement (and the OIDC provider) go too.
public final class ExternalDNSStack: Stack {
    /// The migration steps, in order.
    public enum Step: String, CaseIterable, Sendable {
        case irsa, both, podIdentity = "pod-identity"
    }

    public private(set) var cluster: Cluster!
    public private(set) var role: Role!

    public init(_ app: App, _ id: String = "ExternalDNSStack", step: Step) {
        super.init(app, id, environment: .init(account: "123456789012", region: "ap-northeast-1"))
        // No version: EKS creates the cluster on its default version.
        cluster = Cluster(self, "EKSCluster", name: "eks-cluster",
                          subnetIDs: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], endpointAccess: .public)

        let changeRecords = ManagedPolicy(self, "ChangeRecordSetsPolicy", name: "change-record-sets-policy") {
            Statement.allow("route53:ChangeResourceRecordSets", on: "arn:aws:route53:::hostedzone/*")
        }
        let listRecords = ManagedPolicy(self, "ListRecordSetsPolicy", name: "list-record-sets-policy") {
            Statement.allow(["route53:ListHostedZones", "route53:ListResourceRecordSets"], on: "*")
        }
        let podIdentity = Trust.podIdentity(of: cluster, namespace: "main", serviceAccount: "account-for-external-dns")
        // The IRSA trust is built only while it is used: building it creates the cluster's OIDC provider.
        role = Role(self, "EditRoute53RecordRole", name: "role-for-external-dns",
                    assumedBy: step == .podIdentity
                        ? podIdentity : .serviceAccount("main", "account-for-external-dns", of: cluster, audience: "sts.amazonaws.com"),
                    managedPolicies: [changeRecords, listRecords])
        if step == .both { role.allowAssume(by: podIdentity) }
        if step != .irsa {
            cluster.addPodIdentityAgent()
            cluster.addPodIdentityAssociation(namespace: "main", serviceAccount: "account-for-external-dns", role: role)
        }
    }
}

/// The example's app: `pod-identity-example synth -c step=both`.
public enum PodIdentityExample {
    public static func makeApp(context: [String: JSON] = [:]) -> App {
        let app = App(context: context)
        let step = context["step"]?.stringValue.flatMap(ExternalDNSStack.Step.init(rawValue:)) ?? .podIdentity
        ExternalDNSStack(app, step: step)
        return app
    }
}
