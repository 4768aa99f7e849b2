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
    public var `operator`: ConditionOperator
    public var key: Value
    public var values: [Value]

    public init(_ operator: ConditionOperator, _ key: Value, _ values: [Value]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }

    public init(_ operator: ConditionOperator, _ key: Value, _ first: Value, _ more: Value...) {
        self.init(`operator`, key, [first] + more)
    }
}

/// Builds a list of conditions: `{ Condition(…); Condition(…) }`.
@resultBuilder
public enum ConditionBuilder {
    public static func buildExpression(_ condition: Condition) -> [Condition] { [condition] }
    public static func buildExpression(_ conditions: [Condition]) -> [Condition] { conditions }
    public static func buildBlock(_ parts: [Condition]...) -> [Condition] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Condition]?) -> [Condition] { part ?? [] }
    public static func buildEither(first: [Condition]) -> [Condition] { first }
    public static func buildEither(second: [Condition]) -> [Condition] { second }
    public static func buildArray(_ parts: [[Condition]]) -> [Condition] { parts.flatMap { $0 } }
}
