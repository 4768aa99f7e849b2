/// String comparisons as IAM performs them: on code units, without Unicode normalisation (Swift's `==`
/// treats canonically equivalent strings as equal; IAM does not).
enum TextComparison {
    /// Byte-for-byte (UTF-8) equality: case-sensitive and normalisation-sensitive.
    static func equal(_ a: String, _ b: String) -> Bool {
        Wildcard.withUTF8(a) { x in
            Wildcard.withUTF8(b) { y in
                guard x.count == y.count else { return false }
                for i in 0..<x.count where x[i] != y[i] { return false }
                return true
            }
        }
    }

    /// Equality ignoring letter case (ASCII fast path; full Unicode lower-casing otherwise).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        let asciiResult: Bool? = Wildcard.withUTF8(a) { x in
            Wildcard.withUTF8(b) { y in
                var allASCII = true
                for i in 0..<x.count where x[i] >= 0x80 {
                    allASCII = false
                    break
                }
                for i in 0..<y.count where y[i] >= 0x80 {
                    allASCII = false
                    break
                }
                guard allASCII else { return nil }
                guard x.count == y.count else { return false }
                for i in 0..<x.count where Wildcard.lowerASCII(x[i]) != Wildcard.lowerASCII(y[i]) { return false }
                return true
            }
        }
        if let asciiResult { return asciiResult }
        return equal(a.lowercased(), b.lowercased())
    }

    /// `true`/`false` in any letter case; `nil` for anything else.
    static func boolValue(_ s: String) -> Bool? {
        guard s.utf8.count == 4 || s.utf8.count == 5 else { return nil }
        switch s.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
