/// `RUNBOOK.md`: per step, what it does and why, the exact commands, what to check before going on, and how
/// to undo it.
public struct RunbookRenderer: Sendable {
    public init() {}

    public func render(_ plan: MigrationPlan, report: VerificationReport) -> String {
        var out: [String] = []
        out.append("# Moving `\(plan.stack)` onto Kumo's template")
        out.append("")
        out.append("Written by `kumo migrate` for stack `\(plan.stack)`\(plan.region.map { " in \($0)" } ?? "")\(plan.account.map { ", account \($0)" } ?? ""). "
                   + "Each step is an ordinary CloudFormation operation run with the AWS CLI; the verifier checked every transition "
                   + "(\(report.violations.isEmpty ? "no violation" : "**\(report.violations.count) violations: do not run this plan**")). "
                   + "Run the commands from this directory, one step at a time, and do the checks of a step before the next one.")
        out.append("")
        out.append("You need the AWS CLI v2, `kubectl`, `jq` and `kumo`, with credentials that can update the stack and its resources.")
        out.append("")
        out.append("The plan is written with the stack's physical IDs (plan.json, `physicalValues`). They come from these commands; if the stack "
                   + "changed since, run them again and write the plan again (`kumo migrate --from … --physical-ids ids --output …`):")
        out.append("")
        out.append("```sh")
        out.append("mkdir -p ids")
        out.append("aws cloudformation describe-stack-resources --stack-name \(plan.stack) > ids/\(plan.stack).json")
        let nested = plan.physicalValues.nestedStacks.values.map(\.stackName).sorted()
        if nested.isEmpty {
            out.append("# and for each nested stack (the PhysicalResourceId of each AWS::CloudFormation::Stack line):")
            out.append("aws cloudformation describe-stack-resources --stack-name NESTED_STACK_ID > ids/nested-1.json")
        }
        for (index, name) in nested.enumerated() {
            out.append("aws cloudformation describe-stack-resources --stack-name \(name) > ids/nested-\(index + 1).json")
        }
        let clusters = plan.physicalValues.resources.values.filter { $0.type == "Custom::AWSCDK-EKS-Cluster" || $0.type == "AWS::EKS::Cluster" }
            .compactMap(\.ref).filter { !PhysicalValues.isPlaceholder($0) }.sorted()
        for cluster in clusters { out.append("aws eks describe-cluster --name \(cluster) > ids/\(cluster).json") }
        out.append("```")
        out.append("")
        if !plan.physicalValues.missing.isEmpty {
            out.append("> **This plan is not ready**: it was written without some physical values, and has placeholders (`\(KumoMigration.placeholderPrefix)…`) "
                       + "where they belong. Give them to `kumo migrate --physical-ids` and write the plan again:")
            out.append(">")
            for value in plan.physicalValues.missing { out.append("> - `\(value.value)` — \(value.source)") }
            out.append("")
        }
        out.append("| # | Step | Kind | Added | Retained | Deleted | Imported | Modified | Replaced |")
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|")
        for step in report.steps {
            let c = step.changes
            let counts = c.map { [$0.added.count, $0.removedRetained.count, $0.removedDeleted.count, $0.imported.count, $0.modified.count, $0.replaced.count].map(String.init) }
                ?? Array(repeating: "", count: 6)
            out.append("| \(step.index) | [\(step.name)](#step-\(step.index)-\(step.name)) | \(step.kind.rawValue) | " + counts.joined(separator: " | ") + " |")
        }
        out.append("")
        for (index, step) in plan.steps.enumerated() {
            out.append("## Step \(index): \(step.name)")
            out.append("")
            out.append("**\(step.summary).** (\(step.kind.rawValue)\(step.template.map { ", `\($0)`" } ?? "")\(step.resourcesToImport.map { ", `\($0)`" } ?? ""))")
            out.append("")
            for paragraph in step.details {
                out.append(paragraph)
                out.append("")
            }
            out.append("```sh")
            out += step.commands
            out.append("```")
            out.append("")
            if !step.checks.isEmpty {
                out.append("Check before going on:")
                out.append("")
                for check in step.checks {
                    out.append("- \(check.description)" + (check.command.map { ":\n  ```sh\n  \($0)\n  ```" } ?? ""))
                }
                out.append("")
            }
            if let changes = report.steps.first(where: { $0.index == index })?.changes {
                out.append("<details><summary>Changes of this step</summary>")
                out.append("")
                out += list("Imported", changes.imported)
                out += list("Added", changes.added)
                out += list("Removed, retained", changes.removedRetained)
                out += list("Removed, deleted", changes.removedDeleted)
                out += list("Modified", changes.modified.map { "\($0.id): \($0.what)" })
                out += list("Replaced", changes.replaced.map { "\($0.id): \($0.why)" })
                out.append("</details>")
                out.append("")
            }
            if !step.undo.isEmpty {
                out.append("Undo: " + step.undo.joined(separator: " "))
                out.append("")
            }
        }
        if !report.notes.isEmpty {
            out.append("## Notes")
            out.append("")
            for note in report.notes { out.append("- " + note) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func list(_ title: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        return ["**\(title)** (\(items.count)): " + items.map { "`\($0)`" }.joined(separator: ", "), ""]
    }
}
