import KumoJSON

/// A value in a CloudFormation template: plain JSON, or an intrinsic function that CloudFormation evaluates at
/// deploy time.
///
/// Constructs hold `Value`s. References between constructs are ``Intrinsic`` cases that point at the referenced
/// element itself (not at a hand-written logical ID), and become `{"Ref": …}` / `{"Fn::GetAtt": …}` only at
/// synthesis, once logical IDs and stacks are known.
///
/// String interpolation builds `Fn::Join` where needed:
/// ```swift
/// let arn: Value = "arn:\(Pseudo.partition):iam::aws:policy/\(name)"
/// // {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AmazonEKSClusterPolicy"]]}
/// ```
public indirect enum Value: Hashable {
    /// JSON `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// A number (written without a fraction when it is whole, as JavaScript writes it).
    case number(Double)
    /// A string.
    case string(String)
    /// A list.
    case list([Value])
    /// An object, in key order.
    case map(OrderedDictionary<String, Value>)
    /// An intrinsic function (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, …).
    case fn(Intrinsic)
    /// A value with a name, used as the variable name when the value has to be spliced into an `Fn::Sub`
    /// string (for example `${Issuer}`); everywhere else it is the wrapped value.
    case named(String, Value)
    /// An object whose keys may themselves contain intrinsic functions (IAM condition keys that embed the EKS
    /// issuer, known only at deploy time). CloudFormation forbids intrinsics in keys, so such keys are only
    /// allowed inside a ``document(_:)``.
    case keyed([KeyedMember])
    /// A JSON document property (a policy). It is written as a JSON object when every key is a literal, and
    /// otherwise as `{"Fn::Sub": "<the document as a JSON string>"}` with each intrinsic spliced in as
    /// `${LogicalId}`, `${LogicalId.Attribute}`, `${AWS::Partition}` or a named variable.
    case document(Value)
    /// A value computed at synthesis, once every construct is prepared and logical IDs are known (AWS CDK's
    /// `Lazy`): typed constructs give their L1's properties lazily, so that an edit made through the L1 replaces
    /// the construct's value instead of being overwritten by it. A lazy value that yields `nil` is omitted.
    case lazy(LazyValue)
}

/// The computation behind ``Value/lazy(_:)-enum.case``; compared by identity.
public final class LazyValue: Hashable {
    let compute: (ResolutionContext) throws(ResolutionError) -> Value?

    /// A lazy value computed by `compute` at synthesis; `nil` omits the property.
    public init(_ compute: @escaping (ResolutionContext) throws(ResolutionError) -> Value?) { self.compute = compute }

    /// The value, computed now.
    public func value(_ context: ResolutionContext) throws(ResolutionError) -> Value? { try compute(context) }

    /// Two lazy values are equal when they are the same computation (identity).
    public static func == (a: LazyValue, b: LazyValue) -> Bool { a === b }
    /// Hashes the computation's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// One member of a ``Value/keyed(_:)`` object.
public struct KeyedMember: Hashable {
    /// The member's key, which may contain intrinsic functions.
    public var key: Value
    /// The member's value.
    public var value: Value
    /// A member `key: value`.
    public init(_ key: Value, _ value: Value) {
        self.key = key
        self.value = value
    }
}

extension Value {
    /// `true` when the value contains no intrinsic function: it is known at synthesis time.
    public var isResolvedLiteral: Bool {
        switch self {
        case .null, .bool, .number, .string: true
        case .list(let items): items.allSatisfy(\.isResolvedLiteral)
        case .map(let members): members.values.allSatisfy(\.isResolvedLiteral)
        case .fn, .lazy: false
        case .named(_, let inner), .document(let inner): inner.isResolvedLiteral
        case .keyed(let members): members.allSatisfy { $0.key.isResolvedLiteral && $0.value.isResolvedLiteral }
        }
    }

    /// The literal string, when this value is one.
    public var literalString: String? {
        switch self {
        case .string(let s): s
        case .named(_, let inner), .document(let inner): inner.literalString
        default: nil
        }
    }

    /// Concatenates values: literal neighbours merge, nested `Fn::Join ""` flatten, and a result without any
    /// intrinsic stays a plain string.
    public static func concat(_ parts: [Value]) -> Value {
        var merged: [Value] = []
        func append(_ part: Value) {
            switch part {
            case .string(let s):
                if s.isEmpty { return }
                if case .string(let previous) = merged.last {
                    merged[merged.count - 1] = .string(previous + s)
                } else {
                    merged.append(part)
                }
            case .fn(.join("", let inner)):
                inner.forEach(append)
            default:
                merged.append(part)
            }
        }
        parts.forEach(append)
        if merged.isEmpty { return .string("") }
        if merged.count == 1, case .string = merged[0] { return merged[0] }
        return .fn(.join("", merged))
    }

    /// Every element this value references (for dependency and cross-stack checks).
    public var referencedElements: [CfnElement] {
        var found: [CfnElement] = []
        visitIntrinsics { intrinsic in
            switch intrinsic {
            case .ref(.element(let e)), .getAtt(.element(let e), _): found.append(e)
            default: break
            }
        }
        return found
    }

    /// Calls `body` for every intrinsic in this value, outermost first.
    public func visitIntrinsics(_ body: (Intrinsic) -> Void) {
        switch self {
        case .null, .bool, .number, .string, .lazy: return
        case .list(let items): items.forEach { $0.visitIntrinsics(body) }
        case .map(let members): members.values.forEach { $0.visitIntrinsics(body) }
        case .named(_, let inner), .document(let inner): inner.visitIntrinsics(body)
        case .keyed(let members):
            for member in members {
                member.key.visitIntrinsics(body)
                member.value.visitIntrinsics(body)
            }
        case .fn(let intrinsic):
            body(intrinsic)
            intrinsic.arguments.forEach { $0.visitIntrinsics(body) }
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A literal string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A literal boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A literal integer.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A literal number.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A literal list.
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    /// A literal object, in the literal's key order (a repeated key keeps its last value).
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(OrderedDictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension Value: ExpressibleByStringInterpolation {
    /// Collects literal text and interpolated values; see ``Value/concat(_:)``.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Value] = []
        /// An empty interpolation.
        public init(literalCapacity: Int, interpolationCount: Int) {}
        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) { parts.append(.string(literal)) }
        /// Appends a template value (a reference, an attribute, any intrinsic).
        public mutating func appendInterpolation(_ value: Value) { parts.append(value) }
        /// Appends a pseudo parameter (`\(Pseudo.partition)` is `{"Ref": "AWS::Partition"}`).
        public mutating func appendInterpolation(_ pseudo: Pseudo) { parts.append(pseudo.value) }
        /// Appends the text of a literal (a number, a name).
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) {
            parts.append(.string(value.description))
        }
    }

    /// The interpolated string, written as `Fn::Join` when any part is not literal (``Value/concat(_:)``).
    public init(stringInterpolation: StringInterpolation) { self = Value.concat(stringInterpolation.parts) }
}

extension Value {
    /// A plain JSON value as a template value.
    public init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let a): self = .list(a.map(Value.init))
        case .object(let o): self = .map(o.mapValues(Value.init))
        }
    }

    /// A list of strings.
    public static func strings(_ items: [String]) -> Value { .list(items.map(Value.string)) }

    /// A value computed at synthesis (see ``lazy(_:)``).
    public static func lazy(_ compute: @escaping (ResolutionContext) throws(ResolutionError) -> Value?) -> Value {
        .lazy(LazyValue(compute))
    }

    /// This value with every lazy part computed (lazy parts that yield `nil` are dropped from lists and maps;
    /// `nil` when the value itself is such a part).
    public func forced(_ context: ResolutionContext) throws(ResolutionError) -> Value? {
        switch self {
        case .null, .bool, .number, .string, .fn: return self
        case .lazy(let lazy): return try lazy.value(context)?.forced(context)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { if let v = try item.forced(context) { out.append(v) } }
            return .list(out)
        case .map(let members):
            var out = OrderedDictionary<String, Value>(minimumCapacity: members.count)
            for (key, value) in members { if let v = try value.forced(context) { out[key] = v } }
            return .map(out)
        case .named(let name, let inner): return try inner.forced(context).map { .named(name, $0) }
        case .document(let inner): return try inner.forced(context).map { .document($0) }
        case .keyed(let members):
            var out: [KeyedMember] = []
            for member in members {
                if let key = try member.key.forced(context), let value = try member.value.forced(context) {
                    out.append(KeyedMember(key, value))
                }
            }
            return .keyed(out)
        }
    }
}
