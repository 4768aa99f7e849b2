import Testing
@testable import KumoAnalysis
import KumoFuzzing
import KumoJSON

/// A template with one OIDC provider (`https://oidc.example.com/id/ABC`, client ID `sts.amazonaws.com`) and one
/// role `R` whose trust policy is under test.
enum Fixture {
    static let url = "https://oidc.example.com/id/ABC"
    static let key = "oidc.example.com/id/ABC"
    static let now = 1_800_000_000.0
    static let sub = "system:serviceaccount:main:app"

    static func evaluator(_ statements: [JSON], providerURL: String = url, clientIDs: [JSON] = ["sts.amazonaws.com"], provider: Bool = true, externalClientIDs: [String: [String]] = [:]) throws -> TrustEvaluator {
        var resources: JSONObject = [
            "R": ["Type": "AWS::IAM::Role", "Properties": ["RoleName": "r", "AssumeRolePolicyDocument": ["Version": "2012-10-17", "Statement": .array(statements)]]],
        ]
        if provider {
            resources["P"] = ["Type": "AWS::IAM::OIDCProvider", "Properties": ["Url": .string(providerURL), "ClientIdList": .array(clientIDs)]]
        }
        let template = try CloudTemplate(json: ["Resources": .object(resources)], name: "T", file: "t.json", environment: .init(account: "111122223333", region: "us-east-1"))
        return TrustEvaluator(model: try IAMModel(template), issuerURL: nil, externalClientIDs: externalClientIDs)
    }

    static func statement(_ effect: String = "Allow", _ conditions: JSONObject? = nil, action: JSON = "sts:AssumeRoleWithWebIdentity", principal: JSON = ["Federated": ["Ref": "P"]]) -> JSON {
        var s: JSONObject = ["Effect": .string(effect), "Principal": principal, "Action": action]
        if let conditions { s["Condition"] = .object(conditions) }
        return .object(s)
    }

    static func request(sub: JSON? = .string(sub), aud: JSON = "sts.amazonaws.com", exp: JSON? = .number(now + 600), iat: JSON? = .number(now - 10), nbf: JSON? = nil, extra: JSONObject = [:], skew: Double? = nil, iss: String = url) -> WebIdentityRequest {
        var claims: JSONObject = ["iss": .string(iss), "aud": aud]
        if let sub { claims["sub"] = sub }
        if let exp { claims["exp"] = exp }
        if let iat { claims["iat"] = iat }
        if let nbf { claims["nbf"] = nbf }
        for (k, v) in extra { claims[k] = v }
        return WebIdentityRequest(claims: claims, now: now, clockSkew: skew)
    }

    static func decide(_ statements: [JSON], _ request: WebIdentityRequest = Fixture.request()) throws -> TrustDecision {
        try evaluator(statements).evaluate(role: "R", request)
    }
}

@Suite struct TrustSemanticsTests {
    let key = Fixture.key

    // MARK: - Set operators, IfExists, absent keys

    @Test func forAllValuesOnAnAbsentKeyIsVacuouslyTrue() throws {
        let decision = try Fixture.decide([Fixture.statement("Allow", ["ForAllValues:StringEquals": ["\(key):amr": ["authenticated"]]])])
        #expect(decision.isAllowed, "\(decision)")
        #expect(decision.description.contains("vacuously true"))
    }

    @Test func forAnyValueOnAnAbsentKeyIsFalse() throws {
        let decision = try Fixture.decide([Fixture.statement("Allow", ["ForAnyValue:StringEquals": ["\(key):amr": ["authenticated"]]])])
        #expect(!decision.isAllowed)
        #expect(decision.reasons[0].contains("ForAnyValue needs at least one request value"), "\(decision)")
        let present = try Fixture.decide(
            [Fixture.statement("Allow", ["ForAnyValue:StringEquals": ["\(key):amr": ["authenticated"]]])],
            Fixture.request(extra: ["amr": ["unauthenticated", "authenticated"]]))
        #expect(present.isAllowed, "\(present)")
    }

    @Test func ifExistsHoldsWhenTheKeyIsAbsentOnly() throws {
        let statements = [Fixture.statement("Allow", ["StringEqualsIfExists": ["\(key):azp": "my-client"]])]
        #expect(try Fixture.decide(statements).isAllowed)
        #expect(try Fixture.decide(statements, Fixture.request(extra: ["azp": "my-client"])).isAllowed)
        let other = try Fixture.decide(statements, Fixture.request(extra: ["azp": "other-client"]))
        #expect(!other.isAllowed)
        #expect(other.reasons[0].contains("\"other-client\" does not match \"my-client\""), "\(other)")
    }

    /// IAM: for a key absent from the request, negated operators hold, positive operators (of every family) do not.
    @Test(arguments: [
        ("StringEquals", "x", false), ("StringNotEquals", "x", true), ("StringLike", "*", false), ("StringNotLike", "x*", true),
        ("StringEqualsIgnoreCase", "x", false), ("StringNotEqualsIgnoreCase", "x", true), ("NumericEquals", "1", false),
        ("NumericNotEquals", "1", true), ("NumericLessThan", "5", false), ("DateGreaterThan", "2020-01-01T00:00:00Z", false),
        ("DateNotEquals", "2020-01-01T00:00:00Z", true), ("Bool", "true", false), ("ArnLike", "arn:aws:iam::*:role/*", false),
        ("ArnNotEquals", "arn:aws:iam::1:role/x", true), ("Null", "true", true), ("Null", "false", false),
        ("StringEqualsIfExists", "x", true), ("NumericLessThanIfExists", "5", true), ("ForAllValues:StringLike", "x", true),
        ("ForAnyValue:StringLike", "*", false),
    ])
    func absentKeysFollowEachOperatorFamily(op: String, value: String, allowed: Bool) throws {
        let decision = try Fixture.decide([Fixture.statement("Allow", [op: ["\(Fixture.key):email": .string(value)]])])
        #expect(decision.isAllowed == allowed, "\(op): \(decision)")
    }

    // MARK: - Composition and Deny

    @Test func anExplicitDenyOverridesAnAllow() throws {
        let statements = [
            Fixture.statement("Allow", ["StringLike": ["\(key):sub": "system:serviceaccount:main:*"]]),
            Fixture.statement("Deny", ["StringEquals": ["\(key):sub": "system:serviceaccount:main:intruder"]]),
        ]
        #expect(try Fixture.decide(statements).isAllowed)
        let denied = try Fixture.decide(statements, Fixture.request(sub: "system:serviceaccount:main:intruder"))
        #expect(!denied.isAllowed)
        #expect(denied.policyDecision?.outcome == .explicitDeny)
        #expect(denied.reasons[0].contains("explicitly denied by Statement[1] (Deny)"), "\(denied)")
    }

    @Test func valuesAreOredKeysAndOperatorsAreAnded() throws {
        let statements = [Fixture.statement("Allow", [
            "StringEquals": ["\(key):sub": ["system:serviceaccount:main:app", "system:serviceaccount:main:web"], "\(key):aud": "sts.amazonaws.com"],
            "StringLike": ["\(key):email": "*@example.org"],
        ])]
        #expect(try Fixture.decide(statements, Fixture.request(sub: "system:serviceaccount:main:web", extra: ["email": "a@example.org"])).isAllowed)
        // One key of two fails: denied (AND).
        #expect(try !Fixture.decide(statements, Fixture.request(sub: "system:serviceaccount:main:other", extra: ["email": "a@example.org"])).isAllowed)
        // The second operator fails: denied (AND across operators).
        let decision = try Fixture.decide(statements, Fixture.request(extra: ["email": "a@example.com"]))
        #expect(!decision.isAllowed)
        #expect(decision.reasons[0].contains("StringLike \(key):email: \"a@example.com\" does not match \"*@example.org\""), "\(decision)")
    }

    @Test func wildcardsWorkInLikeOperatorsOnly() throws {
        let like = [Fixture.statement("Allow", ["StringLike": ["\(key):sub": "system:serviceaccount:main:ap?"]])]
        #expect(try Fixture.decide(like).isAllowed)
        #expect(try !Fixture.decide(like, Fixture.request(sub: "system:serviceaccount:main:apps")).isAllowed)
        // StringEquals with "*": a literal asterisk (the "Wildcard without like operator" mistake).
        let equals = [Fixture.statement("Allow", ["StringEquals": ["\(key):sub": "system:serviceaccount:main:*"]])]
        #expect(try !Fixture.decide(equals).isAllowed)
        #expect(try Fixture.decide(equals, Fixture.request(sub: "system:serviceaccount:main:*")).isAllowed)
    }

    @Test func keyNamesIgnoreCaseValuesDoNot() throws {
        let upper = [Fixture.statement("Allow", ["StringEquals": ["OIDC.EXAMPLE.COM/ID/abc:SUB": .string(Fixture.sub)]])]
        #expect(try Fixture.decide(upper).isAllowed)
        let value = [Fixture.statement("Allow", ["StringEquals": ["\(key):sub": "System:ServiceAccount:main:app"]])]
        #expect(try !Fixture.decide(value).isAllowed)
        let ignoring = [Fixture.statement("Allow", ["StringEqualsIgnoreCase": ["\(key):sub": "System:ServiceAccount:main:app"]])]
        #expect(try Fixture.decide(ignoring).isAllowed)
    }

    // MARK: - Audience

    @Test func audienceAsStringOrArray() throws {
        let statements = [Fixture.statement("Allow", ["StringEquals": ["\(key):aud": "sts.amazonaws.com"]])]
        #expect(try Fixture.decide(statements, Fixture.request(aud: "sts.amazonaws.com")).isAllowed)
        #expect(try Fixture.decide(statements, Fixture.request(aud: ["sts.amazonaws.com"])).isAllowed)
        // STS: one audience is a client ID, so the token passes; IAM: a multivalued aud under a plain operator
        // has two readings that disagree (undocumented): conservatively denied.
        let two = try Fixture.decide(statements, Fixture.request(aud: ["sts.amazonaws.com", "other"]))
        #expect(two.checks.first { $0.name == "aud" }?.passed == true)
        #expect(!two.isAllowed)
        #expect(two.reasons[0].contains("undetermined"), "\(two)")
        // ForAnyValue makes the intent explicit.
        let anyValue = [Fixture.statement("Allow", ["ForAnyValue:StringEquals": ["\(key):aud": "sts.amazonaws.com"]])]
        #expect(try Fixture.decide(anyValue, Fixture.request(aud: ["sts.amazonaws.com", "other"])).isAllowed)
        let wrong = try Fixture.decide(statements, Fixture.request(aud: ["https://example.org"]))
        #expect(wrong.failedCheck?.name == "aud")
        #expect(wrong.reasons[0].hasPrefix("InvalidIdentityToken: Incorrect token audience: https://example.org is not a client ID"), "\(wrong)")
    }

    // MARK: - STS token checks

    @Test func missingOrMalformedClaimsAreDeniedWithTheirReason() throws {
        let statements = [Fixture.statement()]
        #expect(try Fixture.decide(statements, Fixture.request(sub: nil)).reasons == ["InvalidIdentityToken: the token has no sub (subject) claim"])
        #expect(try Fixture.decide(statements, Fixture.request(sub: "")).reasons[0].contains("not a non-empty string"))
        #expect(try Fixture.decide(statements, Fixture.request(sub: 42)).reasons[0].contains("sub claim is 42"))
        #expect(try Fixture.decide(statements, Fixture.request(exp: nil)).reasons == ["InvalidIdentityToken: the token has no exp (expiry) claim; STS requires one"])
        #expect(try Fixture.decide(statements, Fixture.request(exp: "1800000600")).reasons[0].contains("STS requires timestamps as integers"))
        #expect(try Fixture.decide(statements, Fixture.request(exp: .number(Fixture.now + 600.5))).failedCheck?.name == "exp")
        #expect(try Fixture.decide(statements, Fixture.request(iat: "yesterday")).failedCheck?.name == "iat")
        #expect(try Fixture.decide(statements, Fixture.request(aud: [])).reasons[0].contains("no aud"))
        var noIssuer = Fixture.request()
        noIssuer.claims["iss"] = nil
        #expect(try Fixture.decide(statements, noIssuer).reasons[0].contains("no iss"))
        noIssuer.claims["iss"] = ["https://a"]
        #expect(try Fixture.decide(statements, noIssuer).reasons[0].contains("iss claim is an array"))
    }

    @Test func skewBoundariesAreExact() throws {
        let statements = [Fixture.statement()]
        let now = Fixture.now
        // exp must be later than now − skew.
        #expect(try !Fixture.decide(statements, Fixture.request(exp: .number(now - 60), iat: .number(now - 600), skew: 60)).isAllowed)
        #expect(try Fixture.decide(statements, Fixture.request(exp: .number(now - 59), iat: .number(now - 600), skew: 60)).isAllowed)
        // iat and nbf must not be later than now + skew.
        #expect(try Fixture.decide(statements, Fixture.request(iat: .number(now + 60), skew: 60)).isAllowed)
        let future = try Fixture.decide(statements, Fixture.request(iat: .number(now + 61), skew: 60))
        #expect(future.failedCheck?.name == "iat")
        #expect(future.reasons[0].contains("token issued 61 s in the future"), "\(future)")
        #expect(future.reasons[0].contains("check the clock (NTP) of the machine that minted or checks it"))
        #expect(try Fixture.decide(statements, Fixture.request(nbf: .number(now + 60), skew: 60)).isAllowed)
        let notYet = try Fixture.decide(statements, Fixture.request(nbf: .number(now + 61), skew: 60))
        #expect(notYet.reasons[0].contains("token not valid until 61 s from now"), "\(notYet)")
        // Skew 0: exactly now is expired; iat exactly now is fine.
        #expect(try !Fixture.decide(statements, Fixture.request(exp: .number(now), skew: 0)).isAllowed)
        #expect(try Fixture.decide(statements, Fixture.request(iat: .number(now), skew: 0)).isAllowed)
    }

    @Test func theDefaultToleranceIsWhatAWSDocuments() throws {
        let statements = [Fixture.statement()]
        let now = Fixture.now
        // Five minutes after exp (IAM User Guide, OIDC federation).
        #expect(try Fixture.decide(statements, Fixture.request(exp: .number(now - 299), iat: .number(now - 900))).isAllowed)
        let expired = try Fixture.decide(statements, Fixture.request(exp: .number(now - 300), iat: .number(now - 900)))
        #expect(expired.reasons[0].hasPrefix("ExpiredTokenException: the token expired 300 s ago"), "\(expired)")
        #expect(expired.reasons[0].contains("tolerance 300 s as IAM documents"))
        // Nothing documented for iat/nbf: no tolerance.
        #expect(try !Fixture.decide(statements, Fixture.request(iat: .number(now + 1))).isAllowed)
    }

    @Test func theTokenHeaderAndLengthAreChecked() throws {
        let statements = [Fixture.statement()]
        for (alg, allowed) in [("RS256", true), ("ES384", true), ("none", false), ("HS256", false)] {
            var request = Fixture.request()
            request.header = ["alg": .string(alg), "typ": "JWT"]
            let decision = try Fixture.decide(statements, request)
            #expect(decision.isAllowed == allowed, "\(alg): \(decision)")
        }
        var request = Fixture.request()
        request.header = ["typ": "JWT"]
        #expect(try Fixture.decide(statements, request).reasons[0].contains("no alg"))
        request.header = nil
        request.tokenLength = 20_001
        #expect(try Fixture.decide(statements, request).failedCheck?.name == "length")
    }

    // MARK: - Issuers and providers

    @Test func theIssuerIsComparedExactly() throws {
        let evaluator = try Fixture.evaluator([Fixture.statement()], providerURL: Fixture.url + "/")
        let decision = try evaluator.evaluate(role: "R", Fixture.request())
        #expect(decision.failedCheck?.name == "iss")
        #expect(decision.reasons[0].contains("No OpenIDConnect provider found in your account for \(Fixture.url)"))
        #expect(decision.reasons[0].contains("only in scheme, letter case or a trailing slash"), "\(decision)")
    }

    @Test func aProviderNamedByARNOutsideTheTemplateNeedsItsClientIDs() throws {
        let arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
        let statements = [Fixture.statement("Allow", ["StringLike": ["token.actions.githubusercontent.com:sub": "repo:example-org/*"]], principal: ["Federated": .string(arn)])]
        let claims = try WebIdentityClaims.githubActions(repository: "example-org/app", issuedAt: Fixture.now - 5)
        let request = WebIdentityRequest(claims: claims, now: Fixture.now)
        let unknown = try Fixture.evaluator(statements, provider: false)
        #expect(throws: TrustError.self) { try unknown.evaluate(role: "R", request) }
        let known = try Fixture.evaluator(statements, provider: false, externalClientIDs: [WebIdentityClaims.gitHubIssuer: ["sts.amazonaws.com"]])
        let decision = try known.evaluate(role: "R", request)
        #expect(decision.isAllowed, "\(decision)")
        #expect(decision.provider == arn)
    }

    // MARK: - Condition keys

    @Test func gitHubClaimsAreConditionKeysOnlyWhereSTSExposesThem() throws {
        let github = "https://token.actions.githubusercontent.com"
        func evaluate(_ conditions: JSONObject, environment: String?) throws -> TrustDecision {
            let evaluator = try Fixture.evaluator([Fixture.statement("Allow", conditions)], providerURL: github)
            let claims = try WebIdentityClaims.githubActions(repository: "example-org/app", environment: environment, issuedAt: Fixture.now - 5)
            return try evaluator.evaluate(role: "R", WebIdentityRequest(claims: claims, now: Fixture.now))
        }
        let scoped: JSONObject = ["StringEquals": ["token.actions.githubusercontent.com:repository": "example-org/app", "token.actions.githubusercontent.com:environment": "production"]]
        #expect(try evaluate(scoped, environment: "production").isAllowed)
        let staging = try evaluate(scoped, environment: "staging")
        #expect(staging.reasons[0].contains("\"staging\" does not match \"production\""), "\(staging)")
        // event_name is a claim of the token but not a key STS exposes: absent, so StringEquals fails.
        let event = try evaluate(["StringEquals": ["token.actions.githubusercontent.com:event_name": "push"]], environment: nil)
        #expect(!event.isAllowed)
        #expect(event.reasons[0].contains("key is absent"), "\(event)")
    }

    @Test func keysTheOfflineRequestCannotKnowAreTakenAsDenying() throws {
        // In an Allow statement: the grant does not apply.
        let allow = try Fixture.decide([Fixture.statement("Allow", ["IpAddress": ["aws:SourceIp": "10.0.0.0/8"]])])
        #expect(!allow.isAllowed)
        #expect(allow.unknownKeys == ["aws:SourceIp"])
        // In a Deny statement: the denial applies.
        let deny = try Fixture.decide([
            Fixture.statement(),
            Fixture.statement("Deny", ["StringEquals": ["sts:RoleSessionName": "blocked"]]),
        ])
        #expect(!deny.isAllowed)
        #expect(deny.policyDecision?.outcome == .explicitDeny)
        #expect(deny.unknownKeys == ["sts:RoleSessionName"])
        // aws:CurrentTime and aws:EpochTime are part of every request.
        let window = [Fixture.statement("Allow", ["DateLessThan": ["aws:CurrentTime": "2030-01-01T00:00:00Z"], "NumericGreaterThan": ["aws:EpochTime": "1700000000"]])]
        #expect(try Fixture.decide(window).isAllowed)
        let closed = [Fixture.statement("Allow", ["DateLessThan": ["aws:CurrentTime": "2020-01-01T00:00:00Z"]])]
        #expect(try !Fixture.decide(closed).isAllowed)
    }

    @Test func sessionTagsNeedTagSession() throws {
        let tags: JSONObject = ["https://aws.amazon.com/tags": ["principal_tags": ["team": ["infra"]]]]
        let without = try Fixture.decide([Fixture.statement()], Fixture.request(extra: tags))
        #expect(!without.isAllowed)
        #expect(without.failedCheck?.name == "tags")
        #expect(without.reasons[0].contains("sts:TagSession"))
        let with = try Fixture.decide([Fixture.statement(action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"])], Fixture.request(extra: tags))
        #expect(with.isAllowed, "\(with)")
    }

    @Test func theExplanationNamesStatementKeyExpectedAndActual() throws {
        let decision = try Fixture.decide(
            [Fixture.statement("Allow", ["StringEquals": ["\(key):sub": "system:serviceaccount:main:web"]])])
        let condition = try #require(decision.policyDecision?.statements.first?.conditions.first)
        #expect(condition.condition.key == "\(key):sub")
        #expect(condition.expected == ["system:serviceaccount:main:web"])
        #expect(condition.actual == [Fixture.sub])
        #expect(decision.reasons == ["AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity: no statement allows it: Statement[0] (Allow): StringEquals \(key):sub: \"system:serviceaccount:main:app\" does not match \"system:serviceaccount:main:web\""])
        #expect(decision.context.contains { $0.key == "\(key):sub" && $0.values == [Fixture.sub] })
    }

    @Test func aRoleThatTrustsAServiceIsNotAssumedWithAToken() throws {
        let decision = try Fixture.decide([Fixture.statement("Allow", action: "sts:AssumeRole", principal: ["Service": "eks.amazonaws.com"])])
        #expect(!decision.isAllowed)
        #expect(decision.reasons[0].contains("is not among [Service eks.amazonaws.com]"), "\(decision)")
        #expect(try Fixture.evaluator([Fixture.statement()]).webIdentityRoles == ["R"])
    }

    @Test func unknownRolesAndInvalidTrustPoliciesAreErrors() throws {
        let evaluator = try Fixture.evaluator([Fixture.statement()])
        #expect(throws: TrustError.self) { try evaluator.evaluate(role: "Nope", Fixture.request()) }
        do {
            _ = try evaluator.evaluate(role: "Nope", Fixture.request())
        } catch {
            #expect(error.description.contains("roles that trust an OIDC provider: r (R)"), "\(error)")
        }
        let invalid = try Fixture.evaluator([["Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity"]])
        #expect(throws: TrustError.self) { try invalid.evaluate(role: "R", Fixture.request()) }
    }
}

@Suite struct TrustRobustnessTests {
    /// Claims of every shape (wrong types, huge numbers, nested values, missing members) against every role of
    /// the CDK sample: always a decision or a TrustError, never a crash.
    @Test func arbitraryClaimsNeverCrash() throws {
        let evaluator = TrustEvaluator(model: try IAMModel(try TemplateLoader.load(ReaderTests.sample)[0]), issuerURL: TrustEvaluatorTests.issuer)
        var random = ReaderFuzzing.Generator(seed: 42)
        let values: [JSON] = [
            .null, true, 0, -1, 1e308, .number(.nan), .number(.infinity), 1_800_000_000, 1_800_000_000.5, "", "x", "1800000000",
            "system:serviceaccount:main:account-for-db-migrator", "repo:example-org/app:ref:refs/heads/main", "sts.amazonaws.com",
            .string(TrustEvaluatorTests.issuer), "https://token.actions.githubusercontent.com", [], ["sts.amazonaws.com", 1, nil],
            ["a": ["b": []]], "\u{E000}69737375", "${aws:username}",
        ]
        let keys = ["iss", "sub", "aud", "exp", "iat", "nbf", "amr", "azp", "email", "repository", "environment", "https://aws.amazon.com/tags"]
        var decided = 0
        for round in 0..<2000 {
            var claims = JSONObject()
            for key in keys where random.next() % 3 != 0 { claims[key] = values[Int(random.next() % UInt64(values.count))] }
            let skew: Double? = round % 3 == 0 ? nil : Double(random.next() % 600)
            let header: JSONObject? = round % 5 == 0 ? ["alg": values[Int(random.next() % UInt64(values.count))]] : nil
            let request = WebIdentityRequest(claims: claims, now: 1_800_000_000, clockSkew: skew, header: header)
            for role in evaluator.model.roles {
                if let decision = try? evaluator.evaluate(role: role.logicalID, request) {
                    _ = decision.description
                    _ = decision.reasons
                    _ = decision.context
                    decided += 1
                }
            }
        }
        #expect(decided > 0)
    }
}
