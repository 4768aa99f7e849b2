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

    private static func parseISO(_ b: [UInt8]) -> DateValue? {
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + width) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int64(b[k] - UInt8(ascii: "0"))
            }
            i += width
            return v
        }
        func consume(_ c: Character) -> Bool {
            guard i < b.count, let ascii = c.asciiValue, b[i] == ascii else { return false }
            i += 1
            return true
        }
        guard let year = number(4) else { return nil }
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var nanos: Int64 = 0
        var offsetSeconds: Int64 = 0
        if consume("-") {
            guard let m = number(2), (1...12).contains(m) else { return nil }
            month = m
            if consume("-") {
                guard let d = number(2), d >= 1, d <= daysInMonth(year: year, month: month) else { return nil }
                day = d
                if consume("T") {
                    guard let h = number(2), h <= 23, consume(":"), let mi = number(2), mi <= 59 else { return nil }
                    hour = h
                    minute = mi
                    if consume(":") {
                        guard let s = number(2), s <= 60 else { return nil }
                        second = s
                        if consume(".") {
                            let start = i
                            while i < b.count, isDigit(b[i]) { i += 1 }
                            guard i > start else { return nil }
                            nanos = fractionToNanoseconds(b[start..<i])
                        }
                    }
                    if consume("Z") {
                        offsetSeconds = 0
                    } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                        let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let oh = number(2), oh <= 23 else { return nil }
                        var om: Int64 = 0
                        if consume(":") {
                            guard let m = number(2), m <= 59 else { return nil }
                            om = m
                        } else if i < b.count {
                            guard let m = number(2), m <= 59 else { return nil }
                            om = m
                        }
                        offsetSeconds = sign * (oh * 3600 + om * 60)
                    }
                }
            }
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return DateValue(seconds: seconds, nanoseconds: nanos)
    }

    private static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
