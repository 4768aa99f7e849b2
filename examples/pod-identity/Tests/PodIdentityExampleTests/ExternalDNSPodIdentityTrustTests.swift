import Foundation
import Kumo
import KumoTesting
import PodIdentityExample
import Testing

/// Who gets role-for-external-dns through EKS Pod Identity, at each step of the move from IRSA — evaluated on the
/// template Kumo synthesizes, as EKS and IAM would decide.
@Suite struct ExternalDNSPodIdentityTrustTests {
    static let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    static let pod = PodIdentityCall.podIdentity("main", "account-for-external-dns")

    func trust(at step: ExternalDNSStack.Step) throws -> RoleTrust {
        let app = App()
        let stack = ExternalDNSStack(app, step: step)
        return try Template(stack: stack).trust(of: "EditRoute53RecordRole", issuer: Self.issuer)
    }

    @Test func theServiceAccountGetsTheRoleThroughItsAssociation() throws {
        let role = try trust(at: .podIdentity)
        role.expectAllowed(Self.pod)
        role.expectAllowed(Self.pod.onCluster("eks-cluster").pod("external-dns-5d8f7c9b4-x2x7k"))
    }

    @Test func otherNamespacesAndServiceAccountsAreDenied() throws {
        let role = try trust(at: .podIdentity)
        // No association for them: EKS never assumes the role for their pods.
        role.expectDenied(.podIdentity("default", "account-for-external-dns"), because: "no Pod Identity association for service account default/account-for-external-dns")
        role.expectDenied(.podIdentity("main", "account-for-db-migrator"), because: "no Pod Identity association")
        // And if someone associated them with the role anyway, the trust's session-tag conditions still deny.
        role.expectDenied(.podIdentity("default", "account-for-external-dns").associatedOutsideTemplate(),
                          because: #"aws:RequestTag/kubernetes-namespace: "default" does not match "main""#)
        role.expectDenied(.podIdentity("main", "account-for-db-migrator").associatedOutsideTemplate(),
                          because: #"aws:RequestTag/kubernetes-service-account: "account-for-db-migrator" does not match "account-for-external-dns""#)
    }

    @Test func anotherClusterIsDenied() throws {
        let role = try trust(at: .podIdentity)
        let other = Self.pod.onCluster(arn: "arn:aws:eks:ap-northeast-1:123456789012:cluster/staging")
        role.expectDenied(other, because: "no Pod Identity association for service account main/account-for-external-dns on cluster staging")
        role.expectDenied(other.associatedOutsideTemplate(), because: "aws:RequestTag/eks-cluster-arn")
    }

    @Test func aClusterOfAnotherAccountIsDenied() throws {
        // The confused deputy: a cluster in another account whose administrators point an association at this role.
        let role = try trust(at: .podIdentity)
        let foreign = Self.pod.onCluster(arn: "arn:aws:eks:ap-northeast-1:999999999999:cluster/eks-cluster").associatedOutsideTemplate()
        role.expectDenied(foreign, because: "EKS only associates roles of the cluster's account")
    }

    @Test func whileBothMechanismsAreTrustedTheRoleAdmitsBoth() throws {
        let role = try trust(at: .both)
        role.expectAllowed(Self.pod)
        role.expectAllowed(.serviceAccount("main", "account-for-external-dns"))
        role.expectDenied(.serviceAccount("main", "account-for-db-migrator"), because: "does not match")
    }

    @Test func beforeTheMoveThereIsNoAssociation() throws {
        let role = try trust(at: .irsa)
        role.expectDenied(Self.pod, because: "no Pod Identity association")
        // The IRSA trust does not name the Pod Identity principal either.
        role.expectDenied(Self.pod.associatedOutsideTemplate(), because: "Service pods.eks.amazonaws.com")
        role.expectAllowed(.serviceAccount("main", "account-for-external-dns"))
    }

    @Test func aTrustWithoutTagSessionIsDenied() throws {
        // A hand-written trust that forgot sts:TagSession: EKS attaches session tags, so STS refuses it.
        let app = App()
        let stack = ExternalDNSStack(app, step: .podIdentity)
        stack.role.trust = [Trust(.service("pods.eks.amazonaws.com"), actions: ["sts:AssumeRole"])]
        let role = try Template(stack: stack).trust(of: "EditRoute53RecordRole")
        role.expectDenied(Self.pod, because: "sts:TagSession")
        // Without session tags (the association's DisableSessionTags), sts:AssumeRole alone is enough.
        let association = try #require(stack.cluster.node.subtree.compactMap { $0 as? PodIdentityAssociation }.first)
        association.disableSessionTags = true
        try Template(stack: stack).trust(of: "EditRoute53RecordRole").expectAllowed(Self.pod)
    }
}
