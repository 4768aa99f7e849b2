/// How to evaluate conditions.
public struct ConditionEvaluationOptions: Hashable, Sendable {
    /// Whether `${…}` policy variables are substituted (true for policies with `Version` `2012-10-17`).
    public var substitutesPolicyVariables: Bool
    /// The effect of the statement the condition belongs to. Where IAM's documentation leaves the outcome
    /// open (an uninterpretable value under a negated operator, an unresolvable variable under a negated
    /// operator, a multivalued request key without a set operator whose two readings disagree), the
    /// condition resolves to the answer that *denies access*: `false` in an Allow statement (the grant does
    /// not apply), `true` in a Deny statement (the denial applies).
    public var effect: Effect

    /// Options; the defaults suit a `2012-10-17` policy's Allow statement.
    public init(substitutesPolicyVariables: Bool = true, effect: Effect = .allow) {
        self.substitutesPolicyVariables = substitutesPolicyVariables
        self.effect = effect
    }
}

/// The outcome of evaluating one ``Condition`` against a request, with everything needed to explain it.
public struct ConditionEvaluation: Hashable, Sendable, CustomStringConvertible {
    /// The condition evaluated.
    public var condition: Condition
    /// The policy values after variable substitution (as written when a variable had no value).
    public var expected: [String]
    /// The request's values for the key, or `nil` when the key is absent.
    public var actual: [String]?
    /// Whether the condition holds.
    public var result: Bool
    /// Why, in structured form.
    public var basis: Basis
    /// Why the documented rules did not decide the result (empty when they did). When non-empty, ``result``
    /// is the conservative answer (see ``ConditionEvaluationOptions/effect``).
    public var undetermined: [UndeterminedReason]

    /// The structured reason for a result.
    public enum Basis: Hashable, Sendable {
        /// The key is absent from the request; the operator's absent-key rule decided.
        case keyAbsent
        /// A `Null` check; whether the key is present.
        case nullCheck(keyPresent: Bool)
        /// The request values were compared; one check per request value, in request order.
        case values([ValueCheck])
    }

    /// The comparison of one request value with all policy values.
    public struct ValueCheck: Hashable, Sendable {
        /// The request value.
        public var requestValue: String
        /// The first policy value it matched under the *positive* form of the operator (so for
        /// `StringNotEquals`, the excluded value it equals), if any.
        public var matchedPolicyValue: String?
        /// Whether this request value satisfies the operator (`nil`: could not be decided).
        public var passes: Bool?
    }

    /// Why a result could not be decided by the documented rules alone.
    public enum UndeterminedReason: Hashable, Sendable {
        /// Policy variables without a value (and no default) under a negated operator.
        case unresolvedVariables([String])
        /// Values that cannot be read for the operator's family (not a number, date, IP, ARN, base64, bool).
        case uninterpretableValues
        /// A key with several request values and no `ForAnyValue:`/`ForAllValues:`; "any value" and "every
        /// value" readings disagree (IAM documents neither).
        case multivaluedKeyWithoutSetOperator
    }

    /// A one-line human explanation, e.g.
    /// `StringLike token.actions.githubusercontent.com:sub: "repo:other/x:ref:refs/heads/main" does not match "repo:example-org/*"`.
    public var reason: String { ConditionExplainer.reason(for: self) }

    public var description: String { (result ? "✓ " : "✗ ") + reason }
}
