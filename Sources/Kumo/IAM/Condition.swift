/// One condition of a policy statement: a typed operator, a condition key and the values it accepts.
///
/// ```swift
/// Condition(.stringLike, "token.actions.githubusercontent.com:sub", "repo:example-org/*")
/// Condition(.stringEquals, "\(cluster.openIDConnectIssuer):sub", "system:serviceaccount:main:app")
/// Condition(.forAnyValue(.stringEquals), "aws:TagKeys", "team", "owner")
/// ```
/// Several values for one key are alternatives (any may match); several conditions must all hold. The key may
/// contain deploy-time values (the EKS issuer): the policy is then written as an `Fn::Sub` JSON string.
public struct Condition: Hashable {
    /// The operator: how the request's values are compared with ``values``.
    public var `operator`: ConditionOperator
    /// The condition key (`aws:SourceAccount`, `token.actions.githubusercontent.com:sub`); may contain deploy-time values.
    public var key: Value
    /// The values the key is compared with: alternatives, any of which may match.
    public var values: [Value]

    /// A condition `key` `operator` `values`.
    public init(_ operator: ConditionOperator, _ key: Value, _ values: [Value]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }

    /// A condition `key` `operator` one or more values.
    public init(_ operator: ConditionOperator, _ key: Value, _ first: Value, _ more: Value...) {
        self.init(`operator`, key, [first] + more)
    }
}

/// Builds a list of conditions: `{ Condition(…); Condition(…) }`.
@resultBuilder
public enum ConditionBuilder {
    /// One condition.
    public static func buildExpression(_ condition: Condition) -> [Condition] { [condition] }
    /// Several conditions, in order.
    public static func buildExpression(_ conditions: [Condition]) -> [Condition] { conditions }
    /// The conditions of the block, in order.
    public static func buildBlock(_ parts: [Condition]...) -> [Condition] { parts.flatMap { $0 } }
    /// The conditions of an `if` without `else`, when it holds.
    public static func buildOptional(_ part: [Condition]?) -> [Condition] { part ?? [] }
    /// The conditions of an `if`'s first branch.
    public static func buildEither(first: [Condition]) -> [Condition] { first }
    /// The conditions of an `if`'s `else` branch.
    public static func buildEither(second: [Condition]) -> [Condition] { second }
    /// The conditions of a `for` loop, in order.
    public static func buildArray(_ parts: [[Condition]]) -> [Condition] { parts.flatMap { $0 } }
}
