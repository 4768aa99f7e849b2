import Foundation
import KumoJSON

/// The `AWS::LanguageExtensions` transform's `Fn::ForEach`, expanded as CloudFormation expands it before
/// anything else is read ("Fn::ForEach", CloudFormation template reference,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html):
///
/// `"Fn::ForEach::LoopName": ["Identifier", Collection, {"OutputKey": OutputValue}]`, in the `Conditions`,
/// `Outputs` and `Resources` sections and in resource properties, nested loops included, writes one
/// `OutputKey: OutputValue` per item of the collection, with `${Identifier}` and `&{Identifier}` replaced in
/// keys and values (`&{}` drops the item's non-alphanumeric characters) and `{"Ref": "Identifier"}` replaced by
/// the item. The collection is a list, or a `Ref` to a `CommaDelimitedList` (or `List<…>`) parameter — known
/// offline through its `Default` — or an `Fn::FindInMap` of literal keys.
///
/// The transform's intrinsic functions (`Fn::Length`, `Fn::ToJsonString`, `Fn::FindInMap` with
/// `DefaultValue`) are evaluated by the ``Resolver``.
enum LanguageExtensions {
    static let transformName = "AWS::LanguageExtensions"

    /// Most keys the loops of one template may write (CloudFormation's quotas apply to the expanded template:
    /// 500 resources; this bound only stops runaway nested loops).
    static let maxGeneratedKeys = 100_000

    /// Whether the template declares the transform (`Transform` is its name or a list holding it).
    static func declared(in top: JSONObject) -> Bool {
        switch top["Transform"] {
        case .string(let name)?: name == transformName
        case .array(let names)?: names.contains(.string(transformName))
        default: false
        }
    }

    /// The document with every `Fn::ForEach` of its Conditions, Outputs and Resources expanded.
    static func expand(_ top: JSONObject, file: String) throws(ReaderError) -> JSONObject {
        var expander = Expander(top: top)
        var out = top
        for section in ["Conditions", "Outputs", "Resources"] {
            guard let value = top[section] else { continue }
            do {
                out[section] = try expander.expand(value, bindings: [:], at: section)
            } catch {
                throw error.inFile(file)
            }
        }
        return out
    }

    private struct Expander {
        let top: JSONObject
        var generated = 0

        mutating func expand(_ value: JSON, bindings: [String: String], at location: String) throws(ReaderError) -> JSON {
            switch value {
            case .string(let s):
                return .string(LanguageExtensions.substitute(s, bindings))
            case .array(let items):
                var out: [JSON] = []
                for (i, item) in items.enumerated() { out.append(try expand(item, bindings: bindings, at: "\(location)[\(i)]")) }
                return .array(out)
            case .object(let members):
                if members.count == 1, case .string(let name)? = members["Ref"], let bound = bindings[name] {
                    return .string(bound)
                }
                var out = JSONObject(minimumCapacity: members.count)
                for (key, member) in members {
                    let at = "\(location).\(key)"
                    if key.hasPrefix("Fn::ForEach::") {
                        for (k, v) in try loop(key, member, bindings: bindings, at: at) {
                            guard out[k] == nil else { throw ReaderError(location: at, "Fn::ForEach writes the key \(k) twice (or over an existing one)") }
                            out[k] = v
                        }
                        continue
                    }
                    let k = LanguageExtensions.substitute(key, bindings)
                    guard out[k] == nil else { throw ReaderError(location: at, "Fn::ForEach writes the key \(k) twice (or over an existing one)") }
                    out[k] = try expand(member, bindings: bindings, at: at)
                }
                return .object(out)
            default:
                return value
            }
        }

        /// One loop: its keys and values, in collection order.
        private mutating func loop(_ key: String, _ argument: JSON, bindings: [String: String], at: String) throws(ReaderError) -> [(String, JSON)] {
            let name = String(key.dropFirst("Fn::ForEach::".count))
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ReaderError(location: at, "a loop name (Fn::ForEach::Name) is letters and digits")
            }
            guard case .array(let args) = argument, args.count == 3, case .string(let identifier) = args[0], !identifier.isEmpty,
                  case .object(let fragment) = args[2] else {
                throw ReaderError(location: at, "Fn::ForEach takes [\"Identifier\", [collection], {\"OutputKey\": OutputValue}]")
            }
            var out: [(String, JSON)] = []
            for item in try collection(try expand(args[1], bindings: bindings, at: at), at: at) {
                var inner = bindings
                inner[identifier] = item
                let expanded = try expand(.object(fragment), bindings: inner, at: at)
                for (k, v) in expanded.objectValue ?? [:] {
                    generated += 1
                    if generated > LanguageExtensions.maxGeneratedKeys {
                        throw ReaderError(location: at, "Fn::ForEach writes more than \(YAMLLimits.grouped(LanguageExtensions.maxGeneratedKeys)) keys")
                    }
                    out.append((k, v))
                }
            }
            return out
        }

        /// The items of a loop's collection, as strings.
        private func collection(_ value: JSON, at: String) throws(ReaderError) -> [String] {
            switch value {
            case .array(let items):
                var out: [String] = []
                for item in items {
                    switch item {
                    case .string(let s): out.append(s)
                    case .number(let n): out.append(JSONNumberFormat.javaScript(n))
                    case .object where item["Ref"] != nil:
                        out += try collection(item, at: at)
                    default:
                        throw ReaderError(location: at, "the collection of Fn::ForEach holds strings, not \(item.kindDescription)")
                    }
                }
                return out
            case .object(let members) where members.count == 1:
                if case .string(let parameter)? = members["Ref"] {
                    guard let declaration = top["Parameters"]?[parameter] else {
                        throw ReaderError(location: at, "the collection of Fn::ForEach is Ref \(parameter), which is not a parameter")
                    }
                    guard let defaultValue = declaration["Default"] else {
                        throw ReaderError(
                            location: at,
                            "the collection of Fn::ForEach is parameter \(parameter), known only at deploy time: give it a Default to read the template offline")
                    }
                    if case .array(let items) = defaultValue { return try collection(.array(items), at: at) }
                    guard let text = defaultValue.stringValue else {
                        throw ReaderError(location: at, "the Default of parameter \(parameter) is not a list")
                    }
                    return text.isEmpty ? [] : text.splitting(by: ",")
                }
                if case .array(let keys)? = members["Fn::FindInMap"], keys.count >= 3,
                   let map = keys[0].stringValue, let first = keys[1].stringValue, let second = keys[2].stringValue {
                    guard let found = top["Mappings"]?[map]?[first]?[second] else {
                        throw ReaderError(location: at, "the collection of Fn::ForEach: mapping \(map) has no entry \(first).\(second)")
                    }
                    return try collection(found, at: at)
                }
                fallthrough
            default:
                throw ReaderError(location: at, "the collection of Fn::ForEach must be a list, a Ref to a list parameter or an Fn::FindInMap, not \(value.kindDescription)")
            }
        }
    }

    /// `${Identifier}` → the item, `&{Identifier}` → the item without its non-alphanumeric characters.
    static func substitute(_ text: String, _ bindings: [String: String]) -> String {
        guard !bindings.isEmpty, text.contains("{") else { return text }
        var out = text
        for (identifier, value) in bindings {
            out = out.replacingOccurrences(of: "${\(identifier)}", with: value)
            out = out.replacingOccurrences(of: "&{\(identifier)}", with: String(value.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }))
        }
        return out
    }
}
