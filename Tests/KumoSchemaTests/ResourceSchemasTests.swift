import KumoJSON
import Testing
@testable import KumoSchema

/// The generated schema facts: every type of cfn-lint 1.51's us-east-1 set, parsed lazily, with the facts the
/// schema check and the analysis use.
@Suite struct ResourceSchemasTests {
    @Test func everyTypeOfTheSchemasIsThere() {
        #expect(ResourceSchemas.allTypeNames.count == 1583)
        #expect(ResourceSchemas.serviceNames.count == 277)
        #expect(ResourceSchemas.schema(for: "AWS::SQS::Queue") != nil)
        #expect(ResourceSchemas.schema(for: "AWS::SQS::Queu") == nil)
        #expect(ResourceSchemas.schema(for: "Custom::Queue") == nil)
    }

    @Test func factsOfAType() throws {
        let queue = try #require(ResourceSchemas.schema(for: "AWS::SQS::Queue"))
        #expect(queue.createOnlyPaths == [["FifoQueue"], ["QueueName"]])
        #expect(queue.primaryIdentifier == [["QueueUrl"]])
        #expect(Set(queue.attributeNames) == ["QueueUrl", "Arn"])
        #expect(queue.required.isEmpty)
        #expect(queue.property("VisibilityTimeout")?["maximum"] == 43200)
        #expect(queue.tagging?.property == "Tags")
        let role = try #require(ResourceSchemas.schema(for: "AWS::IAM::Role"))
        #expect(role.required == ["AssumeRolePolicyDocument"])
        let cluster = try #require(ResourceSchemas.schema(for: "AWS::EKS::Cluster"))
        #expect(cluster.createOnlyPaths.contains(["AccessConfig", "BootstrapClusterCreatorAdminPermissions"]))
        #expect(ResourceSchemas.schema(for: "AWS::EKS::Nodegroup")?.tagging?.format == .map)
    }

    @Test func didYouMeanFindsTheClosestName() {
        #expect(Suggestions.closest(to: "VisibilityTimout", among: ["VisibilityTimeout", "DelaySeconds"]) == ["VisibilityTimeout"])
        #expect(Suggestions.closest(to: "Completely", among: ["VisibilityTimeout"]).isEmpty)
        #expect(ResourceSchemas.suggestions(for: "AWS::S3::Buckets").first == "AWS::S3::Bucket")
    }

    @Test func typesAreCheckedAsCloudFormationConvertsThem() {
        #expect(SchemaValidator.matches("30", "integer"))
        #expect(SchemaValidator.matches(30, "string"))
        #expect(SchemaValidator.matches("true", "boolean"))
        #expect(!SchemaValidator.matches("yes", "boolean"))
        #expect(!SchemaValidator.matches("thirty", "integer"))
        #expect(!SchemaValidator.matches([:], "string"))
        #expect(!SchemaValidator.matches(true, "number"))
    }

    @Test func validatorReportsEachKindOfViolation() throws {
        let validator = SchemaValidator(try #require(ResourceSchemas.schema(for: "AWS::SQS::Queue")))
        let found = validator.violations(properties: [
            "VisibilityTimout": 1, "DelaySeconds": 901, "FifoQueue": "maybe", "QueueUrl": "x",
            "Tags": [["Key": "a"]],
        ])
        #expect(Set(found.map(\.kind)) == [.unknownProperty, .range, .wrongType, .readOnly, .missingRequired])
        #expect(found.first { $0.kind == .missingRequired }?.location == "Properties.Tags.0.Value")
    }

    @Test func patternsAreSearchedForAndUncompilablePatternsAreNotJudged() {
        #expect(PatternCache.matches("^[a-z]+$", "abc") == true)
        #expect(PatternCache.matches("b", "abc") == true)
        #expect(PatternCache.matches("^[a-z]+$", "ABC") == false)
        #expect(PatternCache.matches("(?<!", "x") == nil)
    }
}
