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
        let tag = YAMLConversion.writtenTag(node)
        if tag.hasPrefix("!") && tag != "!", let tagged {
            return try tagged(String(tag.dropFirst()), try plain(node, depth: depth), node)
        }
        return try plain(node, depth: depth)
    }

    private func plain(_ node: Node, depth: Int) throws(Failure) -> JSON {
        switch node {
        case .scalar(let scalar):
            // Fast paths for what most scalars of a template are (Yams resolves an untagged plain scalar with one
            // regular expression per YAML type): a plain scalar that cannot start a boolean, number, null,
            // timestamp, merge or value (its first character says so) is a string; a plain decimal integer is
            // a number. Anything else goes through Yams's resolution.
            if scalar.style == .plain, scalar.tag.description.isEmpty, let first = scalar.string.utf8.first {
                if !YAMLConversion.typedStarts.contains(first) { return .string(scalar.string) }
                if let n = YAMLConversion.decimalInteger(scalar.string) { return .number(n) }
            }
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
                if k.string == "<<", key.tag.rawValue == "tag:yaml.org,2002:merge" {
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

    /// First bytes with which a plain scalar may resolve to another type than string (YAML 1.1 booleans
    /// `y…`/`n…`/`t…`/`f…`/`o…`, numbers, `.inf`, `~`, `<<`, `=`).
    private static let typedStarts = Set("yYnNtTfFoO+-.0123456789<~=".utf8)

    /// `0`, `-12`, `345` (no leading zero: `012` is octal in YAML 1.1); `nil` for anything else.
    private static func decimalInteger(_ text: String) -> Double? {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        return Double(text)
    }

    /// The tag as written (`!Ref`, `!`, `tag:yaml.org,2002:int` for `!!int`; empty when implicit), without
    /// resolving an implicit one.
    private static func writtenTag(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.tag.description
        case .mapping(let mapping): mapping.tag.description
        case .sequence(let sequence): sequence.tag.description
        case .alias: ""
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
