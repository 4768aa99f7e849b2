import Foundation
import Testing
@testable import KumoAnalysis
import KumoJSON

/// The reader's YAML forms and symbolic values, unit by unit (the CLI tests cover them end to end).
@Suite struct ReaderFormsTests {
    @Test func anchorsAliasesAndMergeKeysExpandAsYAMLSays() throws {
        let yaml = """
            Resources:
              A: &a
                Type: AWS::SNS::Topic
                Properties: {TopicName: a, DisplayName: shown}
              B:
                <<: *a
                Properties:
                  <<: [{TopicName: first, FifoTopic: true}, {TopicName: second, KmsMasterKeyId: k}]
                  TopicName: mine
            """
        let json = try TemplateLoader.parse(yaml, file: "t.yaml")
        #expect(json["Resources"]?["B"]?["Type"] == "AWS::SNS::Topic")
        // Explicit keys win; of the merged mappings, the first that has a key.
        #expect(json["Resources"]?["B"]?["Properties"] == ["TopicName": "mine", "FifoTopic": true, "KmsMasterKeyId": "k"])
    }

    @Test func theExpansionBoundCountsEveryNodeOnce() throws {
        // 2⁸ expanded lists of 2 strings: 767 nodes, within the bound; the text bound is what it says.
        var lines = ["Resources:", "  R:", "    Type: AWS::SNS::Topic", "    Metadata:", "      a0: &a0 [x, y]"]
        for i in 1...8 { lines.append("      a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]") }
        #expect(throws: Never.self) { try YAMLLimits.template.check(lines.joined(separator: "\n")) }
        var small = YAMLLimits.template
        small.maxNodes = 700
        #expect(throws: YAMLConversion.Failure.self) { try small.check(lines.joined(separator: "\n")) }
    }

    @Test func conditionalValuesGoTheSameWayThroughAResource() {
        let value: JSON = [
            "A": ["Fn::If": ["C", "a1", ["Ref": "AWS::NoValue"]]],
            "B": ["Fn::If": ["C", "b1", "b2"]],
            "L": ["x", ["Fn::If": ["D", "y", ["Ref": "AWS::NoValue"]]]],
        ]
        let alternatives = ConditionalValue.alternatives(value).compactMap { $0 }
        #expect(alternatives.count == 4)
        #expect(alternatives.contains(["A": "a1", "B": "b1", "L": ["x", "y"]]))
        #expect(alternatives.contains(["B": "b2", "L": ["x"]]))
        #expect(!alternatives.contains(["A": "a1", "B": "b2", "L": ["x"]]))  // C both ways at once: never
        #expect(ConditionalValue.items(value["L"]) == ["x", "y"])
    }

    @Test func symbolsAreReadableAndKnowTheirCharacters() {
        let arn = "arn:" + Symbol.pseudo("AWS::Partition").encoded + ":iam::" + Symbol.pseudo("AWS::AccountId").encoded + ":role/" + Symbol.ref("R").encoded
        #expect(Symbol.readable(arn) == "arn:<AWS::Partition>:iam::<AWS::AccountId>:role/<R>")
        #expect(Symbol.readable(SymbolicValues.marker + Symbol.attribute("Q", "Arn").encoded) == "<Q.Arn>")
        #expect(Symbol.readable(Symbol.opaque("Fn::GetAZs " + Symbol.pseudo("AWS::Region").encoded).encoded) == "<Fn::GetAZs <AWS::Region>>")
        #expect(!Symbol.pseudo("AWS::AccountId").mayContain(":") && !Symbol.pseudo("AWS::Region").mayContain("/"))
        #expect(Symbol.pseudo("AWS::Region").mayContain("-") && Symbol.ref("Param").mayContain(","))
        #expect(Symbol.part("T", "TaskDefinitionRevisionNumber").mayContain(":") && !Symbol.part("X.Arn", "account").mayContain(":"))
    }

    @Test func arnShapesComeFromTheGeneratedFacts() throws {
        #expect(ARNShapes.isARN("AWS::StepFunctions::StateMachine", "Ref"))
        #expect(ARNShapes.isARN("AWS::IAM::Role", "Arn") && !ARNShapes.isARN("AWS::IAM::Role", "Ref"))
        #expect(ARNShapes.formats["AWS::ECS::TaskDefinition"]?["Ref"]?.text
            == "arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}")
        #expect(ARNShapes.arnValues.count > 900)
    }
}
