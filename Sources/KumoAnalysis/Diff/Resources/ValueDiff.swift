import KumoJSON

/// The differences between two JSON values as a list of paths: objects member by member, lists of the same
/// length item by item, anything else whole. Equality ignores object member order.
enum ValueDiff {
    struct Difference {
        var path: String
        var old: JSON?
        var new: JSON?
    }

    static func differences(_ old: JSON?, _ new: JSON?, at path: String) -> [Difference] {
        var out: [Difference] = []
        collect(old, new, path, &out)
        return out
    }

    private static func collect(_ old: JSON?, _ new: JSON?, _ path: String, _ out: inout [Difference]) {
        switch (old, new) {
        case (nil, nil):
            return
        case (.object(let a)?, .object(let b)?):
            for (key, value) in b { collect(a[key], value, member(path, key), &out) }
            for (key, value) in a where b[key] == nil { collect(value, nil, member(path, key), &out) }
        case (.array(let a)?, .array(let b)?) where a.count == b.count:
            for i in a.indices { collect(a[i], b[i], "\(path)[\(i)]", &out) }
        default:
            if let old, let new, old.semanticallyEquals(new) { return }
            out.append(Difference(path: path, old: old, new: new))
        }
    }

    /// `path.key`, or `path["key"]` when the key is not a plain name.
    static func member(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ":" }
        if path.isEmpty { return plain ? key : "[\"\(key)\"]" }
        return plain ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }
}
