import KumoJSON

/// The `format`s of the schemas that cfn-lint checks as part of its schema rules (jsonschema's formats:
/// networks, addresses, dates), with its rules: Python's `ipaddress` (a network's host bits must be zero) and
/// RFC 3339 date-times. AWS-specific formats (`AWS::IAM::Role.Arn`) are cfn-lint's E11xx rules, not checked here.
enum Formats {
    /// What the value should be, when it is not of `format`; `nil` when it is (or the format is not checked).
    static func problem(_ text: String, _ format: String) -> String? {
        switch format {
        case "ipv4": isIPv4(text) ? nil : "an IPv4 address (10.0.0.1)"
        case "ipv4-network": isIPv4Network(text) ? nil : "an IPv4 network with zero host bits (10.0.0.0/16)"
        case "ipv6": isIPv6(text) ? nil : "an IPv6 address (2001:db8::1)"
        case "ipv6-network": isIPv6Network(text) ? nil : "an IPv6 network (2001:db8::/32)"
        case "date-time": isDateTime(text) ? nil : "an RFC 3339 date-time (2024-01-01T00:00:00Z)"
        case "email": text.contains("@") ? nil : "an e-mail address"
        default: nil
        }
    }

    static func ipv4Octets(_ text: Substring) -> [UInt32]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt32] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                let value = UInt32(part), value <= 255, part == "0" || !part.hasPrefix("0")
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    static func isIPv4(_ text: String) -> Bool { ipv4Octets(Substring(text)) != nil }

    static func isIPv4Network(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let octets = ipv4Octets(parts[0]) else { return false }
        let prefix = parts.count == 2 ? Int(parts[1]) : 32
        guard let prefix, (0...32).contains(prefix), parts.count == 1 || parts[1].allSatisfy(\.isNumber) else { return false }
        let address = octets.reduce(0) { $0 << 8 | $1 }
        let hostMask: UInt32 = prefix == 32 ? 0 : (UInt32.max >> UInt32(prefix))
        return address & hostMask == 0
    }

    static func isIPv6(_ text: String) -> Bool {
        guard !text.contains("%") else { return false }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            part.isEmpty ? [] : part.split(separator: ":", omittingEmptySubsequences: false)
        }
        guard let left = groups(halves[0]), let right = halves.count == 2 ? groups(halves[1]) : [] else { return false }
        var all = left + right
        var count = all.count
        if let last = all.last, last.contains(".") {
            guard ipv4Octets(last) != nil else { return false }
            all.removeLast()
            count += 1
        }
        guard all.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return false }
        return halves.count == 2 ? count < 8 : count == 8
    }

    static func isIPv6Network(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isIPv6(String(parts[0])) else { return false }
        if parts.count == 2 { return Int(parts[1]).map { (0...128).contains($0) } ?? false }
        return true
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, read by the one date parser (``ISO8601/Profile/rfc3339``).
    static func isDateTime(_ text: String) -> Bool { ISO8601.parse(text, .rfc3339) != nil }
}
