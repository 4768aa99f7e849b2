import Foundation
import Testing
import Kumo

/// `kumo simulate --pod-identity` end to end: exit 0 allowed, 1 denied, the explanation, the JSON document.
@Suite struct SimulatePodIdentityCommandTests {
    static let trust = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"Service": "pods.eks.amazonaws.com"}, "Condition": {"StringEquals": {"aws:RequestTag/eks-cluster-name": "eks", "aws:RequestTag/kubernetes-namespace": "main"}}}]}"#

    static func template() throws -> String {
        let dir = CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("t.json").path
        let text = #"{"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "eks", "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1", "subnet-2"]}}}, "R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app", "AssumeRolePolicyDocument": \#(trust)}}, "A": {"Type": "AWS::EKS::PodIdentityAssociation", "Properties": {"ClusterName": {"Ref": "C"}, "Namespace": "main", "ServiceAccount": "app", "RoleArn": {"Fn::GetAtt": ["R", "Arn"]}}}, "B": {"Type": "AWS::EKS::PodIdentityAssociation", "Properties": {"ClusterName": {"Ref": "C"}, "Namespace": "ops", "ServiceAccount": "app", "RoleArn": {"Fn::GetAtt": ["R", "Arn"]}}}}}"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theAssociatedServiceAccountIsAllowedWithoutNamingTheRole() throws {
        let run = try CLI.run(["simulate", "--template", Self.template(), "--pod-identity", "main:app", "--at", "2026-12-03T10:00:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ALLOW  app (R) in t"))
        #expect(run.stdout.contains("✓ eks association association A gives service account main/app on cluster eks role app"))
        #expect(run.stdout.contains("✓ iam tags        the trust policy allows sts:TagSession"))
        #expect(run.stdout.contains(#"✓ StringEquals aws:RequestTag/kubernetes-namespace: "main" matches "main""#))
    }

    @Test func anAssociationTheTrustDoesNotAdmitIsDenied() throws {
        let run = try CLI.run(["simulate", "--template", Self.template(), "--pod-identity", "ops:app", "--at", "2026-12-03T10:00:00Z"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("DENY  app (R) in t"))
        #expect(run.stdout.contains(#"✗ iam trust       AccessDenied: Not authorized to perform sts:AssumeRole: no statement allows it: Statement[0] (Allow): StringEquals aws:RequestTag/kubernetes-namespace: "ops" does not match "main""#))
    }

    @Test func aMissingAssociationIsDeniedWithTheRoleNamed() throws {
        let run = try CLI.run(["simulate", "--template", Self.template(), "--pod-identity", "main:other", "--role", "app", "--at", "2026-12-03T10:00:00Z"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ eks association no Pod Identity association for service account main/other on cluster eks in t (the cluster's associations: main/app, ops/app)"))
        let given = try CLI.run(["simulate", "--template", Self.template(), "--pod-identity", "main:other", "--role", "app", "--associated", "--at", "2026-12-03T10:00:00Z"])
        #expect(given.status == 0, "\(given.stdout)")
    }

    @Test func sourceKeysAreUnknownUnlessStated() throws {
        let dir = CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("s.json").path
        let text = #"{"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "eks", "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1", "subnet-2"]}}}, "R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"Service": "pods.eks.amazonaws.com"}, "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]}}}}}"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["simulate", "--template", path, "--pod-identity", "main:app", "--role", "app", "--associated"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("keys the offline request does not carry, taken as denying: aws:SourceAccount (AWS does not document aws:SourceAccount/aws:SourceArn for Pod Identity"))
        let stated = try CLI.run(["simulate", "--template", path, "--pod-identity", "main:app", "--role", "app", "--associated", "--source-account", "123456789012"])
        #expect(stated.status == 0, "\(stated.stdout)")
    }

    @Test func jsonNamesTheMechanismTheClusterAndTheAssociation() throws {
        let run = try CLI.run(["simulate", "--template", Self.template(), "--pod-identity", "main:app", "--format", "json", "--at", "2026-12-03T10:00:00Z"])
        #expect(run.status == 0)
        let json = try JSON(parsing: run.stdout)
        #expect(json["mechanism"] == "podIdentity")
        #expect(json["decision"] == "allow")
        #expect(json["association"] == "A")
        #expect(json["cluster"]?["name"] == "eks")
        #expect(json["context"]?["aws:RequestTag/kubernetes-service-account"] == ["app"])
        #expect(json["context"]?["aws:TagKeys"]?.arrayValue?.count == 6)
    }
}
