/// A location in a policy document, rendered like `Statement[0].Condition.StringEquals["a.b:sub"][1]`.
struct JSONPath: Sendable {
    private(set) var text: String

    static let root = JSONPath(text: "")

    /// `$` for the root, the path otherwise.
    var rendered: String { text.isEmpty ? "$" : text }

    /// The member `key`: `.key` when it is a plain name (letters, digits, `_ - : /`), `["key"]` otherwise.
    func member(_ key: String) -> JSONPath {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "_-:/".unicodeScalars.contains(s))
            }
        if plain { return JSONPath(text: text.isEmpty ? key : text + "." + key) }
        return JSONPath(text: text + "[" + ConditionExplainer.quote(key) + "]")
    }

    /// The array element `index`.
    func index(_ i: Int) -> JSONPath { JSONPath(text: text + "[\(i)]") }
}
