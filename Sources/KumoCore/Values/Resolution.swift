import KumoJSON

/// Where a value is being resolved: the stack whose template is being written and the construct whose
/// property is being rendered (named in errors).
public struct ResolutionContext {
    /// The stack whose template is being written.
    public let stack: Stack
    /// The construct path of the element whose property is being rendered (named in errors).
    public let referrer: String

    /// A context for rendering the properties of the construct at `referrer` into `stack`'s template.
    public init(stack: Stack, referrer: String) {
        self.stack = stack
        self.referrer = referrer
    }

    /// The logical ID of `target` as seen from this stack; an error when the element lives in another stack.
    public func logicalID(of target: ElementTarget) throws(ResolutionError) -> String {
        switch target {
        case .logicalID(let id):
            return id
        case .element(let element):
            guard element.stack === stack else {
                throw ResolutionError(
                    .error(
                        referrer,
                        "references \(element.node.path), which belongs to stack \(element.stack.node.id); "
                            + "cross-stack references are not supported yet",
                        fix: "create both constructs in stack \(stack.node.id), or pass the value into this "
                            + "stack as a literal (for example the ARN or name) instead of a reference"))
            }
            return element.logicalID
        }
    }
}

/// A value could not be turned into template JSON.
public struct ResolutionError: Error, CustomStringConvertible {
    /// The error, with the construct path and the fix.
    public var diagnostic: Diagnostic

    /// An error reporting `diagnostic`.
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    /// The diagnostic's text.
    public var description: String { diagnostic.description }
}

extension Value {
    /// The template JSON of this value: intrinsics become `{"Ref": …}`, `{"Fn::Join": …}`, ….
    public func resolve(_ context: ResolutionContext) throws(ResolutionError) -> JSON {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .list(let items):
            var out: [JSON] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try item.resolve(context)) }
            return .array(out)
        case .map(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for (key, value) in members { out[key] = try value.resolve(context) }
            return .object(out)
        case .named(_, let inner):
            return try inner.resolve(context)
        case .keyed(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for member in members {
                guard let key = member.key.literalString else {
                    throw ResolutionError(
                        .error(
                            context.referrer, "an object key contains an intrinsic function, which CloudFormation forbids",
                            fix: "wrap the enclosing JSON document in Value.document(…) so that it is written as Fn::Sub"))
                }
                out[key] = try member.value.resolve(context)
            }
            return .object(out)
        case .document(let root):
            if root.hasComputedKeys {
                return try SubTemplate(document: root, context: context).resolve(context)
            }
            return try root.resolve(context)
        case .fn(let intrinsic):
            return try intrinsic.resolve(context)
        case .lazy(let lazy):
            return try lazy.value(context)?.resolve(context) ?? .null
        }
    }

    /// Whether a keyed object anywhere in this value has a key that is not a literal (so that, inside a
    /// ``document(_:)``, the document is written as `Fn::Sub`).
    public var hasComputedKeys: Bool {
        switch self {
        case .null, .bool, .number, .string, .fn, .lazy: false
        case .list(let items): items.contains { $0.hasComputedKeys }
        case .map(let members): members.values.contains { $0.hasComputedKeys }
        case .named(_, let inner), .document(let inner): inner.hasComputedKeys
        case .keyed(let members): members.contains { $0.key.literalString == nil || $0.value.hasComputedKeys }
        }
    }
}

extension Intrinsic {
    func resolve(_ context: ResolutionContext) throws(ResolutionError) -> JSON {
        switch self {
        case .ref(let target):
            return ["Ref": .string(try context.logicalID(of: target))]
        case .pseudo(let p):
            return ["Ref": .string(p.rawValue)]
        case .getAtt(let target, let attribute):
            return ["Fn::GetAtt": [.string(try context.logicalID(of: target)), .string(attribute)]]
        case .join(let delimiter, let values):
            return ["Fn::Join": [.string(delimiter), try Value.list(values).resolve(context)]]
        case .sub(let template, let variables):
            if variables.isEmpty { return ["Fn::Sub": .string(template)] }
            return ["Fn::Sub": [.string(template), try Value.map(variables).resolve(context)]]
        case .select(let index, let list):
            return ["Fn::Select": [.number(Double(index)), try list.resolve(context)]]
        case .split(let delimiter, let source):
            return ["Fn::Split": [.string(delimiter), try source.resolve(context)]]
        case .getAZs(let region):
            return ["Fn::GetAZs": try region.resolve(context)]
        case .base64(let value):
            return ["Fn::Base64": try value.resolve(context)]
        case .importValue(let name):
            return ["Fn::ImportValue": try name.resolve(context)]
        case .findInMap(let map, let top, let second):
            return ["Fn::FindInMap": [.string(map), try top.resolve(context), try second.resolve(context)]]
        case .cidr(let block, let count, let bits):
            return ["Fn::Cidr": [try block.resolve(context), try count.resolve(context), try bits.resolve(context)]]
        case .if(let condition, let whenTrue, let whenFalse):
            return ["Fn::If": [.string(condition), try whenTrue.resolve(context), try whenFalse.resolve(context)]]
        case .equals(let a, let b):
            return ["Fn::Equals": [try a.resolve(context), try b.resolve(context)]]
        case .not(let condition):
            return ["Fn::Not": [try condition.resolve(context)]]
        case .and(let conditions):
            return ["Fn::And": try Value.list(conditions).resolve(context)]
        case .or(let conditions):
            return ["Fn::Or": try Value.list(conditions).resolve(context)]
        case .condition(let name):
            return ["Condition": .string(name)]
        }
    }
}
