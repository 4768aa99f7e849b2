/// Why a statement element (Principal, Action, Resource) matched or not, kept structured so evaluation does
/// not build strings; ``ElementMatch/reason`` renders it on demand.
indirect enum ElementReason: Hashable, Sendable {
    case absent(element: String)
    case everyone
    case listed(RequestPrincipal)
    case everyAWSPrincipal
    case accountTrusted(account: String)
    case roleSession(session: String, role: String)
    case noRequestPrincipal
    case awsWildcardForOtherType(PrincipalType)
    case notListed(RequestPrincipal, PrincipalSet)
    case notPrincipal(ElementReason, excluded: Bool)
    case actionMatches(action: String, pattern: String)
    case actionMatchesNone(action: String, patterns: [String])
    case excludedByNotAction(action: String, pattern: String)
    case notExcludedByNotAction(action: String, patterns: [String])
    case noRequestResource
    case resourceMatches(resource: String, pattern: String)
    case resourceMatchesNone(resource: String, patterns: [String])
    case excludedByNotResource(resource: String, pattern: String)
    case notExcludedByNotResource(resource: String, patterns: [String])
    case undetermined(ElementReason, resolvedTo: Bool)

    var text: String {
        let q = ConditionExplainer.quote
        func list(_ p: [String]) -> String { "[" + p.map(q).joined(separator: ", ") + "]" }
        switch self {
        case .absent(let element): return "no \(element) element"
        case .everyone: return "\"*\" names every principal"
        case .listed(let p): return "\(p) is listed"
        case .everyAWSPrincipal: return "\"AWS\": \"*\" names every AWS principal"
        case .accountTrusted(let account):
            return
                "account \(account) is trusted, and the caller belongs to it (its identity policies must also allow "
                + "the call)"
        case .roleSession(let session, let role): return "\(session) is a session of role \(role)"
        case .noRequestPrincipal: return "the request names no principal"
        case .awsWildcardForOtherType(let type):
            return "\"AWS\": \"*\" may or may not name a \(type.rawValue) principal (undocumented)"
        case .notListed(let p, let set):
            return "\(p) is not among [" + set.entries.map { "\($0.type.rawValue) \($0.value)" }.joined(separator: ", ")
                + "]"
        case .notPrincipal(let inner, let excluded):
            return "NotPrincipal: " + inner.text + (excluded ? ", so excluded" : ", so not excluded")
        case .actionMatches(let a, let p): return "\(q(a)) matches \(q(p))"
        case .actionMatchesNone(let a, let p): return "\(q(a)) matches none of \(list(p))"
        case .excludedByNotAction(let a, let p): return "\(q(a)) is excluded by NotAction \(q(p))"
        case .notExcludedByNotAction(let a, let p): return "\(q(a)) is not excluded by NotAction \(list(p))"
        case .noRequestResource: return "the request names no resource"
        case .resourceMatches(let r, let p): return "\(q(r)) matches \(q(p))"
        case .resourceMatchesNone(let r, let p): return "\(q(r)) matches none of \(list(p))"
        case .excludedByNotResource(let r, let p): return "\(q(r)) is excluded by NotResource \(q(p))"
        case .notExcludedByNotResource(let r, let p): return "\(q(r)) is not excluded by NotResource \(list(p))"
        case .undetermined(let inner, let resolved):
            return inner.text
                + " — undetermined, so taken as \(resolved ? "matching" : "not matching"), the answer that denies access"
        }
    }
}
