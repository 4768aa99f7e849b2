import KumoJSON

extension PolicyDocument {
    /// Parses and validates a policy document strictly, collecting *every* problem (with its JSON path and a
    /// suggested fix) instead of stopping at the first. Throws when there is at least one.
    public static func parse(_ json: JSON, kind: PolicyKind) throws(PolicyGrammarErrors) -> PolicyDocument {
        var parser = PolicyParser(kind: kind)
        let document = parser.parseDocument(json)
        if let document, parser.errors.isEmpty { return document }
        throw PolicyGrammarErrors(parser.errors)
    }

    /// Parses policy JSON text (strict JSON: duplicate keys are an error, since they have silently dropped
    /// trust conditions in the wild) and then the policy; see ``parse(_:kind:)``.
    public static func parse(text: String, kind: PolicyKind) throws(PolicyGrammarErrors) -> PolicyDocument {
        let json: JSON
        do {
            json = try JSON(parsing: text)
        } catch {
            throw PolicyGrammarErrors([
                PolicyGrammarError(.invalidJSON, at: "$", "not valid JSON: \(error.description)")
            ])
        }
        return try parse(json, kind: kind)
    }

    /// Every grammar problem of `json` as a policy of `kind` (empty when valid).
    public static func validate(_ json: JSON, kind: PolicyKind) -> [PolicyGrammarError] {
        var parser = PolicyParser(kind: kind)
        _ = parser.parseDocument(json)
        return parser.errors
    }
}

/// The grammar checker and model builder; collects errors and keeps going.
struct PolicyParser {
    let kind: PolicyKind
    var errors: [PolicyGrammarError] = []

    static let documentKeys = ["Version", "Id", "Statement"]
    static let statementKeys = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    mutating func report(_ code: PolicyGrammarError.Code, _ path: JSONPath, _ message: String) {
        errors.append(PolicyGrammarError(code, at: path.rendered, message))
    }

    mutating func parseDocument(_ json: JSON) -> PolicyDocument? {
        let root = JSONPath.root
        guard case .object(let members) = json else {
            report(
                .invalidType, root,
                "a policy document must be a JSON object with \"Version\" and \"Statement\"; found "
                    + "\(json.kindDescription)"
            )
            return nil
        }
        reportUnknownKeys(members, allowed: Self.documentKeys, at: root, what: "top-level element")

        var version: String?
        if let v = members["Version"] {
            if case .string(let s) = v {
                version = s
                if s != PolicyDocument.currentVersion && s != PolicyDocument.legacyVersion {
                    report(
                        .invalidVersion, root.member("Version"),
                        "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"); found "
                            + "\(ConditionExplainer.quote(s)). Version is the policy language date, not today's date"
                    )
                }
            } else {
                report(
                    .invalidType, root.member("Version"),
                    "Version must be the string \"2012-10-17\"; found \(v.kindDescription)")
            }
        }
        var id: String?
        if let v = members["Id"] {
            if case .string(let s) = v {
                id = s
            } else {
                report(.invalidType, root.member("Id"), "Id must be a string; found \(v.kindDescription)")
            }
        }

        var statements: [Statement] = []
        let statementPath = root.member("Statement")
        switch members["Statement"] {
        case nil:
            report(
                .missingElement, statementPath,
                "a policy needs a Statement: add \"Statement\": [{ \"Effect\": ..., \"Action\": ... }]")
        case .object?:
            if let s = parseStatement(members["Statement"] ?? .null, at: statementPath) { statements.append(s) }
        case .array(let items)?:
            if items.isEmpty {
                report(.emptyStatement, statementPath, "the Statement list is empty; add at least one statement")
            }
            for (i, item) in items.enumerated() {
                if let s = parseStatement(item, at: statementPath.index(i)) { statements.append(s) }
            }
        case let other?:
            report(
                .invalidType, statementPath,
                "Statement must be an object or an array of objects; found \(other.kindDescription)")
        }
        checkDuplicateSids(members["Statement"])
        return PolicyDocument(version: version, id: id, statements: statements)
    }

    private mutating func checkDuplicateSids(_ statement: JSON?) {
        guard case .array(let items)? = statement else { return }
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard case .string(let sid)? = item["Sid"], !sid.isEmpty else { continue }
            if let first = seen[sid] {
                report(
                    .duplicateSid, JSONPath.root.member("Statement").index(i).member("Sid"),
                    "Sid \(ConditionExplainer.quote(sid)) is already used by Statement[\(first)]; Sids must be "
                        + "unique within a policy"
                )
            } else {
                seen[sid] = i
            }
        }
    }

    mutating func reportUnknownKeys(_ members: JSONObject, allowed: [String], at path: JSONPath, what: String) {
        for key in members.keys where !allowed.contains(key) {
            var message = "unknown \(what) \(ConditionExplainer.quote(key))"
            if let fix = allowed.first(where: { $0.lowercased() == key.lowercased() }) {
                message += "; element names are case-sensitive: did you mean \(ConditionExplainer.quote(fix))?"
            } else {
                message += "; allowed: \(allowed.joined(separator: ", "))"
            }
            report(.unknownElement, path.member(key), message)
        }
    }

    /// A string or a non-empty array of strings (the form of Action, Resource, principal values).
    mutating func parseStringList(_ json: JSON, at path: JSONPath, element: String) -> [(String, JSONPath)]? {
        switch json {
        case .string(let s):
            return [(s, path)]
        case .array(let items):
            if items.isEmpty {
                report(.emptyValue, path, "\(element) is an empty list; list at least one value or remove the element")
                return nil
            }
            var result: [(String, JSONPath)] = []
            for (i, item) in items.enumerated() {
                if case .string(let s) = item {
                    result.append((s, path.index(i)))
                } else {
                    report(
                        .invalidType, path.index(i), "\(element) entries must be strings; found \(item.kindDescription)"
                    )
                }
            }
            return result
        default:
            report(
                .invalidType, path, "\(element) must be a string or an array of strings; found \(json.kindDescription)")
            return nil
        }
    }
}
