import KumoJSON

extension PolicyParser {
    /// The `Condition` element: `{ operator: { key: value-or-values } }`, flattened in document order.
    mutating func parseConditionBlock(_ json: JSON, at path: JSONPath) -> [Condition] {
        guard case .object(let operators) = json else {
            report(
                .invalidType, path,
                "Condition must be an object such as {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}; "
                    + "found \(json.kindDescription)"
            )
            return []
        }
        var conditions: [Condition] = []
        for (name, block) in operators {
            let opPath = path.member(name)
            let op = ConditionOperator(name: name)
            if op == nil {
                var message = "unknown condition operator \(ConditionExplainer.quote(name))"
                if let fix = ConditionOperator.caseInsensitiveSuggestion(for: name) {
                    message += "; operator names are case-sensitive: did you mean \(ConditionExplainer.quote(fix))?"
                } else {
                    message +=
                        "; use one of StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, "
                        + "DateGreaterThan, Null, … (optionally ForAnyValue:/ForAllValues: and …IfExists)"
                }
                report(.unknownConditionOperator, opPath, message)
            } else if let op, op.base == .null, op.isIfExists {
                report(
                    .nullWithIfExists, opPath,
                    "Null cannot take IfExists (Access Analyzer: \"Null with if exists\"): Null already tests "
                        + "whether the key exists; write \"Null\""
                )
            }
            guard case .object(let keys) = block else {
                report(
                    .invalidType, opPath,
                    "the \(name) block must be an object mapping condition keys to values; found "
                        + "\(block.kindDescription)"
                )
                continue
            }
            if keys.isEmpty {
                report(.emptyValue, opPath, "the \(name) block is empty; add a condition key or remove the operator")
            }
            var seenKeys: [String: String] = [:]
            for (key, value) in keys {
                let keyPath = opPath.member(key)
                if key.isEmpty {
                    report(.emptyConditionKey, keyPath, "an empty condition key; name a key such as \"aws:SourceIp\"")
                }
                let folded = key.lowercased()
                if let other = seenKeys[folded] {
                    report(
                        .duplicateConditionKey, keyPath,
                        "condition key names are case-insensitive, so \(ConditionExplainer.quote(key)) repeats "
                            + "\(ConditionExplainer.quote(other)); merge their values under one key"
                    )
                }
                seenKeys[folded] = key
                guard let values = conditionValues(value, at: keyPath) else { continue }
                guard let op else { continue }
                for (v, p) in values { checkConditionValue(v, op: op, at: p) }
                conditions.append(Condition(op, key: key, values: values.map(\.0)))
            }
        }
        return conditions
    }

    /// A value or a non-empty array of values; numbers and booleans are stringified as IAM does.
    private mutating func conditionValues(_ json: JSON, at path: JSONPath) -> [(String, JSONPath)]? {
        if case .array(let items) = json {
            if items.isEmpty {
                report(.emptyValue, path, "an empty list of values never matches anything; list at least one value")
                return nil
            }
            var result: [(String, JSONPath)] = []
            for (i, item) in items.enumerated() {
                if let s = scalarString(item, at: path.index(i)) { result.append((s, path.index(i))) }
            }
            return result.count == items.count ? result : nil
        }
        return scalarString(json, at: path).map { [($0, path)] }
    }

    private mutating func scalarString(_ json: JSON, at path: JSONPath) -> String? {
        switch json {
        case .string(let s): return s
        case .number(let n): return JSONNumberFormat.javaScript(n)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object:
            report(
                .invalidConditionValue, path,
                "condition values must be strings, numbers or booleans (or a flat array of them); found "
                    + "\(json.kindDescription)"
            )
            return nil
        }
    }

    /// Family-specific checks on a policy value (values holding a policy variable are checked after
    /// substitution, at evaluation, for the families that substitute them).
    private mutating func checkConditionValue(_ v: String, op: ConditionOperator, at path: JSONPath) {
        let q = ConditionExplainer.quote(v)
        let hasVariable = op.base.supportsPolicyVariables && PolicyVariables.mayContainVariable(v)
        switch op.family {
        case .string:
            break
        case .numeric:
            if DecimalNumber(v) == nil {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not a number; \(op.base.rawValue) takes an integer or decimal such as \"10\" or \"0.5\"")
            }
        case .date:
            if DateValue(v) == nil {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not a date; \(op.base.rawValue) takes ISO 8601 such as \"2026-11-23T10:00:00Z\" or "
                        + "\"2026-11-23\", or epoch seconds (no wildcards)"
                )
            }
        case .bool:
            if !hasVariable && TextComparison.boolValue(v) == nil {
                report(.invalidConditionValue, path, "\(q) is not a boolean; Bool takes \"true\" or \"false\"")
            }
        case .binary:
            if Base64.decode(v) == nil {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not base64; BinaryEquals compares against base64-encoded bytes such as \"QmluYXJ5\"")
            }
        case .ip:
            if IPAddressRange(cidr: v) == nil {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not an IP address or CIDR range; write e.g. \"203.0.113.0/24\" or \"2001:db8::/32\"")
            }
        case .arn:
            if !hasVariable && !ArnMatching.hasSixComponents(v) {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not an ARN: ARN operators compare the six components "
                        + "arn:partition:service:region:account-id:resource separately; complete the ARN (wildcards per "
                        + "component, e.g. \"arn:aws:iam::*:role/*\") or use StringLike"
                )
            }
        case .null:
            if TextComparison.boolValue(v) == nil {
                report(
                    .invalidConditionValue, path,
                    "\(q) is not a Null value; Null takes \"true\" (key must be absent) or \"false\" (key must be "
                        + "present)"
                )
            }
        }
    }
}
