import KumoJSON
import KumoPolicy

/// A policy statement reduced to its meaning, for comparison: sets instead of lists, action names and
/// condition keys case-folded (IAM compares them case-insensitively), duplicate values merged, `Sid` ignored.
struct NormalizedStatement: Hashable, Sendable {
    var sid: String?
    var effect: Effect
    var principal: PrincipalElement?
    var action: PatternElement
    var resource: PatternElement?
    var conditions: [NormalizedCondition]

    /// The meaning without the `Sid` (what two statements must share to be the same statement).
    var signature: Signature { Signature(effect: effect, principal: principal, action: action, resource: resource, conditions: conditions) }

    struct Signature: Hashable, Sendable {
        var effect: Effect
        var principal: PrincipalElement?
        var action: PatternElement
        var resource: PatternElement?
        var conditions: [NormalizedCondition]
    }

    init(_ statement: Statement) {
        sid = statement.sid
        effect = statement.effect
        if let notPrincipal = statement.notPrincipal {
            principal = PrincipalElement(notPrincipal, isNot: true)
        } else {
            principal = statement.principal.map { PrincipalElement($0, isNot: false) }
        }
        switch statement.action {
        case .actions(let a): action = PatternElement(values: a, isNot: false, foldCase: true)
        case .notActions(let a): action = PatternElement(values: a, isNot: true, foldCase: true)
        }
        switch statement.resource {
        case .resources(let r)?: resource = PatternElement(values: r, isNot: false, foldCase: false)
        case .notResources(let r)?: resource = PatternElement(values: r, isNot: true, foldCase: false)
        case nil: resource = nil
        }
        conditions = statement.conditions.map(NormalizedCondition.init).sorted()
    }

    /// A copy with other actions (the statement restricted to some of its actions).
    func with(actions values: Set<String>) -> NormalizedStatement {
        var copy = self
        copy.action = PatternElement(values: values.map(action.written), isNot: action.isNot, foldCase: true)
        return copy
    }

    /// A copy with other resources.
    func with(resources values: Set<String>) -> NormalizedStatement {
        var copy = self
        copy.resource = PatternElement(values: values, isNot: resource?.isNot ?? false, foldCase: false)
        return copy
    }

    /// A copy with other principals.
    func with(principals entries: Set<PrincipalEntry>, any: Bool) -> NormalizedStatement {
        var copy = self
        copy.principal = PrincipalElement(isNot: principal?.isNot ?? false, any: any, entries: entries)
        return copy
    }
}

/// `Principal` / `NotPrincipal`.
struct PrincipalElement: Hashable, Sendable {
    var isNot: Bool
    /// `"Principal": "*"`.
    var any: Bool
    var entries: Set<PrincipalEntry>

    init(isNot: Bool, any: Bool, entries: Set<PrincipalEntry>) {
        self.isNot = isNot
        self.any = any
        self.entries = entries
    }

    init(_ set: PrincipalSet, isNot: Bool) {
        self.isNot = isNot
        switch set {
        case .any:
            any = true
            entries = []
        case .principals:
            any = false
            entries = Set(set.entries.map { PrincipalEntry(type: $0.type, value: SymbolicValues.restore($0.value)) })
        }
    }

    /// Whether `entry` is one of these principals or covered by one: `*` of its type, or (for `AWS`) the root
    /// of its account (`123456789012` or `arn:…:iam::123456789012:root`).
    func covers(_ entry: PrincipalEntry) -> Bool {
        if any || entries.contains(entry) { return true }
        if entries.contains(PrincipalEntry(type: entry.type, value: "*")) { return true }
        guard entry.type == .aws, let account = entry.account else { return false }
        return entries.contains { $0.type == .aws && $0.isAccountRoot && $0.account == account }
    }
}

/// One principal: type and value (`Federated` `arn:aws:iam::…:oidc-provider/…`).
struct PrincipalEntry: Hashable, Sendable, Comparable {
    var type: PrincipalType
    var value: String

    init(type: PrincipalType, value: String) {
        self.type = type
        // Service principals are DNS names: compare them case-insensitively.
        self.value = type == .service ? value.lowercased() : value
    }

    /// The account of an `AWS` principal (an account ID, or the account field of an IAM ARN).
    var account: String? {
        if value.count == 12, value.allSatisfy(\.isNumber) { return value }
        guard let arn = ARN(value), arn.service == "iam" || arn.service == "sts" else { return nil }
        return arn.account
    }

    /// Whether this is a whole account (`123456789012` or `arn:…:iam::123456789012:root`).
    var isAccountRoot: Bool {
        (value.count == 12 && value.allSatisfy(\.isNumber)) || (value.hasPrefix("arn:") && value.hasSuffix(":root"))
    }

    static func < (a: PrincipalEntry, b: PrincipalEntry) -> Bool { (a.type, a.value) < (b.type, b.value) }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a set of wildcard patterns.
struct PatternElement: Hashable, Sendable {
    var isNot: Bool
    /// The values as compared (action names lower-cased).
    var values: Set<String>
    /// Compared value → the value as written (first spelling), for display; not part of equality.
    var spelling: [String: String]

    init(values: some Sequence<String>, isNot: Bool, foldCase: Bool) {
        self.isNot = isNot
        var folded = Set<String>()
        var spelling: [String: String] = [:]
        for written in values {
            let value = SymbolicValues.restore(written)
            let key = foldCase ? value.lowercased() : value
            folded.insert(key)
            if spelling[key] == nil { spelling[key] = value }
        }
        self.values = folded
        self.spelling = spelling
    }

    /// The values as wildcard patterns.
    var patterns: [Pattern] { values.sorted().map { Pattern($0, wildcards: true) } }

    /// The values as written, sorted, for display.
    var sorted: [String] { values.sorted().map(written) }

    /// How a compared value was written.
    func written(_ value: String) -> String { spelling[value] ?? value }

    static func == (a: PatternElement, b: PatternElement) -> Bool { a.isNot == b.isNot && a.values == b.values }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isNot)
        hasher.combine(values)
    }
}

/// One condition test with normalized key and values.
struct NormalizedCondition: Hashable, Sendable, Comparable {
    var op: ConditionOperator
    /// The key as written (for display).
    var key: String
    /// The key lower-cased (IAM matches condition keys case-insensitively).
    var foldedKey: String
    /// The values, deduplicated and sorted; booleans lower-cased, numbers in canonical form.
    var values: [String]

    init(_ condition: Condition) {
        op = condition.op
        key = condition.key
        foldedKey = condition.key.lowercased()
        let normalized: [String] = condition.values.map(SymbolicValues.restore).map { value in
            switch condition.op.family {
            case .bool, .null: return value.lowercased()
            case .numeric: return Double(value).map(JSONNumberFormat.javaScript) ?? value
            default: return value
            }
        }
        values = Array(Set(normalized)).sorted()
    }

    static func == (a: NormalizedCondition, b: NormalizedCondition) -> Bool {
        a.op == b.op && a.foldedKey == b.foldedKey && a.values == b.values
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(foldedKey)
        hasher.combine(values)
    }

    static func < (a: NormalizedCondition, b: NormalizedCondition) -> Bool {
        (a.foldedKey, a.op.name, a.values.joined(separator: "\u{0}")) < (b.foldedKey, b.op.name, b.values.joined(separator: "\u{0}"))
    }
}
