/// The terminal report of `kumo migrate`: one table row per step, the resources of each transition, the
/// verification by rule, notes, and the values still missing.
public struct ReportRenderer: Sendable {
    public init() {}

    public func render(_ report: VerificationReport, plan: MigrationPlan, directory: String?) -> String {
        var out: [String] = []
        let templates = report.steps.filter { $0.kind != .command }.count
        out.append("kumo migrate: \(plan.stack)\(directory.map { " → \($0)" } ?? ""): \(report.steps.count) steps (\(templates) templates, \(report.steps.count - templates) command steps)")
        out.append("")
        out += table(report)
        out.append("")
        for step in report.steps {
            let summary = plan.steps[step.index].summary
            out.append("Step \(step.index) \(step.name) (\(step.kind.rawValue)): \(summary)")
            if let changes = step.changes {
                out += lines("imported", changes.imported)
                out += lines("added", changes.added)
                out += lines("removed-retained", changes.removedRetained)
                out += lines("removed-deleted", changes.removedDeleted)
                if !changes.modified.isEmpty {
                    out.append("  modified          \(changes.modified.count), by change:")
                    var groups: [(what: String, ids: [String])] = []
                    for (id, what) in changes.modified {
                        if let index = groups.firstIndex(where: { $0.what == what }) { groups[index].ids.append(id) } else { groups.append((what, [id])) }
                    }
                    for group in groups { out += lines("", group.ids).map { "    \(group.what):" + $0.dropFirst(19) } }
                }
                out += lines("replaced", changes.replaced.map { "\($0.id) (\($0.why))" })
            } else {
                for command in plan.steps[step.index].commands.prefix(3) { out.append("  $ " + shortened(command, 150)) }
                if plan.steps[step.index].commands.count > 3 { out.append("  … \(plan.steps[step.index].commands.count - 3) more commands in RUNBOOK.md") }
            }
        }
        out.append("")
        out.append("Verification: \(VerificationRule.allCases.count) rules, \(report.violations.count) violation\(report.violations.count == 1 ? "" : "s")")
        for rule in VerificationRule.allCases {
            let found = report.violations(of: rule)
            let mark = found.isEmpty ? (report.checks[rule] == nil ? "-" : "ok") : "FAIL"
            out.append("  \(mark.padding(toLength: 4, withPad: " ", startingAt: 0)) \(rule.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(rule.summary)")
            for violation in found { out.append("         \(violation.step): \(violation.message)") }
        }
        if !report.notes.isEmpty {
            out.append("")
            out.append("Notes:")
            for note in report.notes { out.append("  " + note) }
        }
        let missing = plan.physicalValues.missing
        if !missing.isEmpty || !report.placeholders.isEmpty {
            out.append("")
            out.append("Missing values (\(missing.count)): the plan is written with placeholders (\(report.placeholders.count): \(KumoMigration.placeholderPrefix)…) and cannot run until they are given:")
            for value in missing {
                out.append("  \(value.value)\(value.placeholder.isEmpty ? " (assumed)" : "")")
                out.append("      needed by: \(value.neededBy.joined(separator: ", "))")
                out.append("      get it:    \(value.source)")
            }
        }
        return out.joined(separator: "\n")
    }

    private func table(_ report: VerificationReport) -> [String] {
        let header = ["#", "step", "kind", "added", "retained", "deleted", "imported", "modified", "replaced", "template"]
        var rows: [[String]] = [header]
        for step in report.steps {
            var row = ["\(step.index)", step.name, step.kind.rawValue]
            if let c = step.changes {
                row += [c.added.count, c.removedRetained.count, c.removedDeleted.count, c.imported.count, c.modified.count, c.replaced.count].map(String.init)
                let bytes = step.templateBytes ?? 0
                row.append("\(step.template ?? "") (\(bytes) bytes\(bytes > CommandWriter.inlineTemplateLimit ? ", through S3" : ""))")
            } else {
                row += ["", "", "", "", "", "", ""]
            }
            rows.append(row)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let numeric = Set(3...8)
        return rows.map { row in
            row.indices.map { column -> String in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : (column == row.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    /// At most this many resources per line (RUNBOOK.md lists them all).
    static let shownPerLine = 4

    private func lines(_ label: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        let shown = items.prefix(Self.shownPerLine).joined(separator: ", ")
        let more = items.count > Self.shownPerLine ? ", … \(items.count - Self.shownPerLine) more in RUNBOOK.md" : ""
        return ["  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(items.count): " + shown + more]
    }

    private func shortened(_ text: String, _ limit: Int) -> String { text.count > limit ? String(text.prefix(limit - 1)) + "…" : text }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
