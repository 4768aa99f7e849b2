import Foundation
import KumoAnalysis
import KumoJSON
import Stacks

/// Trust-evaluator throughput on one core: a fixed mix of web-identity requests (allowed service accounts and
/// GitHub refs; other namespaces, other owners, wrong audiences, expired tokens, tokens from the future) against
/// the roles of a template, in a single thread. Every evaluation builds the full decision with its explanations.
struct TrustWorkload {
    static let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    static let now = 1_800_000_000.0

    /// The number of requests in the mix.
    static let mixSize = 13

    let evaluator: TrustEvaluator
    let cases: [(String, WebIdentityRequest)]

    init(template: CloudTemplate) throws {
        evaluator = TrustEvaluator(model: try IAMModel(template), issuerURL: Self.issuer)
        func serviceAccount(_ ns: String, _ name: String, issuedAt: Double = TrustWorkload.now - 60) throws -> WebIdentityRequest {
            WebIdentityRequest(claims: try WebIdentityClaims.kubernetesServiceAccount(namespace: ns, name: name, issuer: Self.issuer, issuedAt: issuedAt), now: Self.now)
        }
        func github(_ repo: String, environment: String? = nil, pullRequest: Int? = nil, audience: String = "sts.amazonaws.com") throws -> WebIdentityRequest {
            WebIdentityRequest(claims: try WebIdentityClaims.githubActions(repository: repo, environment: environment, pullRequest: pullRequest, audience: audience, issuedAt: Self.now - 10), now: Self.now)
        }
        var expired = try serviceAccount("main", "account-for-db-migrator", issuedAt: Self.now - 90_000)
        expired.clockSkew = 0
        cases = [
            ("DBMigratorRole", try serviceAccount("main", "account-for-db-migrator")),
            ("DBMigratorRole", try serviceAccount("other", "account-for-db-migrator")),
            ("DBMigratorRole", expired),
            ("DBMigratorRole", try serviceAccount("main", "account-for-db-migrator", issuedAt: Self.now + 120)),
            ("EditRoute53RecordRole", try serviceAccount("main", "account-for-external-dns")),
            ("EditRoute53RecordRole", try serviceAccount("main", "account-for-db-migrator")),
            ("CreateSecretFromSecretsManagerRole", try serviceAccount("main", "account-to-access-secrets")),
            ("ArgoCDImageUpdaterRole", try serviceAccount("argocd", "argocd-image-updater")),
            ("RoleGithub", try github("example-org/app")),
            ("RoleGithub", try github("example-org/app", environment: "production")),
            ("RoleGithub", try github("example-org/app", pullRequest: 7)),
            ("RoleGithub", try github("other-org/app")),
            ("RoleGithub", try github("example-org/app", audience: "https://github.com/example-org")),
        ]
    }

    /// Kumo's own template: the bundled stack, synthesized in this process.
    static func bundled() throws -> TrustWorkload {
        let stack = try KumoStacks.makeApp().synthesize().stacks[0]
        return try TrustWorkload(template: try CloudTemplate(
            json: stack.template, name: stack.name, file: stack.templateFile,
            environment: .init(account: stack.environment.account, region: stack.environment.region)))
    }

    /// Evaluates the mix `rounds` times (for instruction counts); returns a checksum of the decisions.
    func evaluate(rounds: Int) throws -> Int {
        var sink = 0
        for _ in 0..<rounds {
            for (role, request) in cases { sink &+= try evaluator.evaluate(role: role, request).isAllowed ? 1 : 0 }
        }
        return sink
    }

    /// Evaluations per second over `duration` seconds, after checking that 7 of the 13 requests are allowed.
    func run(seconds duration: Double) throws -> Double {
        var allowed = 0
        for (role, request) in cases where try evaluator.evaluate(role: role, request).isAllowed { allowed += 1 }
        guard allowed == 7 else { throw BenchError("the trust mix allowed \(allowed) of \(cases.count) requests, expected 7") }
        let clock = ContinuousClock()
        var evaluations = 0
        var sink = 0
        let start = clock.now
        let deadline = start + .seconds(duration)
        while clock.now < deadline {
            for _ in 0..<100 {
                for (role, request) in cases { sink &+= try evaluator.evaluate(role: role, request).isAllowed ? 1 : 0 }
            }
            evaluations += 100 * cases.count
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if sink == -1 { print("") }  // keeps the decisions observable to the optimizer
        return Double(evaluations) / seconds
    }
}
