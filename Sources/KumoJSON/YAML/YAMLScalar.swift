/// How a string is written in YAML so that every reader reads back the same string: plain when no YAML 1.1 or
/// 1.2 resolver could take it for anything else, a literal block (`|`) for multi-line text, single quotes for
/// other printable text, double quotes with escapes for the rest.
enum YAMLScalar: Equatable {
    /// Written as is: `AWS::IAM::Role`, `arn:aws:iam::aws:policy/ReadOnlyAccess`.
    case plain(String)
    /// `'…'` with `'` doubled: `'*'`, `'2012-10-17'`, `'yes'`, `'0123'`, `'a: b'`.
    case singleQuoted(String)
    /// `"…"` with escapes: control characters, tabs, YAML 1.1's extra line breaks (U+0085, U+2028, U+2029), BOM.
    case doubleQuoted(String)
    /// A literal block: the header (`|`, `|-`, `|+`) and the lines, to be indented under it.
    case literal(header: String, lines: [Substring])

    /// Words that some YAML resolver reads as a boolean or null: YAML 1.1's booleans (`y`, `yes`, `on`, …,
    /// any case, as PyYAML and SnakeYAML read them), YAML 1.2's `true`/`false`, the nulls (`null`, `~`).
    /// Numbers, timestamps (`2012-10-17`), `.inf` and `.nan` all start with a digit, a sign or a dot, which a
    /// plain scalar here never does.
    static let reservedWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

    /// The form of `text` as a mapping value or a sequence item.
    static func value(_ text: String) -> YAMLScalar {
        if isPlainSafe(text) { return .plain(text) }
        if let literal = literal(text) { return literal }
        return needsEscapes(text) ? .doubleQuoted(text) : .singleQuoted(text)
    }

    /// The form of `text` as a mapping key (never a block).
    static func key(_ text: String) -> YAMLScalar {
        if isPlainSafe(text) { return .plain(text) }
        return needsEscapes(text) ? .doubleQuoted(text) : .singleQuoted(text)
    }

    /// A plain scalar only when it starts with an ASCII letter, `_`, `/` or `$`; holds letters, digits, spaces
    /// and ``plainPunctuation`` only; has no `: ` and no trailing `:` or space (which end a plain scalar or a
    /// key); and is not a ``reservedWords`` word.
    static func isPlainSafe(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, first.isASCIILetter || first == UInt8(ascii: "_") || first == UInt8(ascii: "/")
            || first == UInt8(ascii: "$"),
            let last = bytes.last, last != UInt8(ascii: " "), last != UInt8(ascii: ":")
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte.isASCIIAlphanumeric || plainPunctuation.contains(byte) else { return false }
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return false }
            previous = byte
        }
        return !reservedWords.contains(text.lowercased())
    }

    /// Punctuation a plain scalar may hold in block context. Left out: the indicators that matter anywhere in
    /// a scalar or at its start (`#` comments, quotes, `\`, `` ` ``, `|`, `>`, `!`, `%`, `&`, `[`, `]`) and
    /// everything outside ASCII.
    static let plainPunctuation: Set<UInt8> = Set(" _-./:@+=,*$(){}~^;<>?".utf8)

    /// Whether quoting needs escapes (double quotes): characters outside YAML's printable set, tabs, line
    /// breaks (YAML 1.1 also breaks lines at U+0085, U+2028, U+2029), the byte-order mark.
    static func needsEscapes(_ text: String) -> Bool {
        text.unicodeScalars.contains { escape(for: $0) != nil }
    }

    /// A literal block for text with line breaks whose lines need no escapes, whose first line does not start
    /// with a space or a line break (the block's indentation is taken from it), and without `\r` (readers fold
    /// `\r\n` into `\n`). Chomping keeps the trailing line breaks exactly: none `|-`, one `|`, more `|+`.
    static func literal(_ text: String) -> YAMLScalar? {
        guard text.utf8.contains(UInt8(ascii: "\n")), let first = text.utf8.first,
              first != UInt8(ascii: " "), first != UInt8(ascii: "\n"),
              !text.unicodeScalars.contains(where: { $0 != "\n" && escape(for: $0) != nil })
        else { return nil }
        var body = Substring(text)
        var trailing = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailing += 1
        }
        let header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        // `|+` keeps the line breaks after the last line: each one beyond the first is an empty line.
        if trailing > 1 { lines += Array(repeating: "", count: trailing - 1) }
        return .literal(header: header, lines: lines)
    }

    /// The escape sequence for a character that cannot appear as itself in a quoted scalar, or `nil`.
    static func escape(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00...0x1F, 0x7F...0x9F: return "\\x" + hex(scalar.value, width: 2)
        case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return "\\u" + hex(scalar.value, width: 4)
        default: return nil
        }
    }

    /// `text` as a double-quoted scalar's content (without the quotes).
    static func doubleQuotedContent(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                out += "\\\""
            } else if scalar == "\\" {
                out += "\\\\"
            } else if let escaped = escape(for: scalar) {
                out += escaped
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A JSON number as YAML reads it back to the same double: integers up to 2^53 as digits, others with a
    /// mantissa that has a dot and an exponent with a sign (YAML 1.1's float syntax, which PyYAML and SnakeYAML
    /// require: `1.0e+21`, not `1e+21`, which YAML 1.1 reads as a string).
    static func number(_ value: Double) -> String {
        var text = JSONNumberFormat.javaScript(value)
        if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 { return text }
        if !text.contains("e") && !text.contains(".") {
            // An integer beyond 2^53 that JavaScript writes in full (below 1e21): readers that parse it as a
            // 64-bit integer would overflow, so write it as a float.
            let negative = text.hasPrefix("-")
            let digits = negative ? text.dropFirst() : Substring(text)
            let exponent = digits.count - 1
            var significant = String(digits)
            while significant.hasSuffix("0") { significant.removeLast() }
            let mantissa = significant.count > 1 ? "\(significant.first!).\(significant.dropFirst())" : "\(significant).0"
            return (negative ? "-" : "") + mantissa + "e+" + String(exponent)
        }
        if let e = text.firstIndex(of: "e"), !text[..<e].contains(".") {
            text.insert(contentsOf: ".0", at: e)
        }
        return text
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
