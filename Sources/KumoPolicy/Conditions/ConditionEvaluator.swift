extension Condition {
    /// Evaluates the condition against a request context, following the IAM User Guide:
    ///
    /// - **Absent key** (or a key with no values): `…IfExists` → true; `ForAllValues:` → true (vacuous);
    ///   `ForAnyValue:` → false; negated operators → true; positive operators → false. `Null` tests presence:
    ///   `"true"` holds when the key is absent, `"false"` when it is present.
    /// - **Several policy values** are OR-ed for positive operators; for negated operators none may match.
    /// - **Several request values**: `ForAnyValue:` holds when some request value satisfies the operator,
    ///   `ForAllValues:` when every one does (for a negated operator, "satisfies" means "matches no policy
    ///   value"). Without a set operator IAM documents only single-valued keys; when a multivalued request key
    ///   meets a plain operator, both readings are computed and, if they disagree, the conservative one is
    ///   taken (see ``ConditionEvaluationOptions/effect``).
    /// - **Values that cannot be read** for the operator's family (e.g. `NumericEquals` with `abc`) never
    ///   satisfy a positive operator; under a negated operator the outcome is undetermined and resolved
    ///   conservatively.
    /// - **Policy variables** (string, ARN and Bool operators, when enabled) are substituted from the context;
    ///   a value whose variable has no value never matches.
    public func evaluate(in context: RequestContext, options: ConditionEvaluationOptions = .init())
        -> ConditionEvaluation
    {
        ConditionEvaluator(condition: self, context: context, options: options).run()
    }

    /// Whether the condition holds (see ``evaluate(in:options:)``).
    public func holds(in context: RequestContext, options: ConditionEvaluationOptions = .init()) -> Bool {
        evaluate(in: context, options: options).result
    }
}

/// The evaluation of one condition; a value type run once.
struct ConditionEvaluator {
    let condition: Condition
    let context: RequestContext
    let options: ConditionEvaluationOptions

    /// A policy value ready for comparison.
    struct PreparedValue {
        let raw: String
        /// Set when variables were substituted (or escapes expanded).
        let resolved: PolicyVariables.Resolved?
        var text: String { resolved?.text ?? raw }
        var unresolved: [String] { resolved?.unresolved ?? [] }
    }

    func run() -> ConditionEvaluation {
        let op = condition.op
        let actual = context[condition.key]
        if op.base == .null { return evaluateNull(actual: actual) }
        let prepared = prepareValues()
        let expected = prepared.map(\.text)
        guard let actual, !actual.isEmpty else {
            return ConditionEvaluation(
                condition: condition, expected: expected, actual: nil, result: Self.absentKeyResult(op),
                basis: .keyAbsent, undetermined: [])
        }

        var sawUnresolved: [String] = []
        var sawUninterpretable = false
        var checks: [ConditionEvaluation.ValueCheck] = []
        checks.reserveCapacity(actual.count)
        var passes: [Truth] = []
        passes.reserveCapacity(actual.count)
        for requestValue in actual {
            var any = Truth.no
            var matched: String?
            for value in prepared {
                var t: Truth =
                    value.unresolved.isEmpty
                    ? Self.compare(op.base.positive, request: requestValue, policy: value) : .unknown
                if t == .unknown {
                    if op.isNegated {
                        if value.unresolved.isEmpty {
                            sawUninterpretable = true
                        } else {
                            sawUnresolved.append(contentsOf: value.unresolved)
                        }
                    } else {
                        // Positive operators: a value that cannot be compared simply does not match (IAM: a
                        // variable with no value does not match; an invalid number is not equal/less/greater).
                        t = .no
                    }
                }
                if t == .yes {
                    any = .yes
                    matched = value.text
                    break
                }
                any = any || t
            }
            let pass = op.isNegated ? !any : any
            passes.append(pass)
            checks.append(.init(requestValue: requestValue, matchedPolicyValue: matched, passes: pass.definite))
        }

        var multivaluedAmbiguity = false
        let truth: Truth
        switch op.qualifier {
        case .forAnyValue:
            truth = passes.reduce(Truth.no) { $0 || $1 }
        case .forAllValues:
            truth = passes.reduce(Truth.yes) { $0 && $1 }
        case nil:
            if passes.count == 1 {
                truth = passes[0]
            } else {
                let anyReading = passes.reduce(Truth.no) { $0 || $1 }
                let allReading = passes.reduce(Truth.yes) { $0 && $1 }
                if anyReading == allReading {
                    truth = anyReading
                } else {
                    truth = .unknown
                    multivaluedAmbiguity = anyReading != .unknown && allReading != .unknown
                }
            }
        }

        var undetermined: [ConditionEvaluation.UndeterminedReason] = []
        if truth == .unknown {
            if !sawUnresolved.isEmpty { undetermined.append(.unresolvedVariables(Self.unique(sawUnresolved))) }
            if sawUninterpretable { undetermined.append(.uninterpretableValues) }
            if multivaluedAmbiguity || undetermined.isEmpty { undetermined.append(.multivaluedKeyWithoutSetOperator) }
        }
        return ConditionEvaluation(
            condition: condition, expected: expected, actual: actual, result: truth.resolved(for: options.effect),
            basis: .values(checks), undetermined: undetermined)
    }

    /// The documented result for a key absent from the request.
    static func absentKeyResult(_ op: ConditionOperator) -> Bool {
        if op.isIfExists { return true }
        switch op.qualifier {
        case .forAllValues: return true
        case .forAnyValue: return false
        case nil: return op.isNegated
        }
    }

    private func evaluateNull(actual: [String]?) -> ConditionEvaluation {
        let present = actual.map { !$0.isEmpty } ?? false
        var result = false
        for value in condition.values {
            switch value.lowercased() {
            case "true": if !present { result = true }
            case "false": if present { result = true }
            default: break  // not a Null value: never matches (the grammar reports it)
            }
        }
        return ConditionEvaluation(
            condition: condition, expected: condition.values, actual: present ? actual : nil, result: result,
            basis: .nullCheck(keyPresent: present), undetermined: [])
    }

    private func prepareValues() -> [PreparedValue] {
        let substitute = options.substitutesPolicyVariables && condition.op.base.supportsPolicyVariables
        return condition.values.map { raw in
            guard substitute, PolicyVariables.mayContainVariable(raw) else {
                return PreparedValue(raw: raw, resolved: nil)
            }
            let resolved = PolicyVariables.resolve(raw, in: context, wildcards: condition.op.allowsWildcards)
            return PreparedValue(raw: raw, resolved: resolved.substituted ? resolved : nil)
        }
    }

    /// Compares one request value with one policy value under a *positive* base operator.
    static func compare(_ base: ConditionOperator.Base, request r: String, policy p: PreparedValue) -> Truth {
        switch base {
        case .stringEquals:
            return Truth(TextComparison.equal(r, p.text))
        case .stringEqualsIgnoreCase:
            return Truth(TextComparison.equalIgnoringCase(r, p.text))
        case .stringLike:
            if let resolved = p.resolved { return Truth(Wildcard.matches(r, tokens: resolved.tokens)) }
            return Truth(Wildcard.matches(r, pattern: p.raw))
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let a = DecimalNumber(r), let b = DecimalNumber(p.text) else { return .unknown }
            return Truth(ordered(base, a, b))
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let a = DateValue(r), let b = DateValue(p.text) else { return .unknown }
            return Truth(ordered(base, a, b))
        case .bool:
            guard let a = TextComparison.boolValue(r), let b = TextComparison.boolValue(p.text) else {
                return .unknown
            }
            return Truth(a == b)
        case .binaryEquals:
            guard let a = Base64.decode(r), let b = Base64.decode(p.text) else { return .unknown }
            return Truth(a == b)
        case .ipAddress:
            guard let range = IPAddressRange(cidr: p.text), let address = IPAddressRange(address: r) else {
                return .unknown
            }
            return Truth(range.contains(address))
        case .arnEquals, .arnLike:
            let m =
                p.resolved.map { ArnMatching.matches(r, tokens: $0.tokens) } ?? ArnMatching.matches(r, pattern: p.raw)
            return m.map(Truth.init) ?? .unknown
        case .null, .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
            .notIpAddress, .arnNotEquals, .arnNotLike:
            return .unknown  // only positive operators are compared here
        }
    }

    /// `request <op> policy` for the ordered families (the request value is on the left: `NumericLessThan`
    /// `"10"` holds for a request value below 10).
    private static func ordered<T: Comparable>(_ base: ConditionOperator.Base, _ request: T, _ policy: T) -> Bool {
        switch base {
        case .numericLessThan, .dateLessThan: request < policy
        case .numericLessThanEquals, .dateLessThanEquals: request <= policy
        case .numericGreaterThan, .dateGreaterThan: request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: request >= policy
        default: request == policy
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
