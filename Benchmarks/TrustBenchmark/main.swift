// Trust-evaluator throughput on one core: `swift run -c release kumo-trust-bench [TEMPLATE|ASSEMBLY] [SECONDS]`.
//
// Evaluates a fixed mix of web-identity requests (allowed service accounts and GitHub refs; other namespaces,
// other owners, wrong audiences, expired tokens, tokens from the future) against the roles of the template
// (default: cdk.out.sample, whose IRSA trust goes through CDK's CfnJson) in a single thread, and prints
// evaluations per second. Every evaluation builds the full decision with its explanations.
import Foundation
import KumoAnalysis
import KumoJSON

let arguments = CommandLine.arguments.dropFirst()
let path = arguments.first ?? "cdk.out.sample"
let duration = arguments.dropFirst().first.flatMap(Double.init) ?? 3
let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
let now = 1_800_000_000.0

let evaluator: TrustEvaluator
do {
    evaluator = TrustEvaluator(model: try IAMModel(try TemplateLoader.load(path)[0]), issuerURL: issuer)
} catch {
    FileHandle.standardError.write(Data("kumo-trust-bench: \(error)\n".utf8))
    exit(2)
}

func serviceAccount(_ ns: String, _ name: String, issuedAt: Double = now - 60) -> WebIdentityRequest {
    WebIdentityRequest(claims: try! WebIdentityClaims.kubernetesServiceAccount(namespace: ns, name: name, issuer: issuer, issuedAt: issuedAt), now: now)
}

func github(_ repo: String, environment: String? = nil, pullRequest: Int? = nil, audience: String = "sts.amazonaws.com") -> WebIdentityRequest {
    WebIdentityRequest(claims: try! WebIdentityClaims.githubActions(repository: repo, environment: environment, pullRequest: pullRequest, audience: audience, issuedAt: now - 10), now: now)
}

var expired = serviceAccount("main", "account-for-db-migrator", issuedAt: now - 90_000)
expired.clockSkew = 0
let cases: [(String, WebIdentityRequest)] = [
    ("DBMigratorRole", serviceAccount("main", "account-for-db-migrator")),
    ("DBMigratorRole", serviceAccount("other", "account-for-db-migrator")),
    ("DBMigratorRole", expired),
    ("DBMigratorRole", serviceAccount("main", "account-for-db-migrator", issuedAt: now + 120)),
    ("EditRoute53RecordRole", serviceAccount("main", "account-for-external-dns")),
    ("EditRoute53RecordRole", serviceAccount("main", "account-for-db-migrator")),
    ("CreateSecretFromSecretsManagerRole", serviceAccount("main", "account-to-access-secrets")),
    ("ArgoCDImageUpdaterRole", serviceAccount("argocd", "argocd-image-updater")),
    ("RoleGithub", github("example-org/app")),
    ("RoleGithub", github("example-org/app", environment: "production")),
    ("RoleGithub", github("example-org/app", pullRequest: 7)),
    ("RoleGithub", github("other-org/app")),
    ("RoleGithub", github("example-org/app", audience: "https://github.com/example-org")),
]

// Warm up, and check that the mix is what it claims to be.
var allowed = 0
for (role, request) in cases where try evaluator.evaluate(role: role, request).isAllowed { allowed += 1 }

let clock = ContinuousClock()
var evaluations = 0
var sink = 0
let start = clock.now
let deadline = start + .seconds(duration)
while clock.now < deadline {
    for _ in 0..<100 {
        for (role, request) in cases {
            let decision = try evaluator.evaluate(role: role, request)
            sink &+= decision.checks.count
        }
    }
    evaluations += 100 * cases.count
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let rate = Double(evaluations) / seconds
print("template: \(path) (\(evaluator.model.roles.count) roles, \(evaluator.webIdentityRoles.count) web-identity)")
print("mix: \(cases.count) requests, \(allowed) allowed, \(cases.count - allowed) denied")
print("evaluations: \(evaluations) in \(String(format: "%.2f", seconds)) s on one thread (checksum \(sink % 1000))")
print("throughput: \(Int(rate)) evaluations/s (\(String(format: "%.2f", 1e6 / rate)) µs each)")
