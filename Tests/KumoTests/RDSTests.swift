import Testing
@testable import Kumo

@Suite struct RDSTests {
    private func database(_ stack: Stack, _ fixture: EKSFixture, acknowledge: Bool = false) -> DatabaseCluster {
        let database = DatabaseCluster(
            stack, "DatabaseCluster", engine: .auroraPostgres(version: "13.6"), identifier: "cluster-identifier",
            instanceIdentifierBase: "db-instance-identifier",
            credentials: .generated(username: "postgres", secretName: "database-secrets"), instanceType: "db.t3.medium",
            instances: 1, vpc: fixture.vpc, subnetType: .isolated, port: 5432, defaultDatabaseName: "EksDatabaseName",
            deletionProtection: false, removalPolicy: .destroy, allowMajorVersionUpgrade: false,
            autoMinorVersionUpgrade: true, deleteAutomatedBackups: false, enablePerformanceInsights: false,
            publiclyAccessible: false)
        database.connections.allowFrom(fixture.cluster, .tcp(5432), "Allow access to Database clster from EKS cluster")
        if acknowledge { database.allowDeprecatedEngineVersion(reason: "kept on purpose") }
        return database
    }

    @Test func databaseIsByteIdenticalToTheSample() throws {
        let template = try synthesizeLikeSample { stack in _ = database(stack, EKSFixture(stack)) }
        expectIdenticalToSample(template, [
            "DatabaseClusterSubnets7FAE1846", "DatabaseClusterSecurityGroupCBE34284",
            "DatabaseClusterSecurityGroupfromMyEKSStackEKSClusterClusterSecurityGroup19D802425432D8E3C473",
            "DatabaseClusterSecurityGroupfromMyEKSStackEKSClusterControlPlaneSecurityGroup5C040374543245FEB28A",
            "MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb",
            "DatabaseClusterSecretAttachmentB8BF2F7B", "DatabaseCluster68FC2945", "DatabaseClusterInstance1C566869D",
        ])
    }

    @Test func secretLogicalIDHashesThePasswordCriteria() {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let db = database(stack, EKSFixture(stack))
        let expected = "MyEKSStackDatabaseClusterSecret2951FE7C"
            + LogicalIDs.md5Hex(#"{"excludeCharacters":" %+~`#$&*()|[]{}:;<>?!'/@\"\\"}"#)
        #expect(db.secret.resource.logicalID == expected)
        #expect(expected == "MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb")
    }

    @Test func deprecatedEngineVersionIsSuppressedWithItsReason() throws {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        _ = database(stack, EKSFixture(stack), acknowledge: true)
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
