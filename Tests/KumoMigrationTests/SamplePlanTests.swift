import Foundation
import KumoAnalysis
import KumoJSON
import Testing
@testable import KumoMigration

/// The plan for the sample: CDK's deployed MyEKSStack onto Kumo's template, with the fixture's physical IDs.
@Suite struct SamplePlanTests {
    typealias F = MigrationFixture
    let bundle: PlanBundle
    let target: CloudTemplate
    let report: VerificationReport

    init() throws {
        (bundle, target) = try F.plan()
        report = PlanVerifier.verify(bundle, target: target)
    }

    @Test func theVerifierPassesThePlanAndNothingIsMissing() {
        #expect(report.violations.isEmpty, "\(report.violations.map { "\($0.rule) \($0.step): \($0.message)" })")
        #expect(bundle.plan.physicalValues.missing.isEmpty, "\(bundle.plan.physicalValues.missing.map(\.value))")
        #expect(report.placeholders.isEmpty)
        // Every rule was applied at least once.
        for rule in VerificationRule.allCases { #expect(report.checks[rule, default: 0] > 0, "\(rule) never checked") }
    }

    @Test func theStepsAreRetainOrphanImportReplaceRolesAuthenticationModeConverge() {
        #expect(bundle.plan.steps.map(\.name) == ["prepare", "retain", "orphan", "import", "replace-roles", "point-service-accounts",
                                                  "authentication-mode", "converge", "delete-replaced-roles", "finish"])
        #expect(bundle.plan.steps.map(\.kind.rawValue) == ["command", "update", "update", "import", "update", "command", "update", "update", "command", "command"])
        // The last update is Kumo's template, unchanged.
        #expect(bundle.template("converge") == target.json)
    }

    @Test func retainStoresPoliciesOnWhatLeavesAndOnStatefulResourcesAndNothingElse() throws {
        let deployed = TemplateEditing.resources(bundle.deployed), retain = TemplateEditing.resources(bundle.template("retain"))
        #expect(Set(deployed.keys) == Set(retain.keys))
        for id in [F.clusterID, F.eksProviderID, F.gitHubProviderID, F.awsAuthID, F.auroraID, F.nodegroupID, F.albRoleID,
                   "MyEKSStackEKSCluster26CB6A0EAlbController8CA89610", "ConditionForAccountForDBMigrator7505CCE1", "VPCB9E5F0B4"] {
            #expect(retain[id]?["DeletionPolicy"] == "Retain", "\(id)")
            #expect(retain[id]?["UpdateReplacePolicy"] == "Retain", "\(id)")
        }
        // CDK's plumbing is untouched: nested stacks, Lambda functions, the creation role.
        for id in [F.clusterResourceProviderStackID, "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderHandlerF2C543E0", "EKSClusterCreationRoleB865C9E8"] {
            #expect(retain[id] == deployed[id], "\(id)")
        }
        #expect(bundle.template("retain")["Outputs"]?[KumoMigration.markerOutput] != nil)
        #expect(bundle.template("retain")["Parameters"]?["BootstrapVersion"] == nil)
        #expect(bundle.template("retain")["Rules"] == nil)
    }

    @Test func orphanWritesThePhysicalValuesInPlaceOfReferencesToRemovedResources() throws {
        let orphan = TemplateEditing.resources(bundle.template("orphan"))
        let removed = Set(TemplateEditing.resources(bundle.deployed).keys).subtracting(orphan.keys)
        #expect(removed.count == 21)
        for (id, entry) in orphan {
            let targets = References.targets(in: entry["Properties"] ?? [:]).union(TemplateEditing.dependencies(entry))
            #expect(targets.isDisjoint(with: removed), "\(id) still refers to \(targets.intersection(removed))")
        }
        #expect(orphan[F.nodegroupID]?["Properties"]?["ClusterName"] == "eks-cluster")
        let clusterSecurityGroup = try #require(try F.describeCluster()["cluster"]?["resourcesVpcConfig"]?["clusterSecurityGroupId"])
        #expect(orphan["DatabaseClusterSecurityGroupfromMyEKSStackEKSClusterClusterSecurityGroup19D802425432D8E3C473"]?["Properties"]?["SourceSecurityGroupId"] == clusterSecurityGroup)
        // The IRSA trust: the provider's ARN and the issuer of describe-stack-resources / describe-cluster.
        let provider = try F.physicalID(F.eksProviderID)
        let issuer = String(provider.split(separator: "/", maxSplits: 1)[1])
        let trust = try #require(orphan["DBMigratorRole1DC6DB05"]?["Properties"]?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first)
        #expect(trust["Principal"]?["Federated"] == .string(provider))
        #expect(trust["Condition"]?["StringEquals"]?["\(issuer):sub"] == "system:serviceaccount:main:account-for-db-migrator")
        #expect(try F.describeCluster()["cluster"]?["identity"]?["oidc"]?["issuer"] == .string("https://" + issuer))
    }

    @Test func importAddsTheNativeResourcesWithTheirPrimaryIdentifiersDescribingTheLiveCluster() throws {
        let step = try #require(bundle.plan.steps.first { $0.name == "import" })
        let list = try #require(bundle.documents[step.resourcesToImport!]?.arrayValue)
        #expect(list == [
            ["ResourceType": "AWS::EKS::Cluster", "LogicalResourceId": .string(F.clusterID), "ResourceIdentifier": ["Name": "eks-cluster"]],
            ["ResourceType": "AWS::IAM::OIDCProvider", "LogicalResourceId": .string(F.eksProviderID), "ResourceIdentifier": ["Arn": .string(try F.physicalID(F.eksProviderID))]],
            ["ResourceType": "AWS::IAM::OIDCProvider", "LogicalResourceId": .string(F.gitHubProviderID), "ResourceIdentifier": ["Arn": .string(try F.physicalID(F.gitHubProviderID))]],
        ])
        let cluster = try #require(bundle.template("import")["Resources"]?[F.clusterID])
        #expect(cluster["DeletionPolicy"] == "Retain")
        // The live cluster: describe-cluster's version and authentication mode, not CDK's 1.22 nor Kumo's mode.
        #expect(cluster["Properties"]?["Version"] == "1.32")
        #expect(cluster["Properties"]?["AccessConfig"]?["AuthenticationMode"] == "CONFIG_MAP")
        // The EKS provider's Url is literal until converge (no Dynamic value in the authentication-mode step).
        #expect(bundle.template("import")["Resources"]?[F.eksProviderID]?["Properties"]?["Url"]?.stringValue?.hasPrefix("https://oidc.eks.") == true)
        #expect(bundle.template("import")["Resources"]?[F.eksProviderID]?["Properties"]?["ThumbprintList"] == ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])
        #expect(report.steps.first { $0.name == "import" }?.changes?.imported == [F.clusterID, F.eksProviderID, F.gitHubProviderID])
    }

    @Test func theALBControllerRoleIsReplacedAheadOfConvergeAndTheOldRoleKeepsItsPolicy() throws {
        let old = try F.physicalID(F.albRoleID)
        let roles = try #require(bundle.template("replace-roles")["Resources"]?[F.albPolicyID]?["Properties"]?["Roles"]?.arrayValue)
        #expect(roles == [["Ref": .string(F.albRoleID)], .string(old)])
        #expect(bundle.template("replace-roles")["Resources"]?[F.albRoleID]?["Properties"]?["RoleName"] == "eks-cluster-aws-load-balancer-controller")
        #expect(report.steps.first { $0.name == "replace-roles" }?.changes?.replaced.map(\.id) == [F.albRoleID])
        let point = try #require(bundle.plan.steps.first { $0.name == "point-service-accounts" })
        #expect(point.files == ["05-point-service-accounts/MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml"])
        #expect(bundle.files[point.files[0]]?.contains("role/eks-cluster-aws-load-balancer-controller") == true)
        #expect(point.checks.contains { $0.command?.contains(old) == true })
        let delete = try #require(bundle.plan.steps.first { $0.name == "delete-replaced-roles" })
        #expect(delete.commands.last == "aws iam delete-role --role-name \(old)")
    }

    @Test func administratorsAndNodesKeepTheirWayIntoTheClusterAtEveryStep() throws {
        let run = VerifierRun(bundle, target: target)
        run.verify()
        let masters = "arn:aws:iam::123456789012:role/eks-master-role", node = "arn:aws:iam::123456789012:role/eks-node-role"
        for state in run.states {
            let access = try #require(state.access, "\(state.name)")
            #expect(access.admins.isSuperset(of: [masters, "arn:aws:iam::123456789012:role/AdminRole", "arn:aws:iam::123456789012:user/akari"]), "\(state.name): \(access.admins)")
            #expect(access.nodes.contains(node), "\(state.name)")
        }
        // CDK's creation role is an administrator only until the orphan step deletes it.
        let creator = "arn:aws:iam::123456789012:role/" + (try F.physicalID("EKSClusterCreationRoleB865C9E8"))
        #expect(run.states[0].access?.admins.contains(creator) == true)
        #expect(run.states[2].access?.admins.contains(creator) == false)
        #expect(run.states.last?.access?.mode == "API_AND_CONFIG_MAP")
        #expect(run.states.last?.access?.entryAdmins.contains(masters) == true)
    }

    @Test func commandsUseS3ForLargeTemplatesAndImportChangeSets() throws {
        let retain = try #require(bundle.plan.steps.first { $0.name == "retain" })
        #expect(retain.commands[0].hasPrefix("aws s3 cp 01-retain.template.json \"s3://$TEMPLATE_BUCKET/kumo-migrate/MyEKSStack/"))
        #expect(retain.commands[1].contains("--template-url \"https://$TEMPLATE_BUCKET.s3.ap-northeast-1.amazonaws.com/kumo-migrate/MyEKSStack/01-retain.template.json\""))
        let orphan = try #require(bundle.plan.steps.first { $0.name == "orphan" })
        #expect(orphan.commands[0].contains("--template-body file://02-orphan.template.json"), "\(orphan.commands[0])")
        let importStep = try #require(bundle.plan.steps.first { $0.name == "import" })
        let create = try #require(importStep.commands.first { $0.hasPrefix("aws cloudformation create-change-set") })
        #expect(create.contains("--change-set-type IMPORT") && create.contains("--resources-to-import file://03-import.resources-to-import.json"))
        #expect(importStep.commands.last == "aws cloudformation wait stack-import-complete --stack-name MyEKSStack")
        let prepare = bundle.plan.steps[0]
        #expect(prepare.commands.contains("aws rds create-db-cluster-snapshot --db-cluster-identifier cluster-identifier --db-cluster-snapshot-identifier kumo-migrate-myeksstack-databasecluster68fc2945"))
        #expect(prepare.commands.contains("aws eks update-kubeconfig --name eks-cluster --role-arn arn:aws:iam::123456789012:role/eks-master-role"))
    }

    @Test func withoutPhysicalIDsThePlanHasPlaceholdersAndSaysWhatIsMissing() throws {
        let (bundle, target) = try F.plan(physicalIDs: false)
        let missing = bundle.plan.physicalValues.missing.map(\.value)
        for value in ["EKSClusterE11008B6.OpenIdConnectIssuer", "EKSClusterE11008B6.ClusterSecurityGroupId", F.albRoleID] {
            #expect(missing.contains(value), "\(missing)")
        }
        let report = PlanVerifier.verify(bundle, target: target)
        #expect(report.placeholders.contains("KUMO-MISSING-EKSClusterE11008B6.ClusterSecurityGroupId"))
        // The placeholders are consistent: the rules still hold on the plan's structure.
        #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
        let orphan = TemplateEditing.text(bundle.template("orphan"))
        #expect(orphan.contains("arn:aws:iam::123456789012:oidc-provider/KUMO-MISSING-EKSClusterE11008B6.OpenIdConnectIssuer"))
    }
}
