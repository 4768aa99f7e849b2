import KumoJSON

/// The terminal report: sections per stack (IAM first), a summary and a legend; ANSI colours only when asked
/// (the CLI asks on a terminal without `NO_COLOR`).
public struct TextRenderer: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    public func render(_ diff: TemplateDiff) -> String {
        var out: [String] = []
        for stack in diff.stacks { out += render(stack) }
        out.append(paint("Summary: ", .bold) + DiffPhrases.summary(diff.counts))
        if diff.iamChanges.contains(where: { $0.classification.failsBroadeningGate }) {
            out.append(paint("IAM changes broaden access or need review.", .red))
        }
        out.append(paint("Legend: + added  - removed  ~ modified  ! replaced · BROADENING someone gains access · narrowing · REVIEW undecidable (fails --fail-on broadening) · same access", .dim))
        return out.joined(separator: "\n")
    }

    private func render(_ stack: StackDiff) -> [String] {
        var out: [String] = []
        let files = [stack.oldFile, stack.newFile].map { $0.map { $0.isEmpty ? "(none)" : $0 } ?? "(none)" }
        out.append(paint("Stack \(stack.name)", .bold) + paint("  \(files[0]) → \(files[1])", .dim) + (stack.status == .modified ? "" : "  [\(stack.status.rawValue)]"))
        out.append("")
        let blocking = stack.blocking
        if !blocking.isEmpty {
            out.append(paint("BLOCKING", .red, .bold) + ": " + DiffPhrases.blocking(blocking.count).replacingOccurrences(of: "`", with: ""))
            for change in blocking { out.append("  " + paint("! \(change.logicalID)", .red) + "  \(change.oldType) → \(change.newType)") }
            out.append("")
        }
        out += iamSection(stack.iam)
        if !stack.resources.isEmpty {
            out.append(paint("Resources", .bold))
            for change in stack.resources { out += resource(change) }
            out.append("")
        }
        if !stack.otherChanges.isEmpty {
            out.append(paint("Other changes", .bold))
            for change in stack.otherChanges {
                let name = change.name.isEmpty ? change.section : "\(change.section).\(change.name)"
                switch change.kind {
                case .added: out.append("  " + paint("+ \(name)", .green) + "  " + DiffPhrases.value(change.new, limit: 100))
                case .removed: out.append("  " + paint("- \(name)", .red) + "  " + DiffPhrases.value(change.old, limit: 100))
                case .modified: out.append("  " + paint("~ \(name)", .yellow) + "  " + DiffPhrases.value(change.old, limit: 60) + " → " + DiffPhrases.value(change.new, limit: 60))
                }
            }
            out.append("")
        }
        if !stack.expectedReplacements.isEmpty {
            out.append(paint("Expected replacements (CDK → native)", .bold) + paint("  not IAM changes, not noise", .dim))
            for r in stack.expectedReplacements {
                out.append("  \(r.logicalID)  \(r.oldType) → \(DiffPhrases.target(r))")
                out.append(paint("      " + r.reason, .dim))
            }
            if stack.expectedReplacements.contains(where: { $0.newType != nil }) {
                out.append(paint("  Note: " + DiffPhrases.typeChangeNote, .dim))
            }
            out.append("")
        }
        if let noise = DiffPhrases.noise(stack.noise) {
            out.append(paint(noise, .dim))
            out.append("")
        }
        if !stack.hasChanges { out.append("No changes."); out.append("") }
        return out
    }

    private func iamSection(_ changes: [IAMChange]) -> [String] {
        guard !changes.isEmpty else { return [paint("IAM", .bold) + ": no change", ""] }
        var out = [paint("IAM", .bold)]
        var current: IAMChange.Subject?
        for change in changes {
            if change.subject != current {
                current = change.subject
                out.append("  " + paint(change.subject.displayName, .bold) + "  " + DiffPhrases.subject(change.subject) + paint("  (\(change.subject.logicalID))", .dim))
            }
            var head = "    " + badge(change.classification) + " " + DiffPhrases.kind(change)
            if let document = DiffPhrases.document(change.document) { head += " · " + document }
            if let statement = change.statement { head += " · " + statement }
            out.append(head)
            if let element = change.element { out.append("        " + element) }
            for value in change.old { out.append("        " + paint("- " + DiffPhrases.shortened(value, limit: 300), .red)) }
            for value in change.new { out.append("        " + paint("+ " + DiffPhrases.shortened(value, limit: 300), .green)) }
            out.append(paint("        why: " + change.reason, .dim))
        }
        out.append("")
        return out
    }

    private func resource(_ change: ResourceChange) -> [String] {
        var out: [String] = []
        let replacement = change.replaces ? "  " + paint("! REPLACEMENT: " + change.replacementReasons.joined(separator: "; "), .red, .bold) : ""
        switch change.kind {
        case .added: out.append("  " + paint("+ \(change.logicalID)", .green) + "  \(change.type)")
        case .removed: out.append("  " + paint("- \(change.logicalID)", .red) + "  \(change.type)")
        case .modified: out.append("  " + paint("~ \(change.logicalID)", .yellow) + "  \(change.type)" + replacement)
        case .typeChanged:
            out.append("  " + paint("! \(change.logicalID)", .red) + "  \(change.oldType ?? "") → \(change.newType ?? "")" + replacement)
        }
        for property in change.properties {
            var line = "      \(property.path): "
            if let note = property.note {
                line += note
            } else {
                line += DiffPhrases.value(property.old, limit: 80) + " → " + DiffPhrases.value(property.new, limit: 80)
            }
            if property.forcesReplacement { line += paint("  (forces replacement)", .red) }
            out.append(line)
        }
        return out
    }

    private func badge(_ c: Classification) -> String {
        switch c {
        case .broadening: paint("[BROADENING]", .red, .bold)
        case .review: paint("[REVIEW]", .yellow, .bold)
        case .narrowing: paint("[narrowing]", .green)
        case .neutral: paint("[same access]", .dim)
        }
    }

    private enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    private func paint(_ text: String, _ styles: Style...) -> String {
        guard colors, !styles.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}
