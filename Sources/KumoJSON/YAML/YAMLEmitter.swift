/// Writes a JSON document as block-style YAML: two spaces per level, sequences indented under their key, a
/// sequence's mappings and sequences starting on the dash's line, empty collections as `{}` and `[]`, and the
/// intrinsic functions of CloudFormation in their short forms (``CloudFormationYAML``).
struct YAMLEmitter {
    private(set) var out: [UInt8] = []

    /// Where a node is written: at the start of the document, after `key:`, or after `- `.
    private enum Position {
        case root, afterKey, afterDash
    }

    /// YAML's implicit keys are limited to 1024 characters (YAML 1.2, 7.4.2 / 8.2.2 "ns-s-implicit-yaml-key"
    /// restricts a key to one line of at most 1024 Unicode characters); longer keys are written explicitly
    /// (`? key` / `: value`).
    static let implicitKeyLimit = 1024

    mutating func document(_ value: JSON) {
        out.reserveCapacity(4096)
        node(value, column: 0, position: .root, asConditionOperand: false)
    }

    /// Writes `value` (and the line break after it). `column` is where its block children start.
    private mutating func node(_ value: JSON, column: Int, position: Position, asConditionOperand: Bool) {
        if let (tag, argument) = CloudFormationYAML.shortForm(value, asConditionOperand: asConditionOperand),
           CloudFormationYAML.shortForm(argument, asConditionOperand: false) == nil {
            // A YAML node has one tag, so of two functions nested directly one keeps its full name ("If you
            // use the short form and immediately include another function in the valueToEncode parameter, use the
            // full function name for at least one of the functions", AWS CloudFormation Template Reference,
            // Fn::Base64 and the other functions). Here it is the outer one, as in AWS's examples
            // (`Fn::Base64: !Sub …`); a tagged argument is written by `body`, never tagged itself.
            if position == .afterKey { out.append(UInt8(ascii: " ")) }
            out.append(UInt8(ascii: "!"))
            out.append(contentsOf: tag.utf8)
            let operands = CloudFormationYAML.conditionOperators.contains(value.objectValue!.keys[0])
            body(argument, column: column, afterTag: true, asConditionOperands: operands)
            return
        }
        if position == .afterKey, !isBlockCollection(value) { out.append(UInt8(ascii: " ")) }
        body(value, column: column, afterTag: false, position: position, asConditionOperands: false)
    }

    /// Whether the value is a non-empty collection, written on the lines below its key.
    private func isBlockCollection(_ value: JSON) -> Bool {
        switch value {
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        default: false
        }
    }

    private mutating func body(_ value: JSON, column: Int, afterTag: Bool, position: Position = .afterKey, asConditionOperands: Bool) {
        switch value {
        case .null: inline("null", afterTag: afterTag)
        case .bool(let b): inline(b ? "true" : "false", afterTag: afterTag)
        case .number(let n): inline(YAMLScalar.number(n), afterTag: afterTag)
        case .string(let s): scalar(YAMLScalar.value(s), column: column, afterTag: afterTag)
        case .array(let items):
            if items.isEmpty { return inline("[]", afterTag: afterTag) }
            // Below a key or a tag, the sequence starts on the next line; as a sequence item, on the dash's line.
            let compact = (position == .afterDash || position == .root) && !afterTag
            if !compact { newline() }
            for (index, item) in items.enumerated() {
                if index > 0 || !compact { indent(column) }
                out.append(contentsOf: "- ".utf8)
                node(item, column: column + 2, position: .afterDash, asConditionOperand: asConditionOperands)
            }
        case .object(let members):
            if members.isEmpty { return inline("{}", afterTag: afterTag) }
            let compact = (position == .afterDash || position == .root) && !afterTag
            if !compact { newline() }
            var first = true
            for (key, member) in members {
                if !first || !compact { indent(column) }
                first = false
                self.key(key, column: column)
                node(member, column: column + 2, position: .afterKey, asConditionOperand: false)
            }
        }
    }

    private mutating func key(_ key: String, column: Int) {
        let form = YAMLScalar.key(key)
        if key.unicodeScalars.count > Self.implicitKeyLimit - 2 {
            out.append(contentsOf: "? ".utf8)
            write(form)
            newline()
            indent(column)
            out.append(UInt8(ascii: ":"))
        } else {
            write(form)
            out.append(UInt8(ascii: ":"))
        }
    }

    private mutating func inline(_ text: String, afterTag: Bool) {
        if afterTag { out.append(UInt8(ascii: " ")) }
        out.append(contentsOf: text.utf8)
        newline()
    }

    private mutating func scalar(_ form: YAMLScalar, column: Int, afterTag: Bool) {
        if afterTag { out.append(UInt8(ascii: " ")) }
        if case .literal(let header, let lines) = form {
            out.append(contentsOf: header.utf8)
            newline()
            for line in lines {
                if !line.isEmpty {
                    indent(column)
                    out.append(contentsOf: line.utf8)
                }
                newline()
            }
            return
        }
        write(form)
        newline()
    }

    private mutating func write(_ form: YAMLScalar) {
        switch form {
        case .plain(let text):
            out.append(contentsOf: text.utf8)
        case .singleQuoted(let text):
            out.append(UInt8(ascii: "'"))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "'") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "'"))
        case .doubleQuoted(let text):
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: YAMLScalar.doubleQuotedContent(text).utf8)
            out.append(UInt8(ascii: "\""))
        case .literal:
            preconditionFailure("a literal block is written by scalar(_:column:afterTag:)")
        }
    }

    private mutating func newline() { out.append(UInt8(ascii: "\n")) }

    private mutating func indent(_ column: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: column))
    }
}
