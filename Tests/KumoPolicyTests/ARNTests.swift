import Testing

import KumoPolicy

/// The one ARN type: parse, build, per-component match, symbolic components.
@Suite struct ARNTests {
    @Test func parsesSixComponentsKeepingTheResourcesColons() throws {
        let arn = try #require(ARN("arn:aws:sts::111122223333:assumed-role/Deploy/session:with:colons"))
        #expect(arn.partition == "aws")
        #expect(arn.service == "sts")
        #expect(arn.region == "")
        #expect(arn.account == "111122223333")
        #expect(arn.resource == "assumed-role/Deploy/session:with:colons")
        #expect(arn.resourceType == "assumed-role")
        #expect(arn.description == "arn:aws:sts::111122223333:assumed-role/Deploy/session:with:colons")
    }

    @Test(arguments: ["", "*", "arn:aws:iam::111122223333", "ARN:aws:iam::111122223333:role/x", "urn:aws:iam::1:role/x", "bucket-name"])
    func refusesWhatIsNotAnARN(text: String) {
        #expect(ARN(text) == nil)
    }

    @Test func buildsAndJudgesCompleteness() {
        let role = ARN(service: "iam", account: "111122223333", resource: "role/ci/deploy")
        #expect(role.description == "arn:aws:iam::111122223333:role/ci/deploy")
        #expect(role.resourceName == "deploy")
        #expect(role.isComplete)
        #expect(ARN("arn:aws:::111122223333:role/x")?.isComplete == false)  // no service
        #expect(ARN("arn:aws:s3:::")?.isComplete == false)  // no resource
    }

    @Test func matchesComponentByComponent() {
        #expect(ARN.matches("arn:aws:s3:::bucket/key", pattern: "arn:aws:s3:::bucket/*") == true)
        // A wildcard stays inside its component (it would match under StringLike).
        #expect(ARN.matches("arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc",
                            pattern: "arn:aws:svc:*:111122223333:finance/*") == false)
        #expect(ARN.matches("not-an-arn", pattern: "*") == nil)
    }

    @Test func symbolicComponentsParse() throws {
        let arn = try #require(ARN("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app"))
        #expect(ARN.isSymbolic(arn.account))
        #expect(ARN.isSymbolic(arn.partition))
        #expect(!ARN.isSymbolic(arn.service))
    }
}
