import KumoJSON

/// Renders mismatches as a diff of the target value, reduced to the paths that differ:
///
/// ```
///   {
///     "Properties": {
///       "RoleName": "role-github",
/// -     "Path": "/ci/"
/// +     "Path": "/"
///       … 4 more members
///     }
///   }
/// ```
/// `-` lines show what the pattern expected, `+` lines what the template has, `!` lines a value that fails
/// for another reason (with the reason after `←`).
enum StructuralDiff {
    private final class Node {
        var children: [(Mismatch.Step, Node)] = []
        var mismatches: [Mismatch] = []

        func child(_ step: Mismatch.Step) -> Node {
            if let existing = children.first(where: { $0.0 == step }) { return existing.1 }
            let node = Node()
            children.append((step, node))
            return node
        }
    }

    static func render(_ target: JSON?, _ mismatches: [Mismatch]) -> String {
        guard !mismatches.isEmpty else { return "" }
        let root = Node()
        for mismatch in mismatches {
            var node = root
            for step in mismatch.path { node = node.child(step) }
            node.mismatches.append(mismatch)
        }
        var lines: [String] = []
        render(root, target, label: "", indent: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func render(_ node: Node, _ value: JSON?, label: String, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        for m in node.mismatches {
            let note = m.note.map { "   ← " + $0 } ?? ""
            switch m.kind {
            case .value:
                lines.append("- " + pad + label + m.expected)
                lines.append("+ " + pad + label + show(m.actual) + note)
            case .missing:
                lines.append("- " + pad + label + m.expected)
                lines.append("+ " + pad + label + "(missing)" + note)
            case .unexpected:
                lines.append("+ " + pad + label + show(m.actual) + note)
            case .other:
                lines.append("! " + pad + label + show(m.actual) + note)
            }
        }
        guard !node.children.isEmpty else { return }
        switch value {
        case .object(let members)?:
            lines.append("  " + pad + label + "{")
            for (step, child) in node.children {
                guard case .key(let key) = step else { continue }
                render(child, members[key], label: Matcher.quote(key) + ": ", indent: indent + 1, into: &lines)
            }
            let shown = Set(node.children.compactMap { if case .key(let k) = $0.0, members[k] != nil { return k } else { return nil } })
            let more = members.count - shown.count
            if more > 0 { lines.append("  " + pad + "  … \(more) more member\(more == 1 ? "" : "s")") }
            lines.append("  " + pad + "}")
        case .array(let items)?:
            lines.append("  " + pad + label + "[")
            for (step, child) in node.children {
                guard case .index(let i) = step else { continue }
                render(child, i < items.count ? items[i] : nil, label: "[\(i)] ", indent: indent + 1, into: &lines)
            }
            let shown = Set(node.children.compactMap { if case .index(let i) = $0.0, i < items.count { return i } else { return nil } })
            let more = items.count - shown.count
            if more > 0 { lines.append("  " + pad + "  … \(more) more element\(more == 1 ? "" : "s")") }
            lines.append("  " + pad + "]")
        default:
            // A string parsed as JSON (serializedJSON), or a missing value: show the children under the label.
            if case .string(let text)? = value, node.children.count == 1, case .key("(parsed JSON)") = node.children[0].0 {
                render(node.children[0].1, try? JSON(parsing: text), label: label + "(parsed JSON) ", indent: indent, into: &lines)
                return
            }
            for (step, child) in node.children {
                let stepLabel: String
                switch step {
                case .key(let k): stepLabel = Matcher.quote(k) + ": "
                case .index(let i): stepLabel = "[\(i)] "
                }
                render(child, nil, label: label + stepLabel, indent: indent, into: &lines)
            }
        }
    }

    private static func show(_ value: JSON?) -> String {
        guard let value else { return "(missing)" }
        return Matcher.truncate(value.serialized(), 200)
    }
}
