/// An IPv4 or IPv6 address, or a CIDR range of them, for `IpAddress` / `NotIpAddress`.
///
/// Policy values are `203.0.113.0/24`, `2001:DB8:1234:5678::/64`, or a bare address (a single address:
/// `/32` or `/128`). Host bits below the prefix are ignored (`203.0.113.7/24` is `203.0.113.0/24`).
/// IPv4 and IPv6 never match each other (an IPv4-mapped IPv6 request address does not match an IPv4 range:
/// AWS documents no mapping, so the conservative answer is "no match"). Zone indices (`%eth0`) are rejected.
struct IPAddressRange: Hashable, Sendable {
    /// Whether this is IPv6.
    let isIPv6: Bool
    /// The address as 128 bits (IPv4 in the low 32 bits of `low`).
    let high: UInt64
    let low: UInt64
    /// Prefix length: 0…32 (IPv4) or 0…128 (IPv6).
    let prefix: Int

    /// Parses a CIDR range or a bare address.
    init?(cidr text: String) {
        var addressText = Substring(text)
        var prefix: Int?
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            let digits = text[text.index(after: slash)...]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let p = Int(digits)
            else { return nil }
            prefix = p
        }
        guard let address = IPAddressRange(address: addressText) else { return nil }
        let maxPrefix = address.isIPv6 ? 128 : 32
        let p = prefix ?? maxPrefix
        guard p <= maxPrefix else { return nil }
        self.init(isIPv6: address.isIPv6, high: address.high, low: address.low, prefix: p)
    }

    /// Parses a single address (no prefix).
    init?<S: StringProtocol>(address text: S) {
        if text.contains(":") {
            guard let (h, l) = Self.parseIPv6(Array(text.utf8)) else { return nil }
            self.init(isIPv6: true, high: h, low: l, prefix: 128)
        } else {
            guard let v4 = Self.parseIPv4(Array(text.utf8)[...]) else { return nil }
            self.init(isIPv6: false, high: 0, low: UInt64(v4), prefix: 32)
        }
    }

    private init(isIPv6: Bool, high: UInt64, low: UInt64, prefix: Int) {
        self.isIPv6 = isIPv6
        self.high = high
        self.low = low
        self.prefix = prefix
    }

    /// Whether the single address `address` lies in this range.
    func contains(_ address: IPAddressRange) -> Bool {
        guard isIPv6 == address.isIPv6 else { return false }
        if !isIPv6 {
            guard prefix > 0 else { return true }
            let mask = UInt64(UInt32.max << UInt32(32 - prefix))
            return (low & mask) == (address.low & mask)
        }
        let (hm, lm) = Self.mask128(prefix)
        return (high & hm) == (address.high & hm) && (low & lm) == (address.low & lm)
    }

    private static func mask128(_ prefix: Int) -> (UInt64, UInt64) {
        if prefix == 0 { return (0, 0) }
        if prefix <= 64 { return (UInt64.max << UInt64(64 - prefix), 0) }
        if prefix == 128 { return (UInt64.max, UInt64.max) }
        return (UInt64.max, UInt64.max << UInt64(128 - prefix))
    }

    private static func parseIPv4(_ b: ArraySlice<UInt8>) -> UInt32? {
        var parts: [UInt32] = []
        var current: UInt32 = 0
        var digits = 0
        for c in b {
            if c == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                parts.append(current)
                current = 0
                digits = 0
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 3 else { return nil }
                current = current * 10 + UInt32(c - UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        parts.append(current)
        guard parts.count == 4, parts.allSatisfy({ $0 <= 255 }) else { return nil }
        return parts.reduce(0) { $0 << 8 | $1 }
    }

    private static func parseIPv6(_ b: [UInt8]) -> (UInt64, UInt64)? {
        guard b.count >= 2, b.count <= 45 else { return nil }
        // At most one "::" splits the address into a head and a tail.
        var doubleColon: Int?
        var k = 0
        while k + 1 < b.count {
            if b[k] == UInt8(ascii: ":") && b[k + 1] == UInt8(ascii: ":") {
                guard doubleColon == nil else { return nil }
                doubleColon = k
                k += 2
                continue
            }
            k += 1
        }
        let headBytes = doubleColon.map { b[..<$0] } ?? b[...]
        let tailBytes = doubleColon.map { b[($0 + 2)...] } ?? []
        // The last group of the whole address may be a dotted IPv4 address.
        guard var head = words(headBytes, allowIPv4: doubleColon == nil),
            let tail = words(tailBytes, allowIPv4: true)
        else { return nil }
        var all: [UInt16]
        if doubleColon != nil {
            guard head.count + tail.count <= 7 else { return nil }
            head.append(contentsOf: repeatElement(0, count: 8 - head.count - tail.count))
            all = head + tail
        } else {
            all = head
        }
        guard all.count == 8 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(all[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(all[i]) }
        return (high, low)
    }

    /// The 16-bit words of colon-separated hex groups (empty input → no words); a trailing dotted IPv4
    /// group counts as two words when `allowIPv4`.
    private static func words(_ b: ArraySlice<UInt8>, allowIPv4: Bool) -> [UInt16]? {
        guard !b.isEmpty else { return [] }
        let groups = b.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var result: [UInt16] = []
        for (index, group) in groups.enumerated() {
            if allowIPv4, index == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                guard let v4 = parseIPv4(group) else { return nil }
                result.append(UInt16(truncatingIfNeeded: v4 >> 16))
                result.append(UInt16(truncatingIfNeeded: v4))
                continue
            }
            guard let w = hexGroup(group) else { return nil }
            result.append(w)
        }
        return result
    }

    private static func hexGroup(_ g: ArraySlice<UInt8>) -> UInt16? {
        guard !g.isEmpty, g.count <= 4 else { return nil }
        var v: UInt16 = 0
        for c in g {
            let d: UInt16
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt16(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt16(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt16(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}
