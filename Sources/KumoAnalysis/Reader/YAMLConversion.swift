import KumoJSON
import Yams

/// YAML nodes → JSON, shared by the template reader and the Kubernetes manifest reader: scalars typed by their
/// resolved YAML tag (null, bool, int, float, else string), mappings with scalar keys (duplicates rejected),
/// sequences. Local tags (`!Ref`) go to `tagged`. Aliases arrive expanded (Yams composes `*a` as the node of `&a`;
/// ``YAMLLimits`` bounds the expansion before), and merge keys (`<<: *base`, YAML 1.1's merge type) merge the
/// named mappings under the explicit keys, as the YAML loaders of the AWS CLI (`aws cloudformation package`) and
/// cfn-lint do.
struct YAMLConversion {
    /// A conversion failure, located.
    struct Failure: Error {
        var message: String
        var line: Int?
        var column: Int?

        /// ` at line L, column C` (empty when unknown).
        var position: String {
            guard let line else { return "" }
            return " at line \(line)" + (column.map { ", column \($0)" } ?? "")
        }

        /// `line L, column C`, for a ``ReaderError``'s location (`nil` when unknown).
        var location: String? {
            guard let line else { return nil }
            return "line \(line)" + (column.map { ", column \($0)" } ?? "")
        }
    }

    var maxDepth: Int
    /// Converts a node with local tag `!name`; `nil` converts it as untagged.
    var tagged: ((_ name: String, _ untagged: JSON, _ node: Node) throws(Failure) -> JSON)?

    func convert(_ node: Node, depth: Int = 0) throws(Failure) -> JSON {
        guard depth < maxDepth else { throw failure("YAML nested deeper than \(maxDepth) levels", node) }
        let tag = node.tag.rawValue
        if tag.hasPrefix("!") && tag != "!", let tagged {
            return try tagged(String(tag.dropFirst()), try plain(node, depth: depth), node)
        }
        return try plain(node, depth: depth)
    }

    private func plain(_ node: Node, depth: Int) throws(Failure) -> JSON {
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
            var merged: [JSONObject] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key else { throw failure("a mapping key must be a plain scalar", key) }
                if key.tag.rawValue == "tag:yaml.org,2002:merge" {
                    merged += try mergeSources(value, depth: depth + 1)
                    continue
                }
                if members[k.string] != nil { throw failure("duplicate key \"\(k.string)\"", key) }
                members[k.string] = try convert(value, depth: depth + 1)
            }
            // Explicit keys win; of the merged mappings, the first that has a key wins (YAML 1.1 merge type).
            for source in merged {
                for (key, value) in source where members[key] == nil { members[key] = value }
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSON] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1)) }
            return .array(items)
        case .alias:
            throw failure("YAML aliases are not supported", node)
        }
    }

    /// The mappings a merge key names: one mapping, or a sequence of them.
    private func mergeSources(_ node: Node, depth: Int) throws(Failure) -> [JSONObject] {
        let nodes: [Node]
        if case .sequence(let sequence) = node { nodes = Array(sequence) } else { nodes = [node] }
        var sources: [JSONObject] = []
        for item in nodes {
            guard case .mapping = item, case .object(let members) = try convert(item, depth: depth) else {
                throw failure("a merge key (<<) takes a mapping or a list of mappings", item)
            }
            sources.append(members)
        }
        return sources
    }

    private func failure(_ message: String, _ node: Node) -> Failure {
        Failure(message: message, line: node.mark?.line, column: node.mark?.column)
    }
}
