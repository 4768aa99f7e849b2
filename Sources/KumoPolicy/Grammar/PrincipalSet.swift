/// The kinds of principal a `Principal` element can name.
public enum PrincipalType: String, CaseIterable, Hashable, Sendable, Comparable {
    /// AWS accounts, IAM users and roles, assumed-role sessions: `"AWS": "arn:aws:iam::111122223333:root"`.
    case aws = "AWS"
    /// AWS service principals: `"Service": "ec2.amazonaws.com"`.
    case service = "Service"
    /// Identity providers (OIDC, SAML, Cognito): `"Federated": "arn:aws:iam::…:oidc-provider/…"`.
    case federated = "Federated"
    /// S3 canonical user ids.
    case canonicalUser = "CanonicalUser"

    public static func < (a: PrincipalType, b: PrincipalType) -> Bool {
        let order = PrincipalType.allCases
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}

/// The value of a `Principal` or `NotPrincipal` element.
public enum PrincipalSet: Hashable, Sendable {
    /// `"Principal": "*"`: everyone, including anonymous callers.
    case any
    /// `"Principal": {"AWS": [...], "Federated": ...}`: any one of the listed principals (a logical OR —
    /// a request is made by one principal at a time). `"AWS": "*"` inside means every principal.
    case principals([PrincipalType: [String]])

    /// The listed principals in a stable order (by type, then as written).
    public var entries: [(type: PrincipalType, value: String)] {
        switch self {
        case .any: return []
        case .principals(let map):
            return map.keys.sorted().flatMap { type in (map[type] ?? []).map { (type, $0) } }
        }
    }
}
