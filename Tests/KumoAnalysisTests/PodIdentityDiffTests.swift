import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

/// `kumo diff` on Pod Identity: widened session-tag conditions and associations that move are classified.
@Suite struct PodIdentityDiffTests {
    static func podTrust(_ conditions: JSON) -> JSON {
        ["Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": ["Service": "pods.eks.amazonaws.com"], "Condition": conditions]
    }

    static let cluster: JSON = ["Type": "AWS::EKS::Cluster", "Properties": ["Name": "eks", "RoleArn": "arn:aws:iam::111122223333:role/eks", "ResourcesVpcConfig": ["SubnetIds": ["a", "b"]]]]

    static func association(_ role: String, namespace: String = "main", disable: Bool? = nil) -> JSON {
        var properties: JSONObject = ["ClusterName": ["Ref": "Cluster"], "Namespace": .string(namespace), "ServiceAccount": "app", "RoleArn": ["Fn::GetAtt": [.string(role), "Arn"]]]
        if let disable { properties["DisableSessionTags"] = .bool(disable) }
        return ["Type": "AWS::EKS::PodIdentityAssociation", "Properties": .object(properties)]
    }

    static let narrow = podTrust(["StringEquals": ["aws:RequestTag/kubernetes-namespace": "main", "aws:RequestTag/kubernetes-service-account": "app"]])

    @Test func aWidenedTagConditionBroadens() throws {
        let wide = Self.podTrust(["StringEquals": ["aws:RequestTag/kubernetes-service-account": "app"], "StringLike": ["aws:RequestTag/kubernetes-namespace": "*"]])
        let diff = try DiffFixture.diff(
            DiffFixture.template(["A": DiffFixture.role(trust: [Self.narrow])]), DiffFixture.template(["A": DiffFixture.role(trust: [wide])]))
        #expect(diff.iam.map(\.classification) == [.broadening])
        #expect(diff.iam.first?.reason.contains("wider pattern *") == true)
        let removed = try DiffFixture.diff(
            DiffFixture.template(["A": DiffFixture.role(trust: [Self.narrow])]),
            DiffFixture.template(["A": DiffFixture.role(trust: [Self.podTrust(["StringEquals": ["aws:RequestTag/kubernetes-service-account": "app"]])])]))
        #expect(removed.iam.map(\.classification) == [.broadening])
    }

    @Test func anAssociationPointingToAnotherRoleBroadensTheNewAndNarrowsTheOld() throws {
        let roles: JSONObject = ["Cluster": Self.cluster, "A": DiffFixture.role("a", trust: [Self.narrow]), "B": DiffFixture.role("b", trust: [Self.narrow])]
        var before = roles, after = roles
        before["Assoc"] = Self.association("A")
        after["Assoc"] = Self.association("B")
        let diff = try DiffFixture.diff(DiffFixture.template(before), DiffFixture.template(after))
        let byRole = Dictionary(uniqueKeysWithValues: diff.iam.map { ($0.subject.logicalID, $0) })
        #expect(byRole["B"]?.classification == .broadening)
        #expect(byRole["B"]?.new == ["main/app on cluster eks (association Assoc)"])
        #expect(byRole["B"]?.reason == "service account main/app of cluster eks now gets this role through Pod Identity (it had role a)")
        #expect(byRole["A"]?.classification == .narrowing)
        #expect(diff.iam.contains { $0.classification.failsBroadeningGate })
    }

    @Test func addedRemovedAndSessionTagChanges() throws {
        let base: JSONObject = ["Cluster": Self.cluster, "A": DiffFixture.role("a", trust: [Self.narrow])]
        var with = base
        with["Assoc"] = Self.association("A")
        #expect(try DiffFixture.diff(DiffFixture.template(base), DiffFixture.template(with)).iam.map(\.classification) == [.broadening])
        #expect(try DiffFixture.diff(DiffFixture.template(with), DiffFixture.template(base)).iam.map(\.classification) == [.narrowing])
        var moved = base
        moved["Assoc"] = Self.association("A", namespace: "ops")
        #expect(try DiffFixture.diff(DiffFixture.template(with), DiffFixture.template(moved)).iam.map(\.classification).sorted() == [.broadening, .narrowing])
        var untagged = base
        untagged["Assoc"] = Self.association("A", disable: true)
        let tags = try DiffFixture.diff(DiffFixture.template(with), DiffFixture.template(untagged)).iam
        #expect(tags.map(\.classification) == [.review])
        #expect(tags.first?.reason.hasPrefix("session tags disabled") == true)
        #expect(try DiffFixture.diff(DiffFixture.template(with), DiffFixture.template(with)).iam.isEmpty)
    }
}
