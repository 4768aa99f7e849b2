import Testing
@testable import Kumo

@Suite struct ECRTests {
    @Test func lifecyclePolicyTextMatchesCDK() {
        let app = App()
        let repo = Repository(Stack(app, "S"), "R", lifecycleRules: [LifecycleRule(maxImageCount: 1)])
        // The exact text CDK 2.28.1 wrote (cdk.out.sample, EKSAppImageRepository0E4121F6).
        #expect(repo.lifecyclePolicyText == #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}"#)
    }

    @Test func prioritiesAreAssignedLikeCDK() {
        let rules = LifecycleRule.prioritized([
            LifecycleRule(tagStatus: .any, maxImageCount: 5),
            LifecycleRule(tagStatus: .untagged, maxImageAgeDays: 7),
            LifecycleRule(priority: 3, tagStatus: .tagged(prefixes: ["v"]), maxImageCount: 10),
        ])
        #expect(rules.map(\.priority) == [3, 4, 5])
        #expect(rules.map(\.tagStatus) == [.tagged(prefixes: ["v"]), .untagged, .any])
        #expect(rules[1].json.serialized() == #"{"rulePriority":4,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countNumber":7,"countUnit":"days"},"action":{"type":"expire"}}"#)
    }

    @Test func lifecycleRuleProblems() {
        let errors = synthesisErrors { stack in
            Repository(stack, "R", name: "repo", lifecycleRules: [LifecycleRule(maxImageCount: 1, maxImageAgeDays: 3), LifecycleRule(tagStatus: .tagged(prefixes: []), maxImageCount: 2)])
        }
        #expect(errors.map(\.message).contains("a lifecycle rule needs exactly one of maxImageCount and maxImageAgeDays"))
        #expect(errors.map(\.message).contains("a tagged lifecycle rule needs at least one tag prefix"))
    }

    @Test func removalPolicyDefaultsToRetain() throws {
        let template = try synthesize { stack in Repository(stack, "R", name: "repo") }
        let resource = try #require(template["Resources"]?[id("R")])
        #expect(resource["DeletionPolicy"] == "Retain")
        #expect(resource["UpdateReplacePolicy"] == "Retain")
    }
}
