import Testing
@testable import Kumo

@Suite struct DNSTests {
    @Test func zoneRecordAndCertificateAreByteIdenticalToTheSample() throws {
        let template = try synthesizeLikeSample { stack in
            let zone = PublicHostedZone(stack, "PublicHostedZone", zoneName: "example.com", comment: "free sample domain",
                                        caaAmazon: true)
            Certificate(stack, "Certificate", domainName: "example.com", validation: .dns(zone))
        }
        expectIdenticalToSample(template, ["PublicHostedZone49973947", "PublicHostedZoneCaaAmazon3818A1F4", "Certificate4E7ABB08"])
    }

    @Test func missingDomainContextNamesTheKey() {
        let errors = synthesisErrorsLikeSample(context: [:]) { stack in
            if let domain = stack.requireContext("domain", purpose: "the domain", example: "example.com")?.stringValue {
                PublicHostedZone(stack, "Zone", zoneName: domain)
            }
            CfnResource(stack, "Placeholder", type: "AWS::CloudFormation::WaitConditionHandle")
        }
        #expect(errors.count == 1)
        #expect(errors.first?.path == "MyEKSStack")
        #expect(errors.first?.message == "context key \"domain\" is not set; it gives the domain")
        #expect(errors.first?.fix?.contains("kumo synth -c 'domain=example.com'") == true)
    }

    @Test(arguments: ["exa mple.com", "-example.com", "example..com", String(repeating: "a", count: 64) + ".com"])
    func rejectsBadZoneNames(name: String) {
        let errors = synthesisErrorsLikeSample { stack in PublicHostedZone(stack, "Zone", zoneName: name) }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.hasPrefix("zone name \"\(name)\" is not valid") == true)
    }

    @Test func certificateNamesMustBeInTheValidationZone() {
        let errors = synthesisErrorsLikeSample { stack in
            let zone = PublicHostedZone(stack, "Zone", zoneName: "example.com")
            Certificate(stack, "Cert", domainName: "example.org", alternativeNames: ["*.example.com"], validation: .dns(zone))
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains("example.org is not in hosted zone example.com") == true)
    }
}
