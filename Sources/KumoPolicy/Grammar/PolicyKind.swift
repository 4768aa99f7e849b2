/// Which kind of policy a document is; the grammar differs.
public enum PolicyKind: String, CaseIterable, Hashable, Sendable {
    /// A role trust policy (`AssumeRolePolicyDocument`): `Principal` required, `NotPrincipal` and `Resource`
    /// forbidden, only `sts:` actions.
    case trust
    /// An identity-based policy (attached to a user, group or role): `Principal`/`NotPrincipal` forbidden,
    /// `Resource` or `NotResource` required.
    case identity
    /// A resource-based policy (bucket, queue, key, repository policy): `Principal` or `NotPrincipal` required.
    case resource
}
