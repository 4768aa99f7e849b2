import Testing
@testable import Kumo
@testable import Stacks

@Suite struct RDSTests {
    /// The Aurora cluster the bundled stack builds (`stacks/Database.swift`), in the sample's network and cluster.
    private func database(_ stack: Stack) -> DatabaseCluster {
        let fixture = EKSFixture(stack)
        return stack.database(fixture.vpc, cluster: fixture.cluster)
    }

    /// Every resource of the database is CDK's, byte for byte; the cluster and its instance only add the
    /// suppression of the engine's deprecation (cfn-lint's W3690/W3691, Kumo's KUMO-LIFE-004) to their metadata.
    @Test func databaseIsByteIdenticalToTheSample() throws {
        let template = try synthesizeLikeSample { stack in _ = database(stack) }
        expectIdenticalToSample(template, [
            "DatabaseClusterSubnets7FAE1846", "DatabaseClusterSecurityGroupCBE34284",
            "DatabaseClusterSecurityGroupfromMyEKSStackEKSClusterClusterSecurityGroup19D802425432D8E3C473",
            "DatabaseClusterSecurityGroupfromMyEKSStackEKSClusterControlPlaneSecurityGroup5C040374543245FEB28A",
            "MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb",
            "DatabaseClusterSecretAttachmentB8BF2F7B",
        ])
        for id in ["DatabaseCluster68FC2945", "DatabaseClusterInstance1C566869D"] {
            var entry = try #require(template["Resources"]?[id]?.objectValue)
            var metadata = try #require(entry["Metadata"]?.objectValue)
            #expect(metadata["kumo:suppressions"]?.arrayValue?.first?["id"] == "KUMO-LIFE-004")
            #expect(metadata["cfn-lint"] != nil)
            metadata["cfn-lint"] = nil
            metadata["kumo:suppressions"] = nil
            entry["Metadata"] = .object(metadata)
            #expect(JSON.object(entry).serialized(.cdkTemplate) == Sample.resource(id)?.serialized(.cdkTemplate), "\(id)")
        }
    }

    @Test func secretLogicalIDHashesThePasswordCriteria() {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let db = database(stack)
        let expected = "MyEKSStackDatabaseClusterSecret2951FE7C"
            + LogicalIDs.md5Hex(#"{"excludeCharacters":" %+~`#$&*()|[]{}:;<>?!'/@\"\\"}"#)
        #expect(db.secret.resource.logicalID == expected)
        #expect(expected == "MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb")
    }

    @Test func deprecatedEngineVersionIsSuppressedWithItsReason() throws {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let vpc = Vpc(stack, "VPC", maxAZs: 2, subnets: [SubnetConfiguration(name: "i", type: .isolated)])
        DatabaseCluster(stack, "DatabaseCluster", engine: .auroraPostgres(version: "13.6"), credentials: .generated(username: "postgres"),
                        instanceType: "db.t3.medium", instances: 1, vpc: vpc, subnetType: .isolated)
            .allowDeprecatedEngineVersion(reason: "kept on purpose")
        let assembly = try app.synthesize()
        let resources = assembly.stacks[0].template["Resources"]
        #expect(resources?["DatabaseCluster68FC2945"]?["Metadata"]?.serialized()
                == #"{"cfn-lint":{"config":{"ignore_checks":["W3690"]}},"kumo:suppressions":[{"id":"KUMO-LIFE-004","reason":"kept on purpose"}],"aws:cdk:path":"MyEKSStack/DatabaseCluster/Resource"}"#)
        #expect(resources?["DatabaseClusterInstance1C566869D"]?["Metadata"]?["kumo:suppressions"]?.serialized() == #"[{"id":"KUMO-LIFE-004","reason":"kept on purpose"}]"#)
        #expect(resources?["DatabaseClusterInstance1C566869D"]?["Metadata"]?["cfn-lint"]?.serialized() == #"{"config":{"ignore_checks":["W3691"]}}"#)
        let notes = assembly.diagnostics.filter { $0.severity == .info && $0.message.contains("kept on purpose") }
        #expect(notes.map(\.path) == ["MyEKSStack/DatabaseCluster/Resource", "MyEKSStack/DatabaseCluster/Instance1"])
    }

    @Test func rejectsBadIdentifiersAndNames() {
        let errors = synthesisErrorsLikeSample { stack in
            let vpc = Vpc(stack, "VPC", maxAZs: 2, subnets: [
                SubnetConfiguration(name: "p", type: .public), SubnetConfiguration(name: "i", type: .isolated),
            ])
            DatabaseCluster(stack, "DB", engine: .auroraPostgres(version: "13.6"), identifier: "1-bad--id-",
                            instanceIdentifierBase: "ok", credentials: .generated(username: "_admin"),
                            instanceType: "t3.medium", instances: 1, vpc: vpc, subnetType: .isolated, port: 80,
                            defaultDatabaseName: "my-db")
        }
        let messages = errors.filter { $0.path == "MyEKSStack/DB" }.map(\.message)
        #expect(messages.contains { $0.contains("cluster identifier \"1-bad--id-\"") })
        #expect(messages.contains { $0.contains("database name \"my-db\"") })
        #expect(messages.contains { $0.contains("port 80") })
        #expect(messages.contains { $0.contains("instance type \"t3.medium\"") })
        #expect(messages.contains { $0.contains("master username \"_admin\"") })
    }

    @Test func subnetGroupsNeedTwoZones() {
        let errors = synthesisErrorsLikeSample { stack in
            let vpc = Vpc(stack, "VPC", maxAZs: 1, subnets: [SubnetConfiguration(name: "i", type: .isolated)])
            DatabaseCluster(stack, "DB", engine: .auroraPostgres(version: "13.6"), credentials: .generated(username: "admin"),
                            instanceType: "db.t3.medium", vpc: vpc, subnetType: .isolated)
        }
        #expect(errors.contains { $0.path == "MyEKSStack/DB/Subnets" && $0.message.contains("at least two availability zones") }, "\(errors)")
    }
}
