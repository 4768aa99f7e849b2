import KumoCore
import KumoJSON
import Testing

/// The template's `Parameters`, `Conditions` and `Outputs` sections, and the references between them.
@Suite struct ParameterConditionOutputTests {
    @Test func parametersRenderEveryAttributeAndAreReferencedByRef() throws {
        var bucketTopic: CfnResource!
        let template = try synthesize { stack in
            let env = CfnParameter(stack, "Env", default: "dev", allowedPattern: "^[a-z]+$", allowedValues: ["dev", "prod"],
                                   description: "the environment")
            CfnParameter(stack, "Secret", noEcho: true)
            CfnParameter(stack, "Subnets", type: "List<AWS::EC2::Subnet::Id>")
            bucketTopic = topic(stack, "Topic", ["TopicName": env.value])
        }
        #expect(template["Parameters"]?.serialized()
                == #"{"Env":{"Type":"String","Default":"dev","AllowedPattern":"^[a-z]+$","AllowedValues":["dev","prod"],"Description":"the environment"},"Secret":{"Type":"String","NoEcho":true},"Subnets":{"Type":"List<AWS::EC2::Subnet::Id>"}}"#)
        #expect(template.resource(bucketTopic)?["Properties"]?["TopicName"]?.serialized() == #"{"Ref":"Env"}"#)
    }

    @Test func aParameterInANestedConstructGetsAHashedLogicalID() throws {
        var parameter: CfnParameter!
        let template = try synthesize { stack in
            parameter = CfnParameter(Construct(stack, "Config"), "Env")
            topic(stack, "Topic", ["TopicName": parameter.value])
        }
        #expect(parameter.logicalID == LogicalIDs.make(["Config", "Env"]))
        #expect(parameter.logicalID.hasPrefix("ConfigEnv") && parameter.logicalID.count == "ConfigEnv".count + 8)
        #expect(template["Parameters"]?[parameter.logicalID]?["Type"] == "String")
    }

    @Test func conditionsGateResourcesAndOutputsAndChooseValues() throws {
        var gated: CfnResource!
        let template = try synthesize { stack in
            let env = CfnParameter(stack, "Env", default: "dev")
            let isProd = CfnCondition(stack, "IsProd", expression: .fn(.equals(env.value, "prod")))
            CfnCondition(stack, "NotProd", expression: .fn(.not(.fn(.condition(isProd.logicalID)))))
            gated = topic(stack, "Alarms", ["TopicName": .fn(.if(isProd.logicalID, "alarms", "alarms-dev"))])
            gated.condition = isProd.logicalID
            let output = CfnOutput(stack, "AlarmsTopic", value: gated.ref)
            output.condition = isProd.logicalID
        }
        #expect(template["Conditions"]?.serialized()
                == #"{"IsProd":{"Fn::Equals":[{"Ref":"Env"},"prod"]},"NotProd":{"Fn::Not":[{"Condition":"IsProd"}]}}"#)
        let resource = try #require(template.resource(gated))
        #expect(resource["Condition"] == "IsProd")
        #expect(resource["Properties"]?["TopicName"]?.serialized() == #"{"Fn::If":["IsProd","alarms","alarms-dev"]}"#)
        #expect(template["Outputs"]?["AlarmsTopic"]?.serialized() == #"{"Value":{"Ref":"\#(gated.logicalID)"},"Condition":"IsProd"}"#)
    }

    @Test func outputsRenderDescriptionValueAndExport() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            resource = topic(stack, "Topic")
            CfnOutput(stack, "TopicArn", value: resource.ref, description: "the topic", exportName: "\(Pseudo.stackName)-topic")
            CfnOutput(stack, "TopicName", value: resource.getAtt("TopicName"))
        }
        #expect(template["Outputs"]?.serialized()
                == #"{"TopicArn":{"Description":"the topic","Value":{"Ref":"\#(resource.logicalID)"},"Export":{"Name":{"Fn::Join":["",[{"Ref":"AWS::StackName"},"-topic"]]}}},"TopicName":{"Value":{"Fn::GetAtt":["\#(resource.logicalID)","TopicName"]}}}"#)
    }

    @Test func anOutputReferencingAnotherStackIsAnErrorThatSaysWhatToDo() {
        let app = App()
        let resource = topic(Stack(app, "Producer"), "Topic")
        let consumer = Stack(app, "Consumer")
        topic(consumer, "Other")
        CfnOutput(consumer, "Arn", value: resource.ref)
        let errors = synthesisErrors(of: app)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.path == "Consumer/Arn")
        #expect(errors.first?.message.contains("references Producer/Topic, which belongs to stack Producer; cross-stack references are not supported yet") == true, "\(errors)")
        #expect(errors.first?.fix?.hasPrefix("create both constructs in stack Consumer") == true)
    }

    @Test func twoElementsWithOneLogicalIDAreAnError() {
        let errors = synthesisErrors { stack in
            topic(stack, "A")
            topic(stack, "B").overrideLogicalID("A")
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.path == "TestStack/B")
        #expect(errors.first?.message == "logical ID A is also used by TestStack/A in Resources", "\(errors)")
    }
}
