import KumoJSON

/// A reference from a template value to a resource or parameter: `{"Ref": X}`, `{"Fn::GetAtt": [X, A]}`, or
/// `${X}` / `${X.A}` inside an `Fn::Sub` string.
struct Reference: Hashable, Sendable {
    var target: String
    /// The attribute (`nil` for `Ref`).
    var attribute: String?
}

/// Finding and rewriting references inside template values.
enum References {
    /// Every reference inside `value` (pseudo parameters and `Fn::Sub` variables excluded).
    static func all(in value: JSON) -> [Reference] {
        var found: [Reference] = []
        collect(value, into: &found)
        return found
    }

    /// The logical IDs (or parameter names) referenced inside `value`.
    static func targets(in value: JSON) -> Set<String> { Set(all(in: value).map(\.target)) }

    private static func collect(_ value: JSON, into found: inout [Reference]) {
        switch value {
        case .array(let items):
            for item in items { collect(item, into: &found) }
        case .object(let members):
            if let (name, argument) = value.singleMember {
                switch name {
                case "Ref":
                    if let target = argument.stringValue, !target.hasPrefix("AWS::") { found.append(Reference(target: target, attribute: nil)) }
                    return
                case "Fn::GetAtt":
                    if let (target, attribute) = getAtt(argument) { found.append(Reference(target: target, attribute: attribute)) }
                    return
                case "Fn::Sub":
                    let (text, variables) = sub(argument)
                    if let text {
                        for name in subNames(text) where variables[name] == nil {
                            found.append(reference(fromSubName: name))
                        }
                    }
                    for variable in variables.values { collect(variable, into: &found) }
                    return
                default:
                    break
                }
            }
            for member in members.values { collect(member, into: &found) }
        default:
            break
        }
    }

    /// `value` with every reference for which `replacement(target, attribute)` gives a value replaced by it.
    /// Inside `Fn::Sub` strings only string values are substituted; an `Fn::Sub` left without any `${…}` and
    /// without variables becomes a plain string.
    static func substitute(_ value: JSON, _ replacement: (String, String?) -> JSON?) -> JSON {
        switch value {
        case .array(let items):
            return .array(items.map { substitute($0, replacement) })
        case .object(let members):
            if let (name, argument) = value.singleMember {
                switch name {
                case "Ref":
                    if let target = argument.stringValue, !target.hasPrefix("AWS::"), let literal = replacement(target, nil) { return literal }
                    return value
                case "Fn::GetAtt":
                    if let (target, attribute) = getAtt(argument), let literal = replacement(target, attribute) { return literal }
                    return value
                case "Fn::Sub":
                    return substituteSub(argument, replacement)
                default:
                    break
                }
            }
            var out = JSONObject(minimumCapacity: members.count)
            for (key, member) in members { out[key] = substitute(member, replacement) }
            return .object(out)
        default:
            return value
        }
    }

    private static func substituteSub(_ argument: JSON, _ replacement: (String, String?) -> JSON?) -> JSON {
        let (text, variables) = sub(argument)
        guard let text else { return ["Fn::Sub": argument] }
        var newVariables = JSONObject()
        for (name, variable) in variables { newVariables[name] = substitute(variable, replacement) }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = String(after[..<close])
            let whole = String(rest[open.lowerBound...close])
            rest = after[after.index(after: close)...]
            if name.hasPrefix("!") || name.hasPrefix("AWS::") || variables[name] != nil {
                out += whole
                continue
            }
            let reference = reference(fromSubName: name)
            if case .string(let literal)? = replacement(reference.target, reference.attribute), !literal.contains("${") {
                out += literal
            } else {
                out += whole
            }
        }
        out += rest
        if newVariables.isEmpty {
            if !out.contains("${") { return .string(out) }
            return ["Fn::Sub": .string(out)]
        }
        return ["Fn::Sub": [.string(out), .object(newVariables)]]
    }

    /// `(logicalID, attribute)` of an `Fn::GetAtt` argument (`[X, A]` or `"X.A"`).
    static func getAtt(_ argument: JSON) -> (String, String)? {
        if case .array(let parts) = argument, parts.count == 2, let id = parts[0].stringValue, let attribute = parts[1].stringValue {
            return (id, attribute)
        }
        if let dotted = argument.stringValue, let dot = dotted.firstIndex(of: ".") {
            return (String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
        }
        return nil
    }

    /// The string and variables of an `Fn::Sub` argument.
    private static func sub(_ argument: JSON) -> (String?, JSONObject) {
        if let text = argument.stringValue { return (text, [:]) }
        if case .array(let parts) = argument, parts.count == 2, let text = parts[0].stringValue, case .object(let variables) = parts[1] {
            return (text, variables)
        }
        return (nil, [:])
    }

    /// The names inside `${…}` of an `Fn::Sub` string (not `${!…}`, not pseudo parameters).
    private static func subNames(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if !name.hasPrefix("!") && !name.hasPrefix("AWS::") && !name.isEmpty { names.append(name) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    private static func reference(fromSubName name: String) -> Reference {
        if let dot = name.firstIndex(of: ".") {
            return Reference(target: String(name[..<dot]), attribute: String(name[name.index(after: dot)...]))
        }
        return Reference(target: name, attribute: nil)
    }
}
