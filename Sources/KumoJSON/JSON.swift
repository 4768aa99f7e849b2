@_exported import OrderedCollections

/// An ordered JSON object: keys keep the order in which they were inserted (or parsed).
public typealias JSONObject = OrderedDictionary<String, JSON>

/// A JSON value whose objects keep their key order.
///
/// Key order matters to Kumo twice: CloudFormation templates are written in a fixed order (byte-identical to
/// AWS CDK's output), and templates read back keep the author's order for readable diffs. Equality is
/// order-sensitive for objects (two objects with the same members in another order are different *texts*);
/// use ``semanticallyEquals(_:)`` where only the meaning counts.
public enum JSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// JSON numbers are IEEE doubles, as in JavaScript (and so in AWS CDK's output).
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

extension JSON {
    /// The string, when this value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, when this value is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array, when this value is one.
    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The number, when this value is one.
    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The boolean, when this value is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Member lookup on objects; `nil` for anything else.
    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// A short name of the value's kind, for error messages ("a string", "an object", ...).
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Equality that ignores the order of object members (array order still counts).
    public func semanticallyEquals(_ other: JSON) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let theirs = b[key], value.semanticallyEquals(theirs) else { return false }
            }
            return true
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.semanticallyEquals($1) }
        default:
            return self == other
        }
    }

    /// A copy whose objects, at every depth, have their keys sorted (code-point order).
    public var sortingKeys: JSON {
        switch self {
        case .object(let o):
            var sorted = JSONObject(minimumCapacity: o.count)
            for key in o.keys.sorted() { sorted[key] = o[key]!.sortingKeys }
            return .object(sorted)
        case .array(let a):
            return .array(a.map(\.sortingKeys))
        default:
            return self
        }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSON {
    /// The only member of a one-member object (the shape of intrinsic functions: `{"Ref": "X"}`).
    public var singleMember: (key: String, value: JSON)? {
        guard case .object(let members) = self, members.count == 1 else { return nil }
        return (members.keys[0], members.values[0])
    }
}
