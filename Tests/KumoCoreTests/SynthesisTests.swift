import KumoCore
import KumoJSON
import Testing

/// What synthesis writes around the elements (the template's description and metadata, resource attributes,
/// the manifest) and the errors that stop it.
@Suite struct SynthesisTests {
    @Test func theStackDescriptionAndLintSuppressionsOpenTheTemplate() throws {
        let app = App()
        let stack = Stack(app, "TestStack", description: "the test stack")
        stack.suppressLintChecks(["W3010"], reason: "zones from context")
        topic(stack, "Topic")
        let assembly = try app.synthesize()
        let template = assembly.stacks[0].template
        #expect(template.objectValue.map { Array($0.keys) } == ["Description", "Metadata", "Resources"])
        #expect(template["Description"] == "the test stack")
        #expect(template["Metadata"]?.serialized() == #"{"cfn-lint":{"config":{"ignore_checks":["W3010"]}}}"#)
    }

    @Test func resourceAttributesRemovalPolicyDependenciesAndMetadata() throws {
        var first: CfnResource!, second: CfnResource!
        let template = try synthesize { stack in
            first = topic(stack, "First")
            second = topic(Construct(stack, "Group"), "Second")
            second.addDependency(on: first)
            second.addDependency(on: first)
            second.removalPolicy = .retain
            second.metadata["note"] = "kept"
        }
        let entry = try #require(template.resource(second))
        #expect(entry["DependsOn"] == [.string(first.logicalID)])
        #expect(entry["DeletionPolicy"] == "Retain" && entry["UpdateReplacePolicy"] == "Retain")
        #expect(entry["Metadata"]?.serialized() == #"{"note":"kept","aws:cdk:path":"TestStack/Group/Second"}"#)
        #expect(template.resource(first)?["DependsOn"] == nil && template.resource(first)?["DeletionPolicy"] == nil)
    }

    @Test func constructDependenciesBecomeDependsOnOfEveryResourceBelow() throws {
        var database: CfnResource!, a: CfnResource!, b: CfnResource!
        let template = try synthesize { stack in
            database = topic(stack, "Database")
            let app = Construct(stack, "App")
            a = topic(app, "A")
            b = topic(Construct(app, "Inner"), "B")
            app.node.addDependency(database)
        }
        #expect(template.resource(a)?["DependsOn"] == [.string(database.logicalID)])
        #expect(template.resource(b)?["DependsOn"] == [.string(database.logicalID)])
        #expect(template.resource(database)?["DependsOn"] == nil)
    }

    @Test func interpolationBuildsFnJoinAndFormatARNUsesTheStacksEnvironment() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            let arn = stack.formatARN(service: "sns", resource: "alarms")
            resource = topic(stack, "Topic", ["TopicName": "\(Pseudo.stackName)-alarms", "DisplayName": arn])
        }
        let properties = try #require(template.resource(resource)?["Properties"])
        #expect(properties["TopicName"]?.serialized() == #"{"Fn::Join":["",[{"Ref":"AWS::StackName"},"-alarms"]]}"#)
        #expect(properties["DisplayName"]?.serialized() == #"{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":sns:ap-northeast-1:123456789012:alarms"]]}"#)
    }

    @Test func intrinsicsRenderAsCloudFormationWritesThem() throws {
        var resource: CfnResource!
        let template = try synthesize { stack in
            // A custom resource type: no schema, so any property name.
            resource = CfnResource(stack, "Probe", type: "Custom::Probe", properties: [
                "A": .fn(.select(1, .fn(.split(",", "a,b")))),
                "B": .fn(.sub("${AWS::Region}-${Name}", ["Name": "x"])),
                "C": .fn(.sub("plain", [:])),
                "D": .fn(.base64("text")),
                "E": .fn(.importValue("Shared-Arn")),
                "F": .fn(.findInMap("Sizes", .fn(.pseudo(.region)), "Count")),
                "G": .fn(.cidr("10.0.0.0/16", 4, 8)),
                "H": .fn(.getAZs("")),
                "I": .fn(.and([.fn(.condition("X")), .fn(.or([.fn(.condition("Y")), .fn(.condition("Z"))]))])),
            ], required: [])
        }
        #expect(template.resource(resource)?["Properties"]?.serialized() == #"{"A":{"Fn::Select":[1,{"Fn::Split":[",","a,b"]}]},"B":{"Fn::Sub":["${AWS::Region}-${Name}",{"Name":"x"}]},"C":{"Fn::Sub":"plain"},"D":{"Fn::Base64":"text"},"E":{"Fn::ImportValue":"Shared-Arn"},"F":{"Fn::FindInMap":["Sizes",{"Ref":"AWS::Region"},"Count"]},"G":{"Fn::Cidr":["10.0.0.0/16",4,8]},"H":{"Fn::GetAZs":""},"I":{"Fn::And":[{"Condition":"X"},{"Fn::Or":[{"Condition":"Y"},{"Condition":"Z"}]}]}}"#)
    }

    @Test func theManifestListsEachStackWithItsEnvironment() throws {
        let app = App()
        topic(Stack(app, "Pinned", environment: .init(account: "123456789012", region: "eu-west-1")), "Topic")
        topic(Stack(app, "Agnostic"), "Topic")
        let assembly = try app.synthesize()
        #expect(assembly.stacks.map(\.name) == ["Pinned", "Agnostic"])
        let artifacts = try #require(assembly.manifest["artifacts"])
        #expect(artifacts["Pinned"]?["type"] == "aws:cloudformation:stack")
        #expect(artifacts["Pinned"]?["environment"] == "aws://123456789012/eu-west-1")
        #expect(artifacts["Agnostic"]?["environment"] == "aws://unknown-account/unknown-region")
        #expect(artifacts["Pinned"]?["properties"]?["templateFile"] == "Pinned.template.json")
        #expect(assembly.files.map(\.name).contains("Pinned.template.json"))
        // One stack of the assembly only.
        #expect(try app.synthesize(stacks: ["Agnostic"]).stacks.map(\.name) == ["Agnostic"])
    }

    /// `tree.json` (CDK's tree-0.1): every construct with its path and Swift type; resources with their type and the
    /// properties as written into the template.
    @Test func theTreeDescribesEveryConstruct() throws {
        let app = App()
        let stack = Stack(app, "TestStack")
        let group = Construct(stack, "Group")
        topic(group, "Topic", ["TopicName": "alarms"])
        let tree = try app.synthesize().tree
        #expect(tree["version"] == "tree-0.1")
        let root = try #require(tree["tree"])
        #expect(root["id"] == "App" && root["path"] == "")  // as CDK writes it (cdk.out.sample/tree.json)
        let resource = try #require(root["children"]?["TestStack"]?["children"]?["Group"]?["children"]?["Topic"])
        #expect(resource["path"] == "TestStack/Group/Topic")
        #expect(resource["attributes"]?.serialized() == #"{"aws:cdk:cloudformation:type":"AWS::SNS::Topic","aws:cdk:cloudformation:props":{"TopicName":"alarms"}}"#)
        #expect(resource["constructInfo"]?["fqn"] == "KumoCore.CfnResource")
        #expect(root["children"]?["TestStack"]?["children"]?["Group"]?["constructInfo"]?["fqn"] == "KumoCore.Construct")
    }

    @Test func errorsThatStopSynthesis() {
        #expect(synthesisErrors(of: App()).map(\.message) == ["the app has no stacks"])
        let empty = App()
        Stack(empty, "Empty")
        #expect(synthesisErrors(of: empty).map { "\($0.path): \($0.message)" } == ["Empty: the stack has no resources"])
        let app = App()
        topic(Stack(app, "One"), "Topic")
        let unknown: [Diagnostic]
        do {
            _ = try app.synthesize(stacks: ["Two"])
            unknown = []
        } catch {
            unknown = error.errors
        }
        #expect(unknown.map(\.message) == [#"no stack named "Two""#])
        #expect(unknown.first?.fix == "choose one of: One")
    }

    @Test func aMissingContextValueNamesTheKeyAndHowToSetIt() {
        let app = App(context: ["domain": "example.com"])
        let stack = Stack(app, "TestStack")
        #expect(stack.requireContext("domain", purpose: "the domain", example: #""example.com""#) == "example.com")
        #expect(stack.requireContext("zone", purpose: "the hosted zone", example: #""Z123""#) == nil)
        topic(stack, "Topic")
        let errors = synthesisErrors(of: app)
        #expect(errors.map(\.message) == [#"context key "zone" is not set; it gives the hosted zone"#])
        #expect(errors.first?.fix?.hasPrefix(#"set it on the command line, kumo synth -c 'zone="Z123"'"#) == true)
    }
}
