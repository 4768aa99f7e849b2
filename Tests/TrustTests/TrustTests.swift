import Foundation
import Kumo
import KumoTesting
import Stacks
import Testing

/// Who can assume each web-identity role of the app, and who cannot — proved the way STS and IAM decide, on
/// Kumo's synthesized template and on the template AWS CDK 2.28.1 synthesized for the original app
/// (`cdk.out.sample`): every test runs against both, with the same expectations, so Kumo's roles trust
/// exactly what CDK's did.
@Suite struct TrustTests {
    /// The EKS cluster's OIDC issuer, known only once the cluster exists; any concrete URL will do in tests.
    static let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"

    enum Source: String, CaseIterable, CustomTestStringConvertible {
        case kumo, cdk
        var testDescription: String { rawValue }

        func template() throws -> Template {
            switch self {
            case .kumo:
                let app = KumoStacks.makeApp()
                return try Template(stack: try #require(app.stacks.first))
            case .cdk:
                let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
                return try Template(file: root.appendingPathComponent("cdk.out.sample").path)
            }
        }
    }

    /// The IRSA roles and the service account each is for: the four workloads', and the AWS Load Balancer
    /// Controller's (CDK's `alb-sa`, which also pins the audience).
    static let serviceAccountRoles = [
        ("CreateSecretFromSecretsManagerRole", "main", "account-to-access-secrets"),
        ("EditRoute53RecordRole", "main", "account-for-external-dns"),
        ("ArgoCDImageUpdaterRole", "argocd", "argocd-image-updater"),
        ("DBMigratorRole", "main", "account-for-db-migrator"),
        ("MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239", "kube-system", "aws-load-balancer-controller"),
    ]

    @Test(arguments: Source.allCases)
    func eachIRSARoleTrustsExactlyItsServiceAccount(source: Source) throws {
        let template = try source.template()
        for (role, namespace, account) in Self.serviceAccountRoles {
            let trust = try template.trust(of: role, issuer: Self.issuer)
            trust.expectAllowed(.serviceAccount(namespace, account))
            // Another namespace, another service account of the same namespace, another role's account.
            trust.expectDenied(.serviceAccount("default", account), because: "does not match")
            trust.expectDenied(.serviceAccount(namespace, account + "-2"), because: "does not match")
            for (_, otherNamespace, otherAccount) in Self.serviceAccountRoles where otherAccount != account {
                trust.expectDenied(.serviceAccount(otherNamespace, otherAccount), because: "does not match")
            }
        }
    }

    @Test(arguments: Source.allCases)
    func irsaTokensAreValidatedLikeSTSDoes(source: Source) throws {
        let trust = try source.template().trust(of: "DBMigratorRole", issuer: Self.issuer)
        let pod = WebIdentityToken.serviceAccount("main", "account-for-db-migrator")
        // The provider's client ID is sts.amazonaws.com: any other audience is rejected by STS.
        trust.expectDenied(pod.audience(["https://kubernetes.default.svc"]), because: "Incorrect token audience")
        // Another cluster's issuer is not a provider of the account.
        trust.expectDenied(pod.issuer("https://oidc.eks.us-east-1.amazonaws.com/id/0THERC1USTER"), because: "No OpenIDConnect provider found")
        // Expired: IAM accepts five minutes after exp, not more.
        trust.expectAllowed(pod.expired(299))
        trust.expectDenied(pod.expired(301), because: "ExpiredTokenException")
        // Minted by a node whose clock is ahead: denied, with the clock named; a tolerance admits it.
        trust.expectDenied(pod.issuedInTheFuture(90), because: "token issued 90 s in the future")
        trust.clockSkew(120).expectAllowed(pod.issuedInTheFuture(90))
        trust.clockSkew(60).expectDenied(pod.issuedInTheFuture(90), because: "check the clock (NTP)")
        // Not a token at all.
        trust.expectDenied(pod.without("sub"), because: "no sub")
        trust.expectDenied(pod.without("exp"), because: "no exp")
    }

    @Test(arguments: Source.allCases)
    func theGitHubRoleTrustsEveryJobOfTheOrganization(source: Source) throws {
        let github = try source.template().trust(of: "RoleGithub")
        github.expectAllowed(.github("example-org/app", ref: "refs/heads/main"))
        github.expectAllowed(.github("example-org/infra", ref: "refs/tags/v1.0.0"))
        // `repo:example-org/*` admits pull-request and environment subjects too: any workflow of any repository
        // of the organization, including a pull request from a branch, can push images.
        github.expectAllowed(.github("example-org/app", pullRequest: 7))
        github.expectAllowed(.github("example-org/app", environment: "production"))
        // Another owner, and an owner whose name merely starts the same.
        github.expectDenied(.github("other-org/app"), because: "does not match \"repo:example-org/*\"")
        github.expectDenied(.github("example-org-evil/app"), because: "does not match")
        // The default audience of a GitHub token is the owner's URL; the role requires sts.amazonaws.com.
        github.expectDenied(.github("example-org/app").audience("https://github.com/example-org"), because: "Incorrect token audience")
        github.expectDenied(.github("example-org/app").expired(600), because: "ExpiredTokenException")
        github.expectDenied(.github("example-org/app").issuedInTheFuture(30), because: "in the future")
        // Repositories created after 2026-07-15 get immutable subjects (repo:OWNER@ID/REPO@ID:…), which the
        // role's `repo:example-org/*` does not match: a trust to update before such a repository deploys.
        github.expectDenied(.github("example-org/new-app", immutableSubject: true), because: "does not match")
    }

    @Test(arguments: Source.allCases)
    func noServiceAccountCanAssumeTheGitHubRoleAndNoJobAnIRSARole(source: Source) throws {
        let template = try source.template()
        try template.trust(of: "RoleGithub", issuer: Self.issuer).expectDenied(.serviceAccount("main", "account-for-db-migrator"), because: "is not among")
        for (role, _, _) in Self.serviceAccountRoles {
            try template.trust(of: role, issuer: Self.issuer).expectDenied(.github("example-org/app"), because: "is not among")
        }
    }

    /// The same tokens get the same decision, for the same reason, from Kumo's template and from CDK's.
    @Test func kumoAndCDKDecideAlike() throws {
        let kumo = try Source.kumo.template(), cdk = try Source.cdk.template()
        let now = Date()
        var tokens: [(String, WebIdentityToken)] = []
        for (role, namespace, account) in Self.serviceAccountRoles {
            for (_, otherNamespace, otherAccount) in Self.serviceAccountRoles {
                tokens.append((role, .serviceAccount(otherNamespace, otherAccount)))
            }
            tokens.append((role, .serviceAccount(namespace, account).audience("other")))
            tokens.append((role, .serviceAccount(namespace, account).expired(3600)))
            tokens.append((role, .github("example-org/app")))
        }
        for token in [WebIdentityToken.github("example-org/app"), .github("example-org/app", pullRequest: 1), .github("example-org/app", environment: "prod"), .github("other-org/app"), .serviceAccount("main", "account-for-db-migrator")] {
            tokens.append(("RoleGithub", token))
        }
        for (role, token) in tokens {
            let mine = try kumo.assumeRole(role, with: token, issuer: Self.issuer, at: now)
            let theirs = try cdk.assumeRole(role, with: token, issuer: Self.issuer, at: now)
            #expect(mine.outcome == theirs.outcome, "\(role) ← \(token): Kumo \(mine.outcome), CDK \(theirs.outcome)")
            #expect(mine.reasons == theirs.reasons, "\(role) ← \(token)")
        }
        #expect(tokens.count == 5 * (5 + 3) + 5)
    }

    /// A token as a file holds it: a JWT, decoded without verifying its signature.
    @Test func aJWTFromAPod() throws {
        let now = Date()
        let claims = try WebIdentityClaims.kubernetesServiceAccount(
            namespace: "main", name: "account-for-external-dns", issuer: Self.issuer, issuedAt: now.timeIntervalSince1970 - 30)
        let jwt = JWT(claims: claims).compact
        let trust = try Source.kumo.template().trust(of: "EditRoute53RecordRole", issuer: Self.issuer, at: now)
        let decision = try #require(trust.expectAllowed(.jwt(jwt)))
        #expect(decision.checks.map(\.name) == ["alg", "iss", "aud", "exp", "trust"])
        // A malformed token is not a "no": the question cannot be asked.
        #expect(throws: TrustError.self) { try trust.decision(for: .jwt("not-a-jwt")) }
    }
}
