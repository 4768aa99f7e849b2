import Foundation
import Testing

/// `kumo migrate` end to end, through the binary.
@Suite struct MigrateCommandTests {
    let sample = CLI.root.appendingPathComponent("cdk.out.sample").path
    let physicalIDs = CLI.root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path

    @Test func theSamplePlanIsWrittenAndVerified() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["migrate", "--from", sample, "--physical-ids", physicalIDs, "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
        #expect(run.stdout.contains("Verification: 16 rules, 0 violations"))
        #expect(run.stdout.contains("kumo migrate: plan verified and written to \(dir.path)/MyEKSStack/"))
        for file in ["plan.json", "RUNBOOK.md", "01-retain.template.json", "03-import.resources-to-import.json", "07-converge.template.json",
                     "00-deployed/MyEKSStack.template.json", "05-point-service-accounts/MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("MyEKSStack/" + file).path), "\(file)")
        }
        // The same output twice: deterministic.
        let again = try CLI.run(["migrate", "--from", sample, "--physical-ids", physicalIDs, "-o", dir.path])
        #expect(again.stdout == run.stdout)

        let verify = try CLI.run(["migrate", "--verify", dir.appendingPathComponent("MyEKSStack").path])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("no violation"))
    }

    @Test func anEditedPlanThatBreaksARuleFailsVerification() throws {
        let dir = CLI.temporaryDirectory()
        _ = try CLI.run(["migrate", "--from", sample, "--physical-ids", physicalIDs, "-o", dir.path])
        let file = dir.appendingPathComponent("MyEKSStack/01-retain.template.json").path
        var text = try String(contentsOfFile: file, encoding: .utf8)
        // The cluster's custom resource loses its Retain policy (the first "Retain" pair after its type).
        let type = try #require(text.range(of: "\"Type\": \"Custom::AWSCDK-EKS-Cluster\""))
        let policy = try #require(text.range(of: "\"DeletionPolicy\": \"Retain\"", range: type.upperBound..<text.endIndex))
        text.replaceSubrange(policy, with: "\"DeletionPolicy\": \"Delete\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["migrate", "--verify", dir.appendingPathComponent("MyEKSStack").path])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("FAIL retainBeforeRemoval"))
        #expect(run.stdout.contains("EKSClusterE11008B6 (Custom::AWSCDK-EKS-Cluster) leaves the stack without DeletionPolicy Retain"))
        // --to: the last step is compared with Kumo's template.
        let target = try CLI.run(["migrate", "--verify", dir.appendingPathComponent("MyEKSStack").path, "--to", sample])
        #expect(target.stdout.contains("FAIL target"))
    }

    @Test func withoutPhysicalIDsThePlanIsWrittenWithPlaceholdersAndNotReady() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["migrate", "--from", sample, "-o", dir.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Missing values ("))
        #expect(run.stdout.contains("EKSClusterE11008B6.ClusterSecurityGroupId"))
        #expect(run.stdout.contains("NOT READY to run"))
        let orphan = try String(contentsOfFile: dir.appendingPathComponent("MyEKSStack/02-orphan.template.json").path, encoding: .utf8)
        #expect(orphan.contains("KUMO-MISSING-EKSClusterE11008B6.ClusterSecurityGroupId"))
        let runbook = try String(contentsOfFile: dir.appendingPathComponent("MyEKSStack/RUNBOOK.md").path, encoding: .utf8)
        #expect(runbook.contains("This plan is not ready"))
    }

    @Test func getTemplateOutputWorksAsFrom() throws {
        let dir = CLI.temporaryDirectory()
        let template = try String(contentsOfFile: sample + "/MyEKSStack.template.json", encoding: .utf8)
        let saved = dir.appendingPathComponent("deployed.json")
        try "{\"TemplateBody\": \(template), \"StagesAvailable\": [\"Original\", \"Processed\"]}".write(to: saved, atomically: true, encoding: .utf8)
        let run = try CLI.run(["migrate", "--from", saved.path, "--stack", "MyEKSStack", "--physical-ids", physicalIDs, "-o", dir.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.stderr)\(run.stdout)")
        // Without the assembly, the nested templates are not known: the plan is the same otherwise.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/MyEKSStack/00-deployed/MyEKSStackawscdkawseksKubectlProvider52CAD7E5.nested.template.json").path))
    }

    @Test func helpExplainsThePhysicalIDs() throws {
        let run = try CLI.run(["migrate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("aws cloudformation describe-stack-resources --stack-name STACK"))
        #expect(run.stdout.contains("--verify"))
    }
}

/// `kumo diff` and `kumo check` with migration in mind: type changes named as blocking, plan directories
/// read step by step.
@Suite struct MigrateDiffAndCheckTests {
    let sample = CLI.root.appendingPathComponent("cdk.out.sample").path
    let physicalIDs = CLI.root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path

    @Test func theDiffNamesTypeChangesAsBlockingInEveryFormat() throws {
        let text = try CLI.run(["diff", sample])
        #expect(text.stdout.contains("BLOCKING: CloudFormation refuses this update: 3 resources change type under the same logical ID"))
        #expect(text.stdout.contains("! EKSClusterE11008B6  Custom::AWSCDK-EKS-Cluster → AWS::EKS::Cluster"))
        #expect(text.stdout.contains("3 blocking type changes (kumo migrate)"))
        #expect(text.stdout.contains("kumo migrate --from"))
        let markdown = try CLI.run(["diff", sample, "--format", "markdown"])
        #expect(markdown.stdout.contains("## `kumo diff`: ⛔ **not deployable as a stack update**"))
        #expect(markdown.stdout.contains("| `Provider2281708E` | `Custom::AWSCDKOpenIdConnectProvider` | `AWS::IAM::OIDCProvider` |"))
        let json = try CLI.run(["diff", sample, "--format", "json"])
        #expect(json.stdout.contains("\"blocking\": 3"))
        #expect(json.stdout.contains("\"logicalId\": \"EKSClusterOpenIdConnectProviderD01E4747\",\n          \"oldType\": \"Custom::AWSCDKOpenIdConnectProvider\""))
    }

    @Test func diffAndCheckReadAPlanDirectoryStepByStep() throws {
        let dir = CLI.temporaryDirectory()
        _ = try CLI.run(["migrate", "--from", sample, "--physical-ids", physicalIDs, "-o", dir.path])
        let plan = dir.appendingPathComponent("MyEKSStack").path
        let diff = try CLI.run(["diff", plan])
        #expect(diff.status == 1, "\(diff.stderr)")
        for transition in ["deployed → retain", "retain → orphan", "orphan → import", "import → replace-roles", "replace-roles → authentication-mode", "authentication-mode → converge"] {
            #expect(diff.stdout.contains("== MyEKSStack: \(transition)"), "\(transition)")
        }
        // With the plan's physical values, no step before converge changes IAM, and nothing stateful is replaced.
        #expect(!diff.stdout.contains("[BROADENING]"))
        // The one replacement: the ALB controller's role in the replace-roles step (it gains a RoleName).
        let replacements = diff.stdout.split(separator: "\n").filter { $0.contains("REPLACEMENT") }
        #expect(replacements.count == 1 && replacements[0].contains("MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239"), "\(replacements)")
        #expect(diff.stdout.components(separatedBy: "IAM: no change").count - 1 >= 6)
        #expect(try CLI.run(["diff", plan, "--fail-on", "broadening"]).status == 1)
        let json = try CLI.run(["diff", plan, "--format", "json"])
        #expect(json.stdout.contains("\"transition\": \"MyEKSStack: orphan → import\""))
        #expect(try CLI.run(["diff", plan, sample]).status == 2)

        let check = try CLI.run(["check", plan])
        #expect(check.stdout.contains("kumo check: 7 stacks"))
        #expect(check.stdout.contains("MyEKSStack (orphan)"))
        // The errors are the lifecycle findings the steps inherit from the deployed stack (CDK's provider
        // runtimes, Kubernetes 1.22 in CDK's template, Aurora 13.6); Kumo's own template (converge) has none.
        let errors = check.stdout.split(separator: "\n").filter { $0.contains(": error[") }
        #expect(check.status == (errors.isEmpty ? 0 : 1))
        #expect(errors.allSatisfy { $0.contains("error[KUMO-LIFE-") && !$0.contains("(converge)") }, "\(errors)")
    }
}

/// docs/migrate.md shows the real `kumo migrate` output for the sample.
@Suite struct MigrateDocsTests {
    @Test func theDocsShowTheRealOutput() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("docs/migrate.md"), encoding: .utf8)
        let marker = "--physical-ids Tests/Fixtures/migrate/physical-ids --output plans` (exit 0):\n\n```\n"
        let start = try #require(readme.range(of: marker))
        let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let shown = String(readme[start.upperBound..<end.lowerBound])
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["migrate", "--from", CLI.root.appendingPathComponent("cdk.out.sample").path,
                               "--physical-ids", CLI.root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path, "--output", "plans"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .newlines) == shown, "docs/migrate.md's kumo migrate output is stale: run the command and paste its output")
    }
}
