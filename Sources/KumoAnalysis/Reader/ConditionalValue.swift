import KumoJSON

/// A value chosen by a condition that depends on deploy-time values (a parameter, an unknown region):
/// `Fn::If [Cond, A, B]` whose condition the ``Resolver`` cannot decide keeps both branches, resolved, as
/// `{"Fn::If": ["Cond", A, B]}` — with `{"Ref": "AWS::NoValue"}` for a branch that removes the value. Resolved
/// values contain no other intrinsic function, so the form is unambiguous, and it reads as CloudFormation.
///
/// The analyses take both branches: a list item `Fn::If [Cond, X, AWS::NoValue]` is X or nothing, so a role's
/// policies, attachments and a document's statements are the union over the branches (what the role may be
/// granted, whichever way the condition goes). Where a string is needed (a name, `Fn::Join`), the value is a
/// ``Symbol`` (`<Fn::If Cond>`).
enum ConditionalValue {
    /// `{"Ref": "AWS::NoValue"}`: the branch that removes the value.
    static let noValue: JSON = ["Ref": "AWS::NoValue"]

    /// Most alternatives of one value (a statement, a policy) before lists are merged instead of multiplied.
    static let alternativeLimit = 64

    /// The conditional value of `condition` between two resolved branches (`nil`: `AWS::NoValue`).
    static func make(_ condition: String, _ ifTrue: JSON?, _ ifFalse: JSON?) -> JSON {
        ["Fn::If": [.string(condition), ifTrue ?? noValue, ifFalse ?? noValue]]
    }

    /// The condition and branches of a conditional value (`nil` branches remove the value); `nil` for any
    /// other value.
    static func parts(_ value: JSON) -> (condition: String, ifTrue: JSON?, ifFalse: JSON?)? {
        guard case .object(let members) = value, members.count == 1, case .array(let args)? = members["Fn::If"], args.count == 3,
              case .string(let condition) = args[0] else { return nil }
        let ifTrue: JSON? = args[1] == noValue ? .none : .some(args[1])
        let ifFalse: JSON? = args[2] == noValue ? .none : .some(args[2])
        return (condition, ifTrue, ifFalse)
    }

    /// Whether a conditional value occurs anywhere in `value`.
    static func occurs(in value: JSON) -> Bool {
        switch value {
        case .object(let members):
            if parts(value) != nil { return true }
            return members.values.contains(where: occurs)
        case .array(let items): return items.contains(where: occurs)
        default: return false
        }
    }

    /// The value as a string where CloudFormation needs one: a conditional value is `<Fn::If Cond>`.
    static func symbolized(_ value: JSON) -> JSON {
        guard let (condition, _, _) = parts(value) else { return value }
        return .string(Symbol.opaque("Fn::If " + condition).encoded)
    }

    /// The branches of a value, recursively (a conditional in a branch has branches too); `nil` is a removed
    /// value. A value that is not conditional is its own only branch.
    static func branches(_ value: JSON?) -> [JSON?] {
        guard let value, let (_, a, b) = parts(value) else { return [value] }
        var out = branches(a)
        for branch in branches(b) where !out.contains(where: { $0 == branch }) { out.append(branch) }
        return out
    }

    /// The items of a list over all branches: `[A, Fn::If [C, B, NoValue]]` → `[A, B]`;
    /// `Fn::If [C, [A], [B]]` → `[A, B]`. `nil` and `AWS::NoValue` give no item. A list known only at deploy
    /// time (`Ref` of a `List<…>` or `CommaDelimitedList` parameter, a list attribute: one symbol) is one
    /// symbolic item, `Fn::If [C, Ref Policies, [A]]` is `[<Policies>, A]` (the CDK bootstrap template's
    /// `ManagedPolicyArns`). Any other value that is not a list makes the answer `nil`, for the caller to reject.
    static func items(_ value: JSON?) -> [JSON]? {
        var out: [JSON] = []
        for branch in branches(value) {
            switch branch {
            case nil: continue
            case .array(let list)?:
                for item in list {
                    for alternative in branches(item) {
                        if let alternative, !out.contains(alternative) { out.append(alternative) }
                    }
                }
            case .string? where Resolver.symbolicList(branch) != nil:
                if !out.contains(branch!) { out.append(branch!) }
            default: return nil
            }
        }
        return out
    }

    /// The conditions that choose values inside `value`, in order of appearance.
    static func conditions(in value: JSON) -> [String] {
        var names: [String] = []
        func visit(_ v: JSON) {
            if let (condition, a, b) = parts(v) {
                if !names.contains(condition) { names.append(condition) }
                if let a { visit(a) }
                if let b { visit(b) }
                return
            }
            switch v {
            case .object(let members): for member in members.values { visit(member) }
            case .array(let items): for item in items { visit(item) }
            default: break
            }
        }
        visit(value)
        return names
    }

    /// `value` with each conditional decided by `assignment` (`nil`: removed); conditions not assigned stay.
    static func decided(_ value: JSON, _ assignment: [String: Bool]) -> JSON? {
        if let (condition, a, b) = parts(value), let choice = assignment[condition] {
            return (choice ? a : b).flatMap { decided($0, assignment) }
        }
        switch value {
        case .object(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for (key, member) in members { if let kept = decided(member, assignment) { out[key] = kept } }
            return .object(out)
        case .array(let items): return .array(items.compactMap { decided($0, assignment) })
        default: return value
        }
    }

    /// The most conditions decided jointly (2⁶ = 64 ways); others are taken independently.
    static let jointConditionLimit = 6

    /// Every value `value` can take (`nil`: removed): for each way of deciding the conditions inside it (a
    /// condition named twice goes the same way both times), the value so decided, once each. Past
    /// ``jointConditionLimit`` conditions, the others are taken independently, their list items merged into
    /// their lists (both branches' items at once), which keeps every grant of the union.
    static func alternatives(_ value: JSON) -> [JSON?] {
        guard occurs(in: value) else { return [value] }
        let names = conditions(in: value)
        let joint = Array(names.prefix(jointConditionLimit))
        var out: [JSON?] = []
        for bits in 0..<(1 << joint.count) {
            var assignment: [String: Bool] = [:]
            for (i, name) in joint.enumerated() { assignment[name] = bits & (1 << i) != 0 }
            var results: [JSON?] = [decided(value, assignment)]
            if names.count > joint.count, let partial = results[0] {
                let multiplied = alternatives(partial, mergingLists: false)
                results = multiplied.count <= alternativeLimit ? multiplied : alternatives(partial, mergingLists: true)
            }
            for result in results where !out.contains(where: { $0 == result }) { out.append(result) }
        }
        return out
    }

    private static func alternatives(_ value: JSON, mergingLists: Bool) -> [JSON?] {
        if let (_, a, b) = parts(value) {
            var out: [JSON?] = []
            for branch in [a, b] {
                for alternative in branch.map({ alternatives($0, mergingLists: mergingLists) }) ?? [JSON?.none]
                where !out.contains(where: { $0 == alternative }) {
                    out.append(alternative)
                }
            }
            return out
        }
        switch value {
        case .object(let members):
            var partial: [JSONObject] = [JSONObject()]
            for (key, member) in members {
                let choices = occurs(in: member) ? alternatives(member, mergingLists: mergingLists) : [member]
                partial = product(partial, choices) { object, choice in
                    var copy = object
                    if let choice { copy[key] = choice }
                    return copy
                }
            }
            return partial.map { .object($0) }
        case .array(let items):
            if mergingLists {
                var merged: [JSON] = []
                for item in items {
                    for branch in branches(item) {
                        guard let branch else { continue }
                        for alternative in alternatives(branch, mergingLists: true) {
                            if let alternative { merged.append(alternative) }
                        }
                    }
                }
                return [.array(merged)]
            }
            var partial: [[JSON]] = [[]]
            for item in items {
                let choices = occurs(in: item) ? alternatives(item, mergingLists: false) : [item]
                partial = product(partial, choices) { list, choice in choice.map { list + [$0] } ?? list }
            }
            return partial.map { .array($0) }
        default:
            return [value]
        }
    }

    /// Each partial value combined with each choice, stopping past the limit (the caller then merges lists).
    private static func product<T>(_ partial: [T], _ choices: [JSON?], _ combine: (T, JSON?) -> T) -> [T] {
        var out: [T] = []
        for value in partial {
            for choice in choices {
                out.append(combine(value, choice))
                if out.count > alternativeLimit * 4 { return out }
            }
        }
        return out
    }

    /// A policy document with its conditional values taken both ways: the statements of every branch (each
    /// statement's alternatives as statements of their own; `AWS::NoValue` statements dropped), once each. A
    /// `Sid` repeated by the alternatives of one statement is kept on the first only (IAM wants `Sid`s unique).
    static func union(ofDocument document: JSON) -> JSON {
        guard occurs(in: document) else { return document }
        var version: JSON?
        var statements: [JSON] = []
        var sids = Set<String>()
        var rest = JSONObject()
        for branch in branches(document) {
            guard case .object(let members)? = branch else { continue }
            for (key, value) in members where key != "Statement" && key != "Version" && rest[key] == nil {
                rest[key] = value
            }
            if version == nil, let v = members["Version"] { version = v.stringValue.map(JSON.string) ?? symbolized(v) }
            for statementBranch in branches(members["Statement"]) {
                let listed: [JSON]
                switch statementBranch {
                case .array(let items)?: listed = items
                case let single?: listed = [single]
                case nil: listed = []
                }
                for item in listed {
                    for alternative in alternatives(item) {
                        guard case .object(var statement)? = alternative else { continue }
                        if let sid = statement["Sid"]?.stringValue, !sids.insert(sid).inserted { statement["Sid"] = nil }
                        let json = JSON.object(statement)
                        if !statements.contains(json) { statements.append(json) }
                    }
                }
            }
        }
        var out = JSONObject()
        if let version { out["Version"] = version }
        for (key, value) in rest { out[key] = value }
        out["Statement"] = .array(statements)
        return .object(out)
    }
}
