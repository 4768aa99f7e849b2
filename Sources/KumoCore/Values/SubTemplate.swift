import KumoJSON

/// A JSON document written as an `Fn::Sub` string: the compact JSON text with every deploy-time value spliced
/// in as a `${…}` placeholder.
///
/// References become CloudFormation's own placeholders (`${RoleB865C9E8}`, `${Cluster.Arn}`,
/// `${AWS::Partition}`); other intrinsics become variables of the `Fn::Sub`, named after a
/// ``Value/named(_:_:)`` wrapper when there is one (`${Issuer}`), `Var1`, `Var2`… otherwise. Literal `${` in the
/// document is escaped as `${!`, as `Fn::Sub` requires.
public struct SubTemplate {
    /// A run of the template: literal text, or a placeholder (its name, without `${` `}`).
    public enum Segment: Hashable {
        /// Literal text (with `${` already escaped).
        case text(String)
        /// A `${name}` placeholder.
        case placeholder(String)
    }

    /// The template's runs of text and placeholders, in order.
    public private(set) var segments: [Segment] = []
    /// The variables of the `Fn::Sub`, in order of first use.
    public private(set) var variables: OrderedDictionary<String, Value> = [:]

    /// Serializes `document` (any value; keyed objects may have computed keys).
    public init(document: Value, context: ResolutionContext) throws(ResolutionError) {
        try write(document, context)
    }

    /// The `Fn::Sub` template string.
    public var template: String {
        segments.map { segment in
            switch segment {
            case .text(let t): SubTemplate.escaped(t)
            case .placeholder(let name): "${" + name + "}"
            }
        }.joined()
    }

    /// `text` with every literal `${` written as `${!` (Fn::Sub's escape).
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previousDollar = false
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar)
            if previousDollar && scalar == "{" { out.unicodeScalars.append("!") }
            previousDollar = scalar == "$"
        }
        return out
    }

    /// The document text with each placeholder replaced by `value(name)`: what the document will look like
    /// after deployment, for validation (sizes, JSON well-formedness, policy grammar).
    public func instantiate(_ value: (String) -> String) -> String {
        segments.map { segment in
            switch segment {
            case .text(let t): t
            case .placeholder(let name): value(name)
            }
        }.joined()
    }

    /// `{"Fn::Sub": template}`, or `{"Fn::Sub": [template, {variables}]}` when there are variables.
    public func resolve(_ context: ResolutionContext) throws(ResolutionError) -> JSON {
        if variables.isEmpty { return ["Fn::Sub": .string(template)] }
        return ["Fn::Sub": [.string(template), try Value.map(variables).resolve(context)]]
    }

    private mutating func text(_ s: String) {
        if case .text(let previous) = segments.last {
            segments[segments.count - 1] = .text(previous + s)
        } else {
            segments.append(.text(s))
        }
    }

    private mutating func write(_ value: Value, _ context: ResolutionContext) throws(ResolutionError) {
        switch value {
        case .null, .bool, .number, .string:
            text(JSON(literal: value).serialized())
        case .list(let items):
            text("[")
            for (i, item) in items.enumerated() {
                if i > 0 { text(",") }
                try write(item, context)
            }
            text("]")
        case .map(let members):
            try writeObject(members.map { KeyedMember(.string($0.key), $0.value) }, context)
        case .keyed(let members):
            try writeObject(members, context)
        case .document(let inner):
            try write(inner, context)
        case .named, .fn:
            try writeString(value, context)
        case .lazy(let lazy):
            try write(try lazy.value(context) ?? .null, context)
        }
    }

    private mutating func writeObject(_ members: [KeyedMember], _ context: ResolutionContext) throws(ResolutionError) {
        text("{")
        for (i, member) in members.enumerated() {
            if i > 0 { text(",") }
            try writeString(member.key, context)
            text(":")
            try write(member.value, context)
        }
        text("}")
    }

    /// Writes a value in string position: `"literal${Placeholder}literal"`.
    private mutating func writeString(_ value: Value, _ context: ResolutionContext) throws(ResolutionError) {
        text("\"")
        let parts: [Value] = if case .fn(.join("", let inner)) = value { inner } else { [value] }
        for part in parts {
            if let literal = part.literalString {
                let quoted = JSON.string(literal).serialized()
                text(String(quoted.dropFirst().dropLast()))
            } else {
                segments.append(.placeholder(try placeholder(for: part, context)))
            }
        }
        text("\"")
    }

    private mutating func placeholder(for value: Value, _ context: ResolutionContext) throws(ResolutionError) -> String {
        switch value {
        case .fn(.ref(let target)):
            return try context.logicalID(of: target)
        case .fn(.getAtt(let target, let attribute)):
            return try context.logicalID(of: target) + "." + attribute
        case .fn(.pseudo(let p)):
            return p.rawValue
        case .named(let name, let inner):
            return variable(preferring: name, for: inner)
        default:
            return variable(preferring: "Var\(variables.count + 1)", for: value)
        }
    }

    private mutating func variable(preferring name: String, for value: Value) -> String {
        if let existing = variables.first(where: { $0.value == value }) { return existing.key }
        var candidate = name
        var n = 2
        while variables[candidate] != nil {
            candidate = name + String(n)
            n += 1
        }
        variables[candidate] = value
        return candidate
    }
}

extension JSON {
    /// A scalar template value as JSON (only for scalars without intrinsics).
    init(literal value: KumoCore.Value) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        default: self = .null
        }
    }
}
