import Testing
@testable import KumoAnalysis
import KumoJSON

/// The small reader changes made for `kumo diff`: lists known only at deploy time, the byte-level `Fn::Sub`
/// and `Fn::Split` scanners, the memoized properties and the shared resolver of the IAM model.
@Suite struct DiffReaderAdditionsTests {
    func template(_ text: String) throws -> CloudTemplate {
        try CloudTemplate(json: try JSON(parsing: text), name: "T", file: "t.json")
    }

    @Test func selectAndJoinOverAListParameterGiveSymbols() throws {
        let t = try template(#"{"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}}, "Resources": {"Q": {"Type": "AWS::SNS::Topic"}}}"#)
        let r = Resolver(t)
        let first = try r.resolve(["Fn::Select": [0, ["Ref": "Subnets"]]], at: "x")
        #expect(t.display(first?.stringValue ?? "") == "<Subnets[0]>")
        let joined = try r.resolve(["Fn::Join": [",", ["Ref": "Subnets"]]], at: "x")
        #expect(t.display(joined?.stringValue ?? "") == "<Fn::Join Subnets>")
        // A literal string is still not a list.
        #expect(throws: ReaderError.self) { try r.resolve(["Fn::Select": [0, "a,b"]], at: "x") }
    }

    @Test(arguments: [
        ("${ AWS::Region }-x", "eu-west-1-x"),
        ("é${AWS::Region}ü${!Literal}ß", "éeu-west-1ü${Literal}ß"),
        ("${!A}${!B}", "${A}${B}"),
        ("$", "$"),
        ("${Var}", "v"),
        ("no placeholder 日本", "no placeholder 日本"),
    ])
    func subScansBytes(template text: String, expected: String) throws {
        let t = try CloudTemplate(json: ["Resources": [:]], name: "T", file: "t.json", environment: .init(account: "1", region: "eu-west-1"))
        let value = try Resolver(t).resolve(["Fn::Sub": [.string(text), ["Var": "v"]]], at: "x")
        #expect(value == .string(expected))
    }

    @Test func splitKeepsEmptyPiecesAndMultibyteDelimiters() {
        #expect("a::b::".splitting(by: "::") == ["a", "b", ""])
        #expect("αβγβδ".splitting(by: "β") == ["α", "γ", "δ"])
        #expect("abc".splitting(by: "abcd") == ["abc"])
        #expect("".splitting(by: ",") == [""])
    }

    @Test func propertiesAreMemoizedAndSharedWithTheIAMModel() throws {
        let t = try template(#"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "${AWS::StackName}-r"}, "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}"#)
        let resolver = Resolver(t)
        let model = try IAMModel(resolver: resolver)
        #expect(model.roles.map(\.name) == ["T-r"])
        #expect(try resolver.property("R", "RoleName") == "T-r")
        #expect(try resolver.property("R", "Nope") == nil)
    }
}
