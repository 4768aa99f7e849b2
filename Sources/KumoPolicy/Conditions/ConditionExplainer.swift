/// Builds the one-line human reasons of ``ConditionEvaluation`` (computed on demand, so evaluation itself
/// stays allocation-light).
enum ConditionExplainer {
    static func reason(for e: ConditionEvaluation) -> String {
        let op = e.condition.op
        let prefix = "\(op.name) \(e.condition.key): "
        switch e.basis {
        case .keyAbsent:
            return prefix + absentReason(op)
        case .nullCheck(let present):
            let wants = e.condition.values.map(quote).joined(separator: " or ")
            let state = present ? "key is present" : "key is absent"
            let rule = "Null \(wants) requires the key \(requirement(e.condition.values))"
            return prefix + state + (e.result ? ", as " : ", but ") + rule
        case .values(let checks):
            var text = prefix + valuesReason(e, checks)
            if !e.undetermined.isEmpty {
                let why = e.undetermined.map(describe).joined(separator: "; ")
                text += " — undetermined (\(why)), so taken as \(e.result), the answer that denies access"
            }
            return text
        }
    }

    private static func absentReason(_ op: ConditionOperator) -> String {
        if op.isIfExists { return "key is absent, and …IfExists holds when the key is absent" }
        switch op.qualifier {
        case .forAllValues:
            return "key is absent, so ForAllValues is vacuously true (dangerous in an Allow statement)"
        case .forAnyValue: return "key is absent, and ForAnyValue needs at least one request value"
        case nil:
            return op.isNegated
                ? "key is absent, and a negated operator holds when the key is absent"
                : "key is absent from the request"
        }
    }

    private static func requirement(_ values: [String]) -> String {
        let wanted = Set(values.map { $0.lowercased() })
        if wanted == ["true"] { return "to be absent" }
        if wanted == ["false"] { return "to be present" }
        if wanted == ["true", "false"] { return "to be absent or present" }
        return "to be \"true\" (absent) or \"false\" (present)"
    }

    private static func valuesReason(_ e: ConditionEvaluation, _ checks: [ConditionEvaluation.ValueCheck]) -> String {
        let op = e.condition.op
        let described = checks.map { describe($0, op: op, expected: e.expected) }
        switch op.qualifier {
        case nil:
            if described.count == 1 { return described[0] }
            return "several request values without ForAnyValue/ForAllValues: " + described.joined(separator: "; ")
        case .forAnyValue:
            if e.result, let i = checks.firstIndex(where: { $0.passes == true }) {
                return "request value " + described[i]
            }
            return "no request value qualifies: " + described.joined(separator: "; ")
        case .forAllValues:
            if !e.result, let i = checks.firstIndex(where: { $0.passes != true }) {
                return "request value " + described[i]
            }
            return "every request value qualifies: " + described.joined(separator: "; ")
        }
    }

    private static func describe(_ c: ConditionEvaluation.ValueCheck, op: ConditionOperator, expected: [String])
        -> String
    {
        let value = quote(c.requestValue)
        let list =
            expected.count == 1 ? quote(expected[0]) : "any of [" + expected.map(quote).joined(separator: ", ") + "]"
        let (yes, no) = relation(op.base.positive)
        guard let passes = c.passes else { return "\(value) cannot be compared with \(list)" }
        if op.isNegated {
            if let m = c.matchedPolicyValue { return "\(value) \(yes) excluded value \(quote(m))" }
            return "\(value) \(no) \(list)"
        }
        if passes, let m = c.matchedPolicyValue { return "\(value) \(yes) \(quote(m))" }
        return "\(value) \(no) \(list)"
    }

    /// Verb phrases for a positive base operator: (holds, does not hold).
    private static func relation(_ base: ConditionOperator.Base) -> (String, String) {
        switch base {
        case .numericLessThan: ("is less than", "is not less than")
        case .numericLessThanEquals: ("is less than or equal to", "is not less than or equal to")
        case .numericGreaterThan: ("is greater than", "is not greater than")
        case .numericGreaterThanEquals: ("is greater than or equal to", "is not greater than or equal to")
        case .dateLessThan: ("is before", "is not before")
        case .dateLessThanEquals: ("is at or before", "is not at or before")
        case .dateGreaterThan: ("is after", "is not after")
        case .dateGreaterThanEquals: ("is at or after", "is not at or after")
        case .ipAddress: ("is in", "is not in")
        default: ("matches", "does not match")
        }
    }

    private static func describe(_ r: ConditionEvaluation.UndeterminedReason) -> String {
        switch r {
        case .unresolvedVariables(let names):
            "policy variable \(names.joined(separator: ", ")) has no value"
        case .uninterpretableValues:
            "a value cannot be read as the operator's type"
        case .multivaluedKeyWithoutSetOperator:
            "a multivalued key needs ForAnyValue: or ForAllValues:, and the two readings disagree"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if ch.value < 0x20 {
                    out += "\\u{\(String(ch.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}
