import KumoJSON

/// An instant for the `Date…` operators, parsed from a W3C profile of ISO 8601 or from epoch seconds.
///
/// Accepted forms (wildcards are never allowed, as IAM documents):
/// - epoch seconds: `1795428000`, optionally with a fraction `1795428000.5` (up to 12 integer digits);
/// - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (the start of that period, UTC);
/// - `YYYY-MM-DDThh:mm`, `…:ss`, `…:ss.fraction`, followed by `Z` or an offset `±hh:mm` (also `±hhmm`, `±hh`).
///   A date-time without a zone designator is read as UTC (the W3C profile requires one; IAM's behaviour is
///   undocumented, and UTC is what AWS emits for `aws:CurrentTime`).
/// Anything else is not a date and never satisfies a positive `Date…` operator.
struct DateValue: Comparable, Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    let seconds: Int64
    /// Nanoseconds within the second, 0…999_999_999.
    let nanoseconds: Int64

    static func < (a: DateValue, b: DateValue) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    init(seconds: Int64, nanoseconds: Int64 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init?(_ text: String) {
        let b = Array(text.utf8)
        guard !b.isEmpty else { return nil }
        if let epoch = Self.parseEpoch(b) {
            self = epoch
            return
        }
        guard let iso = Self.parseISO(b) else { return nil }
        self = iso
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func parseEpoch(_ b: [UInt8]) -> DateValue? {
        let dot = b.firstIndex(of: UInt8(ascii: "."))
        let intPart = b[..<(dot ?? b.count)]
        guard !intPart.isEmpty, intPart.count <= 12, intPart.allSatisfy(isDigit) else { return nil }
        var seconds: Int64 = 0
        for c in intPart { seconds = seconds * 10 + Int64(c - UInt8(ascii: "0")) }
        var nanos: Int64 = 0
        if let dot {
            let frac = b[(dot + 1)...]
            guard !frac.isEmpty, frac.allSatisfy(isDigit) else { return nil }
            nanos = fractionToNanoseconds(frac)
        }
        // A 4-digit bare number is a year in ISO 8601; prefer that reading.
        if dot == nil && intPart.count == 4 { return nil }
        return DateValue(seconds: seconds, nanoseconds: nanos)
    }

    private static func fractionToNanoseconds(_ digits: ArraySlice<UInt8>) -> Int64 {
        var nanos: Int64 = 0
        var scale: Int64 = 100_000_000
        for c in digits.prefix(9) {
            nanos += Int64(c - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return nanos
    }

    /// The ISO 8601 forms, read by the one date parser (``ISO8601/Profile/policy``).
    private static func parseISO(_ b: [UInt8]) -> DateValue? {
        guard let instant = ISO8601.parse(String(decoding: b, as: UTF8.self), .policy) else { return nil }
        return DateValue(seconds: instant.seconds, nanoseconds: instant.nanoseconds)
    }
}
