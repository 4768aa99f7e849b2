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
            return !notActions.contains { Wildcard.matches("sts:assumerolewithwebidentity", pattern: $0.lowercased()) }
        }
        return actions.contains { Wildcard.matches("sts:assumerolewithwebidentity", pattern: $0.lowercased()) }
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
        default: genericStandIn
        }
    }

    /// The stand-in of a deploy-time value that is neither an issuer nor a pseudo parameter.
    static let genericStandIn = "arn:aws:iam::123456789012:kumo-deploy-time-value/" + String(repeating: "x", count: 15)

    /// A grammar message on a concrete document, with the generic stand-in shown as what it stands for.
    static func readable(_ message: String) -> String {
        message.replacingOccurrences(of: genericStandIn, with: "<deploy-time value>")
    }

    static func concrete(_ json: JSON, region: String?) -> JSON {
        json.substitutingSymbols { standIn($0, region: region) }
    }

    /// The grammar errors of a document, checked with deploy-time values made concrete (``concrete(_:region:)``),
    /// less those about a value that is known only at deploy time: an action, an effect or a condition value
    /// written with a parameter (`Action: !Ref Actions`, `!Sub "${Service}:GetObject"`, `NumericLessThan:
    /// {aws:MultiFactorAuthAge: !Ref MaxAge}`) is what deployment makes it, and the stand-in is no evidence.
    static func grammarErrors(_ document: JSON, kind: PolicyKind, region: String?) -> [PolicyGrammarError] {
        PolicyDocument.validate(concrete(document, region: region), kind: kind).filter { error in
            guard case .string(let written)? = value(at: error.path, in: document) else { return true }
            return !Symbol.isSymbolic(written)
        }
    }

    /// The value at a grammar error's path (`Statement[0].Condition.Bool["aws:SecureTransport"]`), when found.
    static func value(at path: String, in document: JSON) -> JSON? {
        var current = document
        var scalars = Substring(path).unicodeScalars[...]
        func member(_ key: String) -> Bool {
            guard case .object(let members) = current, let next = members[key] else { return false }
            current = next
            return true
        }
        while let first = scalars.first {
            switch first {
            case ".":
                scalars = scalars.dropFirst()
            case "[":
                scalars = scalars.dropFirst()
                if scalars.first == "\"" {
                    // A quoted member: a JSON string up to `"]`.
                    var key = ""
                    scalars = scalars.dropFirst()
                    while let c = scalars.first, c != "\"" {
                        scalars = scalars.dropFirst()
                        if c == "\\", let escaped = scalars.first { key.unicodeScalars.append(escaped); scalars = scalars.dropFirst() } else { key.unicodeScalars.append(c) }
                    }
                    scalars = scalars.dropFirst(2)
                    guard member(key) else { return nil }
                } else {
                    let digits = scalars.prefix { $0 != "]" }
                    scalars = scalars.dropFirst(digits.count + 1)
                    guard let index = Int(String(String.UnicodeScalarView(digits))) else { return nil }
                    switch current {
                    case .array(let items) where items.indices.contains(index): current = items[index]
                    case .object where index == 0: break  // a single statement written without a list
                    default: return nil
                    }
                }
            default:
                let name = scalars.prefix { $0 != "." && $0 != "[" }
                scalars = scalars.dropFirst(name.count)
                guard member(String(String.UnicodeScalarView(name))) else { return nil }
            }
        }
        return current
    }

    /// Characters without whitespace of the document as IAM receives it (compact JSON).
    static func size(_ json: JSON, region: String?) -> Int {
        PolicySize.characterCount(concrete(json, region: region).serialized(.compact))
    }
}
