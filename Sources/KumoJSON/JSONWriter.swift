/// How a JSON document is laid out.
public enum JSONLayout: Sendable, Equatable {
    /// One line, no spaces: JavaScript's `JSON.stringify(v)`.
    case compact
    /// Pretty-printed with `n` spaces per level: JavaScript's `JSON.stringify(v, undefined, n)`.
    /// Empty containers stay `{}` / `[]`, members are separated by `,\n`, keys by `": "`; no trailing newline.
    case indented(Int)

    /// AWS CDK's template layout (`JSON.stringify(t, undefined, 1)`): one space per level.
    public static let cdkTemplate = JSONLayout.indented(1)
    /// AWS CDK's layout for `manifest.json` and other assembly files: two spaces per level.
    public static let cdkManifest = JSONLayout.indented(2)
}

extension JSON {
    /// The document's text, byte-identical to what JavaScript's `JSON.stringify` writes for the same value
    /// and layout (string escapes, number formatting, spacing).
    public func serialized(_ layout: JSONLayout = .compact) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONWriter(layout: layout).write(self, into: &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The document's UTF-8 bytes; see ``serialized(_:)``.
    public func serializedBytes(_ layout: JSONLayout = .compact) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        JSONWriter(layout: layout).write(self, into: &out, depth: 0)
        return out
    }
}

/// Writes JSON into a byte buffer, following `JSON.stringify`'s rules.
struct JSONWriter {
    let layout: JSONLayout

    func write(_ value: JSON, into out: inout [UInt8], depth: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: JSONNumberFormat.javaScript(n).utf8)
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, depth: depth + 1)
                write(item, into: &out, depth: depth + 1)
            }
            newline(&out, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(&out, depth: depth + 1)
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if case .indented = layout { out.append(UInt8(ascii: " ")) }
                write(item, into: &out, depth: depth + 1)
            }
            newline(&out, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ out: inout [UInt8], depth: Int) {
        guard case .indented(let width) = layout else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width * depth))
    }

    /// `JSON.stringify`'s string quoting: escapes `"`, `\` and control characters; everything else verbatim.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: most strings need no escape at all, and native strings are contiguous UTF-8.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Number formatting as JavaScript's `Number.prototype.toString()` does it (which `JSON.stringify` uses).
public enum JSONNumberFormat {
    /// `1` for 1.0, `0.5`, `1e+21`, `1e-7`, `-0` → `0`; non-finite numbers become `null` as in JSON.stringify.
    public static func javaScript(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e21 {
            if abs(value) <= 9_007_199_254_740_992 { return String(Int64(value)) }
        }
        // Shortest round-trip digits and decimal exponent, from Swift's own shortest representation.
        let (negative, digits, exponent) = decompose(value)
        let k = digits.count
        let n = exponent  // value = 0.d1d2...dk × 10^n
        var s = negative ? "-" : ""
        if k <= n && n <= 21 {
            s += digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            let idx = digits.index(digits.startIndex, offsetBy: n)
            s += digits[..<idx] + "." + digits[idx...]
        } else if -6 < n && n <= 0 {
            s += "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let sign = e >= 0 ? "+" : "-"
            if k == 1 {
                s += digits + "e" + sign + String(abs(e))
            } else {
                s += String(digits.first!) + "." + digits.dropFirst() + "e" + sign + String(abs(e))
            }
        }
        return s
    }

    /// Splits a finite non-zero double into sign, significant digits (no leading/trailing zeros) and the
    /// exponent `n` such that value = 0.digits × 10^n.
    private static func decompose(_ value: Double) -> (Bool, String, Int) {
        let text = abs(value).description  // shortest round-trip, e.g. "1.5e-07", "123.45", "1e+22"
        var mantissa = Substring(text)
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp10 = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + fracPart
        var pointPosition = intPart.count + exp10
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (value < 0, digits, pointPosition)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
