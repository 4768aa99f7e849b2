import Testing

import KumoJSON

/// The one ISO 8601 parser, in each of its profiles.
@Suite struct ISO8601ProfileTests {
    @Test(arguments: [
        // (text, timestamp, rfc3339, policy) in seconds since 1970, nil where the profile refuses the text
        ("2026-11-23T10:00:00Z", 1_795_428_000, 1_795_428_000, 1_795_428_000),
        ("2026-11-23t10:00:00z", 1_795_428_000, 1_795_428_000, nil),  // lower case: RFC 3339, not IAM's profile
        ("2026-11-23 10:00:00Z", 1_795_428_000, 1_795_428_000, nil),
        ("2026-11-23T19:00:00+09:00", 1_795_428_000, 1_795_428_000, 1_795_428_000),
        ("2026-11-23T19:00:00+0900", 1_795_428_000, nil, 1_795_428_000),  // RFC 3339 needs the colon
        ("2026-11-23T19:00+09", nil, nil, 1_795_428_000),  // minutes, an hour-only offset: IAM's W3C profile
        ("2026-11-23T10:00:00", nil, nil, 1_795_428_000),  // no zone: UTC for IAM, ambiguous elsewhere
        ("2026-11-23", nil, nil, 1_795_392_000),  // a day is its UTC midnight
        ("2026-11", nil, nil, 1_793_491_200),
        ("2026", nil, nil, 1_767_225_600),
        ("2026-02-29T00:00:00Z", nil, nil, nil),  // no such day
        ("2026-11-23T24:00:00Z", nil, nil, nil),
        ("2026-11-23T10:00:00Zjunk", nil, nil, nil),
    ] as [(String, Int64?, Int64?, Int64?)])
    func profiles(text: String, timestamp: Int64?, rfc3339: Int64?, policy: Int64?) {
        #expect(ISO8601.parse(text, .timestamp)?.seconds == timestamp, "timestamp \(text)")
        #expect(ISO8601.parse(text, .rfc3339)?.seconds == rfc3339, "rfc3339 \(text)")
        #expect(ISO8601.parse(text, .policy)?.seconds == policy, "policy \(text)")
    }

    @Test func fractionsAndLeapSeconds() {
        #expect(ISO8601.parse("2026-11-23T10:00:00.25Z", .policy) == .init(seconds: 1_795_428_000, nanoseconds: 250_000_000))
        #expect(ISO8601.parse("2026-11-23T10:00:00,5Z") == 1_795_428_000.5)
        #expect(ISO8601.parse("2026-11-23T10:00:00,5Z", .rfc3339) == nil)
        // A leap second reads as the last second of its minute for timestamps, as the next second in policies.
        #expect(ISO8601.parse("2026-11-23T10:00:60Z", .timestamp)?.seconds == 1_795_428_059)
        #expect(ISO8601.parse("2026-11-23T10:00:60Z", .policy)?.seconds == 1_795_428_060)
    }
}
