import KumoJSON
import Yams

/// CloudFormation YAML → the equivalent JSON document, short-form tags included (`!Ref X`, `!GetAtt A.B`,
/// `!Sub`, `!Join`, …, `!Condition`).
enum YAMLTemplate {
    /// The short-form tags, the one list the YAML writer uses too.
    static let shortForms = Set(CloudFormationYAML.shortForms.values)

    static func json(from text: String, file: String) throws(ReaderError) -> JSON {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ReaderError(file: file, "invalid YAML: \(error)")
        }
        guard let node else { throw ReaderError(file: file, "the document is empty") }
        do {
            return try YAMLConversion(maxDepth: 256, tagged: shortForm).convert(node)
        } catch {
            throw ReaderError(file: file, error.message + error.position)
        }
    }

    private static func shortForm(_ name: String, _ untagged: JSON, _ node: Node) throws(YAMLConversion.Failure) -> JSON {
        guard shortForms.contains(name) else {
            throw YAMLConversion.Failure(message: "unknown YAML tag !\(name)", line: node.mark?.line, column: node.mark?.column)
        }
        switch name {
        case "Ref", "Condition":
            return [name: untagged]
        case "GetAtt":
            if case .string(let dotted) = untagged, let dot = dotted.firstIndex(of: ".") {
                return ["Fn::GetAtt": [.string(String(dotted[..<dot])), .string(String(dotted[dotted.index(after: dot)...]))]]
            }
            return ["Fn::GetAtt": untagged]
        default:
            return .object(["Fn::" + name: untagged])
        }
    }
}
