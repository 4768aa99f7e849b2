import ArgumentParser
import Foundation
import Kumo
import KumoAnalysis

/// `kumo check`: security lints for trust and permission policies, offline, on any template or assembly.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check templates for risky trust and permission policies (GitHub OIDC, IRSA, wildcards, sizes).",
        discussion: """
            Reads a cloud assembly (Kumo's or AWS CDK's cdk.out) or template files (JSON or YAML) and reports \
            findings of the rule catalogue (kumo check --list-rules): GitHub OIDC trusts without sub or aud, \
            owner-wide sub patterns, IRSA trusts without aud or with namespace wildcards, roles sharing a service \
            account, '*' principals, ForAllValues on single-valued keys, Null with IfExists, policy sizes, \
            service-wide actions on every resource; privilege escalation on '*' (iam:PassRole, policy-writing IAM \
            actions, sts:AssumeRole); EKS Pod Identity trusts and associations; and what AWS no longer creates \
            (EKS versions past extended support, Amazon Linux 2 node groups, Lambda runtimes — also in CDK's \
            nested stacks — and RDS engine versions), judged as of today or --as-of YYYY-MM-DD, from \
            data/lifecycle.json.

            With --manifests DIR, also cross-checks Kubernetes manifests (DIR's, and those an assembly carries, \
            like the ALB controller's ServiceAccount): ServiceAccounts annotated \
            eks.amazonaws.com/role-arn (or given a Pod Identity association; with both, IRSA's credentials win) \
            against the roles and their trust (system:serviceaccount:NS:NAME, decided \
            by Kumo's trust evaluator with the token EKS would issue), and the service accounts that Deployments, \
            StatefulSets, DaemonSets, Jobs, CronJobs and External Secrets SecretStores use. A cluster's issuer is \
            known only at deploy time; --issuer gives it, otherwise a placeholder stands in for it (trusts \
            compare the issuer only with itself).

            Findings are suppressed in the stack code with a reason: construct.suppress("KUMO-IRSA-001", \
            reason: "…"), written as the resources' Metadata "kumo:suppressions" (cdk-nag's \
            cdk_nag.rules_to_suppress is honoured too). Suppressed findings are shown with their reason and do \
            not count.

            Several paths are checked together; one that cannot be read is reported (on standard error) and the \
            others are still checked, as cfn-lint does. In an assembly, stacks without resources (CDK's \
            integration-test DeployAssert stacks) are skipped with a note.

            Exit codes: 0 no finding at or above --fail-on (default: error); 1 such findings; 2 invalid input \
            (unreadable path, invalid JSON/YAML, unknown intrinsic function, cyclic references, YAML past the \
            size and alias limits) — with one path, nothing is written then; with several, the readable ones \
            are reported and the exit code is 2 at the end.
            """
    )

    @Argument(help: ArgumentHelp("Cloud assembly directories or template files (default: cdk.out).", valueName: "assembly|template"))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text, json or sarif (SARIF 2.1.0, for GitHub code scanning).")
    var format: CheckReportRenderer.Format = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Kubernetes manifests (a directory, searched recursively, or a file) to cross-check with the IRSA roles.", valueName: "dir"))
    var manifests: String?

    @Option(help: ArgumentHelp("The EKS cluster's OIDC issuer URL, for the manifests cross-check (https://oidc.eks.REGION.amazonaws.com/id/ID).", valueName: "url"))
    var issuer: String?

    @Option(help: ArgumentHelp("The lowest severity that makes the exit code 1: error, warning, info or never.", valueName: "severity"))
    var failOn: FailOn = .error

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the lifecycle rules judge AWS's dates on (YYYY-MM-DD, UTC; default: today).", valueName: "date"))
    var asOf: String?

    @Flag(help: "Print the rule catalogue and exit.")
    var listRules = false

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        var severity: CheckRule.Severity? {
            switch self {
            case .error: .error
            case .warning: .warning
            case .info: .info
            case .never: nil
            }
        }
    }

    func run() throws {
        if listRules {
            let text = format == .text ? Self.catalogueText() : CheckReportRenderer.rulesJSON().serialized(.indented(2))
            try emit(text)
            return
        }
        if let issuer, !(issuer.hasPrefix("https://") && issuer.count > 8) {
            throw InputError("--issuer must be an https:// URL, got \"\(issuer)\"").exit()
        }
        if let asOf, !Self.isDay(asOf) {
            throw InputError("--as-of takes a day as YYYY-MM-DD (e.g. 2026-12-03), got \"\(asOf)\"").exit()
        }
        let inputs = paths.isEmpty ? ["cdk.out"] : paths
        var templates: [CloudTemplate] = []
        var loadedManifests: KubernetesManifests?
        let report: CheckReport
        // Every input is read, as cfn-lint does: an unreadable one is reported and the others are still checked;
        // the exit code is 2 at the end.
        var invalid = 0
        for path in inputs {
            do {
                // A kumo migrate plan directory: every step's template (the deployed one first).
                if let plans = try PlanInputs.templates(at: path) {
                    templates += plans.flatMap { $0.map(\.template) }
                } else {
                    templates += try TemplateLoader.load(path, note: { Output.err("note: " + $0) })
                }
            } catch {
                Output.err("error: \(error)")
                invalid += 1
            }
        }
        if templates.isEmpty && invalid > 0 { throw ExitCode.inputError }
        do {
            if let manifests {
                // The manifests the assemblies carry themselves (Kumo writes the ALB controller's ServiceAccount)
                // are applied by GitOps too: they take part in the cross-check.
                var loaded = try KubernetesManifests.load(manifests)
                for path in inputs { loaded = loaded.merging(try KubernetesManifests.loadFromAssembly(path)) }
                loadedManifests = loaded
            }
            report = try Checker(issuerURL: issuer, today: asOf).check(templates, manifests: loadedManifests, invalid: { error in
                Output.err("error: \(error)")
                invalid += 1
            })
            if report.stacks.isEmpty { throw ExitCode.inputError }
        } catch let error as ReaderError {
            throw InputError("error: \(error)").exit()
        } catch let error as ManifestError {
            throw InputError("error: \(error)").exit()
        }
        let color = output == nil && format == .text && Output.isTerminal
        try emit(CheckReportRenderer.render(report, as: format, color: color))
        if output != nil || format != .text { Output.err("kumo check: \(report.scope): \(report.summary)") }
        if invalid > 0 {
            Output.err("kumo check: \(invalid) input\(invalid == 1 ? "" : "s") could not be read (errors above); the others were checked")
            throw ExitCode.inputError
        }
        if let threshold = failOn.severity, report.fails(at: threshold) { throw ExitCode(1) }
    }

    /// Writes the report to --output (atomically) or standard output.
    private func emit(_ text: String) throws {
        guard let output else {
            Output.out(text)
            return
        }
        do {
            try Data((Symbol.readable(text) + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw InputError("error: cannot write \(output): \(error.localizedDescription)").exit()
        }
    }

    /// `YYYY-MM-DD` with a valid month and day.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day) && ISO8601.parse(text + "T00:00:00Z") != nil
    }

    static func catalogueText() -> String {
        var lines: [String] = []
        for family in CheckRule.Family.allCases {
            lines.append(family.rawValue)
            for rule in CheckRules.all where rule.family == family {
                lines.append("  \(rule.id)  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.title.replacingOccurrences(of: "`", with: ""))")
                lines.append("      fix: \(rule.fix)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension CheckReportRenderer.Format: ExpressibleByArgument {}

extension InputError {
    /// Prints the message and exits with 2.
    func exit() -> ExitCode {
        Output.err(description)
        return .inputError
    }
}

/// The checks `kumo synth` runs on the synthesized templates before writing them.
enum SynthChecks {
    /// Runs ``Checker`` on the assembly's templates; prints errors and warnings to standard error; throws exit 2
    /// when there are errors (nothing is written then).
    static func run(_ assembly: CloudAssembly, output: String) throws {
        var templates: [CloudTemplate] = []
        var sources: [String: String] = [:]
        do {
            for stack in assembly.stacks {
                let file = (output as NSString).appendingPathComponent(stack.templateFile)
                sources[file] = String(decoding: stack.templateFileBytes(assembly.templateLayout), as: UTF8.self)
                templates.append(try CloudTemplate(
                    json: stack.template, name: stack.name, file: file,
                    environment: stack.environment))
            }
            let report = try Checker(sources: sources).check(templates)
            for finding in report.active where finding.severity >= .warning {
                let word = finding.severity == .error ? "error" : "warning"
                Output.err("\(word)[\(finding.rule.id)]: \(finding.location.label): \(finding.message)\n  fix: \(finding.fix)")
            }
            for finding in report.findings where finding.isSuppressed && finding.rule.family == .lifecycle {
                Output.err("note[\(finding.rule.id)] suppressed: \(finding.location.label): \(finding.message)\n  reason: \(finding.suppression!.reason)")
            }
            let notes = report.count(.info)
            if report.count(.error) > 0 {
                Output.err("synthesis failed: kumo check found \(report.summary); nothing was written")
                Output.err("  fix the errors, suppress them in the stack code with a reason (construct.suppress(\"KUMO-…\", reason: \"…\")), or pass --no-checks")
                throw ExitCode.inputError
            }
            if !report.active.isEmpty {
                Output.err("kumo check: \(report.summary)\(notes > 0 ? " (the notes: kumo check \(output))" : "")")
            }
        } catch let error as ReaderError {
            Output.err("error: the synthesized template cannot be checked: \(error)")
            throw ExitCode.inputError
        }
    }
}
