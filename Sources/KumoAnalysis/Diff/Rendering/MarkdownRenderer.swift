import Foundation
import KumoJSON

/// The report as GitHub-flavoured Markdown, ready for a pull-request comment: a summary line, an IAM table
/// (classification first), a resources table, and the long lists (expected CDK → native replacements,
/// hidden noise) in collapsible `<details>`.
public struct MarkdownRenderer: Sendable {
    /// Above this many resource rows, the resources table is collapsed.
    public var collapseResourcesAbove: Int
    /// At most this many resource rows are written (GitHub comments hold 65,536 characters); the JSON
    /// report has them all.
    public var maxResourceRows: Int

    public init(collapseResourcesAbove: Int = 25, maxResourceRows: Int = 200) {
        self.collapseResourcesAbove = collapseResourcesAbove
        self.maxResourceRows = maxResourceRows
    }

    public func render(_ diff: TemplateDiff) -> String {
        var out: [String] = []
        let counts = diff.counts
        let verdict = counts.iam(.broadening) > 0 ? "🔴 **IAM access broadens**"
            : counts.iam(.review) > 0 ? "🟡 **IAM changes need review**"
            : counts.iamTotal > 0 ? "🟢 IAM changes do not broaden access" : "IAM: no change"
        out.append("## `kumo diff`: " + (counts.blocking > 0 ? "⛔ **not deployable as a stack update** (type changes) · " : "") + verdict)
        out.append("")
        out.append(escape(DiffPhrases.summary(counts)))
        out.append("")
        for stack in diff.stacks { out += render(stack, stackCount: diff.stacks.count) }
        out.append("<sub>🔴 broadening: someone gains access · 🟡 review: undecidable, fails <code>--fail-on broadening</code> · 🟢 narrowing · ⚪ same access · "
                   + "+ added · − removed · ~ modified · ⚠️ replaced</sub>")
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ stack: StackDiff, stackCount: Int) -> [String] {
        var out: [String] = []
        let heading = stackCount > 1 || stack.status != .modified ? "### Stack `\(stack.name)`" + (stack.status == .modified ? "" : " (\(stack.status.rawValue))") : "### Stack `\(stack.name)`"
        out.append(heading)
        out.append("")
        let blocking = stack.blocking
        if !blocking.isEmpty {
            out.append("#### ⛔ Blocking: not deployable as a stack update")
            out.append("")
            out.append(escape(DiffPhrases.blocking(blocking.count)).replacingOccurrences(of: "\\`", with: "`"))
            out.append("")
            out.append("| Logical ID | Old type | New type |")
            out.append("|---|---|---|")
            for change in blocking { out.append("| \(code(change.logicalID)) | \(code(change.oldType)) | \(code(change.newType)) |") }
            out.append("")
        }
        if stack.iam.isEmpty {
            out.append("**IAM**: no change.")
            out.append("")
        } else {
            out.append("#### IAM")
            out.append("")
            out.append("| | Role / policy | Change | Statement | Before | After | Why |")
            out.append("|---|---|---|---|---|---|---|")
            for change in stack.iam {
                var what = DiffPhrases.kind(change)
                if let document = DiffPhrases.document(change.document) { what = document + ": " + what }
                if let element = change.element { what += "<br>" + code(element) }
                let subject = "**\(escape(change.subject.displayName))**<br>" + escape(DiffPhrases.subject(change.subject))
                out.append(row([
                    icon(change.classification) + " " + change.classification.label, subject, what,
                    change.statement.map(escape) ?? "", cell(change.old), cell(change.new), escape(change.reason),
                ]))
            }
            out.append("")
        }
        if !stack.resources.isEmpty {
            let collapsed = stack.resources.count > collapseResourcesAbove
            if collapsed {
                out.append("<details><summary>Resources: \(stack.resources.count) changes</summary>")
            } else {
                out.append("#### Resources")
            }
            out.append("")
            out.append("| | Logical ID | Type | Details |")
            out.append("|---|---|---|---|")
            for change in stack.resources.prefix(maxResourceRows) {
                let mark: String
                switch change.kind {
                case .added: mark = "+ added"
                case .removed: mark = "− removed"
                case .modified: mark = change.replaces ? "⚠️ replaced" : "~ modified"
                case .typeChanged: mark = "⚠️ type changed"
                }
                let type = change.kind == .typeChanged ? code(change.oldType ?? "") + " → " + code(change.newType ?? "") : code(change.type)
                var details: [String] = change.replacementReasons.map { "**replacement**: " + escape($0) }
                for property in change.properties.prefix(8) {
                    var text = code(property.path) + ": "
                    text += property.note.map(escape) ?? (code(DiffPhrases.value(property.old, limit: 60)) + " → " + code(DiffPhrases.value(property.new, limit: 60)))
                    if property.forcesReplacement { text += " (forces replacement)" }
                    details.append(text)
                }
                if change.properties.count > 8 { details.append("… \(change.properties.count - 8) more") }
                out.append(row([mark, code(change.logicalID), type, details.joined(separator: "<br>")]))
            }
            if stack.resources.count > maxResourceRows {
                out.append(row(["…", "\(stack.resources.count - maxResourceRows) more", "", "see <code>--format json</code>"]))
            }
            out.append("")
            if collapsed { out.append("</details>"); out.append("") }
        }
        if !stack.otherChanges.isEmpty {
            out.append("#### Other changes")
            out.append("")
            out.append("| | Section | Name | Before | After |")
            out.append("|---|---|---|---|---|")
            for change in stack.otherChanges {
                let mark = change.kind == .added ? "+" : change.kind == .removed ? "−" : "~"
                out.append(row([mark, change.section, code(change.name), change.old.map { code(DiffPhrases.value($0, limit: 60)) } ?? "",
                                change.new.map { code(DiffPhrases.value($0, limit: 60)) } ?? ""]))
            }
            out.append("")
        }
        if !stack.expectedReplacements.isEmpty {
            out.append("<details><summary>Expected replacements (CDK → native): \(stack.expectedReplacements.count), not IAM changes</summary>")
            out.append("")
            out.append("| Logical ID | CDK type | Kumo | Why |")
            out.append("|---|---|---|---|")
            for r in stack.expectedReplacements {
                out.append(row([code(r.logicalID), code(r.oldType), r.newType.map(code) ?? "dropped", escape(r.reason)]))
            }
            if stack.expectedReplacements.contains(where: { $0.newType != nil }) {
                out.append("")
                out.append(escape(DiffPhrases.typeChangeNote))
            }
            out.append("")
            out.append("</details>")
            out.append("")
        }
        if !stack.noise.isEmpty {
            out.append("<details><summary>\(escape(DiffPhrases.noise(stack.noise) ?? ""))</summary>")
            out.append("")
            for item in stack.noise { out.append("- " + code(item.location) + ": " + escape(item.rule)) }
            out.append("")
            out.append("</details>")
            out.append("")
        }
        if !stack.hasChanges { out.append("No changes."); out.append("") }
        return out
    }

    private func icon(_ c: Classification) -> String {
        switch c {
        case .broadening: "🔴"
        case .review: "🟡"
        case .narrowing: "🟢"
        case .neutral: "⚪"
        }
    }

    private func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    /// Values as code, one per line in the cell.
    private func cell(_ values: [String]) -> String {
        values.prefix(12).map { code(DiffPhrases.shortened($0, limit: 160)) }.joined(separator: "<br>") + (values.count > 12 ? "<br>… \(values.count - 12) more" : "")
    }

    /// Inline code safe inside a table cell (pipes escaped; backticks fenced with a longer run).
    func code(_ text: String) -> String {
        var value = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        if value.isEmpty { return "" }
        var fence = "`"
        while value.contains(fence) { fence += "`" }
        if fence.count > 1 || value.hasPrefix("`") || value.hasSuffix("`") { value = " " + value + " " }
        return fence + value + fence
    }

    /// Plain text safe in Markdown and HTML (`<EKSCluster issuer>` is not a tag).
    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "*", with: "\\*").replacingOccurrences(of: "_", with: "\\_")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
