import KumoJSON

/// Checks a resource's `Properties` against its schema, as cfn-lint's schema rules (E3xxx) do, before any
/// template is written: unknown properties (with "did you mean"), JSON types, required properties, enums,
/// patterns, lengths, numeric ranges, item counts, `additionalProperties: false` in nested types, `oneOf`/`anyOf`.
///
/// Types are checked as CloudFormation converts them (and as cfn-lint does by default): a string property takes
/// any scalar, an integer `"5"`, a boolean `"true"`. Intrinsic functions are accepted wherever a value goes —
/// CloudFormation only knows their result at deploy time — except that both branches of an `Fn::If` are
/// checked, and `{"Ref": "AWS::NoValue"}` counts as absent. Strings holding a dynamic reference
/// (`{{resolve:…}}`) are not checked against patterns, lengths or enums.
public struct SchemaValidator {
    public let schema: ResourceSchema

    public init(_ schema: ResourceSchema) { self.schema = schema }

    /// Every violation in `properties` (the resource's `Properties` object, `nil` when it has none).
    public func violations(properties: JSON?) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        let path = ["Properties"]
        var root: JSONObject = ["type": "object"]
        for key in ["properties", "required", "additionalProperties", "oneOf", "anyOf", "allOf"] {
            if let value = schema.root[key] { root[key] = value }
        }
        validate(properties ?? [:], .object(root), path, owner: schema.typeName, into: &found)
        for readOnly in schema.readOnlyPaths where !readOnly.contains("*") {
            if let value = Self.value(at: readOnly[...], in: properties ?? [:]), !Intrinsics.isNoValue(value) {
                found.append(
                    SchemaViolation(
                        .readOnly, at: path + readOnly, "\(readOnly.joined(separator: ".")) is read-only: CloudFormation sets it",
                        fix: "remove it; read it with Fn::GetAtt \(readOnly.joined(separator: ".")) (attr\(readOnly.joined()) of the typed L1)"))
            }
        }
        return found
    }

    static func value(at path: ArraySlice<String>, in json: JSON) -> JSON? {
        guard let first = path.first else { return json }
        guard let member = json[first] else { return nil }
        return value(at: path.dropFirst(), in: member)
    }

    // MARK: - Walking

    private func validate(_ value: JSON, _ node: JSON, _ path: [String], owner: String, into found: inout [SchemaViolation]) {
        let node = schema.resolve(node)
        if let function = Intrinsics.function(of: value) {
            if function == "Fn::If", let args = value["Fn::If"]?.arrayValue, args.count == 3 {
                for (index, branch) in args.dropFirst().enumerated() where !Intrinsics.isNoValue(branch) {
                    validate(branch, node, path + ["Fn::If", String(index + 1)], owner: owner, into: &found)
                }
            }
            return
        }
        if let types = node["type"], !matchesType(value, types) {
            found.append(wrongType(value, types, path))
            return
        }
        checkScalar(value, node, path, into: &found)
        switch value {
        case .array(let items):
            checkCount(items.count, node, path, into: &found)
            if let itemSchema = node["items"], itemSchema.objectValue != nil {
                for (index, item) in items.enumerated() {
                    validate(item, itemSchema, path + [String(index)], owner: owner, into: &found)
                }
            }
        case .object(let members):
            checkObject(members, node, path, owner: owner, into: &found)
        default:
            break
        }
        checkBranches(value, node, path, owner: owner, into: &found)
    }

    private func checkObject(
        _ members: JSONObject, _ node: JSON, _ path: [String], owner: String, into found: inout [SchemaViolation]
    ) {
        let properties = node["properties"]?.objectValue ?? [:]
        let patterns = node["patternProperties"]?.objectValue ?? [:]
        let additional = node["additionalProperties"]
        let present = members.filter { !Intrinsics.isNoValue($0.value) }
        for (key, member) in present {
            if let propertySchema = properties[key] {
                validate(member, propertySchema, path + [key], owner: owner, into: &found)
                continue
            }
            let matching = patterns.filter { PatternCache.matches($0.key, key) ?? true }
            if !matching.isEmpty {
                for (_, patternSchema) in matching { validate(member, patternSchema, path + [key], owner: owner, into: &found) }
                continue
            }
            if additional == .bool(false) {
                found.append(unknownMember(key, known: Array(properties.keys), patterns: Array(patterns.keys), path, owner: owner))
            } else if let additional, additional.objectValue != nil {
                validate(member, additional, path + [key], owner: owner, into: &found)
            }
        }
        for name in node["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where present[name] == nil {
            found.append(
                SchemaViolation(
                    .missingRequired, at: path + [name], "required property \(name) is missing",
                    fix: "set \(name)" + (path.count == 1 ? " (an initializer parameter of the typed L1)" : "")))
        }
        // cfn-lint's keywords: exactly one (`requiredXor`) or at least one (`requiredOr`) of a set.
        if let choices = node["requiredXor"]?.arrayValue?.compactMap(\.stringValue), !choices.isEmpty {
            let given = choices.filter { present[$0] != nil }
            if given.count != 1 {
                found.append(
                    SchemaViolation(
                        .noBranchMatches, at: path,
                        given.isEmpty ? "the schema asks for exactly one of \(choices.joined(separator: ", "))"
                            : "\(given.joined(separator: " and ")) are given; the schema allows only one of \(choices.joined(separator: ", "))",
                        fix: given.isEmpty ? "set one of \(choices.joined(separator: ", "))" : "keep only one of them"))
            }
        }
        if let choices = node["requiredOr"]?.arrayValue?.compactMap(\.stringValue), !choices.isEmpty,
            !choices.contains(where: { present[$0] != nil })
        {
            found.append(SchemaViolation(.noBranchMatches, at: path, "the schema asks for at least one of \(choices.joined(separator: ", "))", fix: "set one of \(choices.joined(separator: ", "))"))
        }
        if let min = node["minProperties"]?.numberValue, Double(present.count) < min {
            found.append(SchemaViolation(.memberCount, at: path, "has \(present.count) members; the schema asks for at least \(Int(min))", fix: "add members"))
        }
        if let max = node["maxProperties"]?.numberValue, Double(present.count) > max {
            found.append(SchemaViolation(.memberCount, at: path, "has \(present.count) members; the schema allows at most \(Int(max))", fix: "remove members"))
        }
    }

    /// `oneOf` / `anyOf`: at least one branch must hold (a value valid under two `oneOf` branches is accepted);
    /// `allOf`: every branch.
    private func checkBranches(_ value: JSON, _ node: JSON, _ path: [String], owner: String, into found: inout [SchemaViolation]) {
        for keyword in ["oneOf", "anyOf"] {
            guard let branches = node[keyword]?.arrayValue, !branches.isEmpty else { continue }
            var best: [SchemaViolation]?
            for branch in branches {
                var inner: [SchemaViolation] = []
                validate(value, branch, path, owner: owner, into: &inner)
                if inner.isEmpty {
                    best = nil
                    break
                }
                if best == nil || inner.count < best!.count { best = inner }
            }
            if let best {
                let required = branches.compactMap { $0["required"]?.arrayValue?.compactMap(\.stringValue) }
                let present = value.objectValue.map { Set($0.filter { !Intrinsics.isNoValue($0.value) }.keys) } ?? []
                let someSetPresent = required.contains { $0.allSatisfy(present.contains) }
                if required.count == branches.count, !required.isEmpty, !someSetPresent {
                    let options = required.map { $0.joined(separator: " and ") }.joined(separator: ", or ")
                    let verb = keyword == "oneOf" ? "exactly one of" : "at least one of"
                    found.append(SchemaViolation(.noBranchMatches, at: path, "the schema asks for \(verb): \(options)", fix: "set \(options)"))
                } else {
                    found += best
                }
            }
        }
        for branch in node["allOf"]?.arrayValue ?? [] { validate(value, branch, path, owner: owner, into: &found) }
    }

    // MARK: - Scalars

    private func checkScalar(_ value: JSON, _ node: JSON, _ path: [String], into found: inout [SchemaViolation]) {
        let text: String? =
            switch value {
            case .string(let s): s
            case .number(let n): JSONNumberFormat.javaScript(n)
            case .bool(let b): b ? "true" : "false"
            default: nil
            }
        guard let text else { return }
        if case .string(let s) = value, s.contains("{{resolve:") { return }
        if let options = node["enum"]?.arrayValue, !options.contains(where: { Self.equal(value, $0) }) {
            let listed = options.prefix(20).map { $0.serialized() }.joined(separator: ", ") + (options.count > 20 ? ", …" : "")
            found.append(
                SchemaViolation(
                    .enumValue, at: path, "\(value.serialized()) is not one of the values the schema allows",
                    fix: "use one of \(listed); for a value AWS added after these schemas, keep it and call suppressSchemaChecks(at:reason:)"))
        }
        if let options = node["enumCaseInsensitive"]?.arrayValue, case .string(let s) = value,
            !options.contains(where: { $0.stringValue?.lowercased() == s.lowercased() })
        {
            let listed = options.prefix(20).map { $0.serialized() }.joined(separator: ", ")
            found.append(SchemaViolation(.enumValue, at: path, "\(value.serialized()) is not one of the values the schema allows (in any case)", fix: "use one of \(listed)"))
        }
        if case .string(let s) = value, let format = node["format"]?.stringValue, let problem = Formats.problem(s, format) {
            found.append(SchemaViolation(.pattern, at: path, "\(value.serialized()) is not \(problem)", fix: "give \(problem)"))
        }
        if case .string(let s) = value {
            let length = s.unicodeScalars.count
            if let min = node["minLength"]?.numberValue, Double(length) < min {
                found.append(SchemaViolation(.length, at: path, "\(value.serialized()) is \(length) characters; the schema asks for at least \(Int(min))", fix: "use \(Int(min)) characters or more"))
            }
            if let max = node["maxLength"]?.numberValue, Double(length) > max {
                found.append(SchemaViolation(.length, at: path, "\(String(s.prefix(40)).debugDescription)\(length > 40 ? "…" : "") is \(length) characters; the schema allows at most \(Int(max))", fix: "shorten it to \(Int(max)) characters"))
            }
        }
        if let pattern = node["pattern"]?.stringValue, PatternCache.matches(pattern, text) == false {
            found.append(SchemaViolation(.pattern, at: path, "\(value.serialized()) does not match the pattern \(pattern)", fix: "use a value that matches \(pattern)"))
        }
        let number: Double? =
            switch value {
            case .number(let n): n
            case .string(let s): Double(s)
            default: nil
            }
        if let number {
            let shown = JSONNumberFormat.javaScript(number)
            if let min = node["minimum"]?.numberValue, number < min {
                found.append(SchemaViolation(.range, at: path, "\(shown) is below the minimum \(JSONNumberFormat.javaScript(min))", fix: "use a value from \(range(node))"))
            }
            if let max = node["maximum"]?.numberValue, number > max {
                found.append(SchemaViolation(.range, at: path, "\(shown) is above the maximum \(JSONNumberFormat.javaScript(max))", fix: "use a value from \(range(node))"))
            }
            if let min = node["exclusiveMinimum"]?.numberValue, number <= min {
                found.append(SchemaViolation(.range, at: path, "\(shown) is not above \(JSONNumberFormat.javaScript(min))", fix: "use a value above \(JSONNumberFormat.javaScript(min))"))
            }
            if let max = node["exclusiveMaximum"]?.numberValue, number >= max {
                found.append(SchemaViolation(.range, at: path, "\(shown) is not below \(JSONNumberFormat.javaScript(max))", fix: "use a value below \(JSONNumberFormat.javaScript(max))"))
            }
        }
    }

    private func range(_ node: JSON) -> String {
        let min = node["minimum"]?.numberValue.map(JSONNumberFormat.javaScript) ?? "-∞"
        let max = node["maximum"]?.numberValue.map(JSONNumberFormat.javaScript) ?? "∞"
        return "\(min) to \(max)"
    }

    private func checkCount(_ count: Int, _ node: JSON, _ path: [String], into found: inout [SchemaViolation]) {
        if let min = node["minItems"]?.numberValue, Double(count) < min {
            found.append(SchemaViolation(.itemCount, at: path, "has \(count) item\(count == 1 ? "" : "s"); the schema asks for at least \(Int(min))", fix: "give at least \(Int(min))"))
        }
        if let max = node["maxItems"]?.numberValue, Double(count) > max {
            found.append(SchemaViolation(.itemCount, at: path, "has \(count) items; the schema allows at most \(Int(max))", fix: "give at most \(Int(max))"))
        }
    }

    /// cfn-lint's `enum` equality: equal JSON, or a scalar whose text equals the option's (`5` and `"5"`).
    static func equal(_ a: JSON, _ b: JSON) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.number(let x), .string(let y)), (.string(let y), .number(let x)): return Double(y) == x
        default: return false
        }
    }

    // MARK: - Types

    /// cfn-lint's non-strict type check: CloudFormation converts scalars, so `"5"` is an integer and `5` a string.
    func matchesType(_ value: JSON, _ types: JSON) -> Bool {
        let names = types.arrayValue?.compactMap(\.stringValue) ?? types.stringValue.map { [$0] } ?? []
        return names.isEmpty || names.contains { Self.matches(value, $0) }
    }

    static func matches(_ value: JSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("null", .null): return true
        case ("object", _), ("array", _), ("null", _), (_, .null): return false
        case ("string", .object), ("string", .array): return false
        case ("string", _): return true
        case ("number", .number): return true
        case ("number", .string(let s)): return Double(s) != nil
        case ("integer", .number): return true
        case ("integer", .string(let s)): return Int(s.trimmingWhitespace) != nil
        case ("boolean", .bool): return true
        case ("boolean", .string(let s)): return ["true", "True", "TRUE", "false", "False", "FALSE"].contains(s)
        default: return false
        }
    }

    private func wrongType(_ value: JSON, _ types: JSON, _ path: [String]) -> SchemaViolation {
        let names = types.arrayValue?.compactMap(\.stringValue) ?? types.stringValue.map { [$0] } ?? []
        let expected = names.map { ($0 == "integer" || $0 == "array" || $0 == "object" ? "an " : "a ") + $0 }.joined(separator: " or ")
        let shown = value.serialized()
        return SchemaViolation(
            .wrongType, at: path,
            "\(shown.count > 60 ? String(shown.prefix(60)) + "…" : shown) is \(value.kindDescription); the schema expects \(expected)",
            fix: "pass \(expected) (or an intrinsic function that yields one)")
    }

    private func unknownMember(_ key: String, known: [String], patterns: [String], _ path: [String], owner: String) -> SchemaViolation {
        let what = path.count == 1 ? "\(owner) has no property \(key)" : "\(path.last!) has no member \(key)"
        var fix: String
        if let suggestion = Suggestions.closest(to: key, among: known).first {
            fix = "did you mean \(suggestion)?"
        } else if known.isEmpty {
            fix = patterns.isEmpty ? "remove it" : "use a key matching \(patterns.joined(separator: " or "))"
        } else {
            let listed = known.sorted().prefix(25).joined(separator: ", ")
            fix = "remove it, or use one of: \(listed)\(known.count > 25 ? ", …" : "")"
        }
        return SchemaViolation(.unknownProperty, at: path + [key], what, fix: fix)
    }
}

/// Recognizing intrinsic functions in template JSON.
public enum Intrinsics {
    /// The function name when `value` is an intrinsic function call (`{"Ref": …}`, `{"Fn::…": …}`).
    public static func function(of value: JSON) -> String? {
        guard case .object(let members) = value, members.count == 1, let key = members.keys.first else { return nil }
        return key == "Ref" || key.hasPrefix("Fn::") || key == "Condition" ? key : nil
    }

    /// `{"Ref": "AWS::NoValue"}`: the property is removed.
    public static func isNoValue(_ value: JSON) -> Bool { value["Ref"]?.stringValue == "AWS::NoValue" }
}

extension String {
    var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" })!
        return Substring(scalars[first...last])
    }
}
