import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

/// The lifecycle rules on injected days, and the data file they embed.
@Suite struct LifecycleRuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func check(_ resources: String, on day: String) throws -> [Finding] {
        let template = try CloudTemplate(json: JSON(parsing: #"{"Resources": {\#(resources)}}"#), name: "S", file: "s.json")
        return try Checker(today: day).check([template]).active.filter { $0.rule.family == .lifecycle }
    }

    static func cluster(_ version: String) -> String {
        #""C": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "Version": "\#(version)", "RoleArn": "arn:aws:iam::123456789012:role/r", "ResourcesVpcConfig": {"SubnetIds": ["a", "b"]}}}"#
    }

    @Test func embeddedDataIsTheDataFile() throws {
        let file = try String(contentsOf: Self.root.appendingPathComponent("data/lifecycle.json"), encoding: .utf8)
        #expect(lifecycleDataJSON == file.trimmingCharacters(in: .newlines), "run scripts/refresh-lifecycle-data --swift")
        #expect(LifecycleData.shared.eksVersions.count >= 8)
        #expect(LifecycleData.shared.eksVersions.allSatisfy { !$0.source.isEmpty && $0.read.count == 10 })
        #expect(LifecycleData.shared.runtimes["nodejs14.x"]?.createBlock == "2024-01-09")
    }

    @Test func eksSupportStatesFollowTheDay() throws {
        // 1.34: standard support until 2026-12-02, extended until 2027-12-02 (EKS release calendar).
        #expect(try Self.check(Self.cluster("1.34"), on: "2026-12-01").isEmpty)
        let extended = try #require(try Self.check(Self.cluster("1.34"), on: "2026-12-03").first)
        #expect(extended.severity == .warning)
        #expect(extended.message.contains("past standard support since 2026-12-02: in extended support (billed per cluster hour) until 2027-12-02"))
        let ended = try #require(try Self.check(Self.cluster("1.34"), on: "2027-12-02").first)
        #expect(ended.severity == .error && ended.message.contains("which EKS no longer creates"))
        // Versions newer than the data: nothing to say.
        #expect(try Self.check(Self.cluster("1.40"), on: "2026-12-03").isEmpty)
    }

    @Test func versionsOlderThanTheCalendarHaveEnded() throws {
        let old = try #require(try Self.check(Self.cluster("1.22"), on: "2026-12-03").first)
        #expect(old.rule.id == "KUMO-LIFE-001" && old.severity == .error)
        #expect(old.message.contains("older than every version of the EKS release calendar Kumo has (1.23 left extended support on 2024-10-11)"))
        #expect(old.fix.hasPrefix("move to 1.34, the newest version in Kumo's data (read 2026-12-03), past standard support, in extended support until 2027-12-02"))
        let mid = try #require(try Self.check(Self.cluster("1.25"), on: "2026-12-03").first)
        #expect(mid.message.contains("(1.27 left extended support on 2025-07-24)"))
        // On a day when 1.25's successor row was still supported, nothing is known about 1.25: no finding.
        #expect(try Self.check(Self.cluster("1.25"), on: "2025-01-01").isEmpty)
    }

    @Test func lambdaRuntimesByPhase() throws {
        let function = #""F": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs14.x", "Handler": "i.h", "Role": "arn:aws:iam::123456789012:role/r", "Code": {"ZipFile": "x"}}}"#
        #expect(try Self.check(function, on: "2023-12-01").isEmpty)
        #expect(try Self.check(function, on: "2023-12-10").first?.severity == .warning)
        let blocked = try #require(try Self.check(function, on: "2024-02-01").first)
        #expect(blocked.severity == .error && blocked.message.contains("can no longer be created (since 2024-01-09)"))
        #expect(blocked.fix.contains("nodejs24.x"))
    }

    @Test func amiTypesAndEngines() throws {
        let nodes = #""N": {"Type": "AWS::EKS::Nodegroup", "Properties": {"ClusterName": "c", "NodeRole": "arn:aws:iam::123456789012:role/n", "Subnets": ["a"], "AmiType": "AL2_x86_64", "Version": "1.33"}}"#
        let ami = try #require(try Self.check(nodes, on: "2026-12-03").first)
        #expect(ami.severity == .error && ami.message.contains("the node group's Kubernetes 1.33 has none, so EKS cannot create it"))
        #expect(try Self.check(nodes, on: "2025-11-01").isEmpty)
        let database = #""D": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "EngineVersion": "13.6"}}"#
        let engine = try #require(try Self.check(database, on: "2026-12-03").first)
        #expect(engine.rule.id == "KUMO-LIFE-004" && engine.fix.hasPrefix("set EngineVersion to 13.9, the nearest creatable version of aurora-postgresql 13"))
    }
}
