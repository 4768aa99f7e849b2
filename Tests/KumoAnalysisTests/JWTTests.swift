import Testing
@testable import KumoAnalysis
import KumoFuzzing
import KumoJSON

@Suite struct JWTTests {
    static func segment(_ text: String) -> String { JWT.base64URLEncode(Array(text.utf8)) }

    @Test func decodesHeaderClaimsAndSignatureWithoutVerifying() throws {
        let token = JWT(claims: ["iss": "https://token.actions.githubusercontent.com", "sub": "repo:o/r:ref:refs/heads/main", "exp": 1_800_000_300])
        let decoded = try JWT(decoding: "  Bearer " + token.compact + "\n")
        #expect(decoded.algorithm == "RS256")
        #expect(decoded.claims["sub"] == "repo:o/r:ref:refs/heads/main")
        #expect(decoded.claims["exp"] == 1_800_000_300)
        #expect(decoded.signature == Array("not-a-signature".utf8))
        #expect(decoded.compact == token.compact)
    }

    @Test func base64URLRoundTripsEveryLength() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let encoded = JWT.base64URLEncode(bytes)
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(try JWT.base64URLDecode(Array(encoded.utf8)[...]) == bytes)
        }
        // Padding is tolerated at the end.
        #expect(try JWT.base64URLDecode(Array("e30=".utf8)[...]) == Array("{}".utf8))
    }

    @Test(arguments: [
        ("", "the token is empty"),
        ("   \n", "the token is empty"),
        ("abc", "this one has 1"),
        ("a.b", "this one has 2"),
        ("a.b.c.d", "this one has 4"),
        ("a.b.c.d.e", "encrypted JWT (JWE)"),
        ("{\"sub\": \"x\"}", "this is JSON, not a JWT"),
        (".e30.", "the header segment is empty"),
        ("e30..", "the payload segment is empty"),
        ("e30.e3+.", "standard base64"),
        ("e30.e3/.", "standard base64"),
        ("e30.e*0.", "not a base64url character"),
        ("e30.e=30.", "'=' padding inside the encoded text"),
        ("e30.eyJhb.", "not a valid base64url length"),
        ("e30.bm90IGpzb24.", "the payload is not JSON"),
        ("e30.WzEsMl0.", "the payload must be a JSON object, not an array"),
        ("IjEi.e30.", "the header must be a JSON object, not a string"),
        ("e30.e30.a*b", "the signature segment is not base64url"),
        ("e30.__8.", "is not UTF-8"),
    ])
    func malformedTokensAreRejectedPrecisely(token: String, fragment: String) {
        do {
            _ = try JWT(decoding: token)
            Issue.record("\(token) decoded")
        } catch {
            #expect(error.description.contains(fragment), "\(token): \(error)")
        }
    }

    @Test func errorsSayWhereTheBadCharacterIs() {
        do {
            _ = try JWT(decoding: "e30.e30!.")
        } catch {
            #expect(error.message.contains("at character 8 of the token"), "\(error)")
        }
    }

    @Test func anUnsignedTokenDecodesAndSTSRejectsIt() throws {
        let token = try JWT(decoding: Self.segment(#"{"alg":"none"}"#) + "." + Self.segment(#"{"iss":"https://oidc.example.com/id/ABC","sub":"system:serviceaccount:main:app","aud":"sts.amazonaws.com","exp":1800000600}"#) + ".")
        #expect(token.signature.isEmpty)
        let decision = try Fixture.evaluator([Fixture.statement()]).evaluate(role: "R", WebIdentityRequest(token: token, now: Fixture.now))
        #expect(decision.failedCheck?.name == "alg")
        #expect(decision.reasons[0].contains("alg none is not accepted"))
    }

    /// Random and mutated input never crashes the decoder (it only throws JWTError).
    @Test func fuzzedTokensNeverCrash() {
        var generator = ReaderFuzzing.Generator(seed: 0x5EED)
        let alphabet = Array("eyJhbGciOiJSUzI1NiJ9.e30-_=+/{}\"\\ \n\u{0}\u{E000}é".unicodeScalars)
        let valid = JWT(claims: ["sub": "x", "aud": ["a", "b"], "n": 1.5]).compact
        var decoded = 0
        for round in 0..<3000 {
            var text: String
            if round % 2 == 0 {
                text = String(String.UnicodeScalarView((0..<Int(generator.next() % 60)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
            } else {
                var bytes = Array(valid.utf8)
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let i = Int(generator.next() % UInt64(bytes.count))
                    switch generator.next() % 3 {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: generator.next())
                    case 1: bytes.remove(at: i)
                    default: bytes.insert(UInt8(ascii: "."), at: i)
                    }
                    if bytes.isEmpty { break }
                }
                text = String(decoding: bytes, as: UTF8.self)
            }
            if (try? JWT(decoding: text)) != nil { decoded += 1 }
        }
        #expect(decoded > 0)
    }
}

@Suite struct WebIdentityClaimsTests {
    @Test(arguments: [
        ("refs/heads/main", nil, nil, false, "repo:example-org/app:ref:refs/heads/main"),
        ("refs/tags/v1.2.0", nil, nil, false, "repo:example-org/app:ref:refs/tags/v1.2.0"),
        ("refs/heads/main", "production", nil, false, "repo:example-org/app:environment:production"),
        ("refs/heads/main", "Production:V1", nil, false, "repo:example-org/app:environment:Production%3AV1"),
        ("refs/heads/main", nil, 7, false, "repo:example-org/app:pull_request"),
        ("refs/heads/main", "preview", 7, false, "repo:example-org/app:environment:preview"),
        ("refs/heads/main", nil, nil, true, "repo:example-org@"),
    ] as [(String, String?, Int?, Bool, String)])
    func gitHubSubjectsFollowTheDocumentedFormats(ref: String, environment: String?, pullRequest: Int?, immutable: Bool, expected: String) throws {
        let claims = try WebIdentityClaims.githubActions(repository: "example-org/app", ref: ref, environment: environment, pullRequest: pullRequest, issuedAt: 1_800_000_000, immutableSubject: immutable)
        let sub = try #require(claims["sub"]?.stringValue)
        #expect(sub.hasPrefix(expected), "\(sub)")
        #expect(claims["iss"] == "https://token.actions.githubusercontent.com")
        #expect(claims["aud"] == "sts.amazonaws.com")
        #expect(claims["exp"] == 1_800_000_300)
        #expect(claims["iat"] == 1_800_000_000)
        #expect(claims["repository"] == "example-org/app")
        if immutable {
            let owner = try #require(claims["repository_owner_id"]?.stringValue)
            let repo = try #require(claims["repository_id"]?.stringValue)
            #expect(sub == "repo:example-org@\(owner)/app@\(repo):ref:refs/heads/main")
        }
        if let pullRequest, environment == nil {
            #expect(claims["ref"] == .string("refs/pull/\(pullRequest)/merge"))
            #expect(claims["event_name"] == "pull_request")
        }
    }

    @Test func gitHubClaimsAreDeterministic() throws {
        let a = try WebIdentityClaims.githubActions(repository: "example-org/app", issuedAt: 1_800_000_000)
        let b = try WebIdentityClaims.githubActions(repository: "example-org/app", issuedAt: 1_800_000_000)
        #expect(a == b)
    }

    @Test func serviceAccountClaimsAreAnEKSProjectedToken() throws {
        let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
        let claims = try WebIdentityClaims.kubernetesServiceAccount(namespace: "main", name: "account-for-db-migrator", issuer: issuer, issuedAt: 1_800_000_000)
        #expect(claims["sub"] == "system:serviceaccount:main:account-for-db-migrator")
        #expect(claims["aud"] == ["sts.amazonaws.com"])
        #expect(claims["iss"] == .string(issuer))
        #expect(claims["exp"] == 1_800_086_400)
        #expect(claims["nbf"] == 1_800_000_000)
        #expect(claims["kubernetes.io"]?["namespace"] == "main")
        #expect(claims["kubernetes.io"]?["serviceaccount"]?["name"] == "account-for-db-migrator")
    }

    @Test(arguments: ["", "Main", "-x", "a_b", String(repeating: "a", count: 64)])
    func invalidNamespacesAreErrors(namespace: String) {
        #expect(throws: TrustError.self) {
            try WebIdentityClaims.kubernetesServiceAccount(namespace: namespace, name: "sa", issuer: "https://oidc.example.com", issuedAt: 0)
        }
    }

    @Test(arguments: ["app", "o/r/x", "/r", "o/", "o r/x", "o/r:x"])
    func invalidRepositoriesAreErrors(repository: String) {
        #expect(throws: TrustError.self) { try WebIdentityClaims.githubActions(repository: repository, issuedAt: 0) }
    }

    @Test func serviceAccountArguments() throws {
        let account = try WebIdentityClaims.serviceAccount("main:app")
        #expect(account.namespace == "main" && account.name == "app")
        for bad in ["main", "main:", ":app", "a:b:c"] {
            #expect(throws: TrustError.self) { try WebIdentityClaims.serviceAccount(bad) }
        }
    }
}

@Suite struct ISO8601Tests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_800_000_000, "2027-01-15T08:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"), (1_800_000_000.25, "2027-01-15T08:00:00.250Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func formats(epoch: Double, text: String) {
        #expect(ISO8601.format(epoch) == text)
        #expect(ISO8601.parse(text) == epoch)
    }

    @Test func parsesOffsetsAndRejectsAmbiguity() {
        #expect(ISO8601.parse("2027-01-15T17:00:00+09:00") == 1_800_000_000)
        #expect(ISO8601.parse("2027-01-15T17:00:00+0900") == 1_800_000_000)
        for bad in ["2027-01-15T08:00:00", "2027-01-15", "2027-02-30T00:00:00Z", "2027-01-15T24:00:00Z", "yesterday", "", "2027-01-15T08:00:00Zjunk"] {
            #expect(ISO8601.parse(bad) == nil, "\(bad)")
        }
    }
}
