import Foundation
import KumoJSON

/// A value known only at deploy time (a resource's ID, the EKS issuer, the account), carried inside resolved
/// strings so that templates can be compared, evaluated and displayed without deploying them.
///
/// In a resolved string a symbol is encoded as U+E000, the hex of its canonical text, U+E001: the encoding
/// contains no delimiter CloudFormation splits on (`:`, `/`, `,`), so `Fn::Split`/`Fn::Select` and string
/// concatenation work on resolved strings unchanged, and equal symbols are equal strings in any template.
public enum Symbol: Hashable, Sendable {
    /// A pseudo parameter whose value the environment does not give (`AWS::AccountId`).
    case pseudo(String)
    /// `Ref` of a resource or parameter without a known value.
    case ref(String)
    /// `Fn::GetAtt` of a resource without a known value.
    case attribute(String, String)
    /// The OIDC issuer of an EKS cluster (host and path, no `https://`), by the cluster's logical ID.
    case issuer(String)
    /// Anything else that cannot be known before deployment (`Fn::ImportValue`, an undecidable `Fn::If`).
    case opaque(String)
    /// One unknown part of an ARN whose shape is known (``ARNShapes``): the value (`Queue.Arn`, or `Topic` for
    /// a `Ref`) and the part (`TaskDefinitionRevisionNumber`; `service`, `region`, `account`, `resource` for an
    /// ARN of unknown format).
    case part(String, String)

    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// The canonical text: `pseudo:AWS::AccountId`, `ref:X`, `att:X.Arn`, `issuer:X`, `opaque:…`.
    public var canonical: String {
        switch self {
        case .pseudo(let name): "pseudo:" + name
        case .ref(let id): "ref:" + id
        case .attribute(let id, let attribute): "att:" + id + "." + attribute
        case .issuer(let id): "issuer:" + id
        case .opaque(let text): "opaque:" + text
        case .part(let value, let part): "part:" + value + " " + part
        }
    }

    /// Whether the value this symbol stands for may contain `delimiter` (so that splitting on it is not known).
    /// Pseudo parameters have documented character sets (an account ID is 12 digits; a region, a partition
    /// and a stack name are letters, digits and hyphens; the URL suffix letters and dots); so have the service,
    /// region and account fields of an ARN. Anything else may contain anything.
    public func mayContain(_ delimiter: String) -> Bool {
        let allowed: String
        switch self {
        case .pseudo("AWS::AccountId"), .part(_, "account"): allowed = "0123456789"
        case .pseudo("AWS::Region"), .pseudo("AWS::Partition"), .pseudo("AWS::StackName"), .part(_, "region"), .part(_, "service"):
            allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
        case .pseudo("AWS::URLSuffix"): allowed = "abcdefghijklmnopqrstuvwxyz."
        case .issuer: allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/"
        default: return true
        }
        return delimiter.allSatisfy(allowed.contains)
    }

    init?(canonical: String) {
        guard let colon = canonical.firstIndex(of: ":") else { return nil }
        let kind = canonical[..<colon]
        let rest = String(canonical[canonical.index(after: colon)...])
        switch kind {
        case "pseudo": self = .pseudo(rest)
        case "ref": self = .ref(rest)
        case "att":
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            self = .attribute(String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
        case "issuer": self = .issuer(rest)
        case "opaque": self = .opaque(rest)
        case "part":
            guard let space = rest.lastIndex(of: " ") else { return nil }
            self = .part(String(rest[..<space]), String(rest[rest.index(after: space)...]))
        default: return nil
        }
    }

    /// The symbol encoded for use inside a resolved string.
    public var encoded: String {
        var s = String(Symbol.open)
        for byte in canonical.utf8 {
            s.append(Symbol.hexDigits[Int(byte >> 4)])
            s.append(Symbol.hexDigits[Int(byte & 0xF)])
        }
        s.unicodeScalars.append(Symbol.close)
        return s
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// Splits a resolved string into literal text and symbols.
    public static func parts(of text: String) -> [SymbolicPart] {
        guard text.unicodeScalars.contains(open) else { return [.text(text)] }
        var parts: [SymbolicPart] = []
        var literal = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            guard first == open, let end = scalars.firstIndex(of: close) else {
                literal.append(first)
                continue
            }
            let hex = Array(String(String.UnicodeScalarView(scalars[..<end])).utf8)
            scalars = scalars[scalars.index(after: end)...]
            var bytes: [UInt8] = []
            var i = 0
            while i + 1 < hex.count {
                bytes.append(UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) ?? 0)
                i += 2
            }
            if let symbol = Symbol(canonical: String(decoding: bytes, as: UTF8.self)) {
                if !literal.isEmpty { parts.append(.text(String(literal))) }
                literal = String.UnicodeScalarView()
                parts.append(.symbol(symbol))
            }
        }
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        return parts
    }

    /// The symbol as the README shows it, without a template to name resources by construct path:
    /// `AWS::AccountId`, `RoleX.Arn`, `EKSCluster issuer`, `Queue.Arn account` (opaque text shown the same way).
    public var readable: String {
        switch self {
        case .pseudo(let name): name
        case .ref(let id): id
        case .attribute(let id, let attribute): id + "." + attribute
        case .issuer(let id): id + " issuer"
        case .opaque(let text): Symbol.readable(text)
        case .part(let value, let part): value + " " + part
        }
    }

    /// `text` with every symbol shown as `<readable>` and the diff's ARN marker (``SymbolicValues``) removed:
    /// what any message or report may show of a resolved string. Text without symbols is returned as it is.
    public static func readable(_ text: String) -> String {
        guard text.utf8.contains(0xEE) || text.contains(SymbolicValues.marker) else { return text }
        let unmarked = text.contains(SymbolicValues.marker) ? text.replacingOccurrences(of: SymbolicValues.marker, with: "") : text
        var out = substitute(in: unmarked) { "<" + $0.readable + ">" }
        // A stray delimiter (a symbol cut by a split) is never shown either.
        if out.unicodeScalars.contains(open) || out.unicodeScalars.contains(close) {
            out = String(String.UnicodeScalarView(out.unicodeScalars.filter { $0 != open && $0 != close }))
        }
        return out
    }

    /// Whether a resolved string contains any symbol.
    public static func isSymbolic(_ text: String) -> Bool {
        // U+E000 is EE 80 80 in UTF-8: a byte scan rules out most strings without decoding them.
        text.utf8.contains(0xEE) && text.unicodeScalars.contains(open)
    }

    /// Replaces symbols in `text`: each symbol for which `value` returns a string is substituted.
    public static func substitute(in text: String, _ value: (Symbol) -> String?) -> String {
        guard isSymbolic(text) else { return text }
        return parts(of: text).map { part in
            switch part {
            case .text(let t): t
            case .symbol(let s): value(s) ?? s.encoded
            }
        }.joined()
    }
}

/// A run of a resolved string.
public enum SymbolicPart: Hashable, Sendable {
    case text(String)
    case symbol(Symbol)
}

extension JSON {
    /// This value with every string (and object key) passed through `show` (``Symbol/readable(_:)`` by
    /// default): no internal encoding of a symbol is left.
    public func displayed(_ show: (String) -> String = Symbol.readable) -> JSON {
        switch self {
        case .string(let s): .string(show(s))
        case .array(let items): .array(items.map { $0.displayed(show) })
        case .object(let members):
            .object(JSONObject(members.map { (show($0.key), $0.value.displayed(show)) }, uniquingKeysWith: { first, _ in first }))
        default: self
        }
    }

    /// This value with every symbol inside strings (and object keys) replaced where `value` gives one.
    public func substitutingSymbols(_ value: (Symbol) -> String?) -> JSON {
        switch self {
        case .string(let s): .string(Symbol.substitute(in: s, value))
        case .array(let items): .array(items.map { $0.substitutingSymbols(value) })
        case .object(let members):
            .object(JSONObject(members.map { (Symbol.substitute(in: $0.key, value), $0.value.substitutingSymbols(value)) }, uniquingKeysWith: { first, _ in first }))
        default: self
        }
    }
}
