import Testing

@testable import KumoPolicy

@Suite struct IPBoolBinaryConditionTests {
    @Test(arguments: [
        (ConditionOperator.ipAddress, ["203.0.113.0/24"], "203.0.113.255", true),
        (.ipAddress, ["203.0.113.0/24"], "203.0.113.0", true),
        (.ipAddress, ["203.0.113.0/24"], "203.0.114.0", false),
        (.ipAddress, ["203.0.113.5"], "203.0.113.5", true),  // no prefix: a single address (/32)
        (.ipAddress, ["203.0.113.5"], "203.0.113.6", false),
        (.ipAddress, ["203.0.113.7/24"], "203.0.113.200", true),  // host bits are ignored
        (.ipAddress, ["0.0.0.0/0"], "198.51.100.1", true),
        (.ipAddress, ["0.0.0.0/0"], "2001:db8::1", false),  // families never mix
        (.ipAddress, ["203.0.113.0/24"], "::ffff:203.0.113.1", false),
        (.ipAddress, ["2001:DB8:1234:5678::/64"], "2001:db8:1234:5678:ffff::1", true),  // hex is case-insensitive
        (.ipAddress, ["2001:DB8:1234:5678::/64"], "2001:db8:1234:5679::1", false),
        (.ipAddress, ["::1"], "0:0:0:0:0:0:0:1", true),
        (.ipAddress, ["::/0"], "2001:db8::1", true),
        (.ipAddress, ["::ffff:192.0.2.0/120"], "::ffff:192.0.2.33", true),
        (.ipAddress, ["2001:db8::/127"], "2001:db8::1", true),
        (.ipAddress, ["2001:db8::/128"], "2001:db8::1", false),
        (.ipAddress, ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], "2001:db8:1234:5678::9", true),
        (.ipAddress, ["300.0.0.0/8"], "44.0.0.1", false),  // invalid ranges never match
        (.ipAddress, ["10.0.0.0/33"], "10.0.0.1", false),
        (.ipAddress, ["10.0.0.0/8"], "not-an-ip", false),
        (.ipAddress, ["10.0.0.0/8"], "10.0.0.1/32", false),
        (.ipAddress, ["2001:db8::1::2"], "2001:db8::1", false),
        (.notIpAddress, ["10.0.0.0/8"], "10.1.2.3", false),
        (.notIpAddress, ["10.0.0.0/8"], "11.0.0.1", true),
        (.notIpAddress, ["10.0.0.0/8", "192.168.0.0/16"], "192.168.1.1", false),  // none may match
        (.notIpAddress, ["10.0.0.0/8", "192.168.0.0/16"], "172.16.0.1", true),
    ])
    func ipAddresses(op: ConditionOperator, policy: [String], request: String, expected: Bool) {
        #expect(holds(op, policy, request: [request], key: "aws:SourceIp") == expected)
    }

    @Test func ipParsing() throws {
        let v6 = try #require(IPAddressRange(cidr: "2001:db8::8a2e:370:7334"))
        #expect(v6.isIPv6 && v6.prefix == 128)
        #expect(v6.high == 0x2001_0db8_0000_0000 && v6.low == 0x0000_8a2e_0370_7334)
        for bad in [
            "", "1.2.3", "1.2.3.4.5", "1.2.3.04444", "1..2.3", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "fe80::1%eth0", "12345::1", ":1:2:3:4:5:6:7", "1.2.3.4/", "1.2.3.4/-1", "::1/129", "g::1",
        ] {
            #expect(IPAddressRange(cidr: bad) == nil, "\(bad)")
        }
        #expect(IPAddressRange(cidr: "1:2:3:4:5:6:7::") != nil)
        #expect(IPAddressRange(cidr: "::") != nil)
        #expect(IPAddressRange(cidr: "1:2:3:4:5:6:1.2.3.4") != nil)
    }

    @Test(arguments: [
        (["true"], "true", true),
        (["true"], "TRUE", true),  // "true"/"false" in any letter case
        (["true"], "false", false),
        (["true"], "yes", false),
        (["false"], "false", true),
        (["True"], "true", true),
        (["1"], "true", false),
    ])
    func bools(policy: [String], request: String, expected: Bool) {
        #expect(holds(.bool, policy, request: [request], key: "aws:SecureTransport") == expected)
    }

    /// BinaryEquals compares the decoded bytes ("QmluYXJ5VmFsdWVJbkJhc2U2NA==" is "BinaryValueInBase64").
    @Test(arguments: [
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", true),
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA", true),  // unpadded, same bytes
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5", false),
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "!!!", false),
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "qmluyxj5vmfsdwvjbkjhc2u2na==", false),  // base64 is case-sensitive
    ])
    func binary(policy: String, request: String, expected: Bool) {
        #expect(holds(.binaryEquals, [policy], request: [request]) == expected)
    }

    @Test func base64Decoding() {
        #expect(Base64.decode("QmluYXJ5VmFsdWVJbkJhc2U2NA==") == Array("BinaryValueInBase64".utf8))
        #expect(Base64.decode("") == [])
        #expect(Base64.decode("YQ==") == [0x61])
        #expect(Base64.decode("YQ") == [0x61])
        #expect(Base64.decode("YR==") == nil)  // non-zero trailing bits
        #expect(Base64.decode("Y===") == nil)
        #expect(Base64.decode("YQ=") == nil)
        #expect(Base64.decode("a-_b") == nil)  // URL-safe alphabet rejected
    }
}

@Suite struct Base64CodecTests {
    @Test(arguments: [("", "", ""), ("a", "YQ==", "YQ"), ("ab", "YWI=", "YWI"), ("abc", "YWJj", "YWJj")])
    func encodesBothAlphabets(text: String, standard: String, url: String) throws {
        #expect(Base64.encode(Array(text.utf8)) == standard)
        #expect(Base64.encode(Array(text.utf8), alphabet: .url) == url)
        #expect(Base64.decode(standard) == Array(text.utf8))
        #expect(try Base64.decode(Array(url.utf8)[...], alphabet: .url) == Array(text.utf8))
    }

    @Test func alphabetsDifferInTwoCharacters() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64.encode(bytes, alphabet: .url) == "-_-_")
        #expect(throws: Base64.DecodingError.self) { try Base64.decode(Array("+/+/".utf8)[...], alphabet: .url) }
        #expect(Base64.decode("-_-_") == nil)
    }
}
