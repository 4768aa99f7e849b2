/// ISO 8601 instants, parsed and written without Foundation's formatters (slow to create, different between
/// platforms): proleptic Gregorian calendar, UTC, no leap seconds — as JWT's NumericDate, IAM's
/// `aws:CurrentTime` and CloudFormation's `date-time` format count time. The one date parser of Kumo: the IAM
/// `Date…` condition operators, token claims and `--at` times, and the schemas' `date-time` format all read
/// through ``parse(_:_:)``, each with its ``Profile``.
public enum ISO8601 {
    /// An instant: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second.
    public struct Instant: Comparable, Hashable, Sendable {
        /// Seconds since 1970-01-01T00:00:00Z.
        public var seconds: Int64
        /// Nanoseconds within the second, 0…999,999,999.
        public var nanoseconds: Int64

        /// An instant from its parts.
        public init(seconds: Int64, nanoseconds: Int64 = 0) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// Seconds since 1970 with the fraction.
        public var epoch: Double { Double(seconds) + Double(nanoseconds) / 1e9 }

        public static func < (a: Instant, b: Instant) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
    }

    /// Which of ISO 8601's spellings a reader accepts.
    public enum Profile: Sendable {
        /// A full date-time with a zone designator: `2026-11-23T10:00:00Z`, separator `T`, `t` or a space, an
        /// optional fraction after `.` or `,`, `Z`/`z` or an offset `±hh:mm`/`±hhmm`; a second of 60 reads as 59
        /// (token claims, `kumo simulate --at`).
        case timestamp
        /// RFC 3339's `date-time` (the schemas' `format`, as cfn-lint checks it): as ``timestamp`` with `.`
        /// fractions and `±hh:mm` offsets only.
        case rfc3339
        /// The W3C profile IAM documents for the `Date…` condition operators: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`
        /// (the start of that period), `YYYY-MM-DDThh:mm[:ss[.fraction]]` with `Z`, `±hh`, `±hh:mm` or `±hhmm`;
        /// a date-time without a zone designator is read as UTC (IAM's behaviour is undocumented; UTC is what
        /// AWS emits for `aws:CurrentTime`).
        case policy
    }

    /// Parses `text` in `profile`; `nil` when it is not such an instant (or names no real day or time).
    public static func parse(_ text: String, _ profile: Profile) -> Instant? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.instant(profile)
    }

    /// Parses a ``Profile/timestamp`` (`2026-11-23T10:00:00Z`) into seconds since 1970; `nil` when malformed.
    public static func parse(_ text: String) -> Double? { parse(text, .timestamp)?.epoch }

    /// `2026-11-23T10:00:00Z` (fractions of a second are shown to the millisecond when present).
    public static func format(_ epoch: Double) -> String {
        guard epoch.isFinite, abs(epoch) < 253_402_300_800 else { return epoch.isNaN ? "NaN" : "\(epoch) s since 1970" }
        let whole = epoch.rounded(.down)
        var millis = Int(((epoch - whole) * 1000).rounded())
        var seconds = Int(whole)
        if millis == 1000 {
            seconds += 1
            millis = 0
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        guard year >= 0 else { return "\(epoch) s since 1970" }
        var bytes = [UInt8](repeating: 0, count: millis != 0 ? 24 : 20)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) {
                bytes[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(year, 0, 4)
        bytes[4] = 45
        put(month, 5, 2)
        bytes[7] = 45
        put(day, 8, 2)
        bytes[10] = 84
        put(secondOfDay / 3600, 11, 2)
        bytes[13] = 58
        put(secondOfDay / 60 % 60, 14, 2)
        bytes[16] = 58
        put(secondOfDay % 60, 17, 2)
        if millis != 0 {
            bytes[19] = 46
            put(millis, 20, 3)
        }
        bytes[bytes.count - 1] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Days since 1970-01-01 → (year, month, day) (H. Hinnant's `civil_from_days`).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// (year, month, day) → days since 1970-01-01 (`days_from_civil`).
    public static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The one parser: a cursor over the text's bytes.
    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var value = 0
            for k in i..<(i + n) {
                guard bytes[k] >= 48 && bytes[k] <= 57 else { return nil }
                value = value * 10 + Int(bytes[k] - 48)
            }
            i += n
            return value
        }

        mutating func take(_ accepted: String) -> Bool {
            guard i < bytes.count, accepted.utf8.contains(bytes[i]) else { return false }
            i += 1
            return true
        }

        var atEnd: Bool { i == bytes.count }

        mutating func instant(_ profile: Profile) -> Instant? {
            let reduced = profile == .policy
            guard let year = digits(4) else { return nil }
            var month = 1, day = 1, hour = 0, minute = 0, second = 0
            var nanos: Int64 = 0, offset = 0
            if reduced && atEnd { return Self.make(year, month, day, hour, minute, second, nanos, offset, profile) }
            guard take("-"), let m = digits(2), (1...12).contains(m) else { return nil }
            month = m
            if reduced && atEnd { return Self.make(year, month, day, hour, minute, second, nanos, offset, profile) }
            guard take("-"), let d = digits(2), d >= 1, d <= daysIn(month, year) else { return nil }
            day = d
            if reduced && atEnd { return Self.make(year, month, day, hour, minute, second, nanos, offset, profile) }
            guard take(reduced ? "T" : "Tt "), let h = digits(2), h <= 23, take(":"), let mi = digits(2), mi <= 59 else {
                return nil
            }
            hour = h
            minute = mi
            if take(":") {
                guard let s = digits(2), s <= 60 else { return nil }
                second = profile == .timestamp ? min(s, 59) : s
                if take(profile == .timestamp ? ".," : ".") {
                    let start = i
                    var scale: Int64 = 100_000_000
                    while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 {
                        nanos += Int64(bytes[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                    guard i > start else { return nil }
                }
            } else if !reduced {
                return nil
            }
            if take(profile == .policy ? "Z" : "Zz") {
                offset = 0
            } else if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), oh <= 23 else { return nil }
                var om = 0
                let colon = take(":")
                if colon || !atEnd || profile != .policy {
                    if !colon && profile == .rfc3339 { return nil }
                    guard let m = digits(2), m <= 59 else { return nil }
                    om = m
                }
                offset = sign * (oh * 3600 + om * 60)
            } else if !reduced {
                return nil
            }
            guard atEnd else { return nil }
            return Self.make(year, month, day, hour, minute, second, nanos, offset, profile)
        }

        static func make(
            _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ nanos: Int64, _ offset: Int,
            _ profile: Profile
        ) -> Instant {
            let days = ISO8601.days(fromCivil: year, month, day)
            return Instant(seconds: Int64(days * 86_400 + hour * 3600 + minute * 60 + second - offset), nanoseconds: nanos)
        }
    }
}
