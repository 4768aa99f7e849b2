import KumoJSON
import Yams

/// CloudFormation YAML → the equivalent JSON document, short-form tags included (`!Ref X`, `!GetAtt A.B`,
/// `!Sub`, `!Join`, …, `!Condition`), within ``YAMLLimits/template``.
enum YAMLTemplate {
    /// The short-form tags, the one list the YAML writer uses too (``CloudFormationYAML/shortForms``): every
    /// intrinsic and condition function's, the Rules functions' and the language extensions'.
    static let shortForms = Set(CloudFormationYAML.shortForms.values)

    /// YAML 1.1's implicit types as Yams resolves them, less the two a template reads as strings anyway
    /// (timestamps — `AWSTemplateFormatVersion: 2010-09-09` is the string — and the `=` value type): each rule
    /// is a regular expression tried on every plain scalar and key.
    static let resolver = Yams.Resolver.default.removing(.timestamp).removing(.value)

    static func json(from text: String, file: String) throws(ReaderError) -> JSON {
        do {
            try YAMLLimits.template.check(text)
        } catch {
            throw ReaderError(file: file, location: error.location, error.message)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, YAMLTemplate.resolver)
        } catch {
            throw ReaderError(file: file, "invalid YAML: \(error)")
        }
        guard let node else { throw ReaderError(file: file, "the document is empty") }
        do {
            return try YAMLConversion(maxDepth: 256, tagged: shortForm).convert(node)
        } catch {
            throw ReaderError(file: file, location: error.location, error.message)
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
