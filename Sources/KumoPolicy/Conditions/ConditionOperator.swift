/// A typed IAM condition operator: a base operator (`StringLike`), an optional set qualifier
/// (`ForAnyValue:` / `ForAllValues:`) and an optional `IfExists` suffix.
///
/// The textual form is IAM's, e.g. `ForAnyValue:StringLikeIfExists`. Parsing is case-sensitive, as IAM's is.
/// `NullIfExists` parses (so that a validator can point at it) but is not valid policy grammar: IAM Access
/// Analyzer reports it as the error "Null with if exists"; ``PolicyDocument/parse(_:kind:)`` rejects it.
public struct ConditionOperator: Hashable, Sendable, CustomStringConvertible {
    /// The operator without qualifier or `IfExists`; the raw value is IAM's name.
    public enum Base: String, CaseIterable, Hashable, Sendable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// The family of values the operator compares.
        public var family: Family {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .stringLike,
                .stringNotLike:
                .string
            case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
                .numericGreaterThanEquals:
                .numeric
            case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
                .dateGreaterThanEquals:
                .date
            case .bool: .bool
            case .binaryEquals: .binary
            case .ipAddress, .notIpAddress: .ip
            case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
            case .null: .null
            }
        }

        /// Whether the operator is a negated match (`…Not…`, `NotIpAddress`): it holds when *no* policy value
        /// matches, and it holds when the key is absent from the request.
        public var isNegated: Bool { positive != self }

        /// The positive operator a negated one negates (`StringNotLike` → `StringLike`); itself otherwise.
        public var positive: Base {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: self
            }
        }

        /// Whether `*` and `?` in policy values are wildcards: only `StringLike`, `StringNotLike` and the four
        /// ARN operators (where `ArnEquals` behaves exactly like `ArnLike`). Elsewhere they are literal characters.
        public var allowsWildcards: Bool {
            switch self {
            case .stringLike, .stringNotLike, .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: true
            default: false
            }
        }

        /// Whether policy variables (`${aws:username}`) in values are substituted: string, ARN and Bool operators.
        public var supportsPolicyVariables: Bool {
            switch family {
            case .string, .arn, .bool: true
            default: false
            }
        }
    }

    /// A set qualifier, for condition keys that can carry several values in one request.
    public enum SetQualifier: String, CaseIterable, Hashable, Sendable {
        /// True when at least one request value matches a policy value; false for an absent key or empty set.
        case forAnyValue = "ForAnyValue"
        /// True when every request value matches some policy value; **true** for an absent key or empty set.
        case forAllValues = "ForAllValues"
    }

    /// The family of values an operator compares.
    public enum Family: String, CaseIterable, Hashable, Sendable {
        case string, numeric, date, bool, binary, ip, arn, null
    }

    /// The base operator.
    public var base: Base
    /// The set qualifier, if any.
    public var qualifier: SetQualifier?
    /// Whether the operator carries the `IfExists` suffix (true when the key is absent).
    public var isIfExists: Bool

    /// An operator from its parts.
    public init(_ base: Base, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.base = base
        self.qualifier = qualifier
        self.isIfExists = ifExists
    }

    /// Parses IAM's spelling, e.g. `StringEquals`, `ForAllValues:StringLike`, `ArnLikeIfExists`.
    /// Case-sensitive; `nil` for anything IAM would not recognise.
    public init?(name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            guard let q = SetQualifier(rawValue: String(rest[..<colon])) else { return nil }
            qualifier = q
            rest = rest[rest.index(after: colon)...]
        }
        if let base = Base(rawValue: String(rest)) {
            self.init(base, qualifier: qualifier)
            return
        }
        let suffix = "IfExists"
        guard rest.hasSuffix(suffix), let base = Base(rawValue: String(rest.dropLast(suffix.count))) else {
            return nil
        }
        self.init(base, qualifier: qualifier, ifExists: true)
    }

    /// IAM's spelling, e.g. `ForAnyValue:StringLikeIfExists`.
    public var name: String {
        var s = ""
        if let qualifier { s += qualifier.rawValue + ":" }
        s += base.rawValue
        if isIfExists { s += "IfExists" }
        return s
    }

    public var description: String { name }

    /// The family of values compared.
    public var family: Family { base.family }
    /// Whether the base operator is negated (see ``Base/isNegated``).
    public var isNegated: Bool { base.isNegated }
    /// Whether `*` / `?` are wildcards in policy values (only `…Like` and `Arn…`).
    public var allowsWildcards: Bool { base.allowsWildcards }

    /// A copy with the `IfExists` suffix.
    public var ifExists: ConditionOperator {
        var copy = self
        copy.isIfExists = true
        return copy
    }

    /// `ForAnyValue:` applied to `op`.
    public static func forAnyValue(_ op: ConditionOperator) -> ConditionOperator {
        var copy = op
        copy.qualifier = .forAnyValue
        return copy
    }

    /// `ForAllValues:` applied to `op`. Beware: true when the key is absent (never use it in an Allow alone).
    public static func forAllValues(_ op: ConditionOperator) -> ConditionOperator {
        var copy = op
        copy.qualifier = .forAllValues
        return copy
    }

    /// A spelling IAM would accept when `name` differs only in letter case (for "did you mean" messages).
    static func caseInsensitiveSuggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        for q in [nil] + SetQualifier.allCases.map(Optional.some) {
            for base in Base.allCases {
                for ifExists in [false, true] {
                    let candidate = ConditionOperator(base, qualifier: q, ifExists: ifExists).name
                    if candidate.lowercased() == lowered { return candidate }
                }
            }
        }
        return nil
    }
}

/// The 27 base operators, without set qualifier or `IfExists` (compose with ``ConditionOperator/ifExists``,
/// ``ConditionOperator/forAnyValue(_:)`` and ``ConditionOperator/forAllValues(_:)``).
extension ConditionOperator {
    public static let stringEquals = ConditionOperator(.stringEquals)
    public static let stringNotEquals = ConditionOperator(.stringNotEquals)
    public static let stringEqualsIgnoreCase = ConditionOperator(.stringEqualsIgnoreCase)
    public static let stringNotEqualsIgnoreCase = ConditionOperator(.stringNotEqualsIgnoreCase)
    public static let stringLike = ConditionOperator(.stringLike)
    public static let stringNotLike = ConditionOperator(.stringNotLike)
    public static let numericEquals = ConditionOperator(.numericEquals)
    public static let numericNotEquals = ConditionOperator(.numericNotEquals)
    public static let numericLessThan = ConditionOperator(.numericLessThan)
    public static let numericLessThanEquals = ConditionOperator(.numericLessThanEquals)
    public static let numericGreaterThan = ConditionOperator(.numericGreaterThan)
    public static let numericGreaterThanEquals = ConditionOperator(.numericGreaterThanEquals)
    public static let dateEquals = ConditionOperator(.dateEquals)
    public static let dateNotEquals = ConditionOperator(.dateNotEquals)
    public static let dateLessThan = ConditionOperator(.dateLessThan)
    public static let dateLessThanEquals = ConditionOperator(.dateLessThanEquals)
    public static let dateGreaterThan = ConditionOperator(.dateGreaterThan)
    public static let dateGreaterThanEquals = ConditionOperator(.dateGreaterThanEquals)
    public static let bool = ConditionOperator(.bool)
    public static let binaryEquals = ConditionOperator(.binaryEquals)
    public static let ipAddress = ConditionOperator(.ipAddress)
    public static let notIpAddress = ConditionOperator(.notIpAddress)
    public static let arnEquals = ConditionOperator(.arnEquals)
    public static let arnLike = ConditionOperator(.arnLike)
    public static let arnNotEquals = ConditionOperator(.arnNotEquals)
    public static let arnNotLike = ConditionOperator(.arnNotLike)
    public static let null = ConditionOperator(.null)
}
