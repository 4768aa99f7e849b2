import KumoCore
import KumoJSON
import Testing

/// Tags (`node.addTag`): inherited by every taggable resource below the construct, the closest tag winning per
/// key, limited to some types with `only:`, and never over a `Tags` property set explicitly.
@Suite struct TagTests {
    @Test func tagsPropagateDownTheTreeAndTheClosestWins() throws {
        var inner: CfnResource!, outer: CfnResource!
        let template = try synthesize { stack in
            stack.node.addTag("team", "platform")
            stack.node.addTag("env", "prod")
            let group = Construct(stack, "Group")
            group.node.addTag("env", "staging")
            group.node.addTag("Owner", "akari")
            inner = topic(group, "Inner")
            outer = topic(stack, "Outer")
        }
        // Sorted by key as CDK sorts them (localeCompare: case-insensitive first).
        #expect(template.resource(inner)?["Properties"]?["Tags"]?.serialized()
                == #"[{"Key":"env","Value":"staging"},{"Key":"Owner","Value":"akari"},{"Key":"team","Value":"platform"}]"#)
        #expect(template.resource(outer)?["Properties"]?["Tags"]?.serialized()
                == #"[{"Key":"env","Value":"prod"},{"Key":"team","Value":"platform"}]"#)
        #expect(inner.effectiveTags.map(\.key) == ["env", "Owner", "team"])
    }

    @Test func aTagOnTheResourceItselfWinsOverItsScopes() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            stack.node.addTag("env", "prod")
            resource = topic(stack, "Topic")
            resource.node.addTag("env", "dev")
        }
        #expect(template.resource(resource)?["Properties"]?["Tags"]?.serialized() == #"[{"Key":"env","Value":"dev"}]"#)
    }

    @Test func onlyLimitsATagToTheNamedTypes() throws {
        var topicResource: CfnResource!, parameter: CfnResource!
        let template = try synthesize { stack in
            stack.node.addTag("cost-center", "42", only: ["AWS::SSM::Parameter"])
            stack.node.addTag("team", "platform")
            topicResource = topic(stack, "Topic")
            parameter = ssmParameter(stack, "Parameter")
        }
        #expect(template.resource(topicResource)?["Properties"]?["Tags"]?.serialized() == #"[{"Key":"team","Value":"platform"}]"#)
        // The map format (SSM, EKS, ...).
        #expect(template.resource(parameter)?["Properties"]?["Tags"]?.serialized() == #"{"cost-center":"42","team":"platform"}"#)
    }

    @Test func anExplicitTagsPropertyWins() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            stack.node.addTag("team", "platform")
            resource = topic(stack, "Topic", ["Tags": [["Key": "mine", "Value": "only"]]])
        }
        #expect(template.resource(resource)?["Properties"]?["Tags"]?.serialized() == #"[{"Key":"mine","Value":"only"}]"#)
    }

    @Test func typesWithoutTagsAndResourcesWithoutTagsGetNoTagsProperty() throws {
        var untaggable: CfnResource!, untagged: CfnResource!
        let template = try synthesize { stack in
            untagged = topic(stack, "Untagged")
            let scope = Construct(stack, "Scope")
            scope.node.addTag("team", "platform")
            untaggable = CfnResource(scope, "Policy", type: "AWS::SNS::TopicPolicy", properties: [
                "PolicyDocument": ["Version": "2012-10-17", "Statement": []], "Topics": [untagged.ref],
            ], required: ["PolicyDocument", "Topics"])
        }
        #expect(template.resource(untaggable)?["Properties"]?["Tags"] == nil)
        #expect(template.resource(untagged)?["Properties"] == nil)
    }

    @Test func addingATagAgainReplacesItsValue() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            resource = topic(stack, "Topic")
            stack.node.addTag("env", "prod")
            stack.node.addTag("env", "dev")
        }
        #expect(template.resource(resource)?["Properties"]?["Tags"]?.serialized() == #"[{"Key":"env","Value":"dev"}]"#)
    }
}
