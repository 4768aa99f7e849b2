import Testing
@testable import Kumo

@Suite struct EKSTests {
    @Test func clusterPartsAreByteIdenticalToTheSample() throws {
        let template = try synthesizeLikeSample { stack in _ = EKSFixture(stack) }
        expectIdenticalToSample(template, [
            "EKSMasterRole7CF454B9", "EKSClusterRoleC0AEAC3D", "EKSClusterControlPlaneSecurityGroup580AD1FE",
            "EKSClusterNodegroupEKSNodeGroupD0EF7666", "EKSNodeRoleA961E7EA", "EKSNodesLaunchTemplate6CBEFBA0",
            "MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleDefaultPolicyAF211FD6",
            "VPCVPCEndpointSecurityGroupfromMyEKSStackEKSClusterClusterSecurityGroup19D80242ALLTRAFFIC97610B08",
            "VPCVPCEndpointSecurityGroupfromMyEKSStackEKSClusterControlPlaneSecurityGroup5C040374ALLTRAFFIC2343EDB3",
        ])
        #expect(template["Outputs"]?.serialized(.cdkTemplate) == Sample.template["Outputs"]?.serialized(.cdkTemplate))
    }

    @Test func nativeClusterUsesTheSampleSubnetsAndSecurityGroup() throws {
        let template = try synthesizeLikeSample { stack in _ = EKSFixture(stack) }
        let cluster = try #require(template["Resources"]?["EKSClusterE11008B6"])
        #expect(cluster["Type"] == "AWS::EKS::Cluster")
        let sampleConfig = try #require(Sample.resource("EKSClusterE11008B6")?["Properties"]?["Config"]?["resourcesVpcConfig"])
        let config = try #require(cluster["Properties"]?["ResourcesVpcConfig"])
        #expect(config["SubnetIds"] == sampleConfig["subnetIds"])
        #expect(config["SecurityGroupIds"] == sampleConfig["securityGroupIds"])
        #expect(config["EndpointPublicAccess"] == true && config["EndpointPrivateAccess"] == false)
        #expect(cluster["Properties"]?["AccessConfig"]?["AuthenticationMode"] == "API_AND_CONFIG_MAP")
    }

    @Test func accessEntriesReplaceAwsAuth() throws {
        let template = try synthesizeLikeSample { stack in _ = EKSFixture(stack) }
        let admin = #"[{"AccessScope":{"Type":"cluster"},"PolicyArn":"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"}]"#
        let entries: [(String, String)] = [
            ("mastersRoleAccess", #"{"Fn::GetAtt":["EKSMasterRole7CF454B9","Arn"]}"#),
            ("AdminRoleAccess", #"{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::123456789012:role/AdminRole"]]}"#),
            ("UserAkariAccess", #"{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::123456789012:user/akari"]]}"#),
        ]
        for (name, principal) in entries {
            let entry = try #require(template["Resources"]?[id("EKSCluster", name)], "\(name)")
            #expect(entry["Type"] == "AWS::EKS::AccessEntry")
            #expect(entry["Properties"]?["ClusterName"]?.serialized() == #"{"Ref":"EKSClusterE11008B6"}"#)
            #expect(entry["Properties"]?["PrincipalArn"]?.serialized() == principal)
            #expect(entry["Properties"]?["AccessPolicies"]?.serialized() == admin)
        }
    }

    @Test func albControllerRoleTrustsItsServiceAccountAndHasAFixedName() throws {
        let template = try synthesizeLikeSample { stack in _ = EKSFixture(stack) }
        let role = try #require(template["Resources"]?["MyEKSStackEKSCluster26CB6A0EAlbControlleralbsaRoleB91CB239"])
        #expect(role["Properties"]?["RoleName"] == "eks-cluster-aws-load-balancer-controller")
        let trust = try #require(role["Properties"]?["AssumeRolePolicyDocument"]?["Fn::Sub"]?.arrayValue?[0].stringValue)
        #expect(trust.contains(#""${Issuer}:aud":"sts.amazonaws.com","${Issuer}:sub":"system:serviceaccount:kube-system:aws-load-balancer-controller""#))
        #expect(role["DependsOn"] == ["EKSClusterNodegroupEKSNodeGroupD0EF7666"])
    }

    @Test func albControllerManifestIsAnAssemblyArtifact() throws {
        let app = App(context: Sample.context)
        let stack = Stack(app, "MyEKSStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        _ = EKSFixture(stack)
        let assembly = try app.synthesize()
        let file = try #require(assembly.files.first { $0.name == "MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml" })
        let text = String(decoding: file.contents, as: UTF8.self)
        #expect(text.contains("""
            kind: "ServiceAccount"
            metadata:
              name: "aws-load-balancer-controller"
              namespace: "kube-system"
            """))
        #expect(text.contains(#"eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/eks-cluster-aws-load-balancer-controller""#))
        #expect(text.contains(#"chart: "aws-load-balancer-controller""#) && text.contains(#"targetRevision: "1.2.7""#))
        #expect(text.contains("""
                    - name: "clusterName"
                      value: "eks-cluster"
            """))
        #expect(text.contains("""
                    - name: "serviceAccount.create"
                      value: "false"
            """))
        let entry = assembly.manifest["artifacts"]?["MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s"]
        #expect(entry?.serialized() == #"{"type":"none","properties":{"file":"MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml"}}"#)
    }

    @Test func policyMinimizationMergesAsCDK() {
        let document = PolicyDocument {
            Statement.allow(["a:X"], on: "*")
            Statement.allow(["c:Z"], on: "arn:aws:s3:::b") { Condition(.null, "k", "false") }
            Statement.allow(["b:Y", "a:X"], on: "*")
            Statement.allow(["c:Z"], on: "arn:aws:s3:::a") { Condition(.null, "k", "false") }
            Statement.allow(["d:W"], on: "arn:aws:s3:::z")
        }.minimized()
        #expect(document.statements.count == 3)
        #expect(document.statements[0].actions == ["a:X", "b:Y"])
        #expect(document.statements[1].resources == ["arn:aws:s3:::b", "arn:aws:s3:::a"])
        #expect(document.statements[2].actions == ["d:W"])
    }

    @Test func accessEntriesNeedTheAPIAuthenticationMode() {
        let errors = synthesisErrorsLikeSample { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"], authenticationMode: .configMap)
            cluster.grantAccess("Admin", "arn:aws:iam::123456789012:role/Admin", policy: .clusterAdmin)
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.path == "MyEKSStack/C/Admin")
        #expect(errors.first?.message.contains("authentication mode API or API_AND_CONFIG_MAP") == true)
    }

    @Test func rejectsBadNodegroups() {
        let errors = synthesisErrorsLikeSample { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"])
            cluster.addNodegroup("N", name: "-bad", instanceTypes: ["m5.large"], minSize: 3, desiredSize: 2, maxSize: 4)
        }
        let messages = errors.filter { $0.path == "MyEKSStack/C/NodegroupN" }.map(\.message)
        #expect(messages.contains { $0.contains("scaling 3/2/4") })
        #expect(messages.contains { $0.contains("node group name \"-bad\"") })
        #expect(messages.contains { $0.contains("no subnets") })
    }

    @Test func importedPrincipalsUseTheStackAccountAndPartition() throws {
        let template = try synthesizeLikeSample { stack in
            Role(stack, "R", assumedBy: .entity(Role.fromName(stack, "Ops", path: "/team/").roleARN))
        }
        let principal = template.properties(of: id("R"))?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first?["Principal"]
        #expect(principal?.serialized() == #"{"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::123456789012:role/team/Ops"]]}}"#)
    }
}
