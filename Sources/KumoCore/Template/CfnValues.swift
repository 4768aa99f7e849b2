import KumoJSON

/// A typed property value of a generated L1 construct: it knows the template ``Value`` it stands for.
///
/// Each kind of CloudFormation value has its own type — ``CfnString``, ``CfnInteger``, ``CfnNumber``,
/// ``CfnBool``, ``CfnList``, ``CfnMap``, ``CfnJSON``, ``CfnTag``, the generated property structs and enums — so
/// that a literal of the wrong kind does not compile. Every one of them also takes a whole ``Value``
/// (`init(_ value: Value)`), for intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::If`, `Fn::Sub`…), which the
/// schema check at synthesis accepts wherever CloudFormation does.
public protocol CfnValueConvertible {
    /// The template value.
    var cfnValue: Value { get }
    /// A whole value given as one ``Value``: an intrinsic function, or anything the schema check at synthesis
    /// will judge.
    init(_ value: Value)
}

extension CfnValueConvertible {
    /// A value computed at synthesis (``Value/lazy(_:)-enum.case``), after every construct's preparation; `nil` omits the
    /// property. Typed constructs give their L1s' properties this way, so that an edit made through the L1 (an
    /// assignment to one of its properties) replaces the construct's value instead of being overwritten.
    public static func lazy(_ compute: @escaping () -> Self?) -> Self { Self(.lazy { _ in compute()?.cfnValue }) }
}

/// A string property: a literal, an interpolation (`"arn:\(Pseudo.partition):s3:::\(bucket.ref)"` becomes
/// `Fn::Join`) or any ``Value``.
public struct CfnString: CfnValueConvertible, Hashable, ExpressibleByStringInterpolation {
    public var cfnValue: Value
    public init(_ value: Value) { cfnValue = value }
    /// A literal string.
    public init(stringLiteral value: String) { cfnValue = .string(value) }
    /// A literal string.
    public init(_ text: String) { cfnValue = .string(text) }
    /// An interpolated string: literal parts and ``Value``s, written as `Fn::Join` when any part is not literal.
    public init(stringInterpolation: Value.StringInterpolation) { cfnValue = Value(stringInterpolation: stringInterpolation) }
    /// `{"Ref": resource}`.
    public static func ref(_ resource: CfnResource) -> CfnString { CfnString(resource.ref) }
    /// The literal text, when the value is one.
    public var literal: String? { cfnValue.literalString }
}

/// An integer property: a literal or any ``Value``.
public struct CfnInteger: CfnValueConvertible, Hashable, ExpressibleByIntegerLiteral {
    public var cfnValue: Value
    public init(_ value: Value) { cfnValue = value }
    /// A literal integer.
    public init(_ value: Int) { cfnValue = .number(Double(value)) }
    /// A literal integer.
    public init(integerLiteral value: Int) { cfnValue = .number(Double(value)) }
}

/// A number property: a literal or any ``Value``.
public struct CfnNumber: CfnValueConvertible, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public var cfnValue: Value
    public init(_ value: Value) { cfnValue = value }
    /// A literal number.
    public init(_ value: Double) { cfnValue = .number(value) }
    /// A literal whole number.
    public init(integerLiteral value: Int) { cfnValue = .number(Double(value)) }
    /// A literal number.
    public init(floatLiteral value: Double) { cfnValue = .number(value) }
}

/// A boolean property: a literal or any ``Value``.
public struct CfnBool: CfnValueConvertible, Hashable, ExpressibleByBooleanLiteral {
    public var cfnValue: Value
    public init(_ value: Value) { cfnValue = value }
    /// A literal boolean.
    public init(_ value: Bool) { cfnValue = .bool(value) }
    /// A literal boolean.
    public init(booleanLiteral value: Bool) { cfnValue = .bool(value) }
}

/// A list property: an array literal of typed items, or any ``Value`` (for instance `Fn::GetAZs`).
public struct CfnList<Element: CfnValueConvertible>: CfnValueConvertible, ExpressibleByArrayLiteral {
    public var cfnValue: Value
    public init(_ value: Value) { cfnValue = value }
    /// A list of typed items.
    public init(_ items: [Element]) { cfnValue = .list(items.map(\.cfnValue)) }
    /// A list of typed items.
    public init(arrayLiteral items: Element...) { cfnValue = .list(items.map(\.cfnValue)) }
}

extension CfnList where Element == CfnString {
    /// A list of literal strings.
    public init(_ strings: [String]) { cfnValue = .list(strings.map(Value.string)) }
    /// A list of values in string position (references, ARNs).
    public init(values: [Value]) { cfnValue = .list(values) }
}

/// A map property (string keys): a dictionary literal of typed values, or any ``Value``.
public struct CfnMap<Element: CfnValueConvertible>: CfnValueConvertible, ExpressibleByDictionaryLiteral {
    public var cfnValue: KumoCore.Value
    public init(_ value: KumoCore.Value) { cfnValue = value }
    /// A map of typed values, in the given key order.
    public init(_ members: OrderedDictionary<String, Element>) { cfnValue = .map(members.mapValues { $0.cfnValue }) }
    /// A map of typed values, in the literal's key order.
    public init(dictionaryLiteral members: (String, Element)...) {
        var map = OrderedDictionary<String, KumoCore.Value>()
        for (key, value) in members { map[key] = value.cfnValue }
        cfnValue = .map(map)
    }
}

/// A JSON-typed property (a policy document, a state machine definition, a free-form object): a dictionary
/// literal, a typed document (``CfnJSONDocument``, such as Kumo's IAM policy documents), or any ``Value``.
public struct CfnJSON: CfnValueConvertible, ExpressibleByDictionaryLiteral {
    public var cfnValue: KumoCore.Value
    public init(_ value: KumoCore.Value) { cfnValue = value }
    /// A literal JSON value.
    public init(_ json: JSON) { cfnValue = KumoCore.Value(json) }
    /// A typed document, rendered at synthesis (when logical IDs are known).
    public init(_ document: some CfnJSONDocument) {
        cfnValue = .lazy(LazyValue { context throws(ResolutionError) in try document.cfnDocumentValue(context) })
    }
    /// An object of template values, in the literal's key order (a repeated key keeps its last value).
    public init(dictionaryLiteral members: (String, KumoCore.Value)...) {
        cfnValue = .map(OrderedDictionary(members, uniquingKeysWith: { _, last in last }))
    }
}

/// A typed JSON document that a JSON-typed property (``CfnJSON``) takes: Kumo's IAM policy documents adopt it,
/// so that `S3.CfnBucketPolicy(policyDocument: .init(document))` is written as Kumo writes policies.
public protocol CfnJSONDocument {
    /// The document as a template value, with the stack being synthesized known (for references).
    func cfnDocumentValue(_ context: ResolutionContext) throws(ResolutionError) -> Value
}

/// A resource tag, `{"Key": …, "Value": …}` (the tag property type of most resource types).
public struct CfnTag: CfnValueConvertible {
    /// The tag's `Key`.
    public var key: CfnString
    /// The tag's `Value`.
    public var value: CfnString
    private var raw: Value?

    /// A tag `Key` = `Value`.
    public init(key: CfnString, value: CfnString) {
        self.key = key
        self.value = value
    }

    /// The whole tag as one `Value` (an intrinsic).
    public init(_ value: Value) {
        self.raw = value
        self.key = .init(.null)
        self.value = .init(.null)
    }

    public var cfnValue: Value { raw ?? .map(["Key": key.cfnValue, "Value": value.cfnValue]) }
}

extension CfnTag {
    /// Tags given as a dictionary, sorted by key (deterministic output); `nil` when there are none.
    public static func list(_ tags: [String: String]) -> CfnList<CfnTag>? {
        tags.isEmpty ? nil : CfnList(tags.sorted { $0.key < $1.key }.map { CfnTag(key: CfnString($0.key), value: CfnString($0.value)) })
    }
}

/// A generated enumeration of the values the schema lists (`ECR.CfnRepository.ImageTagMutability.immutable`).
/// A value AWS adds later is `.init("NEW_VALUE")`; an intrinsic is `.init(value)`.
public protocol CfnEnumValue: CfnValueConvertible, Equatable {
    init(_ value: Value)
}

extension CfnEnumValue {
    /// Two enumeration values are equal when their template values are.
    public static func == (a: Self, b: Self) -> Bool { a.cfnValue == b.cfnValue }
}

/// Heap storage for a property type that contains itself (a WAF statement inside a statement): Swift value types
/// cannot hold themselves directly.
public final class CfnBox<Wrapped> {
    /// The boxed property value.
    public var value: Wrapped
    /// Boxes `value`.
    public init(_ value: Wrapped) { self.value = value }
}
