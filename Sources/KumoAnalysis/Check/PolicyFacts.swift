import KumoJSON
import KumoPolicy

/// A policy statement read leniently from a resolved document (whatever its grammar problems), for the checks.
struct PolicyStatement {
    struct RawCondition {
        /// The operator as written (`StringLike`, `ForAllValues:StringEquals`).
        var operatorName: String
        /// The operator, when IAM knows it.
        var op: ConditionOperator?
        var key: String
        var values: [String]

        /// Whether the key is `<issuer>:<claim>` (case-insensitive, as IAM compares keys).
        func isClaim(_ claim: String, of issuer: String) -> Bool {
            key.lowercased() == issuer.lowercased() + ":" + claim
        }

        /// A condition that can only narrow who is admitted: a known, positive operator (not `Not…`, not `Null`).
        var isPositiveRestriction: Bool {
            guard let op else { return false }
            return !op.isNegated && op.base != .null
        }
    }

    struct Principal {
        var type: String
        var value: String
    }

    var index: Int
    var effect: String?
    /// `"Principal": "*"`.
    var isAnyPrincipal: Bool
    var principals: [Principal]
    var actions: [String]
    var notActions: [String]
    var resources: [String]
    var notResources: [String]
    var conditions: [RawCondition]

    var isAllow: Bool { effect == "Allow" }

    /// The statement's path in its document (`Statement[0]`).
    var path: String { "Statement[\(index)]" }

    /// Whether the statement is about `sts:AssumeRoleWithWebIdentity` (also through `sts:*` or `*`).
    var coversWebIdentity: Bool {
        if !notActions.isEmpty {
            return !notActions.contains { GlobPattern.matches("sts:assumerolewithwebidentity", $0.lowercased()) }
        }
        return actions.contains { GlobPattern.matches("sts:assumerolewithwebidentity", $0.lowercased()) }
    }

    /// The statements of a document; an empty list when it has none in a readable form.
    static func statements(of document: JSON) -> [PolicyStatement] {
        let raw: [JSON]
        switch document["Statement"] {
        case .array(let items)?: raw = items
        case .object?: raw = [document["Statement"]!]
        default: raw = []
        }
        return raw.enumerated().compactMap { index, json in
            guard case .object(let m) = json else { return nil }
            var principals: [Principal] = []
            var any = false
            switch m["Principal"] {
            case .string("*")?: any = true
            case .object(let block)?:
                for (type, value) in block {
                    for v in strings(value) { principals.append(Principal(type: type, value: v)) }
                }
            default: break
            }
            var conditions: [RawCondition] = []
            if case .object(let operators)? = m["Condition"] {
                for (name, block) in operators {
                    guard case .object(let keys) = block else { continue }
                    for (key, value) in keys {
                        conditions.append(RawCondition(operatorName: name, op: ConditionOperator(name: name), key: key, values: strings(value)))
                    }
                }
            }
            return PolicyStatement(
                index: index, effect: m["Effect"]?.stringValue, isAnyPrincipal: any, principals: principals,
                actions: strings(m["Action"]), notActions: strings(m["NotAction"]), resources: strings(m["Resource"]),
                notResources: strings(m["NotResource"]), conditions: conditions)
        }
    }

    /// A string or a list of scalars, as strings (numbers and booleans as IAM stringifies them).
    static func strings(_ value: JSON?) -> [String] { value?.iamStrings ?? [] }
}

/// IAM's `StringLike` matching: `*` any run of characters (also none), `?` one character; case-sensitive.
enum GlobPattern {
    static func hasWildcard(_ s: String) -> Bool { s.contains("*") || s.contains("?") }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text.unicodeScalars), p = Array(pattern.unicodeScalars)
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                ti += 1
                pi += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Who issues the tokens a `Federated` principal stands for.
enum IdentityIssuer: Equatable {
    case gitHub(String)
    case eks(String)
    case otherOIDC(String)
    /// SAML, Cognito, or a provider whose ARN is not known.
    case notOIDC

    static let gitHubHost = "token.actions.githubusercontent.com"

    /// The issuer of a federated principal value (an OIDC provider ARN).
    init(principal: String) {
        guard let range = principal.range(of: ":oidc-provider/") else {
            self = .notOIDC
            return
        }
        let issuer = String(principal[range.upperBound...])
        if issuer.isEmpty {
            self = .notOIDC
        } else if issuer == Self.gitHubHost || issuer.hasPrefix(Self.gitHubHost + "/") {
            self = .gitHub(issuer)
        } else if Self.isEKS(issuer) {
            self = .eks(issuer)
        } else {
            self = .otherOIDC(issuer)
        }
    }

    /// An EKS cluster issuer: `oidc.eks.<region>.amazonaws.com/id/<ID>`, or a cluster's deploy-time issuer.
    static func isEKS(_ issuer: String) -> Bool {
        if issuer.hasPrefix("oidc.eks.") { return true }
        return Symbol.parts(of: issuer).contains {
            if case .symbol(.issuer) = $0 { return true }
            return false
        }
    }

    /// The issuer (host and path), for OIDC issuers.
    var issuer: String? {
        switch self {
        case .gitHub(let i), .eks(let i), .otherOIDC(let i): i
        case .notOIDC: nil
        }
    }

    /// Whether a condition key names an issuer (as opposed to a global key such as `aws:SourceIp`): its prefix has
    /// a dot or a deploy-time value in it.
    static func issuerPart(ofKey key: String) -> String? {
        guard let colon = key.lastIndex(of: ":") else { return nil }
        let prefix = String(key[..<colon])
        return prefix.contains(".") || Symbol.isSymbolic(prefix) ? prefix : nil
    }
}

/// Policy sizes as IAM counts them, with deploy-time values replaced by realistic stand-ins.
enum PolicySizing {
    /// A concrete stand-in for each deploy-time value: an EKS issuer (`oidc.eks.<region>.amazonaws.com/id/` and 32
    /// hex digits), a 12-digit account, the region, `aws`; for anything else (an ARN, a generated name) a
    /// 64-character ARN, which is valid wherever policy grammar expects an ARN or a name, and rarely shorter than
    /// the real value.
    static func standIn(_ symbol: Symbol, region: String?) -> String {
        switch symbol {
        case .issuer: "oidc.eks.\(region ?? "ap-northeast-1").amazonaws.com/id/" + String(repeating: "0", count: 32)
        case .pseudo("AWS::AccountId"): "123456789012"
        case .pseudo("AWS::Region"): region ?? "ap-northeast-1"
        case .pseudo("AWS::Partition"): "aws"
        case .pseudo("AWS::URLSuffix"): "amazonaws.com"
        default: "arn:aws:iam::123456789012:kumo-deploy-time-value/" + String(repeating: "x", count: 15)
        }
    }

    static func concrete(_ json: JSON, region: String?) -> JSON {
        json.substitutingSymbols { standIn($0, region: region) }
    }

    /// The document the grammar is checked on: deploy-time values made concrete (``concrete(_:region:)``), and
    /// an action written with one (`Action: !Ref Actions`, a `CommaDelimitedList` parameter; `!Sub
    /// "${Service}:GetObject"`) a valid action of its kind, since only deployment can say which it is.
    static func concreteForGrammar(_ document: JSON, kind: PolicyKind, region: String?) -> JSON {
        let standInAction: JSON = .string(kind == .trust ? "sts:AssumeRole" : "deploy-time:Value")
        func actions(_ value: JSON) -> JSON {
            switch value {
            case .string(let s) where Symbol.isSymbolic(s): standInAction
            case .array(let items): .array(items.map(actions))
            default: value
            }
        }
        func statement(_ value: JSON) -> JSON {
            guard case .object(var members) = value else { return value }
            for key in ["Action", "NotAction"] { members[key] = members[key].map(actions) }
            return .object(members)
        }
        guard case .object(var members) = document else { return concrete(document, region: region) }
        switch members["Statement"] {
        case .array(let items)?: members["Statement"] = .array(items.map(statement))
        case let single?: members["Statement"] = statement(single)
        case nil: break
        }
        return concrete(.object(members), region: region)
    }

    /// Characters without whitespace of the document as IAM receives it (compact JSON).
    static func size(_ json: JSON, region: String?) -> Int {
        PolicySize.characterCount(concrete(json, region: region).serialized(.compact))
    }
}
