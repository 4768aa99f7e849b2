/// Who a policy statement is about: an AWS service, an account or IAM entity, a federated identity provider.
public enum Principal: Hashable {
    /// An AWS service, e.g. `eks.amazonaws.com`.
    case service(String)
    /// An IAM entity or account by ARN (`{"AWS": …}`).
    case aws(Value)
    /// A federated identity provider by ARN (an OIDC or SAML provider; `{"Federated": …}`).
    case federated(Value)
    /// Everyone (`"*"`). Never use it in a trust policy.
    case anyone

    /// An account's root principal: `arn:<partition>:iam::<account>:root`.
    public static func account(_ id: String) -> Principal {
        .aws("arn:\(Pseudo.partition):iam::\(id):root")
    }

    /// The principal block's key (`Service`, `AWS`, `Federated`), `nil` for ``anyone``.
    public var typeKey: String? {
        switch self {
        case .service: "Service"
        case .aws: "AWS"
        case .federated: "Federated"
        case .anyone: nil
        }
    }

    /// The principal's value in the block.
    public var value: Value {
        switch self {
        case .service(let name): .string(name)
        case .aws(let v), .federated(let v): v
        case .anyone: "*"
        }
    }
}

/// Who may assume a role, and under which conditions: the principal of a trust-policy statement with its
/// action (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`) and conditions.
public struct Trust: Hashable {
    /// Who assumes the role: the statement's `Principal`.
    public var principal: Principal
    /// The actions allowed (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`).
    public var actions: [String]
    /// The conditions that must all hold.
    public var conditions: [Condition]

    /// A trust of `principal` for `actions` under `conditions`; prefer ``service(_:)``, ``webIdentity(_:where:)`` and the other shortcuts.
    public init(_ principal: Principal, actions: [String], conditions: [Condition] = []) {
        self.principal = principal
        self.actions = actions
        self.conditions = conditions
    }

    /// An AWS service assumes the role (`sts:AssumeRole`).
    public static func service(_ name: String) -> Trust {
        Trust(.service(name), actions: ["sts:AssumeRole"])
    }

    /// Principals of an account (its root, delegated through its own IAM policies) assume the role.
    public static func account(_ id: String) -> Trust {
        Trust(.account(id), actions: ["sts:AssumeRole"])
    }

    /// An IAM role or user, by ARN, assumes the role.
    public static func entity(_ arn: ARN) -> Trust {
        Trust(.aws(arn.value), actions: ["sts:AssumeRole"])
    }

    /// Holders of tokens from an OpenID Connect provider assume the role (`sts:AssumeRoleWithWebIdentity`),
    /// when the token's claims meet `conditions`.
    public static func webIdentity(
        _ provider: any OpenIDConnectProviderReference, @ConditionBuilder where conditions: () -> [Condition]
    ) -> Trust {
        Trust(.federated(provider.providerARN), actions: ["sts:AssumeRoleWithWebIdentity"], conditions: conditions())
    }

    /// The trust-policy statement.
    public var statement: Statement {
        Statement(effect: .allow, actions: actions, principals: [principal], conditions: conditions)
    }
}
