import Testing
@testable import Kumo

/// EKS Pod Identity constructs: the trust, the association, the agent add-on, and what synthesis rejects.
@Suite struct PodIdentityTests {
    static func cluster(_ stack: Stack) -> Cluster {
        Cluster(stack, "EKSCluster", name: "eks-cluster", version: "1.34", subnetIDs: ["subnet-1", "subnet-2"])
    }

    @Test func theTrustIsAWSsDocumentedOneWithSessionTagConditions() throws {
        let template = try synthesize { stack in
            let cluster = Self.cluster(stack)
            Role(stack, "App", assumedBy: .podIdentity(of: cluster, namespace: "main", serviceAccount: "app"))
        }
        let trust = try #require(template.properties(of: id("App"))?["AssumeRolePolicyDocument"])
        #expect(trust.serialized() == #"{"Statement":[{"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/eks-cluster-arn":{"Fn::GetAtt":["EKSClusterE11008B6","Arn"]},"aws:RequestTag/kubernetes-namespace":"main","aws:RequestTag/kubernetes-service-account":"app"}},"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"}}],"Version":"2012-10-17"}"#)
    }

    @Test func withoutRestrictionsAndWithSourceConditions() throws {
        let template = try synthesize { stack in
            let cluster = Self.cluster(stack)
            Role(stack, "Any", assumedBy: .podIdentity())
            Role(stack, "Sourced", assumedBy: .podIdentity(of: cluster, sourceConditions: true))
        }
        #expect(template.properties(of: id("Any"))?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first?["Condition"] == nil)
        let sourced = try #require(template.properties(of: id("Sourced"))?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first?["Condition"])
        #expect(sourced["StringEquals"]?["aws:SourceAccount"] == "123456789012")
        #expect(sourced["ArnEquals"]?["aws:SourceArn"]?.serialized() == #"{"Fn::GetAtt":["EKSClusterE11008B6","Arn"]}"#)
    }

    @Test func theAssociationAndTheAgent() throws {
        let template = try synthesize { stack in
            let cluster = Self.cluster(stack)
            let role = Role(stack, "App", assumedBy: .podIdentity(of: cluster, namespace: "main", serviceAccount: "app"))
            cluster.addPodIdentityAgent(version: "v1.3.4-eksbuild.1")
            cluster.addPodIdentityAssociation(namespace: "main", serviceAccount: "app", role: role, disableSessionTags: false)
        }
        let association = try #require(template["Resources"]?[id("EKSCluster", "PodIdentity-main-app")])
        #expect(association["Type"] == "AWS::EKS::PodIdentityAssociation")
        // CDK's property order: the required ones first.
        #expect(association["Properties"]?.serialized() == #"{"ClusterName":{"Ref":"EKSClusterE11008B6"},"Namespace":"main","RoleArn":{"Fn::GetAtt":["\#(id("App"))","Arn"]},"ServiceAccount":"app","DisableSessionTags":false}"#)
        let agent = try #require(template["Resources"]?[id("EKSCluster", "Addon-eks-pod-identity-agent")])
        #expect(agent["Type"] == "AWS::EKS::Addon")
        #expect(agent["Properties"]?.serialized() == #"{"AddonName":"eks-pod-identity-agent","ClusterName":{"Ref":"EKSClusterE11008B6"},"AddonVersion":"v1.3.4-eksbuild.1"}"#)
    }

    @Test func synthesisRejectsMalformedAssociations() {
        let errors = synthesisErrors { stack in
            let cluster = Self.cluster(stack)
            cluster.addPodIdentityAgent()
            let role = Role(stack, "App", assumedBy: .podIdentity())
            cluster.addPodIdentityAssociation(namespace: "Main_NS", serviceAccount: "app", role: role)
            cluster.addPodIdentityAssociation(namespace: "main", serviceAccount: "-app", role: role)
            PodIdentityAssociation(stack, "Again", cluster: cluster, namespace: "Main_NS", serviceAccount: "app", role: role)
        }
        let messages = errors.map(\.message)
        #expect(messages.contains("namespace \"Main_NS\" is not a Kubernetes namespace name"), "\(messages)")
        #expect(messages.contains("service account \"-app\" is not a Kubernetes object name"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("service account Main_NS/app already has a Pod Identity association in this cluster") }, "\(messages)")
    }

    @Test func anAssociationWithoutTheAgentIsAWarning() throws {
        let app = App()
        let stack = Stack(app, "S", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let cluster = Self.cluster(stack)
        cluster.addPodIdentityAssociation(namespace: "main", serviceAccount: "app", role: Role(stack, "App", assumedBy: .podIdentity()))
        let assembly = try app.synthesize()
        #expect(assembly.diagnostics.contains { $0.severity == .warning && $0.message.contains("has no eks-pod-identity-agent add-on") })
    }

    @Test func addonsAreInstalledOncePerCluster() {
        let errors = synthesisErrors { stack in
            let cluster = Self.cluster(stack)
            cluster.addPodIdentityAgent()
            Addon(stack, "Twice", cluster: cluster, name: Addon.podIdentityAgent, configurationValues: "{not json")
        }
        #expect(errors.map(\.message).contains { $0.contains("already has the add-on eks-pod-identity-agent") })
        #expect(errors.map(\.message).contains("configurationValues is not JSON"))
    }

    @Test func everyOptionThroughTheGeneratedL1sAndEditsThroughThemWin() throws {
        let template = try synthesize { stack in
            let cluster = Self.cluster(stack)
            let role = Role(stack, "App", assumedBy: .podIdentity())
            let target = Role(stack, "Target", assumedBy: .podIdentity())
            cluster.addPodIdentityAgent()
            let association = PodIdentityAssociation(
                stack, "Association", cluster: cluster, namespace: "main", serviceAccount: "app", role: role,
                targetRole: target, tags: ["team": "platform", "app": "web"])
            association.resource.disableSessionTags = true
            let addon = Addon(
                stack, "CNI", cluster: cluster, name: "vpc-cni", resolveConflicts: .overwrite, preserveOnDelete: true,
                serviceAccountRole: role, podIdentityAssociations: [(serviceAccount: "aws-node", role: role)])
            addon.resource.addonVersion = "v1.19.0-eksbuild.1"
            addon.version = "ignored: the L1 edit wins"
        }
        let association = try #require(template.properties(of: id("Association")))
        #expect(association.serialized() == #"{"ClusterName":{"Ref":"EKSClusterE11008B6"},"Namespace":"main","RoleArn":{"Fn::GetAtt":["\#(id("App"))","Arn"]},"ServiceAccount":"app","DisableSessionTags":true,"Tags":[{"Key":"app","Value":"web"},{"Key":"team","Value":"platform"}],"TargetRoleArn":{"Fn::GetAtt":["\#(id("Target"))","Arn"]}}"#)
        let addon = try #require(template.properties(of: id("CNI")))
        #expect(addon.serialized() == #"{"AddonName":"vpc-cni","ClusterName":{"Ref":"EKSClusterE11008B6"},"AddonVersion":"v1.19.0-eksbuild.1","PodIdentityAssociations":[{"RoleArn":{"Fn::GetAtt":["\#(id("App"))","Arn"]},"ServiceAccount":"aws-node"}],"PreserveOnDelete":true,"ResolveConflicts":"OVERWRITE","ServiceAccountRoleArn":{"Fn::GetAtt":["\#(id("App"))","Arn"]}}"#)
    }
}
