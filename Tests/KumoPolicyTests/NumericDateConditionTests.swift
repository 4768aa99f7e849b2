import Testing

@testable import KumoPolicy

@Suite struct NumericDateConditionTests {
    /// The request value is on the left: `NumericLessThanEquals "10"` holds for request values up to 10.
    @Test(arguments: [
        (ConditionOperator.numericLessThanEquals, "10", "10", true),
        (.numericLessThanEquals, "10", "11", false),
        (.numericLessThanEquals, "10", "9.99", true),
        (.numericLessThan, "10", "10", false),
        (.numericLessThan, "10", "-10", true),
        (.numericGreaterThan, "-1", "0", true),
        (.numericGreaterThan, "-1", "-1.5", false),
        (.numericGreaterThanEquals, "0.5", "0.50", true),
        (.numericEquals, "10", "10.000", true),
        (.numericEquals, "10", "010", true),
        (.numericEquals, "0", "-0", true),
        (.numericEquals, "9007199254740993", "9007199254740992", false),  // exact, not via Double
        (.numericEquals, "0.1", "0.10000000000000001", false),
        (.numericLessThan, "9007199254740993", "9007199254740992", true),  // indistinguishable as Doubles
        (.numericGreaterThan, "0.1", "0.15", true),
        (.numericGreaterThan, "-0.1", "-0.15", false),
        (.numericLessThan, "100", "99.999", true),
        (.numericEquals, "1", "1e0", false),  // no exponents
        (.numericEquals, "1", "+1", false),
        (.numericEquals, "1", " 1", false),
        (.numericEquals, "abc", "1", false),  // an invalid policy value never matches
        (.numericEquals, "1", "abc", false),
        (.numericEquals, "5", "5.", false),
        (.numericNotEquals, "5", "6", true),
        (.numericNotEquals, "5", "5.0", false),
    ])
    func numeric(op: ConditionOperator, policy: String, request: String, expected: Bool) {
        #expect(holds(op, [policy], request: [request]) == expected)
    }

    /// A negated operator cannot decide on an unreadable value; the answer that denies access is taken.
    @Test func negatedNumericOnGarbageIsConservative() {
        let allow = evaluation(.numericNotEquals, ["5"], request: ["abc"], effect: .allow)
        #expect(!allow.result)
        #expect(allow.undetermined == [.uninterpretableValues])
        #expect(allow.reason.contains("undetermined"))
        #expect(holds(.numericNotEquals, ["5"], request: ["abc"], effect: .deny))
    }

    // 2026-11-23T10:00:00Z is epoch 1795428000; 1700000000 is 2023-11-14T22:13:20Z (checked with Python's datetime).
    @Test(arguments: [
        (ConditionOperator.dateGreaterThan, "2020-01-01T00:00:01Z", "2020-01-01T00:00:02Z", true),
        (.dateGreaterThan, "2020-01-01T00:00:01Z", "2020-01-01T00:00:01Z", false),
        (.dateGreaterThanEquals, "2020-01-01T00:00:01Z", "2020-01-01T00:00:01Z", true),
        (.dateEquals, "2026-11-23", "2026-11-23T00:00:00Z", true),  // a date is its UTC midnight
        (.dateEquals, "2026-11-23T10:00:00Z", "1795428000", true),  // ISO vs epoch
        (.dateEquals, "1700000000", "2023-11-14T22:13:20Z", true),
        (.dateEquals, "2026-11-23T19:00:00+09:00", "2026-11-23T10:00:00Z", true),  // offsets
        (.dateEquals, "2026-11-23T05:00:00-0500", "2026-11-23T10:00:00Z", true),
        (.dateEquals, "2026-11-23T10:00Z", "2026-11-23T10:00:00Z", true),  // minutes precision
        (.dateLessThan, "2026-11-23T10:00:00.5Z", "2026-11-23T10:00:00Z", true),  // fractions
        (.dateLessThan, "2026-11-23T10:00:00Z", "2026-11-23T10:00:00.001Z", false),
        (.dateLessThanEquals, "2026-11-23T10:00:00Z", "1795427999", true),
        (.dateLessThan, "2026", "2025-12-31T23:59:59Z", true),  // a year is its first instant
        (.dateEquals, "2024-02-29", "1709164800", true),  // leap day
        (.dateEquals, "2023-02-29", "2023-03-01", false),  // not a date: never matches
        (.dateEquals, "2026-*", "2026-01-01", false),  // wildcards are not permitted
        (.dateEquals, "2026-11-23T25:00:00Z", "2026-11-24T01:00:00Z", false),
        (.dateEquals, "2026-13-01", "2027-01-01", false),
        (.dateNotEquals, "2026-11-23", "2026-11-24", true),
        (.dateNotEquals, "2026-11-23", "2026-11-23T00:00:00+00:00", false),
    ])
    func dates(op: ConditionOperator, policy: String, request: String, expected: Bool) {
        #expect(holds(op, [policy], request: [request]) == expected)
    }

    @Test func dateParsing() throws {
        #expect(try #require(DateValue("2026-11-23T10:00:00Z")).seconds == 1_795_428_000)
        #expect(try #require(DateValue("1970-01-01T00:00:00Z")).seconds == 0)
        #expect(try #require(DateValue("1969-12-31T23:59:59Z")).seconds == -1)
        #expect(try #require(DateValue("1795428000.25")).nanoseconds == 250_000_000)
        for bad in [
            "", "T", "2026-11-23T", "2026-11-23 10:00:00Z", "2026-11-23T10", "2026-11-23T10:00:00ZZ", "1e9", "-5",
            "2026-1-1", "2026-11-23T10:00:00+24:00", "9999999999999",
        ] {
            #expect(DateValue(bad) == nil, "\(bad)")
        }
    }
}
