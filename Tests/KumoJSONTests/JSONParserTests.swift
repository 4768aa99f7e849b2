import Testing
@testable import KumoJSON

@Suite struct JSONParserTests {
    @Test func keepsMemberOrder() throws {
        let v = try JSON(parsing: #"{"z": 1, "a": [true, null, "s"], "m": {"y": -1.5e2, "b": {}}}"#)
        #expect(Array(v.objectValue!.keys) == ["z", "a", "m"])
        #expect(v["m"]?["y"] == .number(-150))
        #expect(v.serialized() == #"{"z":1,"a":[true,null,"s"],"m":{"y":-150,"b":{}}}"#)
    }

    @Test func decodesEscapes() throws {
        let v = try JSON(parsing: #""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(v == .string("a\"\\/\u{8}\u{c}\n\r\té😀"))
    }

    @Test(arguments: [
        ("", "empty"), ("{", "end of input"), (#"{"a":1,}"#, "quoted member name"), ("[1,]", "expected a value"),
        (#"{"a":1,"a":2}"#, "duplicate member name \"a\""), ("01", "leading zero"), ("1.", "after '.'"),
        ("tru", "expected 'true'"), (#""\x""#, "invalid escape"), ("\"a\nb\"", "control character"),
        ("{} x", "after the JSON value"), (#""\ud800""#, "surrogate"), ("// c\n{}", "expected a value"),
        ("1e999", "out of range"), ("NaN", "expected a value"),
    ])
    func rejectsInvalidDocuments(text: String, fragment: String) {
        #expect {
            try JSON(parsing: text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSON(parsing: "{\n  \"a\": 1,\n  \"a\": 2\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.column == 3)
        }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSON(parsing: deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSON(parsing: ok) }
    }

    @Test func semanticEqualityIgnoresMemberOrder() throws {
        let a = try JSON(parsing: #"{"a":1,"b":[{"x":1,"y":2}]}"#)
        let b = try JSON(parsing: #"{"b":[{"y":2,"x":1}],"a":1}"#)
        #expect(a != b)
        #expect(a.semanticallyEquals(b))
        #expect(!a.semanticallyEquals(try JSON(parsing: #"{"a":1,"b":[{"y":2}]}"#)))
    }
}
