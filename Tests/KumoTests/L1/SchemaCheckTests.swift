import Foundation
import KumoSQS
import KumoS3
import Testing
@testable import Kumo

/// Schema checks at synthesis: every kind of violation, for typed L1s, property bags and overrides, each error
/// naming the construct path and the fix.
@Suite struct SchemaCheckTests {
    // MARK: Property bags (CfnResource)

    @Test func bagTypoIsAnErrorWithDidYouMean() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Queue", type: "AWS::SQS::Queue", properties: ["VisibilityTimout": 30])
        }
        #expect(found.count == 1)
        #expect(found.first?.path == "TestStack/Queue")
        #expect(found.first?.message == "AWS::SQS::Queue Properties.VisibilityTimout: AWS::SQS::Queue has no property VisibilityTimout")
        #expect(found.first?.fix == "did you mean VisibilityTimeout?")
    }

    @Test func bagWrongTypeIsAnError() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Queue", type: "AWS::SQS::Queue", properties: ["VisibilityTimeout": "thirty"])
        }
        #expect(found.map(\.message) == [#"AWS::SQS::Queue Properties.VisibilityTimeout: "thirty" is a string; the schema expects an integer"#])
        #expect(found.first?.fix == "pass an integer (or an intrinsic function that yields one)")
    }

    @Test func numbersWrittenAsStringsAreAcceptedAsCloudFormationConvertsThem() {
        #expect(synthesisErrors { stack in
            CfnResource(stack, "Queue", type: "AWS::SQS::Queue", properties: ["VisibilityTimeout": "30", "FifoQueue": "true"])
        }.isEmpty)
    }

    @Test func bagMissingRequiredPropertyIsAnError() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Policy", type: "AWS::SQS::QueuePolicy", properties: ["PolicyDocument": [:]])
        }
        #expect(found.map(\.message) == ["AWS::SQS::QueuePolicy Properties.Queues: required property Queues is missing"])
    }

    @Test func bagEnumViolationIsAnError() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Repo", type: "AWS::ECR::Repository", properties: ["ImageTagMutability": "SOMETIMES"])
        }
        #expect(found.count == 1)
        #expect(found.first?.message.contains(#""SOMETIMES" is not one of the values the schema allows"#) == true)
        #expect(found.first?.fix?.contains(#""MUTABLE", "IMMUTABLE""#) == true)
    }

    @Test func patternLengthAndRangeViolationsAreErrors() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Repo", type: "AWS::ECR::Repository", properties: ["RepositoryName": "Upper Case"])
            CfnResource(stack, "Short", type: "AWS::ECR::Repository", properties: ["RepositoryName": "a"])
            CfnResource(stack, "Queue", type: "AWS::SQS::Queue", properties: ["VisibilityTimeout": 50000])
        }
        #expect(found.contains { $0.path == "TestStack/Repo" && $0.message.contains("does not match the pattern") })
        #expect(found.contains { $0.path == "TestStack/Short" && $0.message.contains(#""a" is 1 characters; the schema asks for at least 2"#) })
        #expect(found.contains { $0.path == "TestStack/Queue" && $0.message.hasSuffix("50000 is above the maximum 43200") && $0.fix == "use a value from 0 to 43200" })
    }

    @Test func nestedTypesRejectUnknownMembers() {
        let found = synthesisErrors { stack in
            CfnResource(stack, "Bucket", type: "AWS::S3::Bucket", properties: ["VersioningConfiguration": ["Stauts": "Enabled"]])
        }
        #expect(found.map(\.message).sorted() == [
            "AWS::S3::Bucket Properties.VersioningConfiguration.Status: required property Status is missing",
            "AWS::S3::Bucket Properties.VersioningConfiguration.Stauts: VersioningConfiguration has no member Stauts",
        ])
        #expect(found.first { $0.message.contains("Stauts:") }?.fix == "did you mean Status?")
    }

    @Test func unknownResourceTypeIsAnErrorWithDidYouMean() {
        let found = synthesisErrors { stack in CfnResource(stack, "Queue", type: "AWS::SQS::Queu") }
        #expect(found.map(\.message) == ["AWS::SQS::Queu is not a resource type of the CloudFormation schemas"])
        #expect(found.first?.fix?.hasPrefix("did you mean AWS::SQS::Queue") == true)
        #expect(synthesisErrors { stack in CfnResource(stack, "Custom", type: "Custom::Thing", properties: ["Anything": 1]) }.isEmpty)
    }

    @Test func readOnlyPropertiesAreErrors() {
        let found = synthesisErrors { stack in CfnResource(stack, "Queue", type: "AWS::SQS::Queue", properties: ["Arn": "x"]) }
        #expect(found.map(\.message) == ["AWS::SQS::Queue Properties.Arn: Arn is read-only: CloudFormation sets it"])
    }

    // MARK: Typed L1s

    @Test func typedL1ValuesAreCheckedToo() {
        let found = synthesisErrors { stack in
            SQS.CfnQueue(stack, "Range", visibilityTimeout: 50000)
            SQS.CfnQueue(stack, "Wrong", delaySeconds: CfnInteger(Value.string("soon")))
            S3.CfnBucket(stack, "Bucket", versioningConfiguration: .init(status: .init("SOMETIMES")))
        }
        #expect(found.count == 3)
        #expect(found.contains { $0.path == "TestStack/Range" && $0.message.contains("VisibilityTimeout: 50000 is above the maximum 43200") })
        #expect(found.contains { $0.path == "TestStack/Wrong" && $0.message.contains(#"DelaySeconds: "soon" is a string"#) })
        #expect(found.contains { $0.path == "TestStack/Bucket" && $0.message.contains(#"Status: "SOMETIMES" is not one of"#) })
    }

    @Test func aNewerEnumValueIsAcceptedOnceSuppressedWithAReason() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let bucket = S3.CfnBucket(stack, "Bucket", versioningConfiguration: .init(status: .init("Paused")))
            bucket.suppressSchemaChecks(at: ["Properties.VersioningConfiguration.Status"], reason: "AWS added Paused in 2031")
        }
        #expect(template.properties(of: "Bucket")?["VersioningConfiguration"]?["Status"] == "Paused")
    }

    @Test func intrinsicsAreAcceptedWhereCloudFormationAcceptsThem() throws {
        let template = try synthesize(context: usEast1, environment: .init(account: "123456789012", region: "us-east-1")) { stack in
            let timeout = CfnParameter(stack, "Timeout", type: "Number")
            let dlq = SQS.CfnQueue(stack, "DLQ")
            SQS.CfnQueue(
                stack, "Queue", messageRetentionPeriod: CfnInteger(Value.fn(.if("Long", 1209600, .fn(.pseudo(.noValue))))),
                redrivePolicy: ["deadLetterTargetArn": dlq.attrArn.cfnValue, "maxReceiveCount": 5],
                visibilityTimeout: CfnInteger(timeout.value))
            CfnCondition(stack, "Long", expression: .fn(.equals("a", "a")))
        }
        #expect(template.properties(of: "Queue")?["VisibilityTimeout"] == ["Ref": "Timeout"])
    }

    @Test func bothBranchesOfFnIfAreChecked() {
        let found = synthesisErrors { stack in
            SQS.CfnQueue(stack, "Queue", visibilityTimeout: CfnInteger(Value.fn(.if("C", 30, "thirty"))))
            CfnCondition(stack, "C", expression: .fn(.equals("a", "a")))
        }
        #expect(found.map(\.message) == [#"AWS::SQS::Queue Properties.VisibilityTimeout.Fn::If.2: "thirty" is a string; the schema expects an integer"#])
    }

    @Test func noValueCountsAsAbsentForRequiredProperties() {
        let found = synthesisErrors { stack in
            SQS.CfnQueuePolicy(stack, "Policy", policyDocument: [:], queues: CfnList(Value.fn(.pseudo(.noValue))))
        }
        #expect(found.map(\.message) == ["AWS::SQS::QueuePolicy Properties.Queues: required property Queues is missing"])
    }

    // MARK: Overrides

    @Test func overridesAreCheckedLikeAnyOtherProperty() {
        let found = synthesisErrors { stack in
            let queue = SQS.CfnQueue(stack, "Queue")
            queue.addPropertyOverride("VisibilityTimout", 30)
            queue.addOverride("Properties.DelaySeconds", "soon")
            let bucket = S3.CfnBucket(stack, "Bucket")
            bucket.addPropertyOverride(.versioningConfiguration, at: "Status", "SOMETIMES")
        }
        #expect(found.count == 3)
        #expect(found.contains { $0.path == "TestStack/Queue" && $0.message.hasSuffix("has no property VisibilityTimout") && $0.fix == "did you mean VisibilityTimeout?" })
        #expect(found.contains { $0.path == "TestStack/Queue" && $0.message.contains(#"DelaySeconds: "soon" is a string"#) })
        #expect(found.contains { $0.path == "TestStack/Bucket" && $0.message.contains(#"Status: "SOMETIMES" is not one of"#) })
    }

    // MARK: All at once, nothing written

    @Test func everyViolationOfEveryResourceIsReportedAtOnceAndNothingIsWritten() throws {
        let app = App()
        let stack = Stack(app, "TestStack")
        CfnResource(stack, "A", type: "AWS::SQS::Queue", properties: ["VisibilityTimout": 30, "DelaySeconds": 5000])
        CfnResource(stack, "B", type: "AWS::SQS::QueuePolicy")
        let directory = "/tmp/kumo-l1-tests-\(UInt32.random(in: 0...UInt32.max))"
        #expect(throws: SynthesisError.self) { try app.synthesize().write(to: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory))
        do {
            _ = try app.synthesize()
        } catch {
            #expect(error.errors.count == 4)
            #expect(Set(error.errors.map(\.path)) == ["TestStack/A", "TestStack/B"])
            #expect(error.description.hasPrefix("synthesis failed with 4 errors; nothing was written"))
        }
    }
}
