import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import PodIdentityExample
import Testing

/// `kumo check --manifests` at each step of the move, on the templates Kumo synthesizes and the example's manifests.
@Suite struct ExternalDNSMigrationCheckTests {
    static let gitops = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../gitops").standardized

    static func check(_ step: ExternalDNSStack.Step, manifests: String) throws -> CheckReport {
        let app = App()
        ExternalDNSStack(app, step: step)
        let artifact = try #require(try app.synthesize().stacks.first)
        let template = try CloudTemplate(
            json: artifact.template, name: artifact.name, file: "ExternalDNSStack.template.json",
            environment: .init(account: artifact.environment.account, region: artifact.environment.region))
        let objects = try KubernetesManifests.load(gitops.appendingPathComponent(manifests).path)
        return try Checker(today: "2026-12-03").check([template], manifests: objects)
    }

    static func ids(_ report: CheckReport) -> [String] { report.active.map(\.rule.id).sorted() }

    @Test func beforeTheMoveOnlyIRSA() throws {
        #expect(Self.ids(try Self.check(.irsa, manifests: "annotated")) == [])
    }

    @Test func withBothTheAnnotationWinsAndTheRoleTrustsBoth() throws {
        let report = try Self.check(.both, manifests: "annotated")
        #expect(Self.ids(report) == ["KUMO-K8S-006", "KUMO-POD-003"])
        let wins = try #require(report.active.first { $0.rule.id == "KUMO-K8S-006" })
        #expect(wins.message.contains("its pods get IRSA's web-identity credentials for role-for-external-dns, not Pod Identity's"))
        #expect(wins.location.object == "ServiceAccount main/account-for-external-dns")
    }

    @Test func afterRemovingTheAnnotationOnlyTheIRSAStatementRemains() throws {
        #expect(Self.ids(try Self.check(.both, manifests: "pod-identity")) == ["KUMO-K8S-003", "KUMO-POD-003"])
    }

    @Test func atTheEndNothingIsLeft() throws {
        #expect(Self.ids(try Self.check(.podIdentity, manifests: "pod-identity")) == [])
    }

    @Test func aWorkloadWithNeitherMechanismIsReported() throws {
        // The IRSA-only infrastructure with the Pod Identity manifests: the ServiceAccount has no annotation and no association.
        let report = try Self.check(.irsa, manifests: "pod-identity")
        let none = try #require(report.active.first { $0.rule.id == "KUMO-K8S-004" })
        #expect(none.message.contains("which has neither a eks.amazonaws.com/role-arn annotation nor a Pod Identity association"))
    }
}
