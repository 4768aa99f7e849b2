/// One condition test: an operator applied to one condition key and its policy values.
///
/// In policy JSON, `"Condition": {"StringLike": {"k": ["a", "b"]}}` is one `Condition` with two values.
/// Values are strings as IAM sees them: JSON numbers and booleans are stringified (`5432`, `true`).
/// The key name is matched case-insensitively against the request context.
public struct Condition: Hashable, Sendable {
    /// The operator, e.g. `StringLike` or `ForAllValues:StringEquals`.
    public var op: ConditionOperator
    /// The condition key, e.g. `token.actions.githubusercontent.com:sub`.
    public var key: String
    /// The policy values (OR-ed for positive operators, NOR-ed for negated ones).
    public var values: [String]

    /// A condition from its parts.
    public init(_ op: ConditionOperator, key: String, values: [String]) {
        self.op = op
        self.key = key
        self.values = values
    }

    /// A condition with a single value.
    public init(_ op: ConditionOperator, key: String, value: String) {
        self.init(op, key: key, values: [value])
    }
}
