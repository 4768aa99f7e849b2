import KumoJSON

/// Writes Kubernetes manifests as YAML: a deterministic subset (block mappings and sequences, every string
/// double-quoted with JSON escapes, which YAML reads as the same string), documents separated by `---`.
public enum KubernetesManifest {
    /// The YAML text of `documents`, each a Kubernetes object, in the order given; keys keep their order.
    public static func yaml(_ documents: [JSON], header: String? = nil) -> String {
        var lines: [String] = []
        if let header { lines += header.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 } }
        for (index, document) in documents.enumerated() {
            if index > 0 || header != nil { lines.append("---") }
            emit(document, indent: 0, into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emit(_ value: JSON, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            for (key, member) in members {
                if let inline = inlineText(member) {
                    lines.append("\(pad)\(keyText(key)): \(inline)")
                } else {
                    lines.append("\(pad)\(keyText(key)):")
                    emit(member, indent: indent + 2, into: &lines)
                }
            }
        case .array(let items) where !items.isEmpty:
            for item in items {
                if let inline = inlineText(item) {
                    lines.append("\(pad)- \(inline)")
                } else {
                    var nested: [String] = []
                    emit(item, indent: indent + 2, into: &nested)
                    if var first = nested.first {
                        first.replaceSubrange(first.startIndex..<first.index(first.startIndex, offsetBy: indent + 2), with: pad + "- ")
                        lines.append(first)
                        lines += nested.dropFirst()
                    }
                }
            }
        default:
            lines.append(pad + (inlineText(value) ?? "null"))
        }
    }

    /// The value on one line, for scalars and empty collections; `nil` for block collections.
    private static func inlineText(_ value: JSON) -> String? {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number: value.serialized()
        case .string: value.serialized()
        case .array(let items): items.isEmpty ? "[]" : nil
        case .object(let members): members.isEmpty ? "{}" : nil
        }
    }

    private static func keyText(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            IAMNames.isAlphanumeric($0) || "._/-".unicodeScalars.contains($0)
        } && key.first.map { $0.isLetter || $0.isNumber } == true
        return plain ? key : JSON.string(key).serialized()
    }
}
