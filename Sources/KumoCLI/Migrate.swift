import ArgumentParser
import Foundation
import Kumo
import KumoAnalysis
import KumoMigration

/// `kumo migrate`: a verified, step-by-step plan that moves a deployed AWS CDK stack onto Kumo's template in
/// place (and `kumo migrate --verify DIR` for a plan someone edited).
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Plan moving a deployed CDK stack onto Kumo's template in place, and verify the plan.",
        discussion: """
            CloudFormation refuses to deploy Kumo's template onto the stack AWS CDK deployed ("Update of resource \
            type is not permitted": CDK's OIDC providers and EKS cluster are custom resources, Kumo's are native \
            types under the same logical IDs). kumo migrate writes DIR/<Stack>/: one template per step (retain, \
            orphan, import, replace-roles, authentication-mode, converge), the --resources-to-import file of the \
            import step, plan.json (for tools) and RUNBOOK.md (the exact AWS CLI and kubectl commands, what to \
            check before going on, how to undo each step). Nothing stateful is replaced and nobody loses access.

            --physical-ids takes the JSON the AWS CLI prints (repeat it for several files):
              aws cloudformation describe-stack-resources --stack-name STACK > resources.json   (and each nested stack)
              aws eks describe-cluster --name CLUSTER > cluster.json
            The step templates write the physical values in place of references to removed resources. Without \
            them, the plan is written with placeholders (KUMO-MISSING-…), and kumo migrate lists what is missing.

            Every plan is verified before it is written (the same rules as --verify): exit code 0 when it breaks \
            no rule and misses no value; 1 when it is written but breaks a rule or has placeholders (the report \
            says which); 2 on invalid input (a message on standard error, nothing written).
            """
    )

    @Option(help: ArgumentHelp("What is deployed: a CDK cloud assembly (parent and nested templates) or templates saved with aws cloudformation get-template.", valueName: "path"))
    var from: String?

    @Option(help: ArgumentHelp("Kumo's assembly or template (default: a fresh synthesis of the app's stacks).", valueName: "path"))
    var to: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write the plan to (DIR/<Stack>/).", valueName: "dir"))
    var output: String?

    @Option(name: .shortAndLong, help: "Plan only this stack (its name in AWS; needed when the deployed template is a file with another name).")
    var stack: String?

    @Option(name: .customLong("physical-ids"), help: ArgumentHelp("describe-stack-resources, list-stack-resources or describe-cluster output, or a directory of them (repeatable).", valueName: "file"))
    var physicalIDs: [String] = []

    @Option(help: ArgumentHelp("Verify the plan in this directory (written by kumo migrate, maybe edited) instead of writing one.", valueName: "dir"))
    var verify: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("A context value for the fresh synthesis (repeatable; as in kumo synth).", valueName: "key=value"))
    var context: [String] = []

    func validate() throws {
        if verify != nil {
            if from != nil || output != nil || !physicalIDs.isEmpty { throw ValidationError("--verify takes a plan directory (and --to, --stack); --from, --output and --physical-ids write a plan") }
            return
        }
        guard from != nil else { throw ValidationError("missing --from: the deployed stack's template (a CDK cloud assembly, or aws cloudformation get-template output)") }
        guard output != nil else { throw ValidationError("missing --output: the directory to write the plan to") }
    }

    func run() throws {
        do {
            if let verify { try runVerify(verify) } else { try runPlan() }
        } catch let error as MigrationError {
            Output.err("error: \(error)")
            throw ExitCode.inputError
        }
    }

    private func runPlan() throws {
        let deployedStacks = try DeployedStack.load(from!)
        let (targets, manifests) = try targetStacks()
        let pairs = try pair(deployedStacks, targets)
        let files = try PhysicalIDInputs.read(physicalIDs)
        var results: [(PlanBundle, VerificationReport)] = []
        for (deployed, target) in pairs {
            let bundle = try MigrationPlanner.plan(MigrationInputs(deployed: deployed, target: target, physicalIDFiles: files, manifests: manifests))
            results.append((bundle, PlanVerifier.verify(bundle, target: target)))
        }
        for (bundle, report) in results {
            try PlanDirectory.write(bundle, runbook: RunbookRenderer().render(bundle.plan, report: report), into: output!)
        }
        var status: Int32 = 0
        for (bundle, report) in results {
            let directory = (output! as NSString).appendingPathComponent(bundle.plan.stack)
            Output.out(ReportRenderer().render(report, plan: bundle.plan, directory: directory + "/"))
            let ready = report.passed && bundle.plan.physicalValues.missing.isEmpty && report.placeholders.isEmpty
            Output.out("")
            if ready {
                Output.out("kumo migrate: plan verified and written to \(directory)/: follow \(directory)/RUNBOOK.md")
            } else {
                status = 1
                var why: [String] = []
                if !report.passed { why.append("\(report.violations.count) violation\(report.violations.count == 1 ? "" : "s")") }
                if !bundle.plan.physicalValues.missing.isEmpty { why.append("\(bundle.plan.physicalValues.missing.count) missing value\(bundle.plan.physicalValues.missing.count == 1 ? "" : "s")") }
                Output.out("kumo migrate: plan written to \(directory)/ but NOT READY to run: \(why.joined(separator: ", "))")
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func runVerify(_ path: String) throws {
        let plans = try PlanDirectory.read(path)
        let selected = stack.map { name in plans.filter { $0.bundle.plan.stack == name } } ?? plans
        if selected.isEmpty {
            throw MigrationError("no plan for stack \"\(stack!)\" in \(path) (plans: \(plans.map(\.bundle.plan.stack).joined(separator: ", ")))")
        }
        let targets = try to.map { _ in try targetStacks().0 }
        var failed = false
        for (directory, bundle) in selected {
            var target: CloudTemplate?
            if let targets {
                guard let match = targets.first(where: { $0.name == bundle.plan.stack }) ?? (targets.count == 1 ? targets.first : nil) else {
                    throw MigrationError("--to has no stack \(bundle.plan.stack) (stacks: \(targets.map(\.name).joined(separator: ", ")))")
                }
                target = match
            }
            let report = PlanVerifier.verify(bundle, target: target)
            Output.out(ReportRenderer().render(report, plan: bundle.plan, directory: directory))
            Output.out("")
            Output.out(report.passed ? "kumo migrate --verify: \(directory): no violation" : "kumo migrate --verify: \(directory): \(report.violations.count) violation\(report.violations.count == 1 ? "" : "s")")
            if !report.passed { failed = true }
        }
        if failed { throw ExitCode(1) }
    }

    /// Kumo's templates and the Kubernetes manifests beside them (`--to`, or a fresh synthesis).
    private func targetStacks() throws -> ([CloudTemplate], [TargetManifest]) {
        if let to {
            let templates: [CloudTemplate]
            do {
                templates = try TemplateLoader.load(to)
            } catch {
                throw MigrationError("--to \(to): \(error)")
            }
            var manifests: [TargetManifest] = []
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: to, isDirectory: &isDirectory), isDirectory.boolValue {
                for file in ((try? FileManager.default.contentsOfDirectory(atPath: to)) ?? []).sorted() where file.hasSuffix(".k8s.yaml") {
                    let path = (to as NSString).appendingPathComponent(file)
                    let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                    manifests.append(try manifest(file, text))
                }
            }
            return (templates, manifests)
        }
        let app = try AppRegistry.shared.makeApp(context: try ContextArguments.parse(context))
        let assembly: CloudAssembly
        do {
            assembly = try app.synthesize()
        } catch {
            throw MigrationError(error.description)
        }
        var templates: [CloudTemplate] = []
        for artifact in assembly.stacks {
            do {
                templates.append(try CloudTemplate(json: artifact.template, name: artifact.name, file: "(synthesized) \(artifact.templateFile)",
                                                   environment: artifact.environment))
            } catch {
                throw MigrationError("\(error)")
            }
        }
        let manifests = try assembly.files.filter { $0.name.hasSuffix(".k8s.yaml") }.map { file in
            try manifest(file.name, String(decoding: file.contents, as: UTF8.self))
        }
        return (templates, manifests)
    }

    private func manifest(_ file: String, _ text: String) throws -> TargetManifest {
        let objects: [KubernetesManifests.Object]
        do {
            objects = try KubernetesManifests.parse(text, file: file)
        } catch {
            throw MigrationError("\(error)")
        }
        let accounts = objects.filter { $0.kind == "ServiceAccount" }.compactMap { object -> TargetManifest.ServiceAccount? in
            guard let arn = object.annotations["eks.amazonaws.com/role-arn"]?.stringValue else { return nil }
            return TargetManifest.ServiceAccount(namespace: object.namespace, name: object.name, roleArn: arn)
        }
        return TargetManifest(file: file, text: text, serviceAccounts: accounts)
    }

    /// The deployed and target stacks to plan, paired by name (`--stack` selects, or names a lone pair).
    private func pair(_ deployed: [DeployedStack], _ targets: [CloudTemplate]) throws -> [(DeployedStack, CloudTemplate)] {
        let names = { (list: [String]) in list.joined(separator: ", ") }
        if let stack {
            let d = deployed.first { $0.template.name == stack } ?? (deployed.count == 1 ? deployed[0] : nil)
            let t = targets.first { $0.name == stack } ?? (targets.count == 1 ? targets[0] : nil)
            guard var d, var t, deployed.contains(where: { $0.template.name == stack }) || targets.contains(where: { $0.name == stack }) else {
                throw MigrationError("no stack named \"\(stack)\" in --from (\(names(deployed.map(\.template.name)))) or in Kumo's assembly (\(names(targets.map(\.name))))")
            }
            d.template.name = stack
            t.name = stack
            return [(d, t)]
        }
        let common = deployed.filter { d in targets.contains { $0.name == d.template.name } }
        if common.isEmpty {
            throw MigrationError("no stack is both in --from (\(names(deployed.map(\.template.name)))) and in Kumo's assembly (\(names(targets.map(\.name))))",
                                 fix: "give --stack NAME: the deployed stack's name, when the template file is named otherwise")
        }
        return common.map { d in (d, targets.first { $0.name == d.template.name }!) }
    }
}
