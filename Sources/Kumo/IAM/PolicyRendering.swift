import KumoJSON

/// Writes policy documents in AWS CDK's form, and checks the result as IAM will see it.
enum PolicyRendering {
    /// IAM policy size limits, counted without whitespace.
    static let trustPolicyLimit = 2_048
    static let trustPolicyMaximumQuota = 4_096
    static let managedPolicyLimit = 6_144
    static let roleInlineAggregateLimit = 10_240
    /// Deploy-time values (ARNs, the EKS issuer) are counted as this many characters when sizes are checked
    /// at synthesis — longer than an EKS OIDC provider ARN (113), so the check errs on the safe side.
    static let deployTimeValueEstimate = 128

    /// The document as a template value: `.document` of `{"Statement": [...], "Version": "2012-10-17"}`.
    static func value(of document: PolicyDocument, _ context: ResolutionContext) throws(ResolutionError) -> Value {
        var statements: [Value] = []
        var seen: Set<Value> = []
        for statement in document.statements {
            // Identical statements once, as CDK writes them (its test is the rendered JSON; equal rendered
            // values are equal JSON).
            let rendered = try value(of: statement, context)
            if seen.insert(rendered).inserted { statements.append(rendered) }
        }
        return .document(.map(["Statement": .list(statements), "Version": "2012-10-17"]))
    }

    /// One statement: keys in CDK's order, lists de-duplicated and sorted, singletons as scalars.
    static func value(of statement: Statement, _ context: ResolutionContext) throws(ResolutionError) -> Value {
        var members: [KeyedMember] = []
        func add(_ key: String, _ value: Value?) {
            if let value { members.append(KeyedMember(.string(key), value)) }
        }
        add("Action", normalized(statement.actions.map(Value.string)))
        add("NotAction", normalized(statement.notActions.map(Value.string)))
        add("Condition", conditions(statement.conditions))
        add("Effect", .string(statement.effect.rawValue))
        add("Principal", try principals(statement.principals, context))
        add("Resource", try sortedByJSON(statement.resources.map(\.value), context))
        add("NotResource", try sortedByJSON(statement.notResources.map(\.value), context))
        if let sid = statement.sid { add("Sid", .string(sid)) }
        return .keyed(members)
    }

    /// `nil` for no values, the value itself for one, a sorted de-duplicated list otherwise.
    private static func normalized(_ values: [Value]) -> Value? {
        let unique = values.reduce(into: [Value]()) { if !$0.contains($1) { $0.append($1) } }
        if unique.isEmpty { return nil }
        if unique.count == 1 { return unique[0] }
        return .list(unique.sorted { ($0.literalString ?? "") < ($1.literalString ?? "") })
    }

    /// Like ``normalized(_:)``, ordered by the JSON text of each value as resolved (CDK's `sortByJson`).
    private static func sortedByJSON(_ values: [Value], _ context: ResolutionContext) throws(ResolutionError) -> Value? {
        var keyed: [(String, Value)] = []
        for value in values {
            let text = try value.resolve(context).serialized()
            if !keyed.contains(where: { $0.0 == text }) { keyed.append((text, value)) }
        }
        if keyed.isEmpty { return nil }
        if keyed.count == 1 { return keyed[0].1 }
        return .list(keyed.sorted { $0.0 < $1.0 }.map(\.1))
    }

    private static func principals(_ principals: [Principal], _ context: ResolutionContext) throws(ResolutionError) -> Value? {
        if principals.isEmpty { return nil }
        if principals.contains(.anyone) { return "*" }
        var byType: [String: [Value]] = [:]
        for principal in principals { byType[principal.typeKey!, default: []].append(principal.value) }
        var members: OrderedDictionary<String, Value> = [:]
        for type in byType.keys.sorted() {
            members[type] = try sortedByJSON(byType[type]!, context)
        }
        return .map(members)
    }

    /// `{"StringEquals": {"key": value-or-values}, …}`: operators and keys in the order given.
    private static func conditions(_ conditions: [Condition]) -> Value? {
        if conditions.isEmpty { return nil }
        var operators: [String] = []
        var keysByOperator: [String: [KeyedMember]] = [:]
        for condition in conditions {
            let name = condition.operator.name
            if keysByOperator[name] == nil { operators.append(name) }
            let values: Value = condition.values.count == 1 ? condition.values[0] : .list(condition.values)
            keysByOperator[name, default: []].append(KeyedMember(condition.key, values))
        }
        return .keyed(operators.map { KeyedMember(.string($0), .keyed(keysByOperator[$0]!)) })
    }

    /// What a deploy-time value is replaced with for validation: an ARN-shaped string of
    /// ``deployTimeValueEstimate`` characters.
    static let deployTimeStandIn: String = {
        let prefix = "arn:aws:iam::123456789012:oidc-provider/"
        return prefix + String(repeating: "x", count: deployTimeValueEstimate - prefix.count)
    }()

    /// IAM's policy size: characters other than whitespace.
    static func size(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, s in
            s == " " || s == "\n" || s == "\r" || s == "\t" ? count : count + 1
        }
    }
}
