import KumoJSON
import Testing
@testable import KumoMigration

/// Finding and replacing references: `Ref`, `Fn::GetAtt` (both forms) and `${…}` in `Fn::Sub`.
@Suite struct ReferenceTests {
    @Test func referencesAreFoundInEveryForm() {
        let value: JSON = ["A": ["Ref": "X"], "B": ["Fn::GetAtt": ["Y", "Arn"]], "C": ["Fn::GetAtt": "Z.Outputs.Out"],
                           "D": ["Fn::Sub": "${W}-${V.Name}-${!Literal}-${AWS::Region}"], "E": ["Fn::Sub": ["${Var}", ["Var": ["Ref": "U"]]]],
                           "F": ["Ref": "AWS::AccountId"]]
        #expect(Set(References.all(in: value)) == [Reference(target: "X", attribute: nil), Reference(target: "Y", attribute: "Arn"),
                                                    Reference(target: "Z", attribute: "Outputs.Out"), Reference(target: "W", attribute: nil),
                                                    Reference(target: "V", attribute: "Name"), Reference(target: "U", attribute: nil)])
    }

    @Test func substitutionReplacesOnlyWhatItIsGiven() {
        let value: JSON = ["A": ["Ref": "X"], "B": ["Fn::GetAtt": ["X", "Arn"]], "C": ["Fn::Sub": "arn:${X}:${Y}"], "D": ["Fn::Sub": "only ${X}"],
                           "E": ["Fn::Sub": ["${Var}/${X.Arn}", ["Var": ["Ref": "X"]]]], "F": ["Ref": "Y"]]
        let out = References.substitute(value) { target, attribute in
            target == "X" ? .string(attribute.map { "x-\($0)" } ?? "x") : nil
        }
        #expect(out == ["A": "x", "B": "x-Arn", "C": ["Fn::Sub": "arn:x:${Y}"], "D": "only x",
                        "E": ["Fn::Sub": ["${Var}/x-Arn", ["Var": "x"]]], "F": ["Ref": "Y"]])
        // An object value (a CfnJson value) replaces a whole GetAtt, never text inside Fn::Sub.
        let object = References.substitute(["K": ["Fn::GetAtt": ["X", "Value"]], "S": ["Fn::Sub": "${X.Value}"]]) { _, _ in ["k": "v"] }
        #expect(object == ["K": ["k": "v"], "S": ["Fn::Sub": "${X.Value}"]])
    }
}
