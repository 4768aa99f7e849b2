import KumoPolicy

/// An Amazon Resource Name, or `*` (every resource), as used in policy statements: a template value (literal or
/// known at deploy time), parsed by KumoPolicy's ``KumoPolicy/ARN`` when it is literal.
///
/// Literal ARNs are checked at synthesis (`arn:partition:service:region:account:resource`), so that a bucket
/// name or a role name passed where an ARN belongs is caught before deployment. ARNs computed at deploy time
/// (`repository.arn`, `"arn:\(stack.partition):iam::aws:policy/…"`) are taken as they are.
public struct ARN: Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The ARN as a template value: a literal, or a reference resolved at deploy time.
    public let value: Value

    /// Wraps a template value that evaluates to an ARN.
    public init(_ value: Value) { self.value = value }

    /// A literal ARN (checked at synthesis), or `"*"`.
    public init(stringLiteral value: String) { self.value = .string(value) }

    /// An interpolated ARN (`"arn:\(Pseudo.partition):s3:::\(bucket)"`), written as `Fn::Join` when a part is a deploy-time value.
    public init(stringInterpolation: Value.StringInterpolation) { self.value = Value(stringInterpolation: stringInterpolation) }

    /// `*`: every resource.
    public static var all: ARN { "*" }

    /// The literal ARN, or `<deploy-time ARN>`.
    public var description: String { value.literalString ?? "<deploy-time ARN>" }

    /// Why a literal ARN is malformed, or `nil` (also for deploy-time ARNs and `*`).
    public var problem: String? {
        guard let literal = value.literalString, literal != "*" else { return nil }
        guard let parsed = KumoPolicy.ARN(literal), parsed.isComplete else {
            return "\"\(literal)\" is not an ARN (arn:partition:service:region:account:resource) nor \"*\""
        }
        return nil
    }
}
