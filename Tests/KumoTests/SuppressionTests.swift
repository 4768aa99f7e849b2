import Testing
@testable import Kumo

/// `Construct.suppress(_:reason:)`: kumo check suppressions written into the resources' metadata.
@Suite struct SuppressionTests {
    @Test func aRoleSuppressionIsWrittenOnItsResource() throws {
        let template = try synthesize { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"])
            let role = Role(stack, "R", assumedBy: .serviceAccount("ns", "sa", of: cluster))
            role.suppress("KUMO-IRSA-001", reason: "the provider's only client ID is sts.amazonaws.com")
        }
        let metadata = try #require(template["Resources"]?[id("R")]?["Metadata"])
        #expect(metadata["kumo:suppressions"]?.serialized()
            == #"[{"id":"KUMO-IRSA-001","reason":"the provider's only client ID is sts.amazonaws.com"}]"#)
        #expect(metadata["aws:cdk:path"] == "TestStack/R/Resource")
        // Other resources are untouched.
        #expect(template["Resources"]?[id("C", "Resource")]?["Metadata"]?["kumo:suppressions"] == nil)
    }

    @Test func aStackSuppressionCoversResourcesCreatedLater() throws {
        let template = try synthesize { stack in
            stack.suppress(["KUMO-GH-005", "KUMO-POL-001"], reason: "accepted for the demo stack")
            OpenIDConnectProvider(stack, "P", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
            let role = Role(stack, "R", assumedBy: .service("ec2.amazonaws.com"))
            role.addToPolicy { Statement.allow("s3:*", on: "*") }
            role.suppress("KUMO-POL-001", reason: "narrower reason wins on the role")
        }
        let resources = try #require(template["Resources"]?.objectValue)
        #expect(resources.count == 3)
        for (_, resource) in resources {
            let ids = resource["Metadata"]?["kumo:suppressions"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["KUMO-GH-005", "KUMO-POL-001"], "\(resource)")
        }
        #expect(template.serialized().contains("narrower reason wins on the role"))
    }

    @Test func repeatedSuppressionsOfOneRuleKeepOneEntry() throws {
        let template = try synthesize { stack in
            let role = Role(stack, "R", assumedBy: .service("ec2.amazonaws.com"))
            role.suppress("KUMO-TRUST-004", reason: "first")
            role.suppress("KUMO-TRUST-004", reason: "second")
        }
        #expect(template["Resources"]?[id("R")]?["Metadata"]?["kumo:suppressions"]?.serialized() == #"[{"id":"KUMO-TRUST-004","reason":"second"}]"#)
    }

    @Test(arguments: [
        ("KUMO-IRSA-001", "  ", "the suppression of KUMO-IRSA-001 has no reason"),
        ("KUMO-IRSA-001", "", "the suppression of KUMO-IRSA-001 has no reason"),
        ("IRSA-001", "why", #""IRSA-001" is not a kumo check rule ID"#),
        ("kumo-irsa-001", "why", #""kumo-irsa-001" is not a kumo check rule ID"#),
        ("KUMO-IRSA-1", "why", #""KUMO-IRSA-1" is not a kumo check rule ID"#),
    ])
    func aSuppressionNeedsAReasonAndARuleID(rule: String, reason: String, message: String) {
        let errors = synthesisErrors { stack in
            Role(stack, "R", assumedBy: .service("ec2.amazonaws.com")).suppress(rule, reason: reason)
        }
        #expect(errors.count == 1)
        #expect(errors.first?.path == "TestStack/R")
        #expect(errors.first?.message == message, "\(errors)")
    }
}
