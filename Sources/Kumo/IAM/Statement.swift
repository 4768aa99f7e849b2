/// A policy statement: who (principals, for trust and resource policies) may or may not do what (actions) on
/// which resources, under which conditions.
///
/// ```swift
/// Statement.allow(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], on: repository.arn)
/// Statement.allow("route53:ChangeResourceRecordSets", on: "arn:aws:route53:::hostedzone/*")
/// Statement.deny(["s3:*"], on: ["*"]) { Condition(.bool, "aws:SecureTransport", "false") }
/// ```
/// Actions are IAM's `service:Action` strings (checked at synthesis); resources are ``ARN``s.
public struct Statement: Hashable {
    /// Whether the statement allows or denies.
    public enum Effect: String, Hashable, Sendable {
        /// Allows what the statement describes (unless a deny applies).
        case allow = "Allow"
        /// Denies what the statement describes, whatever allows it.
        case deny = "Deny"
    }

    /// The statement's `Sid`.
    public var sid: String?
    /// Allow or deny.
    public var effect: Effect
    /// The `Action`s (`service:Action`, wildcards allowed).
    public var actions: [String]
    /// The `NotAction`s: every action but these.
    public var notActions: [String]
    /// The `Resource`s.
    public var resources: [ARN]
    /// The `NotResource`s: every resource but these.
    public var notResources: [ARN]
    /// The `Principal`s (trust and resource policies only).
    public var principals: [Principal]
    /// The `Condition`s, which must all hold.
    public var conditions: [Condition]

    /// A statement with every element given; prefer ``allow(_:on:when:)-([String],[ARN],_)`` and the other shortcuts.
    public init(
        sid: String? = nil, effect: Effect, actions: [String] = [], notActions: [String] = [], resources: [ARN] = [],
        notResources: [ARN] = [], principals: [Principal] = [], conditions: [Condition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.notActions = notActions
        self.resources = resources
        self.notResources = notResources
        self.principals = principals
        self.conditions = conditions
    }

    /// Allows `actions` on `resources`, when `conditions` hold.
    public static func allow(
        _ actions: [String], on resources: [ARN], @ConditionBuilder when conditions: () -> [Condition] = { [] }
    ) -> Statement {
        Statement(effect: .allow, actions: actions, resources: resources, conditions: conditions())
    }

    /// Allows `actions` on one resource (or `"*"`).
    public static func allow(
        _ actions: [String], on resource: ARN, @ConditionBuilder when conditions: () -> [Condition] = { [] }
    ) -> Statement {
        allow(actions, on: [resource], when: conditions)
    }

    /// Allows one action on several resources.
    public static func allow(
        _ action: String, on resources: [ARN], @ConditionBuilder when conditions: () -> [Condition] = { [] }
    ) -> Statement {
        allow([action], on: resources, when: conditions)
    }

    /// Allows one action on one resource (or `"*"`).
    public static func allow(
        _ action: String, on resource: ARN, @ConditionBuilder when conditions: () -> [Condition] = { [] }
    ) -> Statement {
        allow([action], on: [resource], when: conditions)
    }

    /// Denies `actions` on `resources`, when `conditions` hold. An explicit deny overrides every allow.
    public static func deny(
        _ actions: [String], on resources: [ARN], @ConditionBuilder when conditions: () -> [Condition] = { [] }
    ) -> Statement {
        Statement(effect: .deny, actions: actions, resources: resources, conditions: conditions())
    }

    /// The same statement with a statement ID.
    public func sid(_ id: String) -> Statement {
        var copy = self
        copy.sid = id
        return copy
    }
}

/// Builds the statements of a policy: `{ Statement.allow(…); Statement.allow(…) }`, with `if`, `for` and
/// arrays of statements.
@resultBuilder
public enum StatementBuilder {
    /// One statement.
    public static func buildExpression(_ statement: Statement) -> [Statement] { [statement] }
    /// Several statements, in order.
    public static func buildExpression(_ statements: [Statement]) -> [Statement] { statements }
    /// The statements of the block, in order.
    public static func buildBlock(_ parts: [Statement]...) -> [Statement] { parts.flatMap { $0 } }
    /// The statements of an `if` without `else`, when it holds.
    public static func buildOptional(_ part: [Statement]?) -> [Statement] { part ?? [] }
    /// The statements of an `if`'s first branch.
    public static func buildEither(first: [Statement]) -> [Statement] { first }
    /// The statements of an `if`'s `else` branch.
    public static func buildEither(second: [Statement]) -> [Statement] { second }
    /// The statements of a `for` loop, in order.
    public static func buildArray(_ parts: [[Statement]]) -> [Statement] { parts.flatMap { $0 } }
}
