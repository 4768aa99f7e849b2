import Testing
@testable import Kumo

@Suite struct EC2Tests {
    @Test func networkIsByteIdenticalToTheSample() throws {
        let template = try synthesizeLikeSample { stack in _ = EKSFixture(stack) }
        let vpcResources = Sample.template["Resources"]!.objectValue!.keys.filter { $0.hasPrefix("VPC") }
        #expect(vpcResources.count == 33)
        expectIdenticalToSample(template, Array(vpcResources))
        expectIdenticalToSample(template, ["EKSClusterControlPlaneSecurityGroup580AD1FE", "EKSNodesLaunchTemplate6CBEFBA0"])
    }

    @Test func subnetsGetConsecutiveBlocksPerGroupAndZone() throws {
        let template = try synthesizeLikeSample { stack in
            Vpc(stack, "V", cidr: "10.1.0.0/16", maxAZs: 2, subnets: [
                SubnetConfiguration(name: "a", type: .public, cidrMask: 20),
                SubnetConfiguration(name: "b", type: .isolated, cidrMask: 24),
                SubnetConfiguration(name: "c", type: .isolated),
            ])
        }
        func cidr(_ subnet: String) -> String? {
            template["Resources"]?[LogicalIDs.make(["V", subnet, "Subnet"])]?["Properties"]?["CidrBlock"]?.stringValue
        }
        #expect(cidr("aSubnet1") == "10.1.0.0/20")
        #expect(cidr("aSubnet2") == "10.1.16.0/20")
        #expect(cidr("bSubnet1") == "10.1.32.0/24")
        #expect(cidr("bSubnet2") == "10.1.33.0/24")
        // The rest (10.1.34.0 - 10.1.255.255) split in two equal power-of-two blocks, aligned.
        #expect(cidr("cSubnet1") == "10.1.64.0/18")
        #expect(cidr("cSubnet2") == "10.1.128.0/18")
    }

    @Test func missingAvailabilityZoneContextNamesTheKey() {
        let errors = synthesisErrorsLikeSample(context: [:]) { stack in Vpc(stack, "VPC", maxAZs: 2) }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.path == "MyEKSStack/VPC")
        #expect(errors.first?.message.contains("\"availability-zones:account=123456789012:region=ap-northeast-1\" is not set") == true)
        #expect(errors.first?.fix?.contains("kumo synth -c 'availability-zones:account=123456789012:region=ap-northeast-1=[\"ap-northeast-1a\",\"ap-northeast-1c\"]'") == true)
    }

    @Test func environmentAgnosticStacksUseDeployTimeZones() throws {
        let template = try synthesize(environment: .agnostic) { stack in Vpc(stack, "V", maxAZs: 3) }
        let zone = template["Resources"]?[LogicalIDs.make(["V", "PublicSubnet1", "Subnet"])]?["Properties"]?["AvailabilityZone"]
        #expect(zone?.serialized() == #"{"Fn::Select":[0,{"Fn::GetAZs":""}]}"#)
    }

    @Test(arguments: [
        ("10.0.0.0/33", "is not a valid IPv4 block"),
        ("10.0.0.1/16", "is not a valid IPv4 block"),
        ("10.0.0.0/8", "AWS allows /16 to /28"),
    ])
    func rejectsBadVpcBlocks(cidr: String, message: String) {
        let errors = synthesisErrorsLikeSample { stack in Vpc(stack, "VPC", cidr: cidr, maxAZs: 2) }
        #expect(errors.contains { $0.path == "MyEKSStack/VPC" && $0.message.contains(message) && $0.fix != nil }, "\(errors)")
    }

    @Test func rejectsSubnetPlansThatDoNotFit() {
        let errors = synthesisErrorsLikeSample { stack in
            Vpc(stack, "VPC", cidr: "10.0.0.0/24", maxAZs: 2, subnets: [
                SubnetConfiguration(name: "p", type: .public, cidrMask: 25),
                SubnetConfiguration(name: "i", type: .isolated, cidrMask: 25),
            ])
        }
        #expect(errors.contains { $0.message.contains("do not fit in 10.0.0.0/24") }, "\(errors)")
    }

    @Test func rejectsBadMasksDuplicateNamesAndNATWithoutPublicSubnets() {
        let errors = synthesisErrorsLikeSample { stack in
            Vpc(stack, "VPC", cidr: "10.0.0.0/16", maxAZs: 2, subnets: [
                SubnetConfiguration(name: "x", type: .privateWithNAT, cidrMask: 30),
                SubnetConfiguration(name: "x", type: .isolated, cidrMask: 24),
            ])
        }
        let messages = errors.map(\.message)
        #expect(messages.contains { $0.contains("has mask /30") })
        #expect(messages.contains { $0.contains("two subnet groups are named \"x\"") })
        #expect(messages.contains { $0.contains("need a public subnet group") })
    }

    @Test func securityGroupRulesBetweenGroupsAreSeparateResources() throws {
        let template = try synthesizeLikeSample { stack in
            let vpc = Vpc(stack, "V", maxAZs: 2)
            let a = SecurityGroup(stack, "A", vpc: vpc, allowAllOutbound: false)
            let b = SecurityGroup(stack, "B", vpc: vpc, description: "b")
            b.connections.allowFrom(a, .tcp(443))
            b.connections.allowFrom(.cidr("192.0.2.0/24"), .udp(53))
        }
        let uidA = LogicalIDs.make(["MyEKSStack", "A"])
        let uidB = LogicalIDs.make(["MyEKSStack", "B"])
        let ingress = try #require(template["Resources"]?[LogicalIDs.make(["B", "from \(uidA):443"])])
        #expect(ingress["Properties"]?.serialized() == #"{"IpProtocol":"tcp","Description":"from \#(uidA):443","FromPort":443,"GroupId":{"Fn::GetAtt":["\#(id("B"))","GroupId"]},"SourceSecurityGroupId":{"Fn::GetAtt":["\#(id("A"))","GroupId"]},"ToPort":443}"#)
        let egress = try #require(template["Resources"]?[LogicalIDs.make(["A", "to \(uidB):443"])])
        #expect(egress["Type"] == "AWS::EC2::SecurityGroupEgress")
        let inline = template.properties(of: id("B"))?["SecurityGroupIngress"]
        #expect(inline?.serialized() == #"[{"CidrIp":"192.0.2.0/24","Description":"from 192.0.2.0/24:UDP 53","FromPort":53,"IpProtocol":"udp","ToPort":53}]"#)
    }

    @Test func templateSuppressesW3010OnlyForContextZones() throws {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        Vpc(stack, "VPC", maxAZs: 2)
        let assembly = try app.synthesize()
        #expect(assembly.stacks[0].template["Metadata"]?.serialized() == #"{"cfn-lint":{"config":{"ignore_checks":["W3010"]}}}"#)
        #expect(assembly.diagnostics.contains { $0.severity == .info && $0.message.contains("W3010 suppressed") })
    }
}
