import KumoJSON

/// A web-identity token presented to STS `AssumeRoleWithWebIdentity`, and when.
public struct WebIdentityRequest: Sendable {
    /// The token's claims (its decoded payload): `iss`, `sub`, `aud`, `exp`, `iat`, `nbf`, `amr`, `azp`, and
    /// provider-specific ones (GitHub's `repository`, `ref`, `environment`, …).
    public var claims: JSONObject
    /// The token's JOSE header, when the request comes from an actual token (its `alg` is checked).
    public var header: JSONObject?
    /// The length of the token in characters, when the request comes from an actual token (STS: 4–20,000).
    public var tokenLength: Int?
    /// The evaluation time (STS's clock), in seconds since 1970.
    public var now: Double
    /// How far the clocks of the token's minter and of STS may disagree, in seconds: `exp` must be later than
    /// `now − clockSkew`, `iat` and `nbf` not later than `now + clockSkew`.
    ///
    /// `nil` (the default) applies what AWS documents: IAM accepts a JWT up to five minutes (300 s) after its
    /// `exp` ("IAM provides a five-minute window beyond the expiration time specified in the JWT to account
    /// for clock skew", IAM User Guide, *OIDC federation*); for `iat` and `nbf` in the future AWS documents no
    /// tolerance, so none is given (the conservative answer). A number applies that tolerance to all three.
    public var clockSkew: Double?

    /// The tolerance after `exp` that IAM documents (300 s).
    public static let documentedExpiryGrace: Double = 300

    public init(claims: JSONObject, now: Double, clockSkew: Double? = nil, header: JSONObject? = nil, tokenLength: Int? = nil) {
        self.claims = claims
        self.now = now
        self.clockSkew = clockSkew
        self.header = header
        self.tokenLength = tokenLength
    }

    /// The request for a decoded token.
    public init(token: JWT, now: Double, clockSkew: Double? = nil) {
        self.init(claims: token.claims, now: now, clockSkew: clockSkew, header: token.header, tokenLength: token.compact.utf8.count)
    }

    /// The tolerance applied after `exp`.
    public var expiryTolerance: Double { clockSkew ?? Self.documentedExpiryGrace }
    /// The tolerance applied to `iat`/`nbf` in the future.
    public var futureTolerance: Double { clockSkew ?? 0 }
}
