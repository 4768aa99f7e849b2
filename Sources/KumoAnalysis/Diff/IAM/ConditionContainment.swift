import Foundation
import KumoJSON
import KumoPolicy

/// Whether one condition on a key lets through no more requests than another on the same key: the test
/// behind "StringEquals → StringLike broadens", "a wider pattern broadens", "an added value broadens".
///
/// A condition "allows" a request when it evaluates to true. ``isWithin(_:_:)`` answers whether every
/// request `a` allows is allowed by `b` — `true`, `false`, or `nil` when it cannot be decided (different
/// operator families, a changed set qualifier, a negated operator against a positive one, mixed case
/// sensitivity, IPv6 ranges, unparseable numbers or dates).
enum ConditionContainment {
    static func isWithin(_ a: NormalizedCondition, _ b: NormalizedCondition) -> Bool? {
        if a == b { return true }
        guard a.op.qualifier == b.op.qualifier, a.op.isNegated == b.op.isNegated else { return nil }
        // A positive operator with IfExists also allows requests without the key; negated operators always do.
        if !a.op.isNegated, a.op.isIfExists, !b.op.isIfExists, a.op.base != .null { return false }
        let fa = a.op.family, fb = b.op.family
        switch (fa, fb) {
        case (.string, .string), (.string, .arn), (.arn, .string), (.arn, .arn), (.bool, .bool), (.binary, .binary):
            return patternsWithin(a, b)
        case (.numeric, .numeric):
            return ordered(a, b, parse: { Double($0) })
        case (.date, .date):
            return ordered(a, b, parse: date)
        case (.ip, .ip):
            return ipWithin(a, b)
        case (.null, .null):
            return a.values == b.values
        default:
            return nil
        }
    }

    /// String-like families: values as patterns (wildcards only for `…Like` and `Arn…`). Positive operators
    /// allow the union of their patterns; negated ones its complement, so containment reverses.
    private static func patternsWithin(_ a: NormalizedCondition, _ b: NormalizedCondition) -> Bool? {
        let aFolds = a.op.base.positive == .stringEqualsIgnoreCase
        let bFolds = b.op.base.positive == .stringEqualsIgnoreCase
        if aFolds && !bFolds && !a.op.isNegated {
            // `a` allows every spelling of its values; the all-lower and all-upper ones are witnesses.
            let pb = b.values.map { Pattern($0, wildcards: b.op.allowsWildcards) }
            var undecided = false
            for value in a.values {
                let variants = Set([value.lowercased(), value.uppercased()])
                for variant in variants where PatternSubset.isCovered(Pattern(variant, wildcards: false), by: pb) != true { return false }
                if variants.count > 1 || value.lowercased() != value { undecided = true }
            }
            return undecided ? nil : true
        }
        if aFolds && !bFolds { return nil }
        let fold = bFolds
        let pa = a.values.map { Pattern($0, wildcards: a.op.allowsWildcards, foldCase: fold) }
        let pb = b.values.map { Pattern($0, wildcards: b.op.allowsWildcards, foldCase: fold) }
        return a.op.isNegated ? PatternSubset.allCovered(pb, by: pa) : PatternSubset.allCovered(pa, by: pb)
    }

    /// Numbers and dates: equality operators as value sets; `<`, `≤`, `>`, `≥` as bounds (several values are
    /// OR-ed, so the loosest bound counts).
    private static func ordered(_ a: NormalizedCondition, _ b: NormalizedCondition, parse: (String) -> Double?) -> Bool? {
        let va = a.values.compactMap(parse), vb = b.values.compactMap(parse)
        guard va.count == a.values.count, vb.count == b.values.count, !va.isEmpty, !vb.isEmpty else { return nil }
        let ka = Bound(a.op.base), kb = Bound(b.op.base)
        switch (ka, kb) {
        case (.equal, .equal):
            return a.op.isNegated ? Set(vb).isSubset(of: Set(va)) : Set(va).isSubset(of: Set(vb))
        case (.equal, .below(let strict)):
            guard !a.op.isNegated else { return nil }
            let limit = vb.max()!
            return va.allSatisfy { strict ? $0 < limit : $0 <= limit }
        case (.equal, .above(let strict)):
            guard !a.op.isNegated else { return nil }
            let limit = vb.min()!
            return va.allSatisfy { strict ? $0 > limit : $0 >= limit }
        case (.below(let sa), .below(let sb)):
            let x = va.max()!, y = vb.max()!
            return sa || !sb ? x <= y : x < y
        case (.above(let sa), .above(let sb)):
            let x = va.min()!, y = vb.min()!
            return sa || !sb ? x >= y : x > y
        default:
            return nil
        }
    }

    private enum Bound {
        case equal
        /// `<` (strict) or `≤`.
        case below(strict: Bool)
        /// `>` (strict) or `≥`.
        case above(strict: Bool)

        init(_ base: ConditionOperator.Base) {
            switch base {
            case .numericLessThan, .dateLessThan: self = .below(strict: true)
            case .numericLessThanEquals, .dateLessThanEquals: self = .below(strict: false)
            case .numericGreaterThan, .dateGreaterThan: self = .above(strict: true)
            case .numericGreaterThanEquals, .dateGreaterThanEquals: self = .above(strict: false)
            default: self = .equal
            }
        }
    }

    /// A date as seconds since 1970: an epoch number or an ISO 8601 date or date-time, as IAM's `Date…`
    /// operators read it (the one date parser's policy profile).
    private static func date(_ text: String) -> Double? {
        if let epoch = Double(text) { return epoch }
        return ISO8601.parse(text, .policy)?.epoch
    }

    /// `IpAddress` / `NotIpAddress` with IPv4 CIDR ranges (IPv6: only identical values are decided).
    private static func ipWithin(_ a: NormalizedCondition, _ b: NormalizedCondition) -> Bool? {
        let ra = a.values.map(IPv4Range.init), rb = b.values.map(IPv4Range.init)
        guard ra.allSatisfy({ $0 != nil }), rb.allSatisfy({ $0 != nil }) else {
            return Set(a.values) == Set(b.values) ? true : nil
        }
        let inner = a.op.isNegated ? rb : ra, outer = a.op.isNegated ? ra : rb
        return inner.allSatisfy { range in outer.contains { $0!.contains(range!) } }
    }
}

/// An IPv4 CIDR range (`10.0.0.0/8`; a bare address is a /32).
struct IPv4Range: Hashable {
    var address: UInt32
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        let prefix = parts.count == 2 ? Int(parts[1]) : 32
        guard let prefix, (0...32).contains(prefix) else { return nil }
        self.prefix = prefix
        address = value & IPv4Range.mask(prefix)
    }

    static func mask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    /// Whether every address of `other` is in this range.
    func contains(_ other: IPv4Range) -> Bool {
        other.prefix >= prefix && other.address & IPv4Range.mask(prefix) == address
    }
}
