import ArgumentParser
import Foundation
import Testing
@testable import KumoCLI
import Kumo

/// `kumo check` end to end, and the checks `kumo synth` runs.
@Suite struct CheckCommandTests {
    static let sample = CLI.root.appendingPathComponent("cdk.out.sample").path
    static let examples = CLI.root.appendingPathComponent("examples/gitops").path
    static let broken = CLI.root.appendingPathComponent("Tests/Fixtures/gitops-broken").path

    /// Kumo's own assembly, synthesized once per test.
    static func kumoAssembly() throws -> String {
        let dir = CLI.temporaryDirectory().appendingPathComponent("cdk.out").path
        let run = try CLI.run(["synth", "-q", "-o", dir])
        #expect(run.status == 0, "\(run.stderr)")
        return dir
    }

    /// `rule logicalID` of every active finding in a JSON report.
    static func findings(_ json: String) throws -> Set<String> {
        let report = try JSON(parsing: json)
        return Set((report["findings"]?.arrayValue ?? []).filter { $0["suppressed"] == .null }.map {
            "\($0["rule"]?.stringValue ?? "") \($0["logicalId"]?.stringValue ?? $0["object"]?.stringValue ?? "")"
        })
    }

    @Test func theCDKSampleReportsTheOwnerWildcardAndIRSARolesWithoutAudience() throws {
        let run = try CLI.run(["check", "--as-of", "2026-12-03", Self.sample])
        #expect(run.status == 1, "\(run.stderr)")  // errors: what AWS no longer creates (KUMO-LIFE-…)
        #expect(run.stdout.contains("warning[KUMO-GH-002] MyEKSStack/RoleGithub (RoleGithubFF1A0E31)"))
        #expect(run.stdout.contains(#""repo:example-org/*" admits every repository of example-org"#))
        #expect(run.stdout.components(separatedBy: "warning[KUMO-IRSA-001]").count - 1 == 4)
        #expect(run.stdout.contains("error[KUMO-LIFE-001] MyEKSStack/EKSCluster (EKSClusterE11008B6): EKS cluster eks-cluster asks for Kubernetes 1.22, which EKS no longer creates"))
        #expect(run.stdout.components(separatedBy: "error[KUMO-LIFE-003]").count - 1 == 4)
        #expect(run.stdout.contains("kumo check: 1 stack (12 roles, 6 managed policies, 2 OIDC providers): 7 errors, 6 warnings, 3 notes, 0 suppressed"))
    }

    @Test func kumosOwnAssemblyHasTheSameTrustFindingsAsTheSample() throws {
        let kumoAll = try Self.findings(CLI.run(["check", "--as-of", "2026-12-03", "--format", "json", Self.kumoAssembly()]).stdout)
        let sampleAll = try Self.findings(CLI.run(["check", "--as-of", "2026-12-03", "--format", "json", Self.sample]).stdout)
        // Lifecycle: Kumo's assembly has no Lambda, and suppresses EKS 1.22 and Aurora 13.6 with their reasons.
        #expect(kumoAll.filter { $0.hasPrefix("KUMO-LIFE") } == ["KUMO-LIFE-002 EKSClusterNodegroupEKSNodeGroupD0EF7666"])
        #expect(sampleAll.filter { $0.hasPrefix("KUMO-LIFE") }.count == 8)
        let kumo = kumoAll.filter { !$0.hasPrefix("KUMO-LIFE") }, sample = sampleAll.filter { !$0.hasPrefix("KUMO-LIFE") }
        // The sample's EKS provider also carries a thumbprint (Kumo omits it): the only difference.
        #expect(sample.subtracting(kumo) == ["KUMO-GH-005 EKSClusterOpenIdConnectProviderD01E4747"])
        #expect(kumo.subtracting(sample).isEmpty)
        #expect(kumo.contains("KUMO-GH-002 RoleGithubFF1A0E31"))
        #expect(kumo.filter { $0.hasPrefix("KUMO-IRSA-001") }.count == 4)
    }

    @Test func failOnWarningTurnsWarningsIntoExitOne() throws {
        #expect(try CLI.run(["check", "--fail-on", "warning", Self.sample]).status == 1)
        #expect(try CLI.run(["check", "--fail-on", "never", Self.sample]).status == 0)
    }

    @Test func jsonAndSARIFAreValidDocuments() throws {
        let json = try CLI.run(["check", "--as-of", "2026-12-03", "--format", "json", Self.sample])
        #expect(json.status == 1)
        let report = try JSON(parsing: json.stdout)
        #expect(report["summary"]?["warnings"] == 6)
        #expect(json.stderr.contains("7 errors, 6 warnings"))
        let dir = CLI.temporaryDirectory()
        let sarifFile = dir.appendingPathComponent("kumo.sarif").path
        let sarif = try CLI.run(["check", "--format", "sarif", "--output", sarifFile, "--fail-on", "never", Self.sample])
        #expect(sarif.status == 0)
        #expect(sarif.stdout.isEmpty)
        let document = try JSON(parsing: String(contentsOfFile: sarifFile, encoding: .utf8))
        #expect(document["version"] == "2.1.0")
        let result = try #require(document["runs"]?.arrayValue?.first?["results"]?.arrayValue?.first { $0["ruleId"] == "KUMO-GH-002" })
        let location = try #require(result["locations"]?.arrayValue?.first?["physicalLocation"])
        #expect(location["artifactLocation"]?["uri"] == "cdk.out.sample/MyEKSStack.template.json")
        #expect(location["region"]?["startLine"] == 2571)
    }

    @Test func listRules() throws {
        let run = try CLI.run(["check", "--list-rules"])
        #expect(run.status == 0)
        for id in ["KUMO-GH-001", "KUMO-IRSA-003", "KUMO-TRUST-004", "KUMO-POL-002", "KUMO-K8S-002", "KUMO-SUP-001"] {
            #expect(run.stdout.contains(id))
        }
    }

    @Test func theExampleManifestsMatchTheRoles() throws {
        let run = try CLI.run(["check", "--format", "json", "--manifests", Self.examples, Self.kumoAssembly()])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try Self.findings(run.stdout)
        #expect(found.filter { $0.hasPrefix("KUMO-K8S") }.isEmpty, "\(found)")
        // The 9 example files and the ALB controller manifest Kumo writes into the assembly.
        #expect(run.stderr.contains("10 manifest files"))
    }

    @Test func theBrokenFixtureIsCaught() throws {
        let run = try CLI.run(["check", "--manifests", Self.broken, Self.kumoAssembly()])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[KUMO-K8S-002] MyEKSStack/DBMigratorRole (DBMigratorRole1DC6DB05): ServiceAccount migrations/account-for-db-migrator"))
        #expect(run.stdout.contains(#"does not match "system:serviceaccount:main:account-for-db-migrator""#))
        #expect(run.stdout.components(separatedBy: "[KUMO-K8S-").count - 1 == 1, "\(run.stdout)")
    }

    @Test func manifestMistakesOfEveryKind() throws {
        let dir = CLI.temporaryDirectory()
        let manifest = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: dns, namespace: main, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/role-for-externaldns"}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: bad, namespace: main, annotations: {eks.amazonaws.com/role-arn: "role-for-db-migrator"}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: plain, namespace: main}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: main}
            spec: {jobTemplate: {spec: {template: {spec: {serviceAccountName: plain, containers: []}}}}}
            ---
            apiVersion: external-secrets.io/v1beta1
            kind: ClusterSecretStore
            metadata: {name: global}
            spec: {provider: {aws: {service: SecretsManager, auth: {jwt: {serviceAccountRef: {name: eso, namespace: external-secrets}}}}}}
            ---
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [all.yaml]
            """
        try manifest.write(to: dir.appendingPathComponent("all.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--format", "json", "--manifests", dir.path, Self.kumoAssembly()])
        #expect(run.status == 1)
        let found = try Self.findings(run.stdout)
        #expect(found.isSuperset(of: [
            "KUMO-K8S-001 ServiceAccount main/dns", "KUMO-K8S-005 ServiceAccount main/bad",
            "KUMO-K8S-004 CronJob main/nightly", "KUMO-K8S-004 ClusterSecretStore default/global",
            "KUMO-K8S-003 DBMigratorRole1DC6DB05",
        ]), "\(found)")
        #expect(run.stdout.contains("did you mean arn:aws:iam::123456789012:role/role-for-external-dns?"))
    }

    @Test func synthRunsTheChecksAndPrintsWarnings() throws {
        let dir = CLI.temporaryDirectory().appendingPathComponent("out").path
        let run = try CLI.run(["synth", "-o", dir])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning[KUMO-GH-002]"))
        #expect(run.stderr.contains("kumo check: 0 errors, 6 warnings, 2 notes, 3 suppressed"))
        // The lifecycle findings the stack suppresses stay visible, with their reasons.
        #expect(run.stderr.contains("note[KUMO-LIFE-001] suppressed: MyEKSStack/EKSCluster (EKSClusterE11008B6): EKS cluster eks-cluster runs Kubernetes 1.32, past standard support"))
        #expect(run.stderr.contains("reason: 1.32 is the version the deployed cluster runs"))
        let quiet = try CLI.run(["synth", "--no-checks", "-o", dir])
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("KUMO-"))
    }

    @Test func synthFailsOnErrorFindingsAndWritesNothing() throws {
        let app: @Sendable ([String: JSON]) -> App = { context in
            let app = App(context: context)
            let stack = Stack(app, "Leaky", environment: .init(account: "123456789012", region: "us-east-1"))
            let github = OpenIDConnectProvider(stack, "GitHub", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
            Role(stack, "Deploy", assumedBy: .webIdentity(github) {
                Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
            })
            if context["suppress"] != nil {
                stack.suppress("KUMO-GH-001", reason: "test: a deliberately open role")
            }
            return app
        }
        let dir = CLI.temporaryDirectory().appendingPathComponent("out").path
        let (failed, stderr) = InProcessSynth.run(arguments: ["-q", "-o", dir], app: app)
        #expect(failed == 2)
        #expect(stderr.contains("error[KUMO-GH-001]: Leaky/Deploy (Deploy"), "\(stderr)")
        #expect(stderr.contains("synthesis failed: kumo check found 1 error"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir))
        #expect(InProcessSynth.run(arguments: ["-q", "--no-checks", "-o", dir], app: app).0 == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/Leaky.template.json"))
        #expect(InProcessSynth.run(arguments: ["-q", "-c", "suppress=1", "-o", dir + "2"], app: app).0 == 0)
        let check = try CLI.run(["check", dir + "2"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("suppressed[KUMO-GH-001]"))
        #expect(check.stdout.contains("reason: test: a deliberately open role"))
    }

}
