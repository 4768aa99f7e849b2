import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

@Suite struct TrustEvaluatorTests {
    static let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789"
    static let now = 1_800_000_000.0

    let evaluator: TrustEvaluator

    init() throws {
        evaluator = TrustEvaluator(model: try IAMModel(try TemplateLoader.load(ReaderTests.sample)[0]), issuerURL: Self.issuer)
    }

    func irsa(_ sub: String, aud: JSON = ["sts.amazonaws.com"], exp: Double = now + 3600, iat: Double = now - 60, skew: Double? = 0) -> WebIdentityRequest {
        WebIdentityRequest(claims: ["iss": .string(Self.issuer), "sub": .string(sub), "aud": aud, "exp": .number(exp), "iat": .number(iat)], now: Self.now, clockSkew: skew)
    }

    @Test func theIntendedServiceAccountIsAllowed() throws {
        let decision = try evaluator.evaluate(role: "DBMigratorRole", irsa("system:serviceaccount:main:account-for-db-migrator"))
        #expect(decision.isAllowed, "\(decision)")
        #expect(decision.provider == "EKSClusterOpenIdConnectProviderD01E4747")
    }

    @Test(arguments: [
        ("system:serviceaccount:other:account-for-db-migrator", "does not"),
        ("system:serviceaccount:main:account-for-external-dns", "does not"),
    ])
    func otherServiceAccountsAreDenied(sub: String, fragment: String) throws {
        let decision = try evaluator.evaluate(role: "DBMigratorRole", irsa(sub))
        #expect(!decision.isAllowed)
        #expect(decision.reasons.joined().contains("no statement allows it"), "\(decision)")
        #expect(decision.reasons.joined().contains(fragment), "\(decision)")
    }

    @Test func wrongAudienceExpiryAndClockSkewAreDeniedBySTS() throws {
        let sub = "system:serviceaccount:main:account-for-db-migrator"
        let wrongAudience = try evaluator.evaluate(role: "DBMigratorRole", irsa(sub, aud: "https://example.org"))
        #expect(wrongAudience.reasons.first?.contains("Incorrect token audience") == true)
        let expired = try evaluator.evaluate(role: "DBMigratorRole", irsa(sub, exp: Self.now - 5))
        #expect(expired.reasons.first?.contains("expired 5 s ago") == true, "\(expired)")
        // IAM documents a five-minute window after exp: with the default (documented) tolerance, 5 s is accepted.
        #expect(try evaluator.evaluate(role: "DBMigratorRole", irsa(sub, exp: Self.now - 5, skew: nil)).isAllowed)
        #expect(try !evaluator.evaluate(role: "DBMigratorRole", irsa(sub, exp: Self.now - 300, skew: nil)).isAllowed)
        var future = irsa(sub, iat: Self.now + 120)
        #expect(try evaluator.evaluate(role: "DBMigratorRole", future).reasons.first?.contains("token issued 120 s in the future") == true)
        future.clockSkew = 300
        #expect(try evaluator.evaluate(role: "DBMigratorRole", future).isAllowed)
    }

    @Test func anIssuerThatIsNotAProviderIsDenied() throws {
        var request = irsa("system:serviceaccount:main:account-for-db-migrator")
        request.claims["iss"] = "https://oidc.eks.us-east-1.amazonaws.com/id/OTHER"
        let decision = try evaluator.evaluate(role: "DBMigratorRole", request)
        #expect(decision.reasons.first?.contains("No OpenIDConnect provider found") == true)
    }

    @Test func deployTimeIssuerMustBeGiven() throws {
        let bare = TrustEvaluator(model: evaluator.model, issuerURL: nil)
        #expect(throws: TrustError.self) {
            _ = try bare.evaluate(role: "DBMigratorRole", irsa("system:serviceaccount:main:account-for-db-migrator"))
        }
    }

    @Test func gitHubRoleTrustsEveryRepositoryOfTheOwner() throws {
        func github(_ sub: String) -> WebIdentityRequest {
            WebIdentityRequest(claims: ["iss": "https://token.actions.githubusercontent.com", "sub": .string(sub), "aud": "sts.amazonaws.com", "exp": .number(Self.now + 300)], now: Self.now)
        }
        #expect(try evaluator.evaluate(role: "RoleGithub", github("repo:example-org/app:ref:refs/heads/main")).isAllowed)
        #expect(try evaluator.evaluate(role: "RoleGithub", github("repo:example-org/anything:pull_request")).isAllowed)
        #expect(try !evaluator.evaluate(role: "RoleGithub", github("repo:other-org/app:ref:refs/heads/main")).isAllowed)
        #expect(try !evaluator.evaluate(role: "RoleGithub", github("repo:example-org-evil/app:ref:refs/heads/main")).isAllowed)
    }
}
