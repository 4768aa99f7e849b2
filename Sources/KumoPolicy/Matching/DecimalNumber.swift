/// An exact decimal number for the `Numeric…` operators: an optional `-`, digits, optionally `.` and digits
/// (`5432`, `-1`, `0.25`). No exponent, no `+`, no surrounding spaces: anything else is not a number, and a
/// comparison involving it never matches. Comparison is exact (no floating-point rounding), so
/// `9007199254740993` and `9007199254740992` differ and `10` equals `10.000`.
struct DecimalNumber: Comparable, Hashable, Sendable {
    /// Sign (never set for zero).
    let negative: Bool
    /// Integer digits (ASCII), without leading zeros.
    let integer: [UInt8]
    /// Fraction digits (ASCII), without trailing zeros.
    let fraction: [UInt8]

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        let intPart = dot.map { bytes[..<$0] } ?? bytes
        let fracPart = dot.map { bytes[bytes.index(after: $0)...] } ?? []
        guard !intPart.isEmpty, intPart.allSatisfy(isDigit) else { return nil }
        if dot != nil { guard !fracPart.isEmpty, fracPart.allSatisfy(isDigit) else { return nil } }
        var integer = Array(intPart.drop { $0 == UInt8(ascii: "0") })
        var fraction = Array(fracPart)
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if integer.isEmpty && fraction.isEmpty {
            negative = false
            integer = []
        }
        self.negative = negative
        self.integer = integer
        self.fraction = fraction
    }

    static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if a.negative != b.negative { return a.negative }
        let magnitudeLess = compareMagnitude(a, b) < 0
        let magnitudeGreater = compareMagnitude(a, b) > 0
        return a.negative ? magnitudeGreater : magnitudeLess
    }

    /// -1, 0 or 1 comparing absolute values.
    private static func compareMagnitude(_ a: DecimalNumber, _ b: DecimalNumber) -> Int {
        if a.integer.count != b.integer.count { return a.integer.count < b.integer.count ? -1 : 1 }
        for (x, y) in zip(a.integer, b.integer) where x != y { return x < y ? -1 : 1 }
        let n = max(a.fraction.count, b.fraction.count)
        for i in 0..<n {
            let x = i < a.fraction.count ? a.fraction[i] : UInt8(ascii: "0")
            let y = i < b.fraction.count ? b.fraction[i] : UInt8(ascii: "0")
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}
