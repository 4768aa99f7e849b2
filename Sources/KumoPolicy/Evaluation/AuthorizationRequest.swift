/// The principal making a request, as a `Principal` element would name it.
public struct RequestPrincipal: Hashable, Sendable, CustomStringConvertible {
    /// The kind of principal.
    public var type: PrincipalType
    /// An account id or ARN (AWS), a service name (Service), a provider ARN or name (Federated), a canonical id.
    public var value: String

    /// A principal of `type` named `value`.
    public init(_ type: PrincipalType, _ value: String) {
        self.type = type
        self.value = value
    }

    /// An IAM identity, role session or account: `arn:aws:iam::111122223333:role/deployer`.
    public static func aws(_ value: String) -> RequestPrincipal { .init(.aws, value) }
    /// A service: `ec2.amazonaws.com`.
    public static func service(_ value: String) -> RequestPrincipal { .init(.service, value) }
    /// An identity provider, e.g. `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`.
    public static func federated(_ value: String) -> RequestPrincipal { .init(.federated, value) }

    public var description: String { "\(type.rawValue) \(value)" }
}

/// A request to evaluate a policy against: who, what, on which resource, with which condition keys.
public struct AuthorizationRequest: Hashable, Sendable {
    /// The caller; `nil` when unknown (identity-policy evaluation, where the policy's holder is the caller).
    public var principal: RequestPrincipal?
    /// The action, e.g. `sts:AssumeRoleWithWebIdentity` (matched case-insensitively).
    public var action: String
    /// The resource ARN, if the action has one (matched case-sensitively).
    public var resource: String?
    /// The condition keys of the request.
    public var context: RequestContext

    /// A request; `context` holds its condition keys (e.g. the OIDC token's `sub` and `aud`).
    public init(
        principal: RequestPrincipal? = nil, action: String, resource: String? = nil, context: RequestContext = [:]
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
    }
}
