import KumoJSON

extension PolicyParser {
    mutating func parseStatement(_ json: JSON, at path: JSONPath) -> Statement? {
        guard case .object(let m) = json else {
            report(.invalidType, path, "a statement must be a JSON object; found \(json.kindDescription)")
            return nil
        }
        reportUnknownKeys(m, allowed: Self.statementKeys, at: path, what: "statement element")

        let sid = parseSid(m["Sid"], at: path.member("Sid"))
        let effect = parseEffect(m["Effect"], at: path)
        let (principal, notPrincipal) = parsePrincipals(m, effect: effect, at: path)
        let action = parseActions(m, at: path)
        let resource = parseResources(m, at: path)
        var conditions: [Condition] = []
        if let c = m["Condition"] { conditions = parseConditionBlock(c, at: path.member("Condition")) }

        guard let effect, let action else { return nil }
        return Statement(
            sid: sid, effect: effect, principal: principal, notPrincipal: notPrincipal, action: action,
            resource: resource, conditions: conditions)
    }

    private mutating func parseSid(_ json: JSON?, at path: JSONPath) -> String? {
        guard let json else { return nil }
        guard case .string(let sid) = json else {
            report(.invalidType, path, "Sid must be a string; found \(json.kindDescription)")
            return nil
        }
        // IAM (trust and identity policies) rejects other characters: "Statement IDs (SID) must be alpha-numeric".
        let alphanumeric: (Unicode.Scalar) -> Bool = {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        if kind != .resource, !sid.unicodeScalars.allSatisfy(alphanumeric) {
            report(
                .invalidSid, path,
                "Sid \(ConditionExplainer.quote(sid)) must contain only ASCII letters and digits in IAM policies; "
                    + "remove spaces, dashes and punctuation"
            )
        }
        return sid
    }

    private mutating func parseEffect(_ json: JSON?, at path: JSONPath) -> Effect? {
        let p = path.member("Effect")
        guard let json else {
            report(.missingElement, p, "the statement has no Effect; add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"")
            return nil
        }
        guard case .string(let s) = json else {
            report(.invalidType, p, "Effect must be the string \"Allow\" or \"Deny\"; found \(json.kindDescription)")
            return nil
        }
        if let e = Effect(rawValue: s) { return e }
        var message = "Effect must be \"Allow\" or \"Deny\"; found \(ConditionExplainer.quote(s))"
        if let fix = Effect.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) {
            message += " (values are case-sensitive: write \(ConditionExplainer.quote(fix.rawValue)))"
        }
        report(.invalidEffect, p, message)
        return nil
    }

    private mutating func parseActions(_ m: JSONObject, at path: JSONPath) -> ActionSet? {
        switch (m["Action"], m["NotAction"]) {
        case (nil, nil):
            report(
                .missingElement, path.member("Action"),
                "the statement has no Action; add \"Action\" (for a trust policy, e.g. "
                    + "\"sts:AssumeRoleWithWebIdentity\")"
            )
            return nil
        case (.some, .some):
            report(
                .conflictingElements, path.member("NotAction"),
                "a statement cannot have both Action and NotAction; keep one")
            return nil
        case (let a?, nil):
            guard let list = parseStringList(a, at: path.member("Action"), element: "Action") else { return nil }
            checkActions(list)
            return .actions(list.map(\.0))
        case (nil, let n?):
            guard let list = parseStringList(n, at: path.member("NotAction"), element: "NotAction") else { return nil }
            checkActions(list)
            return .notActions(list.map(\.0))
        }
    }

    private mutating func checkActions(_ list: [(String, JSONPath)]) {
        for (action, p) in list {
            guard Self.isValidActionPattern(action) else {
                report(
                    .invalidAction, p,
                    "\(ConditionExplainer.quote(action)) is not an action; write service:Action, e.g. "
                        + "\"sts:AssumeRole\" or \"s3:Get*\", or \"*\""
                )
                continue
            }
            if kind == .trust {
                let service = action.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
                if action == "*" || service != "sts" {
                    report(
                        .actionNotAllowed, p,
                        "a trust policy can only allow sts actions (sts:AssumeRole, sts:AssumeRoleWithWebIdentity, "
                            + "sts:AssumeRoleWithSAML, sts:TagSession, ...); found \(ConditionExplainer.quote(action))"
                    )
                }
            }
        }
    }

    /// `*`, or `service:Action` with `[a-zA-Z0-9-]+` service and `[a-zA-Z0-9*?]+` action.
    static func isValidActionPattern(_ s: String) -> Bool {
        if s == "*" { return true }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let isAlnum: (Unicode.Scalar) -> Bool = {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        return parts[0].unicodeScalars.allSatisfy { isAlnum($0) || $0 == "-" }
            && parts[1].unicodeScalars.allSatisfy { isAlnum($0) || $0 == "*" || $0 == "?" }
    }

    private mutating func parseResources(_ m: JSONObject, at path: JSONPath) -> ResourceSet? {
        let r = m["Resource"]
        let n = m["NotResource"]
        if kind == .trust {
            for (name, value) in [("Resource", r), ("NotResource", n)] where value != nil {
                report(
                    .forbiddenElement, path.member(name),
                    "a role trust policy has no \(name) (the role itself is the resource; IAM: \"Has prohibited "
                        + "field \(name)\"); remove it"
                )
            }
            return nil
        }
        switch (r, n) {
        case (nil, nil):
            if kind == .identity {
                report(
                    .missingElement, path.member("Resource"),
                    "an identity-based policy statement needs Resource (or NotResource); add \"Resource\": \"arn:...\"")
            }
            return nil
        case (.some, .some):
            report(
                .conflictingElements, path.member("NotResource"),
                "a statement cannot have both Resource and NotResource; keep one")
            return nil
        case (let a?, nil):
            guard let list = parseStringList(a, at: path.member("Resource"), element: "Resource") else { return nil }
            checkResources(list)
            return .resources(list.map(\.0))
        case (nil, let b?):
            guard let list = parseStringList(b, at: path.member("NotResource"), element: "NotResource") else {
                return nil
            }
            checkResources(list)
            return .notResources(list.map(\.0))
        }
    }

    private mutating func checkResources(_ list: [(String, JSONPath)]) {
        for (resource, p) in list where resource != "*" && !resource.hasPrefix("arn:") {
            report(
                .invalidResource, p,
                "Resource \(ConditionExplainer.quote(resource)) must be an ARN "
                    + "(arn:partition:service:region:account-id:resource) or \"*\""
            )
        }
    }
}
