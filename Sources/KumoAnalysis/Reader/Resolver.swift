import Foundation
import KumoJSON
import KumoPolicy

/// Evaluates a template's intrinsic functions symbolically: what CloudFormation would compute at deploy time,
/// with unknowns (resource IDs, the EKS issuer) kept as ``Symbol``s inside strings.
///
/// `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` (with whole JSON documents in its string), `Fn::Select`,
/// `Fn::Split`, `Fn::If` and conditions, `Fn::FindInMap`, `Fn::GetAZs`, `Fn::Base64` are evaluated; the `Ref`
/// and attributes of resource types that matter to IAM (roles, policies, OIDC providers, EKS clusters, ECR
/// repositories, CDK's `Custom::AWSCDKCfnJson` and cluster custom resource) are computed from their
/// properties, so that a CDK template and Kumo's resolve to the same documents.
public final class Resolver {
    public let template: CloudTemplate
    private var cache: [String: JSON?] = [:]
    private var propertyCache: [PropertyKey: JSON?] = [:]
    private var pseudoCache: [String: String] = [:]
    private var visiting: [String] = []

    public init(_ template: CloudTemplate) { self.template = template }

    /// The resolved value; `nil` when it is `{"Ref": "AWS::NoValue"}` (the property is absent).
    public func resolve(_ value: JSON, at location: String) throws(ReaderError) -> JSON? {
        do {
            return try evaluate(value, at: location)
        } catch {
            throw error.at(location).inFile(template.file)
        }
    }

    /// A resource property, resolved (`nil` when absent). Memoized: the analyses that share a resolver
    /// (IAM model, diff) resolve each property once.
    public func property(_ logicalID: String, _ name: String) throws(ReaderError) -> JSON? {
        let key = PropertyKey(logicalID: logicalID, name: name)
        if let cached = propertyCache[key] { return cached }
        guard let value = template.resources[logicalID]?.properties[name] else { return nil }
        let resolved = try resolve(value, at: "Resources.\(logicalID).Properties.\(name)")
        propertyCache[key] = .some(resolved)
        return resolved
    }

    private struct PropertyKey: Hashable {
        var logicalID: String
        var name: String
    }

    // MARK: - Evaluation

    private func evaluate(_ value: JSON, at location: String) throws(ReaderError) -> JSON? {
        switch value {
        case .string(let s):
            // U+E000 and U+E001 are EE 80 80 / EE 80 81 in UTF-8: most strings have no 0xEE byte at all.
            if s.utf8.contains(0xEE), Symbol.isSymbolic(s) || s.unicodeScalars.contains(Symbol.close) {
                throw ReaderError(location: location, "the template contains reserved characters U+E000/U+E001")
            }
            return value
        case .null, .bool, .number:
            return value
        case .array(let items):
            var out: [JSON] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if Resolver.isPlainScalar(item) {
                    out.append(item)
                } else if let resolved = try evaluate(item, at: "\(location)[\(i)]") {
                    out.append(resolved)
                }
            }
            return .array(out)
        case .object(let members):
            if let (name, argument) = value.singleMember, name == "Ref" || name.hasPrefix("Fn::") {
                return try intrinsic(name, argument, at: location)
            }
            var out = JSONObject(minimumCapacity: members.count)
            for (key, member) in members {
                if Resolver.isPlainScalar(member) {
                    out[key] = member
                } else if let resolved = try evaluate(member, at: "\(location).\(key)") {
                    out[key] = resolved
                }
            }
            return .object(out)
        }
    }

    /// A value that resolves to itself: a number, boolean, null, or a string without the reserved characters
    /// (checked without building its location, which only an error needs).
    @inline(__always)
    private static func isPlainScalar(_ value: JSON) -> Bool {
        switch value {
        case .string(let s): !s.utf8.contains(0xEE)
        case .null, .bool, .number: true
        case .array, .object: false
        }
    }

    private func intrinsic(_ name: String, _ argument: JSON, at location: String) throws(ReaderError) -> JSON? {
        let at = "\(location).\(name)"
        switch name {
        case "Ref":
            guard let target = argument.stringValue else { throw ReaderError(location: at, "Ref takes a logical ID or pseudo parameter name") }
            return try ref(target, at: at)
        case "Fn::GetAtt":
            let (id, attributeName) = try getAttArguments(argument, at: at)
            return try attribute(of: id, attributeName, at: at)
        case "Fn::Join":
            guard case .array(let args) = argument, args.count == 2, let delimiter = args[0].stringValue else {
                throw ReaderError(location: at, "Fn::Join takes [delimiter, [values]]")
            }
            let list = try evaluate(args[1], at: at).map(ConditionalValue.symbolized)
            if let symbolic = Resolver.symbolicList(list) {
                return .string(Symbol.opaque("Fn::Join \(symbolic)").encoded)
            }
            guard case .array(let items)? = list else {
                throw ReaderError(location: at, "the second argument of Fn::Join must be a list")
            }
            return .string(try items.map { item throws(ReaderError) in try text(item, at: at) }.joined(separator: delimiter))
        case "Fn::Sub":
            return .string(try sub(argument, at: at))
        case "Fn::Select":
            guard case .array(let args) = argument, args.count == 2 else {
                throw ReaderError(location: at, "Fn::Select takes [index, list]")
            }
            let indexValue = try evaluate(args[0], at: at).map(ConditionalValue.symbolized)
            guard let index = indexValue?.numberValue.map({ Int($0) }) ?? indexValue?.stringValue.flatMap({ Int($0) }) else {
                // An index known only at deploy time (`Ref` of a Number parameter, as AWS's Lambda destination
                // and Fn::Cidr samples write): which item is a symbol, `<Fn::Select <Switch> of …>`.
                if Resolver.symbolicList(indexValue) != nil, let written = indexValue?.stringValue {
                    let list = try evaluate(args[1], at: at).map(ConditionalValue.symbolized)
                    let of = Resolver.symbolicList(list) != nil ? list?.stringValue : list?.arrayValue.map { "a list of \($0.count)" }
                    return .string(Symbol.opaque("Fn::Select \(written) of \(of ?? "a list")").encoded)
                }
                throw ReaderError(location: at, "the index of Fn::Select must be a number")
            }
            if let piece = try selectSplit(index, args[1], at: at) { return piece }
            if let (name, region) = args[1].singleMember, name == "Fn::GetAZs" {
                // A region has as many zones as it has: any index is a zone known at deploy time.
                return .string(Symbol.opaque("Fn::GetAZs \(try text(try evaluate(region, at: at) ?? .string(""), at: at))[\(index)]").encoded)
            }
            let list = try evaluate(args[1], at: at).map(ConditionalValue.symbolized)
            if let symbolic = Resolver.symbolicList(list) {
                return .string(Symbol.opaque("\(symbolic)[\(index)]").encoded)
            }
            guard case .array(let items)? = list else {
                throw ReaderError(location: at, "the second argument of Fn::Select must be a list")
            }
            guard items.indices.contains(index) else {
                throw ReaderError(location: at, "Fn::Select index \(index) is out of range for a list of \(items.count)")
            }
            return items[index]
        case "Fn::Split":
            guard case .array(let args) = argument, args.count == 2, let delimiter = args[0].stringValue, !delimiter.isEmpty else {
                throw ReaderError(location: at, "Fn::Split takes [delimiter, string]")
            }
            let source = try text(try evaluate(args[1], at: at) ?? .string(""), at: at)
            return .array(source.splitting(by: delimiter).map(JSON.string))
        case "Fn::If":
            guard case .array(let args) = argument, args.count == 3, let condition = args[0].stringValue else {
                throw ReaderError(location: at, "Fn::If takes [condition, valueIfTrue, valueIfFalse]")
            }
            switch try evaluateCondition(named: condition, at: at) {
            case true?: return try evaluate(args[1], at: at)
            case false?: return try evaluate(args[2], at: at)
            case nil:
                // Both branches, kept as a conditional value (ConditionalValue): the analyses take both ways.
                let a = try evaluate(args[1], at: at)
                let b = try evaluate(args[2], at: at)
                if a == b { return a }
                return ConditionalValue.make(condition, a, b)
            }
        case "Fn::FindInMap":
            // A fourth argument {"DefaultValue": X} (AWS::LanguageExtensions) is the value of a missing entry.
            guard case .array(let args) = argument, args.count == 3 || args.count == 4 else {
                throw ReaderError(location: at, "Fn::FindInMap takes [map, topKey, secondKey] or [map, topKey, secondKey, {\"DefaultValue\": value}]")
            }
            var fallback: JSON?
            if args.count == 4 {
                guard case .object(let options) = args[3], options.count == 1, let value = options["DefaultValue"] else {
                    throw ReaderError(location: at, "the fourth argument of Fn::FindInMap is {\"DefaultValue\": value}")
                }
                fallback = value
            }
            let keys = try args.prefix(3).map { arg throws(ReaderError) in try text(try evaluate(arg, at: at) ?? .null, at: at) }
            guard let value = template.mappings[keys[0]]?[keys[1]]?[keys[2]] else {
                if let fallback { return try evaluate(fallback, at: at + ".DefaultValue") }
                if keys.contains(where: Symbol.isSymbolic) { return .string(Symbol.opaque("Fn::FindInMap").encoded) }
                throw ReaderError(location: at, "mapping \(keys[0]) has no entry \(keys[1]).\(keys[2])")
            }
            return value
        case "Fn::GetAZs":
            let region = try text(try evaluate(argument, at: at) ?? .string(""), at: at)
            return .array((0..<3).map { .string(Symbol.opaque("Fn::GetAZs \(region)[\($0)]").encoded) })
        case "Fn::Base64":
            let source = try text(try evaluate(argument, at: at) ?? .string(""), at: at)
            if Symbol.isSymbolic(source) { return .string(Symbol.opaque("Fn::Base64").encoded) }
            return .string(Base64.encode(Array(source.utf8)))
        case "Fn::ImportValue":
            let exported = try text(try evaluate(argument, at: at) ?? .string(""), at: at)
            return .string(Symbol.opaque("Fn::ImportValue " + exported).encoded)
        case "Fn::Length":
            // AWS::LanguageExtensions: the number of items of a list (or of an intrinsic that returns one).
            let list = try evaluate(argument, at: at).map(ConditionalValue.symbolized)
            if let symbolic = Resolver.symbolicList(list) { return .string(Symbol.opaque("Fn::Length \(symbolic)").encoded) }
            guard case .array(let items)? = list else { throw ReaderError(location: at, "Fn::Length takes a list") }
            return .number(Double(items.count))
        case "Fn::ToJsonString":
            // AWS::LanguageExtensions: an object or a list as compact JSON text; deploy-time values stay symbols.
            guard let value = try evaluate(argument, at: at), value.objectValue != nil || value.arrayValue != nil else {
                throw ReaderError(location: at, "Fn::ToJsonString takes an object or a list")
            }
            if ConditionalValue.occurs(in: value) { return .string(Symbol.opaque("Fn::ToJsonString").encoded) }
            return .string(value.serialized())
        case "Fn::Cidr", "Fn::GetStackOutput", "Fn::Transform":
            return .string(Symbol.opaque(name).encoded)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
            switch try evaluateConditionExpression([name: argument], at: at) {
            case let decided?: return .bool(decided)
            case nil: return .string(Symbol.opaque(name).encoded)
            }
        default:
            throw ReaderError(location: at, "unknown intrinsic function \(name)")
        }
    }

    /// `Fn::Select [index, Fn::Split [delimiter, source]]`, piece by piece: ARNs of the template's resources
    /// are written out per segment first (``ARNShapes``), and a piece at or after a symbol that may contain the
    /// delimiter (a parameter, a name the template does not give) is a symbol, not an error: its place in the
    /// list is known only at deploy time. `nil` when the list is not an `Fn::Split`.
    private func selectSplit(_ index: Int, _ list: JSON, at: String) throws(ReaderError) -> JSON? {
        guard let (name, argument) = list.singleMember, name == "Fn::Split" else { return nil }
        let at = at + ".Fn::Split"
        guard case .array(let args) = argument, args.count == 2, let delimiter = args[0].stringValue, !delimiter.isEmpty else {
            throw ReaderError(location: at, "Fn::Split takes [delimiter, string]")
        }
        let written = try text(try evaluate(args[1], at: at) ?? .string(""), at: at)
        let pieces = try ARNShapes.expanding(written, self).splitting(by: delimiter)
        let uncertain = pieces.firstIndex { piece in
            Symbol.parts(of: piece).contains { part in
                if case .symbol(let symbol) = part { return symbol.mayContain(delimiter) }
                return false
            }
        }
        if let uncertain, index >= uncertain {
            return .string(Symbol.opaque("Fn::Select \(index) of Fn::Split \"\(delimiter)\" of \(written)").encoded)
        }
        guard pieces.indices.contains(index) else {
            throw ReaderError(location: at, "Fn::Select index \(index) is out of range for a list of \(pieces.count)")
        }
        return .string(pieces[index])
    }

    /// The name of a list known only at deploy time (`Ref` of a `List<…>` parameter resolves to one symbol),
    /// so that `Fn::Select`/`Fn::Join` over it give a symbol (`<ClusterSubnetIds[0]>`) instead of an error.
    static func symbolicList(_ value: JSON?) -> String? {
        guard case .string(let text)? = value, Symbol.isSymbolic(text) else { return nil }
        let parts = Symbol.parts(of: text)
        guard parts.count == 1, case .symbol(let symbol) = parts[0] else { return nil }
        switch symbol {
        case .ref(let id): return id
        case .attribute(let id, let attribute): return id + "." + attribute
        case .pseudo(let name), .opaque(let name): return name
        case .issuer(let id): return id + " issuer"
        case .part(let value, let part): return value + " " + part
        }
    }

    private func getAttArguments(_ argument: JSON, at: String) throws(ReaderError) -> (String, String) {
        switch argument {
        case .array(let args) where args.count == 2:
            // The logical ID may be an intrinsic that gives a string (AWS::LanguageExtensions: `!Sub "Bucket${Id}"`).
            var logicalID = args[0].stringValue
            if logicalID == nil, case .object = args[0] { logicalID = try evaluate(args[0], at: at).map(ConditionalValue.symbolized)?.stringValue }
            guard let id = logicalID else { break }
            if let attribute = args[1].stringValue { return (id, attribute) }
            if let resolved = try evaluate(args[1], at: at).map(ConditionalValue.symbolized)?.stringValue { return (id, resolved) }
        case .string(let dotted):
            if let dot = dotted.firstIndex(of: ".") {
                return (String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
            }
        default:
            break
        }
        throw ReaderError(location: at, "Fn::GetAtt takes [logicalID, attribute]")
    }

    /// A resolved value used where CloudFormation expects a string.
    private func text(_ value: JSON, at: String) throws(ReaderError) -> String {
        switch ConditionalValue.symbolized(value) {
        case .string(let s): return s
        case .number(let n): return JSONNumberFormat.javaScript(n)
        case .bool(let b): return b ? "true" : "false"
        default:
            throw ReaderError(location: at, "expected a string, found \(value.kindDescription)")
        }
    }

    // MARK: - Fn::Sub

    private func sub(_ argument: JSON, at location: String) throws(ReaderError) -> String {
        var template: String
        var variables: JSONObject = [:]
        // The string may be written by a macro (`Fn::Sub: {Fn::Transform: …}`, cfn-lint's own sample): macros run
        // before Fn::Sub is evaluated, so the text is known only at deploy time.
        let written = argument.arrayValue?.first ?? argument
        if let (name, _) = written.singleMember, name == "Fn::Transform" {
            return Symbol.opaque("Fn::Sub of Fn::Transform").encoded
        }
        switch argument {
        case .string(let s): template = s
        case .array(let args) where args.count == 2:
            guard let s = args[0].stringValue, case .object(let vars) = args[1] else {
                throw ReaderError(location: location, "Fn::Sub takes a string or [string, {variables}]")
            }
            template = s
            variables = vars
        default:
            throw ReaderError(location: location, "Fn::Sub takes a string or [string, {variables}]")
        }
        // Scanned as UTF-8 bytes (`$`, `{`, `!`, `}` are ASCII, so never inside a multi-byte character).
        let bytes = Array(template.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var literalStart = 0
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            out.append(contentsOf: bytes[literalStart..<i])
            let afterOpen = i + 2
            if afterOpen < bytes.count, bytes[afterOpen] == UInt8(ascii: "!") {
                out.append(contentsOf: "${".utf8)
                i = afterOpen + 1
                literalStart = i
                continue
            }
            guard let close = bytes[afterOpen...].firstIndex(of: UInt8(ascii: "}")) else {
                throw ReaderError(location: location, "unterminated ${ in Fn::Sub")
            }
            var name = String(decoding: bytes[afterOpen..<close], as: UTF8.self)
            if name.first?.isWhitespace == true || name.last?.isWhitespace == true {
                name = name.trimmingCharacters(in: .whitespaces)
            }
            i = close + 1
            literalStart = i
            let value: String
            if let variable = variables[name] {
                value = try text(try evaluate(variable, at: "\(location).\(name)") ?? .string(""), at: location)
            } else if name.hasPrefix("AWS::") {
                value = try text(try ref(name, at: location) ?? .string(""), at: location)
            } else if let dot = name.firstIndex(of: ".") {
                value = try text(try attribute(of: String(name[..<dot]), String(name[name.index(after: dot)...]), at: location), at: location)
            } else {
                value = try text(try ref(name, at: location) ?? .string(""), at: location)
            }
            out.append(contentsOf: value.utf8)
        }
        out.append(contentsOf: bytes[literalStart...])
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Ref and Fn::GetAtt

    /// `Ref` of a logical ID or pseudo parameter.
    public func ref(_ target: String, at location: String) throws(ReaderError) -> JSON? {
        if target == "AWS::NoValue" { return nil }
        if target.hasPrefix("AWS::") { return .string(pseudo(target)) }
        if template.parameters[target] != nil { return .string(Symbol.ref(target).encoded) }
        guard let resource = template.resources[target] else {
            throw ReaderError(location: location, "Ref to \(target), which is neither a resource, a parameter nor a pseudo parameter")
        }
        return try memoized("ref:" + target, at: location) { () throws(ReaderError) in
            // A name chosen by a condition is a physical ID like any unknown one.
            try ResourceSemantics.ref(resource, self).flatMap { ConditionalValue.parts($0) == nil ? Optional($0) : JSON?.none }
                ?? .string(Symbol.ref(target).encoded)
        }
    }

    /// `Fn::GetAtt` of a resource.
    public func attribute(of logicalID: String, _ attribute: String, at location: String) throws(ReaderError) -> JSON {
        guard let resource = template.resources[logicalID] else {
            throw ReaderError(location: location, "Fn::GetAtt of \(logicalID), which is not a resource of the template")
        }
        return try memoized("att:\(logicalID).\(attribute)", at: location) { () throws(ReaderError) in
            try ResourceSemantics.attribute(resource, attribute, self).flatMap { ConditionalValue.parts($0) == nil ? Optional($0) : JSON?.none }
                ?? .string(Symbol.attribute(logicalID, attribute).encoded)
        } ?? .string("")
    }

    /// The value of a pseudo parameter: literal when the environment gives it, a symbol otherwise.
    public func pseudo(_ name: String) -> String {
        if let cached = pseudoCache[name] { return cached }
        let value = computePseudo(name)
        pseudoCache[name] = value
        return value
    }

    private func computePseudo(_ name: String) -> String {
        let environment = template.environment
        switch name {
        case "AWS::AccountId": if let account = environment.account { return account }
        case "AWS::Region": if let region = environment.region { return region }
        case "AWS::Partition": if let partition = environment.partition { return partition }
        case "AWS::URLSuffix":
            if let partition = environment.partition { return partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com" }
        case "AWS::StackName": return template.name
        default: break
        }
        return Symbol.pseudo(name).encoded
    }

    private func memoized(_ key: String, at location: String, _ compute: () throws(ReaderError) -> JSON?) throws(ReaderError) -> JSON? {
        if let cached = cache[key] { return cached }
        if let start = visiting.firstIndex(of: key) {
            let cycle = (visiting[start...] + [key]).map { $0.replacingPrefix("ref:").replacingPrefix("att:") }
            throw ReaderError(location: location, "cyclic reference: \(cycle.joined(separator: " → "))")
        }
        visiting.append(key)
        defer { visiting.removeLast() }
        let value = try compute()
        cache[key] = .some(value)
        return value
    }

    // MARK: - Conditions

    /// The value of a named condition; `nil` when it depends on deploy-time values.
    public func evaluateCondition(named name: String, at location: String) throws(ReaderError) -> Bool? {
        guard let expression = template.conditions[name] else {
            throw ReaderError(location: location, "condition \(name) is not defined in Conditions")
        }
        let key = "condition:" + name
        // Memoized: conditions that name other conditions form a DAG, which would take exponential time otherwise.
        if let cached = cache[key] { return cached?.boolValue }
        if let start = visiting.firstIndex(of: key) {
            throw ReaderError(location: location, "cyclic condition: \((visiting[start...] + [key]).joined(separator: " → "))")
        }
        visiting.append(key)
        defer { visiting.removeLast() }
        let value = try evaluateConditionExpression(expression, at: "Conditions.\(name)")
        cache[key] = .some(value.map(JSON.bool))
        return value
    }

    private func evaluateConditionExpression(_ expression: JSON, at location: String) throws(ReaderError) -> Bool? {
        guard let (name, argument) = expression.singleMember else {
            if case .bool(let b) = expression { return b }
            throw ReaderError(location: location, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {\"Condition\": name}")
        }
        switch name {
        case "Condition":
            guard let other = argument.stringValue else { throw ReaderError(location: location, "Condition takes a condition name") }
            return try evaluateCondition(named: other, at: location)
        case "Fn::Equals":
            guard case .array(let args) = argument, args.count == 2 else {
                throw ReaderError(location: location, "Fn::Equals takes two values")
            }
            let a = try evaluate(args[0], at: location).map(ConditionalValue.symbolized)
            let b = try evaluate(args[1], at: location).map(ConditionalValue.symbolized)
            if let a, let b, case .string(let x) = a, case .string(let y) = b, Symbol.isSymbolic(x) || Symbol.isSymbolic(y) {
                return x == y ? true : nil
            }
            return a == b
        case "Fn::Not":
            guard case .array(let args) = argument, args.count == 1 else { throw ReaderError(location: location, "Fn::Not takes one condition") }
            return try evaluateConditionExpression(args[0], at: location).map { !$0 }
        case "Fn::And", "Fn::Or":
            guard case .array(let args) = argument, (2...10).contains(args.count) else {
                throw ReaderError(location: location, "\(name) takes 2 to 10 conditions")
            }
            var results: [Bool?] = []
            for arg in args { results.append(try evaluateConditionExpression(arg, at: location)) }
            if name == "Fn::And" {
                if results.contains(false) { return false }
                return results.contains(where: { $0 == nil }) ? nil : true
            }
            if results.contains(true) { return true }
            return results.contains(where: { $0 == nil }) ? nil : false
        default:
            throw ReaderError(location: location, "unknown condition function \(name)")
        }
    }
}
