import KumoJSON

extension PolicyParser {
    /// `Principal` / `NotPrincipal`, with the rules of each policy kind (AWS: NotPrincipal only with Deny, never
    /// in identity or role trust policies; Principal forbidden in identity policies, required elsewhere).
    mutating func parsePrincipals(_ m: JSONObject, effect: Effect?, at path: JSONPath) -> (PrincipalSet?, PrincipalSet?)
    {
        let p = m["Principal"]
        let n = m["NotPrincipal"]
        if kind == .identity {
            for (name, value) in [("Principal", p), ("NotPrincipal", n)] where value != nil {
                report(
                    .forbiddenElement, path.member(name),
                    "an identity-based policy cannot name a \(name) (IAM: \"Has prohibited field \(name)\"); the "
                        + "principal is whoever the policy is attached to, so remove it"
                )
            }
            return (nil, nil)
        }
        if p != nil && n != nil {
            report(
                .conflictingElements, path.member("NotPrincipal"),
                "a statement cannot have both Principal and NotPrincipal; keep Principal")
        }
        if p == nil && n == nil {
            let what = kind == .trust ? "who may assume the role" : "who the statement applies to"
            report(
                .missingElement, path.member("Principal"),
                "a \(kind == .trust ? "trust" : "resource") policy statement must say \(what): add \"Principal\", "
                    + "e.g. {\"Federated\": "
                    + "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}"
            )
        }
        var notPrincipal: PrincipalSet?
        if let n {
            if kind == .trust {
                report(
                    .forbiddenElement, path.member("NotPrincipal"),
                    "NotPrincipal cannot be used in a role trust policy; use Principal (and, to exclude someone, a "
                        + "Deny statement with an aws:PrincipalArn condition)"
                )
            } else if effect == .allow {
                report(
                    .forbiddenElement, path.member("NotPrincipal"),
                    "NotPrincipal is only supported with \"Effect\": \"Deny\"; use Principal in an Allow statement"
                )
            }
            notPrincipal = parsePrincipalSet(n, at: path.member("NotPrincipal"), element: "NotPrincipal")
        }
        let principal = p.flatMap { parsePrincipalSet($0, at: path.member("Principal"), element: "Principal") }
        return (principal, notPrincipal)
    }

    private mutating func parsePrincipalSet(_ json: JSON, at path: JSONPath, element: String) -> PrincipalSet? {
        switch json {
        case .string("*"):
            return .any
        case .string(let s):
            report(
                .invalidPrincipal, path,
                "\(element) must be \"*\" or an object keyed by principal type; write {\"AWS\": "
                    + "\(ConditionExplainer.quote(s))} (or \"Service\" / \"Federated\")"
            )
            return nil
        case .object(let members):
            if members.isEmpty {
                report(
                    .invalidPrincipal, path,
                    "\(element) is an empty object; name at least one principal, e.g. {\"Service\": "
                        + "\"ec2.amazonaws.com\"}"
                )
                return nil
            }
            var map: [PrincipalType: [String]] = [:]
            for (key, value) in members {
                let keyPath = path.member(key)
                guard let type = PrincipalType(rawValue: key) else {
                    var message =
                        "unknown principal type \(ConditionExplainer.quote(key)); use AWS, Service, Federated or "
                        + "CanonicalUser"
                    if let fix = PrincipalType.allCases.first(where: { $0.rawValue.lowercased() == key.lowercased() }) {
                        message += " (case-sensitive: write \(ConditionExplainer.quote(fix.rawValue)))"
                    }
                    report(.invalidPrincipal, keyPath, message)
                    continue
                }
                guard let list = parseStringList(value, at: keyPath, element: "\(element).\(key)") else { continue }
                for (v, p) in list { checkPrincipalValue(v, type: type, at: p) }
                map[type] = list.map(\.0)
            }
            return map.isEmpty ? nil : .principals(map)
        default:
            report(
                .invalidType, path,
                "\(element) must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}; found "
                    + "\(json.kindDescription)"
            )
            return nil
        }
    }

    private mutating func checkPrincipalValue(_ v: String, type: PrincipalType, at path: JSONPath) {
        if v.isEmpty {
            report(.invalidPrincipal, path, "an empty principal; name an account, ARN, service or provider")
            return
        }
        let hasWildcard = Wildcard.containsWildcard(v)
        if type == .aws {
            if v == "*" { return }
            if hasWildcard {
                report(
                    .invalidPrincipal, path,
                    "wildcards cannot match part of a principal ARN; use \"*\" with an ArnLike condition on "
                        + "aws:PrincipalArn"
                )
                return
            }
            let isAccountID =
                v.utf8.count == 12 && v.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            let isARN = v.hasPrefix("arn:") && ArnMatching.hasSixComponents(v)
            let isUniqueID =
                v.utf8.count >= 16 && v.hasPrefix("A")
                && v.utf8.allSatisfy {
                    ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                }
            if !(isAccountID || isARN || isUniqueID) {
                report(
                    .invalidPrincipal, path,
                    "\(ConditionExplainer.quote(v)) is not an AWS principal; use a 12-digit account id, an ARN such "
                        + "as \"arn:aws:iam::111122223333:role/name\", or \"*\""
                )
            }
            return
        }
        if hasWildcard {
            report(
                .invalidPrincipal, path,
                "\(type.rawValue) principals cannot contain wildcards; name the exact "
                    + "\(type == .service ? "service (e.g. \"ec2.amazonaws.com\")" : "principal")"
            )
        } else if v.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            report(
                .invalidPrincipal, path, "\(ConditionExplainer.quote(v)) contains whitespace; principal names have none"
            )
        }
    }
}
