/// A location in a policy document, rendered like `Statement[0].Condition.StringEquals["a.b:sub"][1]`.
///
/// Paths are built for every element the parser visits but rendered only for errors, so they keep their steps
/// and render on demand.
struct JSONPath: Sendable {
    private enum Step: Sendable {
        case member(String)
        case index(Int)
    }

    private var steps: [Step] = []

    static let root = JSONPath()

    /// The path without the `$` root marker (empty for the root).
    var text: String {
        var out = ""
        for step in steps {
            switch step {
            case .member(let key):
                if JSONPath.isPlain(key) {
                    out += out.isEmpty ? key : "." + key
                } else {
                    out += "[" + ConditionExplainer.quote(key) + "]"
                }
            case .index(let i):
                out += "[\(i)]"
            }
        }
        return out
    }

    /// `$` for the root, the path otherwise.
    var rendered: String { steps.isEmpty ? "$" : text }

    /// The member `key`: rendered `.key` when it is a plain name (ASCII letters, digits, `_ - : /`), `["key"]`
    /// otherwise.
    func member(_ key: String) -> JSONPath {
        var copy = self
        copy.steps.append(.member(key))
        return copy
    }

    /// The array element `index`.
    func index(_ i: Int) -> JSONPath {
        var copy = self
        copy.steps.append(.index(i))
        return copy
    }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                    || b == UInt8(ascii: ":") || b == UInt8(ascii: "/")
            }
    }
}
