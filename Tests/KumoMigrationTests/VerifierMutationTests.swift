import KumoAnalysis
import KumoJSON
import Testing
@testable import KumoMigration

/// Each rule of the verifier catches its mutation of the sample plan (which passes unmutated:
/// `SamplePlanTests.theVerifierPassesThePlanAndNothingIsMissing`).
@Suite struct VerifierMutationTests {
    typealias F = MigrationFixture
    let bundle: PlanBundle
    let target: CloudTemplate

    init() throws { (bundle, target) = try F.plan() }

    /// Verifies `mutated` and expects a violation of `rule` in step `step` whose message contains `fragment`.
    func expect(_ mutated: PlanBundle, _ rule: VerificationRule, in step: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let report = PlanVerifier.verify(mutated, target: target)
        let found = report.violations(of: rule).filter { $0.step == step }
        #expect(found.contains { $0.message.contains(fragment) },
                "expected \(rule) in \(step) mentioning \"\(fragment)\"; got \(report.violations.map { "\($0.rule)/\($0.step): \($0.message)" })",
                sourceLocation: sourceLocation)
    }

    // MARK: - The mutations the issue names

    @Test func retainDroppedFromTheCluster() {
        let mutated = bundle.editing("retain") { resources in
            resources[F.clusterID] = TemplateEditing.settingPolicies(resources[F.clusterID]!, deletion: "Delete", updateReplace: "Delete")
        }
        expect(mutated, .retainBeforeRemoval, in: "orphan", "\(F.clusterID) (Custom::AWSCDK-EKS-Cluster) leaves the stack without DeletionPolicy Retain")
        expect(mutated, .retainBeforeRemoval, in: "orphan", "deletes the EKS cluster")
        expect(mutated, .statefulRetained, in: "retain", F.clusterID)
    }

    @Test func anImportThatAlsoModifiesARole() {
        let mutated = bundle.editing("import") { resources in
            resources["RoleGithubFF1A0E31"] = resources["RoleGithubFF1A0E31"]!.setting(["Properties", "MaxSessionDuration"], 7200)
        }
        expect(mutated, .importOnly, in: "import", "the import also modifies RoleGithubFF1A0E31 (Properties.MaxSessionDuration)")
    }

    @Test func aCreateOnlyPropertyOfTheAuroraClusterChanged() {
        let mutated = bundle.editing("orphan") { resources in
            resources[F.auroraID] = resources[F.auroraID]!.setting(["Properties", "DBClusterIdentifier"], "cluster-identifier-2")
        }
        expect(mutated, .createOnly, in: "orphan", "\(F.auroraID) (the Aurora cluster) would be replaced: create-only DBClusterIdentifier: cluster-identifier → cluster-identifier-2")
    }

    @Test func aNestedProviderStackChangedInTheRetainStep() {
        let mutated = bundle.editing("retain") { resources in
            resources[F.clusterResourceProviderStackID] = TemplateEditing.settingPolicies(resources[F.clusterResourceProviderStackID]!, deletion: "Retain", updateReplace: "Retain")
        }
        expect(mutated, .frozenPlumbing, in: "retain", "\(F.clusterResourceProviderStackID) (nested stack holding Lambda functions on nodejs14.x)")
        // The same edit of a provider's Lambda function.
        let lambda = "AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57"
        let edited = bundle.editing("retain") { resources in resources[lambda] = resources[lambda]!.setting(["Properties", "Timeout"], 300) }
        expect(edited, .frozenPlumbing, in: "retain", "\(lambda) (Lambda function on nodejs14.x) changes (Properties.Timeout)")
    }

    @Test func aReferenceToARemovedResourceLeftInPlace() {
        let mutated = bundle.editing("orphan") { resources in
            resources[F.nodegroupID] = resources[F.nodegroupID]!.setting(["Properties", "ClusterName"], ["Ref": .string(F.clusterID)])
        }
        expect(mutated, .references, in: "orphan", "Resources.\(F.nodegroupID).Properties: Ref \(F.clusterID), but \(F.clusterID) is not a resource or parameter of this template")
        let dependsOn = bundle.editing("orphan") { resources in
            resources[F.nodegroupID] = resources[F.nodegroupID]!.setting(["DependsOn"], [.string("EKSClusterKubectlReadyBarrierEF5C3970")])
        }
        expect(dependsOn, .references, in: "orphan", "DependsOn: EKSClusterKubectlReadyBarrierEF5C3970 is not a resource")
    }

    // MARK: - The other rules

    @Test func aTypeChangeInAnUpdate() {
        let mutated = bundle.editing("authentication-mode") { resources in
            resources[F.gitHubProviderID] = resources[F.gitHubProviderID]!.setting(["Type"], "Custom::AWSCDKOpenIdConnectProvider")
        }
        expect(mutated, .typeChange, in: "authentication-mode", "\(F.gitHubProviderID) changes type AWS::IAM::OIDCProvider → Custom::AWSCDKOpenIdConnectProvider")
    }

    @Test func anIAMChangeBeforeConverge() {
        let widen = { (resources: inout JSONObject) in
            let role = "DBMigratorRole1DC6DB05"
            let statement = resources[role]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.arrayValue![0]
            let key = statement["Condition"]!["StringEquals"]!.objectValue!.keys.first!
            let widened = statement.setting(["Condition"], ["StringLike": [key: "system:serviceaccount:main:*"]])
            resources[role] = resources[role]!.setting(["Properties", "AssumeRolePolicyDocument", "Statement"], [widened])
        }
        expect(bundle.editing("orphan", widen), .iamUnchanged, in: "orphan", "IAM changes before converge: DBMigratorRole (DBMigratorRole1DC6DB05): conditionChanged in trust")
        // Widened in every step up to converge: converge then narrows it back, which the migration as a whole does not.
        var all = bundle
        for step in ["orphan", "import", "replace-roles", "authentication-mode"] { all = all.editing(step, widen) }
        expect(all, .iamUnchanged, in: "converge", "converge changes IAM in a way the migration as a whole does not")
    }

    @Test func theAwsAuthManifestRemovedWithoutRetain() {
        let mutated = bundle.editing("retain") { resources in
            resources[F.awsAuthID] = TemplateEditing.settingPolicies(resources[F.awsAuthID]!, deletion: "Delete", updateReplace: "Delete")
        }
        expect(mutated, .retainBeforeRemoval, in: "orphan", "kubectl delete")
        expect(mutated, .clusterAccess, in: "orphan", "arn:aws:iam::123456789012:role/AdminRole loses cluster-admin access after this step")
        expect(mutated, .clusterAccess, in: "orphan", "nodes with role arn:aws:iam::123456789012:role/eks-node-role can no longer join")
    }

    @Test func aCreateOnlyReferenceToWhatTheSameStepModifies() {
        let mutated = bundle.editing("authentication-mode") { resources in
            resources[F.eksProviderID] = resources[F.eksProviderID]!.setting(["Properties", "Url"], ["Fn::GetAtt": [.string(F.clusterID), "OpenIdConnectIssuerUrl"]])
        }
        expect(mutated, .conditionalReplacement, in: "authentication-mode", "\(F.eksProviderID).Url refers to \(F.clusterID).OpenIdConnectIssuerUrl, which this step changes")
    }

    @Test func anImportThatDoesNotDescribeTheLiveCluster() {
        let mutated = bundle.editing("import") { resources in
            resources[F.clusterID] = resources[F.clusterID]!.setting(["Properties", "Version"], "1.31")
                .setting(["Properties", "ResourcesVpcConfig", "EndpointPrivateAccess"], true)
        }
        expect(mutated, .liveDescription, in: "import", "\(F.clusterID).Version is 1.31; the cluster has 1.32 (describe-cluster)")
        expect(mutated, .liveDescription, in: "import", "ResourcesVpcConfig.EndpointPrivateAccess is true, but CDK created it with false")
    }

    @Test func aVersionDowngradeAndAccessEntriesOnAnOldCluster() {
        let downgrade = bundle.editing("authentication-mode") { resources in
            resources[F.clusterID] = resources[F.clusterID]!.setting(["Properties", "Version"], "1.30")
        }
        expect(downgrade, .clusterVersion, in: "authentication-mode", "goes from 1.32 down to 1.30: EKS cannot downgrade")
        let old = bundle.editing("authentication-mode") { resources in
            resources[F.clusterID] = resources[F.clusterID]!.setting(["Properties", "Version"], "1.22")
        }
        expect(old, .clusterVersion, in: "authentication-mode", "EKS has access entries from Kubernetes 1.23")
        let back = bundle.editing("authentication-mode") { resources in
            resources[F.clusterID] = resources[F.clusterID]!.setting(["Properties", "AccessConfig", "AuthenticationMode"], "API")
        }
        expect(back, .clusterVersion, in: "converge", "goes back from API to API_AND_CONFIG_MAP")
    }

    @Test func aReplacedRoleWhoseOldRoleLosesItsPolicy() throws {
        let mutated = bundle.editing("replace-roles") { resources in
            resources[F.albPolicyID] = resources[F.albPolicyID]!.setting(["Properties", "Roles"], [["Ref": .string(F.albRoleID)]])
        }
        expect(mutated, .replacedRoles, in: "replace-roles", "\(F.albPolicyID) moves to the new role \(F.albRoleID) and leaves the old role \(try F.physicalID(F.albRoleID))")
        let noRetain = bundle.editing("import") { resources in
            resources[F.albRoleID] = TemplateEditing.settingPolicies(resources[F.albRoleID]!, deletion: "Retain", updateReplace: nil)
        }
        expect(noRetain, .replacedRoles, in: "replace-roles", "without UpdateReplacePolicy Retain")
    }

    @Test func aStatefulResourceWithoutRetainBeforeConverge() {
        let mutated = bundle.editing("orphan") { resources in
            resources["VPCB9E5F0B4"] = TemplateEditing.settingPolicies(resources["VPCB9E5F0B4"]!, deletion: nil, updateReplace: nil)
        }
        expect(mutated, .statefulRetained, in: "orphan", "VPCB9E5F0B4 (the VPC) has no DeletionPolicy/UpdateReplacePolicy Retain")
    }

    @Test func anImportListThatDoesNotMatchTheTemplate() throws {
        let step = try #require(bundle.plan.steps.first { $0.name == "import" })
        let list = try #require(bundle.documents[step.resourcesToImport!]?.arrayValue)
        expect(bundle.replacing(step.resourcesToImport!, with: .array(Array(list.dropLast()))), .importOnly, in: "import",
               "the import also adds \(F.gitHubProviderID), which resources-to-import does not list")
        let wrongKey = list[0].setting(["ResourceIdentifier"], ["ClusterName": "eks-cluster"])
        expect(bundle.replacing(step.resourcesToImport!, with: .array([wrongKey] + list.dropFirst())), .importOnly, in: "import",
               "is identified by Name")
        let noPolicy = bundle.editing("import") { resources in
            resources[F.gitHubProviderID] = TemplateEditing.settingPolicies(resources[F.gitHubProviderID]!, deletion: nil, updateReplace: nil)
        }
        expect(noPolicy, .importOnly, in: "import", "\(F.gitHubProviderID) has no DeletionPolicy")
        var outputs = bundle
        let file = step.template!
        outputs.documents[file] = outputs.documents[file]!.setting(["Outputs", "Extra"], ["Value": "x"])
        expect(outputs, .importOnly, in: "import", "the import also changes Outputs")
    }

    @Test func aRetainStepThatChangesMoreThanPolicies() {
        let mutated = bundle.editing("retain") { resources in
            resources["RoleGithubFF1A0E31"] = resources["RoleGithubFF1A0E31"]!.setting(["Properties", "MaxSessionDuration"], 7200)
        }
        expect(mutated, .retainStep, in: "retain", "the first update changes RoleGithubFF1A0E31 beyond its policies")
    }

    @Test func aConvergeStepThatIsNotKumosTemplate() {
        let mutated = bundle.editing("converge") { resources in resources.removeValue(forKey: "EKSClusterUserAkariAccessA5380C61") }
        expect(mutated, .target, in: "converge", "is not Kumo's template for MyEKSStack: it differs in EKSClusterUserAkariAccessA5380C61")
    }
}
