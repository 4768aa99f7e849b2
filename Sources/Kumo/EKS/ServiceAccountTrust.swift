/// A Kubernetes service account, `namespace:name`.
public struct ServiceAccount: Hashable, Sendable, CustomStringConvertible {
    /// The Kubernetes namespace.
    public var namespace: String
    /// The service account's name.
    public var name: String

    /// The service account `name` in `namespace`.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The `sub` claim of the service account's projected tokens: `system:serviceaccount:<namespace>:<name>`.
    public var subject: String { "system:serviceaccount:\(namespace):\(name)" }

    /// `namespace:name`.
    public var description: String { "\(namespace):\(name)" }
}

extension Trust {
    /// IAM roles for service accounts (IRSA): pods running as Kubernetes service account `namespace:name` in
    /// `cluster` assume the role with their projected token (`sts:AssumeRoleWithWebIdentity`).
    ///
    /// The trust requires `StringEquals <issuer>:sub = system:serviceaccount:<namespace>:<name>`, where
    /// `<issuer>` is the cluster's OIDC issuer, known only at deploy time: the trust policy is therefore
    /// written as an `Fn::Sub` JSON string (CDK needed a Lambda-backed `Custom::AWSCDKCfnJson` for this).
    /// - Parameters:
    ///   - namespace: the service account's Kubernetes namespace.
    ///   - name: the service account's name.
    ///   - cluster: the cluster whose OIDC provider issues the pods' tokens.
    ///   - audience: also require `StringEquals <issuer>:aud = audience` (AWS recommends `sts.amazonaws.com`);
    ///     `nil` leaves the audience to the provider's client-ID list, as CDK did.
    public static func serviceAccount(
        _ namespace: String, _ name: String, of cluster: Cluster, audience: String? = nil
    ) -> Trust {
        let account = ServiceAccount(namespace: namespace, name: name)
        let provider = cluster.openIDConnectProvider
        return .webIdentity(provider) {
            if let audience { Condition(.stringEquals, "\(provider.issuer):aud", .string(audience)) }
            Condition(.stringEquals, "\(provider.issuer):sub", .string(account.subject))
        }
    }
}
