import KumoJSON

/// A pattern a template value is matched against, as AWS CDK's `Match`: literals, or matchers.
///
/// Literals are written as Swift literals: `"role-github"`, `1`, `true`, `nil` (JSON null), arrays and
/// dictionaries of patterns. A literal object matches an object with at least those members (`objectLike`)
/// inside ``objectLike(_:)`` and at the top of ``Template/hasResourceProperties(_:_:sourceLocation:)``, and
/// exactly those members inside ``exact(_:)`` / ``objectEquals(_:)``; nested literals inherit the mode of the
/// nearest enclosing matcher. A literal array matches an array of the same length, element by element.
///
/// ```swift
/// template.hasResourceProperties("AWS::IAM::Role", [
///     "RoleName": "role-github",
///     "AssumeRolePolicyDocument": ["Statement": .arrayWith([
///         ["Action": "sts:AssumeRoleWithWebIdentity",
///          "Condition": ["StringLike": ["token.actions.githubusercontent.com:sub": .stringLikeRegexp("^repo:example-org/")]]],
///     ])],
///     "PermissionsBoundary": .absent,
/// ])
/// ```
public struct Match: Sendable {
    indirect enum Node: Sendable {
        case literal(JSON)
        case object([(String, Match)])
        case array([Match])
        case objectLike([(String, Match)])
        case objectEquals([(String, Match)])
        case exact(Match)
        case arrayWith([Match])
        case arrayEquals([Match])
        case absent
        case anyValue
        case not(Match)
        case regexp(String)
        case serializedJSON(Match)
        case capture(Capture, Match?)
        case predicate(String, @Sendable (JSON) -> Bool)
    }

    let node: Node

    init(_ node: Node) { self.node = node }

    /// A literal pattern from a JSON value (objects and arrays become literal patterns of their members).
    public init(_ json: JSON) {
        switch json {
        case .object(let members): node = .object(members.map { ($0.key, Match($0.value)) })
        case .array(let items): node = .array(items.map(Match.init))
        default: node = .literal(json)
        }
    }

    // MARK: - Matchers

    /// An object with at least these members (others are ignored); nested literal objects match the same way.
    /// A member whose pattern is ``absent`` must be missing.
    public static func objectLike(_ members: KeyValuePairs<String, Match>) -> Match {
        Match(.objectLike(members.map { ($0.key, $0.value) }))
    }

    /// An object with exactly these members; nested literals match exactly too.
    public static func objectEquals(_ members: KeyValuePairs<String, Match>) -> Match {
        Match(.objectEquals(members.map { ($0.key, $0.value) }))
    }

    /// `pattern`, with every nested literal object matched exactly (no extra members allowed).
    public static func exact(_ pattern: Match) -> Match { Match(.exact(pattern)) }

    /// An array containing these patterns in this order, not necessarily adjacent (other elements are ignored).
    public static func arrayWith(_ elements: [Match]) -> Match { Match(.arrayWith(elements)) }

    /// An array of exactly these elements, in order, each matched exactly.
    public static func arrayEquals(_ elements: [Match]) -> Match { Match(.arrayEquals(elements)) }

    /// The member must be missing (only meaningful as the pattern of an object member).
    public static var absent: Match { Match(.absent) }

    /// Any value except a missing one or JSON null.
    public static var anyValue: Match { Match(.anyValue) }

    /// Anything that does not match `pattern` (a missing member does not match it either).
    public static func not(_ pattern: Match) -> Match { Match(.not(pattern)) }

    /// A string in which the regular expression finds a match (anchor it with `^…$` to match it whole).
    public static func stringLikeRegexp(_ pattern: String) -> Match { Match(.regexp(pattern)) }

    /// A string that parses as JSON matching `pattern` (for policy documents written as JSON strings).
    public static func serializedJSON(_ pattern: Match) -> Match { Match(.serializedJSON(pattern)) }

    /// Matches `pattern` (any present value when `nil`) and records the value in `capture`. With a pattern
    /// that accepts a missing member (``absent``), a missing member matches and records nothing.
    public static func capture(_ capture: Capture, _ pattern: Match? = nil) -> Match { Match(.capture(capture, pattern)) }

    /// A value for which `predicate` holds; `description` names it in failure messages.
    public static func satisfying(_ description: String, _ predicate: @escaping @Sendable (JSON) -> Bool) -> Match {
        Match(.predicate(description, predicate))
    }

    /// Tests `value` (`nil`: missing) against this pattern, without recording anything.
    public func test(_ value: JSON?) -> MatchReport {
        var matcher = Matcher()
        matcher.test(self, value, path: [], partial: false)
        return MatchReport(target: value, mismatches: matcher.mismatches, captures: matcher.captures)
    }

    /// The captures this pattern records into.
    var captures: [Capture] {
        switch node {
        case .literal, .absent, .anyValue, .regexp, .predicate: []
        case .object(let m), .objectLike(let m), .objectEquals(let m): m.flatMap(\.1.captures)
        case .array(let m), .arrayWith(let m), .arrayEquals(let m): m.flatMap(\.captures)
        case .exact(let m), .not(let m), .serializedJSON(let m): m.captures
        case .capture(let c, let m): [c] + (m?.captures ?? [])
        }
    }
}

extension Match: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A literal string: the value must be equal.
    public init(stringLiteral value: String) { self.init(.literal(.string(value))) }
    /// A literal integer: the value must be the same number.
    public init(integerLiteral value: Int) { self.init(.literal(.number(Double(value)))) }
    /// A literal number: the value must be the same number.
    public init(floatLiteral value: Double) { self.init(.literal(.number(value))) }
    /// A literal boolean: the value must be equal.
    public init(booleanLiteral value: Bool) { self.init(.literal(.bool(value))) }
    /// `nil`: the value must be JSON `null`.
    public init(nilLiteral: ()) { self.init(.literal(.null)) }
    /// An array literal: the value must be an array of the same length, element by element.
    public init(arrayLiteral elements: Match...) { self.init(.array(elements)) }
    /// A dictionary literal: the value must be an object with these members, each matching its pattern (other
    /// members ignored, unless inside ``Match/exact(_:)`` or ``Match/objectEquals(_:)``).
    public init(dictionaryLiteral elements: (String, Match)...) { self.init(.object(elements)) }
}

extension Match: CustomStringConvertible {
    /// The pattern in a JSON-like notation, matchers by name (`arrayWith([…])`, `stringLikeRegexp("…")`).
    public var description: String {
        func members(_ m: [(String, Match)]) -> String {
            "{" + m.map { Matcher.quote($0.0) + ": " + $0.1.description }.joined(separator: ", ") + "}"
        }
        func list(_ m: [Match]) -> String { "[" + m.map(\.description).joined(separator: ", ") + "]" }
        switch node {
        case .literal(let json): return json.serialized()
        case .object(let m): return members(m)
        case .array(let m): return list(m)
        case .objectLike(let m): return "objectLike(" + members(m) + ")"
        case .objectEquals(let m): return "objectEquals(" + members(m) + ")"
        case .exact(let m): return "exact(" + m.description + ")"
        case .arrayWith(let m): return "arrayWith(" + list(m) + ")"
        case .arrayEquals(let m): return "arrayEquals(" + list(m) + ")"
        case .absent: return "absent"
        case .anyValue: return "anyValue"
        case .not(let m): return "not(" + m.description + ")"
        case .regexp(let p): return "stringLikeRegexp(" + Matcher.quote(p) + ")"
        case .serializedJSON(let m): return "serializedJSON(" + m.description + ")"
        case .capture(_, let m): return "capture(" + (m?.description ?? "") + ")"
        case .predicate(let d, _): return "satisfying(" + Matcher.quote(d) + ")"
        }
    }
}

/// The outcome of matching one value: the mismatches (empty when it matched) with their paths.
public struct MatchReport: Sendable {
    /// The value tested (`nil`: missing).
    public var target: JSON?
    /// Every mismatch found, in document order.
    public var mismatches: [Mismatch]
    var captures: [(Capture, JSON)]

    /// Whether the value matched.
    public var matched: Bool { mismatches.isEmpty }

    /// One line per mismatch (`Properties.RoleName: expected "a", found "b"`).
    public var summary: String { mismatches.map(\.description).joined(separator: "\n") }

    /// A structural diff: the target, reduced to the paths of the mismatches, with `-` (expected) and `+`
    /// (found) lines.
    public var diff: String { StructuralDiff.render(target, mismatches) }
}

/// One place where a value does not match its pattern.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    /// A step in a JSON path.
    public enum Step: Sendable, Hashable {
        /// A member of an object.
        case key(String)
        /// An element of an array.
        case index(Int)
    }

    /// Why the value does not match.
    public enum Kind: Sendable, Hashable {
        /// The value differs from the expected one.
        case value
        /// The member is missing.
        case missing
        /// The member is present but must be absent (or is not in an exact pattern).
        case unexpected
        /// Any other reason (the note says it).
        case other
    }

    /// Where the mismatch is, from the matched value's root.
    public var path: [Step]
    /// Why the value does not match.
    public var kind: Kind
    /// The pattern expected there, as text.
    public var expected: String
    /// The value found there (`nil`: missing).
    public var actual: JSON?
    /// A note (for `.other` and array mismatches).
    public var note: String?

    /// `Properties.AssumeRolePolicyDocument.Statement[0].Condition["StringLike"]`.
    public var pathText: String { Mismatch.render(path) }

    /// `<path>: expected <pattern>, found <value>` (or missing, unexpected, the note).
    public var description: String {
        let at = pathText.isEmpty ? "(root)" : pathText
        let found = actual.map { Matcher.truncate($0.serialized()) } ?? "nothing"
        switch kind {
        case .value:
            let suffix = note.map { " (" + $0 + ")" } ?? ""
            return at + ": expected " + expected + ", found " + found + suffix
        case .missing:
            return at + ": missing, expected " + expected
        case .unexpected:
            return at + ": found " + found + ", expected " + (note ?? "no member here")
        case .other:
            return at + ": " + (note ?? "does not match") + " (found " + found + ")"
        }
    }

    static func render(_ path: [Step]) -> String {
        var out = ""
        for step in path {
            switch step {
            case .index(let i):
                out += "[\(i)]"
            case .key(let k):
                let simple = !k.isEmpty && k.unicodeScalars.allSatisfy(Mismatch.isIdentifierScalar)
                if simple {
                    if !out.isEmpty { out += "." }
                    out += k
                } else {
                    out += "[" + Matcher.quote(k) + "]"
                }
            }
        }
        return out
    }

    private static func isIdentifierScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_")
    }
}

/// The matching engine.
struct Matcher {
    var mismatches: [Mismatch] = []
    var captures: [(Capture, JSON)] = []

    mutating func test(_ pattern: Match, _ value: JSON?, path: [Mismatch.Step], partial: Bool) {
        switch pattern.node {
        case .literal(let expected):
            guard let value else { return missing(path, pattern) }
            if value != expected {
                mismatches.append(Mismatch(path: path, kind: .value, expected: pattern.description, actual: value))
            }
        case .object(let members):
            object(members, value, path: path, partial: partial, pattern: pattern)
        case .objectLike(let members):
            object(members, value, path: path, partial: true, pattern: pattern)
        case .objectEquals(let members):
            object(members, value, path: path, partial: false, pattern: pattern)
        case .exact(let inner):
            test(inner, value, path: path, partial: false)
        case .array(let elements):
            array(elements, value, path: path, partial: partial, pattern: pattern)
        case .arrayEquals(let elements):
            array(elements, value, path: path, partial: false, pattern: pattern)
        case .arrayWith(let elements):
            arrayWith(elements, value, path: path, partial: partial, pattern: pattern)
        case .absent:
            if let value {
                mismatches.append(Mismatch(path: path, kind: .unexpected, expected: "absent", actual: value, note: "it to be absent"))
            }
        case .anyValue:
            guard let value else { return missing(path, pattern) }
            if value == .null {
                mismatches.append(Mismatch(path: path, kind: .value, expected: "anyValue", actual: value, note: "null is not a value"))
            }
        case .not(let inner):
            var trial = Matcher()
            trial.test(inner, value, path: path, partial: partial)
            if trial.mismatches.isEmpty {
                let note = "matches " + Matcher.truncate(inner.description) + ", which it must not"
                mismatches.append(Mismatch(path: path, kind: .other, expected: pattern.description, actual: value, note: note))
            } else if value == nil {
                missing(path, pattern)
            }
        case .regexp(let source):
            regexp(source, value, path: path, pattern: pattern)
        case .serializedJSON(let inner):
            guard let value else { return missing(path, pattern) }
            guard case .string(let text) = value else { return wrongKind(path, pattern, value, "a JSON string") }
            let parsed: JSON
            do {
                parsed = try JSON(parsing: text)
            } catch {
                let note = "the string is not JSON: \(error)"
                return mismatches.append(Mismatch(path: path, kind: .other, expected: pattern.description, actual: value, note: note))
            }
            test(inner, parsed, path: path + [.key("(parsed JSON)")], partial: partial)
        case .capture(let capture, let inner):
            guard let inner else {
                guard let value else { return missing(path, pattern) }
                captures.append((capture, value))
                return
            }
            let before = mismatches.count
            test(inner, value, path: path, partial: partial)
            if mismatches.count == before, let value { captures.append((capture, value)) }
        case .predicate(let description, let predicate):
            guard let value else { return missing(path, pattern) }
            if !predicate(value) {
                mismatches.append(Mismatch(path: path, kind: .value, expected: "a value that is " + description, actual: value))
            }
        }
    }

    private mutating func object(_ members: [(String, Match)], _ value: JSON?, path: [Mismatch.Step], partial: Bool, pattern: Match) {
        guard let value else { return missing(path, pattern) }
        guard case .object(let actual) = value else { return wrongKind(path, pattern, value, "an object") }
        for (key, member) in members {
            test(member, actual[key], path: path + [.key(key)], partial: partial)
        }
        if !partial {
            for (key, extra) in actual where !members.contains(where: { $0.0 == key }) {
                mismatches.append(Mismatch(path: path + [.key(key)], kind: .unexpected, expected: "absent", actual: extra, note: "no such member (exact match)"))
            }
        }
    }

    private mutating func array(_ elements: [Match], _ value: JSON?, path: [Mismatch.Step], partial: Bool, pattern: Match) {
        guard let value else { return missing(path, pattern) }
        guard case .array(let items) = value else { return wrongKind(path, pattern, value, "an array") }
        for (i, element) in elements.enumerated() {
            test(element, i < items.count ? items[i] : nil, path: path + [.index(i)], partial: partial)
        }
        if items.count > elements.count {
            for i in elements.count..<items.count {
                let note = "no element here (the pattern has \(elements.count))"
                mismatches.append(Mismatch(path: path + [.index(i)], kind: .unexpected, expected: "absent", actual: items[i], note: note))
            }
        }
    }

    /// The elements in order, each after the previous match (a subsequence).
    private mutating func arrayWith(_ elements: [Match], _ value: JSON?, path: [Mismatch.Step], partial: Bool, pattern: Match) {
        guard let value else { return missing(path, pattern) }
        guard case .array(let items) = value else { return wrongKind(path, pattern, value, "an array") }
        var next = 0
        for (p, element) in elements.enumerated() {
            let start = next
            var found = false
            while next < items.count {
                var trial = Matcher()
                trial.test(element, items[next], path: path + [.index(next)], partial: partial)
                next += 1
                if trial.mismatches.isEmpty {
                    captures += trial.captures
                    found = true
                    break
                }
            }
            if found { continue }
            // Explain with the closest element after the previous match (fewest mismatches).
            var best: [Mismatch]?
            for i in start..<items.count {
                var trial = Matcher()
                trial.test(element, items[i], path: path + [.index(i)], partial: partial)
                if best == nil || trial.mismatches.count < best!.count { best = trial.mismatches }
            }
            let after = p == 0 ? "" : "after the previous match "
            let note = "no element " + after + "matches arrayWith element #\(p) " + Matcher.truncate(element.description)
            if let best, !best.isEmpty, best.count <= 3 {
                let short = "the closest element: none matches arrayWith element #\(p)" + (p == 0 ? "" : " after the previous match")
                for var m in best {
                    m.note = m.note.map { $0 + "; " + short } ?? short
                    mismatches.append(m)
                }
            } else {
                mismatches.append(Mismatch(path: path, kind: .other, expected: element.description, actual: value, note: note))
            }
            return
        }
    }

    private mutating func regexp(_ source: String, _ value: JSON?, path: [Mismatch.Step], pattern: Match) {
        guard let value else { return missing(path, pattern) }
        guard case .string(let text) = value else { return wrongKind(path, pattern, value, "a string") }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(source)
        } catch {
            let note = "the regular expression " + Matcher.quote(source) + " is not valid: \(error)"
            return mismatches.append(Mismatch(path: path, kind: .other, expected: pattern.description, actual: value, note: note))
        }
        let found = (try? regex.firstMatch(in: text)) ?? nil
        if found == nil {
            mismatches.append(Mismatch(path: path, kind: .value, expected: pattern.description, actual: value))
        }
    }

    private mutating func missing(_ path: [Mismatch.Step], _ pattern: Match) {
        mismatches.append(Mismatch(path: path, kind: .missing, expected: Matcher.truncate(pattern.description), actual: nil))
    }

    private mutating func wrongKind(_ path: [Mismatch.Step], _ pattern: Match, _ value: JSON, _ kind: String) {
        let note = "expected " + kind + ", found " + value.kindDescription
        mismatches.append(Mismatch(path: path, kind: .value, expected: Matcher.truncate(pattern.description), actual: value, note: note))
    }

    static func quote(_ s: String) -> String { JSON.string(s).serialized() }

    static func truncate(_ s: String, _ limit: Int = 160) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
