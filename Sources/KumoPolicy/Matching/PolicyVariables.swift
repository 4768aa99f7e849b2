/// IAM policy variables: `${aws:username}`, `${token.actions.githubusercontent.com:sub}`, with a default
/// (`${aws:PrincipalTag/team, 'company-wide'}`) and the three escapes `${*}`, `${?}`, `${$}`.
///
/// Variables are only substituted when the policy's `Version` is `2012-10-17` (otherwise the text is literal)
/// and only in `Resource` and in string, ARN and Bool condition values. Substituted text and the escapes are
/// *literal*: a `*` that comes from a variable or from `${*}` never acts as a wildcard. A variable whose key is
/// absent or multivalued (IAM forbids multivalued keys as variables) and has no default leaves the value
/// *unresolved*; an unresolved value never matches (IAM: "StringEquals or StringLike do not match").
/// `${` without a closing `}` is literal text.
enum PolicyVariables {
    /// The result of substituting variables in one policy value.
    struct Resolved: Hashable, Sendable {
        /// Literal bytes and (when wildcards are enabled) `*`/`?` wildcard tokens.
        var tokens: [Wildcard.Token]
        /// The substituted text; wildcards appear as `*` / `?`.
        var text: String
        /// Variables (as written) that had no value and no default.
        var unresolved: [String]
        /// Whether anything was substituted or escaped.
        var substituted: Bool
    }

    /// Whether a value contains something that looks like a variable.
    static func mayContainVariable(_ s: String) -> Bool {
        var previousDollar = false
        for b in s.utf8 {
            if previousDollar && b == UInt8(ascii: "{") { return true }
            previousDollar = b == UInt8(ascii: "$")
        }
        return false
    }

    /// Substitutes the variables of `value` from `context`. `wildcards` says whether `*`/`?` written in the
    /// policy text are wildcards (for `…Like`, `Arn…` and `Resource`).
    static func resolve(_ value: String, in context: RequestContext, wildcards: Bool) -> Resolved {
        let bytes = Array(value.utf8)
        var tokens: [Wildcard.Token] = []
        tokens.reserveCapacity(bytes.count)
        var unresolved: [String] = []
        var substituted = false
        var i = 0
        func appendLiteral<S: Sequence>(_ seq: S) where S.Element == UInt8 {
            for b in seq { tokens.append(Wildcard.Token(b)) }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
                let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}"))
            {
                let inner = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
                let whole = String(decoding: bytes[i...close], as: UTF8.self)
                i = close + 1
                substituted = true
                switch inner {
                case "*": tokens.append(Wildcard.Token(UInt8(ascii: "*")))
                case "?": tokens.append(Wildcard.Token(UInt8(ascii: "?")))
                case "$": tokens.append(Wildcard.Token(UInt8(ascii: "$")))
                default:
                    let (name, fallback) = splitDefault(inner)
                    if !name.isEmpty, let v = context.singleValue(forKey: name) {
                        appendLiteral(v.utf8)
                    } else if let fallback {
                        appendLiteral(fallback.utf8)
                    } else {
                        unresolved.append(whole)
                        appendLiteral(whole.utf8)
                    }
                }
                continue
            }
            if wildcards && b == UInt8(ascii: "*") {
                tokens.append(Wildcard.star)
            } else if wildcards && b == UInt8(ascii: "?") {
                tokens.append(Wildcard.question)
            } else {
                tokens.append(Wildcard.Token(b))
            }
            i += 1
        }
        var textBytes: [UInt8] = []
        textBytes.reserveCapacity(tokens.count)
        for t in tokens {
            switch t {
            case Wildcard.star: textBytes.append(UInt8(ascii: "*"))
            case Wildcard.question: textBytes.append(UInt8(ascii: "?"))
            default: textBytes.append(UInt8(truncatingIfNeeded: t))
            }
        }
        return Resolved(
            tokens: tokens, text: String(decoding: textBytes, as: UTF8.self), unresolved: unresolved,
            substituted: substituted)
    }

    /// Splits `aws:userid, 'anonymous'` into the key and its default; a malformed default means no default.
    static func splitDefault(_ inner: String) -> (name: String, fallback: String?) {
        guard let comma = inner.firstIndex(of: ",") else { return (trim(inner), nil) }
        let name = trim(inner[..<comma])
        let rest = trim(inner[inner.index(after: comma)...])
        guard rest.count >= 2, rest.hasPrefix("'"), rest.hasSuffix("'") else { return (trim(inner), nil) }
        return (name, String(rest.dropFirst().dropLast()))
    }

    private static func trim<S: StringProtocol>(_ s: S) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub.removeLast() }
        return String(sub)
    }
}
