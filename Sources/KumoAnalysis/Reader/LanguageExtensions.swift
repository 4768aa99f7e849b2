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
    static func declared(in top: JSONObject) -> Bool { Transforms.declared(transformName, in: top) }

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
            guard case .array(let args) = argument, args.count == 3, case .object(let fragment) = args[2],
                  let identifiers = try identifiers(try expand(args[0], bindings: bindings, at: at), at: at) else {
                throw ReaderError(location: at, "Fn::ForEach takes [\"Identifier\", [collection], {\"OutputKey\": OutputValue}]")
            }
            var out: [(String, JSON)] = []
            for item in try tuples(try expand(args[1], bindings: bindings, at: at), count: identifiers.count, at: at) {
                var inner = bindings
                for (identifier, value) in zip(identifiers, item) { inner[identifier] = value }
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

        /// The loop's identifier, or identifiers (`[Name, Port]`, one per value of each item), each a string or a
        /// `Ref` to a parameter with a `Default`.
        private func identifiers(_ value: JSON, at: String) throws(ReaderError) -> [String]? {
            func one(_ v: JSON) throws(ReaderError) -> String? {
                if case .string(let s) = v, !s.isEmpty { return s }
                if case .string(let parameter)? = v["Ref"], let d = top["Parameters"]?[parameter]?["Default"]?.stringValue { return d }
                return nil
            }
            if case .array(let items) = value {
                var names: [String] = []
                for item in items {
                    guard let name = try one(item) else { return nil }
                    names.append(name)
                }
                return names.isEmpty ? nil : names
            }
            return try one(value).map { [$0] }
        }

        /// The collection's items as one value per identifier: strings for one identifier; lists of values, or
        /// the members of a map (key, value), for several.
        private func tuples(_ value: JSON, count: Int, at: String) throws(ReaderError) -> [[String]] {
            guard count > 1 else { return try collection(value, at: at).map { [$0] } }
            func text(_ v: JSON) throws(ReaderError) -> String {
                switch v {
                case .string(let s): return s
                case .number(let n): return JSONNumberFormat.javaScript(n)
                case .bool(let b): return b ? "true" : "false"
                default: throw ReaderError(location: at, "the collection of Fn::ForEach holds strings, not \(v.kindDescription)")
                }
            }
            switch value {
            case .object(let members) where members["Ref"] == nil && members["Fn::FindInMap"] == nil:
                guard count == 2 else { throw ReaderError(location: at, "a map as the collection of Fn::ForEach takes two identifiers (key, value)") }
                var out: [[String]] = []
                for (key, member) in members { out.append([key, try text(member)]) }
                return out
            case .array(let items):
                var out: [[String]] = []
                for item in items {
                    guard case .array(let values) = item, values.count == count else {
                        throw ReaderError(location: at, "with \(count) identifiers, each item of the collection of Fn::ForEach is a list of \(count) values")
                    }
                    var row: [String] = []
                    for v in values { row.append(try text(v)) }
                    out.append(row)
                }
                return out
            default:
                throw ReaderError(location: at, "with \(count) identifiers, the collection of Fn::ForEach is a list of lists or a map")
            }
        }

        private func possibleKeys(_ key: JSON, among all: [String], at: String) throws(ReaderError) -> [String] {
            guard let keys = LanguageExtensions.keys(key, top, among: all) else {
                throw ReaderError(location: at, "the keys of an Fn::FindInMap collection of Fn::ForEach are strings or Refs to parameters")
            }
            return keys
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
                if case .array(let keys)? = members["Fn::FindInMap"], keys.count >= 3, let map = keys[0].stringValue,
                   case .object(let mapping)? = top["Mappings"]?[map] {
                    // A key known only at deploy time (a parameter without Default) takes every value it can: its
                    // AllowedValues, else every key of the mapping; the loop runs over all their items (the union).
                    let firsts = try possibleKeys(keys[1], among: Array(mapping.keys), at: at)
                    var items: [String] = []
                    for first in firsts {
                        let seconds = try possibleKeys(keys[2], among: Array(mapping[first]?.objectValue?.keys ?? []), at: at)
                        for second in seconds {
                            guard let found = mapping[first]?[second] else {
                                if firsts.count == 1 && seconds.count == 1 {
                                    throw ReaderError(location: at, "the collection of Fn::ForEach: mapping \(map) has no entry \(first).\(second)")
                                }
                                continue
                            }
                            for item in try collection(found, at: at) where !items.contains(item) { items.append(item) }
                        }
                    }
                    return items
                }
                fallthrough
            default:
                throw ReaderError(location: at, "the collection of Fn::ForEach must be a list, a Ref to a list parameter or an Fn::FindInMap, not \(value.kindDescription)")
            }
        }
    }

    /// The values a mapping key can have: a literal; a parameter's Default, else its AllowedValues, else every
    /// key of the mapping level.
    fileprivate static func keys(_ key: JSON, _ top: JSONObject, among all: [String]) -> [String]? {
        if let literal = key.stringValue { return [literal] }
        guard case .string(let parameter)? = key["Ref"], let declaration = top["Parameters"]?[parameter] else { return nil }
        if let d = declaration["Default"]?.stringValue { return [d] }
        if let allowed = declaration["AllowedValues"]?.arrayValue?.compactMap(\.stringValue), !allowed.isEmpty { return allowed }
        return all
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
