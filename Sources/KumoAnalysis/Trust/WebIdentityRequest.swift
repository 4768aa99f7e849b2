import KumoJSON

/// A web-identity token presented to STS `AssumeRoleWithWebIdentity`, and when.
public struct WebIdentityRequest: Sendable {
    /// The token's claims (its decoded payload): `iss`, `sub`, `aud`, `exp`, `iat`, `nbf`, `amr`, `azp`, and
    /// provider-specific ones (GitHub's `repository`, `ref`, `environment`, …).
    public var claims: JSONObject
    /// The evaluation time, in seconds since 1970.
    public var now: Double
    /// How far STS's clock and the token minter's may disagree, in seconds (AWS documents no value; 0 by
    /// default, so that a test states its assumption).
    public var clockSkew: Double

    public init(claims: JSONObject, now: Double, clockSkew: Double = 0) {
        self.claims = claims
        self.now = now
        self.clockSkew = clockSkew
    }
}
