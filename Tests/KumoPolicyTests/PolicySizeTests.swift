import KumoJSON
import Testing

@testable import KumoPolicy

@Suite struct PolicySizeTests {
    @Test func countsWithoutInsignificantWhitespace() {
        let text = "{ \"a\" : \"b c\" }"
        #expect(PolicySize.characterCount(text, excludingWhitespace: false) == 15)
        #expect(PolicySize.characterCount(text) == 11)  // {"a":"b c"}: the space inside the string counts
        #expect(PolicySize.characterCount("{\"a\":\"x\\\" y\"}\n") == 13)  // an escaped quote does not end the string
        #expect(PolicySize.characterCount("\t\r\n ") == 0)
    }

    /// The pretty-printed GitHub trust policy, measured without whitespace, is exactly its compact serialisation.
    @Test func prettyAndCompactAgree() throws {
        let json = try JSON(parsing: Fixtures.githubTrust)
        let compact = json.serialized(.compact)
        #expect(PolicySize.characterCount(Fixtures.githubTrust) == compact.unicodeScalars.count)
        #expect(PolicySize.characterCount(json) == compact.unicodeScalars.count)
        #expect(PolicySize.characterCount(Fixtures.githubTrust) < PolicySize.trustPolicyDefaultQuota)
        #expect(PolicySize.characterCount(Fixtures.githubTrust, excludingWhitespace: false) > compact.count)
    }

    @Test func quotas() {
        #expect(PolicySize.trustPolicyDefaultQuota == 2_048)
        #expect(PolicySize.trustPolicyMaximumQuota == 4_096)
        #expect(PolicySize.managedPolicyQuota == 6_144)
    }
}
