import KumoJSON
import Yams

/// CloudFormation YAML → the equivalent JSON document, short-form tags included (`!Ref X`, `!GetAtt A.B`,
/// `!Sub`, `!Join`, …, `!Condition`).
enum YAMLTemplate {
    static func json(from text: String, file: String) throws(ReaderError) -> JSON {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ReaderError(file: file, "invalid YAML: \(error)")
        }
        guard let node else { throw ReaderError(file: file, "the document is empty") }
        return try convert(node, file: file, depth: 0)
    }

    private static func convert(_ node: Node, file: String, depth: Int) throws(ReaderError) -> JSON {
        guard depth < 256 else { throw ReaderError(file: file, "YAML nested deeper than 256 levels") }
        let tag = node.tag.rawValue
        if tag.hasPrefix("!") && tag != "!" {
            return try shortForm(String(tag.dropFirst()), node, file: file, depth: depth)
        }
        return try plain(node, file: file, depth: depth)
    }

    private static func plain(_ node: Node, file: String, depth: Int) throws(ReaderError) -> JSON {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": if let b = node.bool { return .bool(b) }
            case "tag:yaml.org,2002:int": if let i = node.int { return .number(Double(i)) }
            case "tag:yaml.org,2002:float": if let f = node.float, f.isFinite { return .number(f) }
            default: break
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var members = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    throw ReaderError(file: file, "a YAML mapping key must be a plain scalar\(position(key))")
                }
                if members[k.string] != nil {
                    throw ReaderError(file: file, "duplicate key \"\(k.string)\"\(position(key))")
                }
                members[k.string] = try convert(value, file: file, depth: depth + 1)
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSON] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1)) }
            return .array(items)
        case .alias:
            throw ReaderError(file: file, "YAML aliases are not supported in templates\(position(node))")
        }
    }

    private static func shortForm(_ name: String, _ node: Node, file: String, depth: Int) throws(ReaderError) -> JSON {
        let known: Set<String> = [
            "Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "And", "Or", "Not",
            "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Transform", "Length", "ToJsonString",
        ]
        guard known.contains(name) else {
            throw ReaderError(file: file, "unknown YAML tag !\(name)\(position(node))")
        }
        let untagged = try plain(node, file: file, depth: depth + 1)
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

    private static func position(_ node: Node) -> String {
        node.mark.map { " at line \($0.line), column \($0.column)" } ?? ""
    }
}
