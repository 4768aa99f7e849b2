import Foundation
import Testing
@testable import KumoJSON

@Suite struct JSONWriterTests {
    @Test(arguments: [
        (1.0, "1"), (0.5, "0.5"), (-2.0, "-2"), (1e21, "1e+21"), (1e-7, "1e-7"), (123.456, "123.456"),
        (0.000001, "0.000001"), (1.5e300, "1.5e+300"), (5432.0, "5432"), (-0.0, "0"), (1e20, "100000000000000000000"),
        (0.1 + 0.2, "0.30000000000000004"), (2.5e-10, "2.5e-10"),
    ])
    func numbersFormatLikeJavaScript(value: Double, expected: String) {
        #expect(JSONNumberFormat.javaScript(value) == expected)
    }

    @Test func indentedLayoutMatchesJSONStringify() {
        let doc: JSON = ["a": [1, "x", [:], []], "b": ["c": nil, "d": true]]
        #expect(doc.serialized(.indented(1)) == """
        {
         "a": [
          1,
          "x",
          {},
          []
         ],
         "b": {
          "c": null,
          "d": true
         }
        }
        """)
        #expect(doc.serialized(.compact) == #"{"a":[1,"x",{},[]],"b":{"c":null,"d":true}}"#)
    }

    @Test func stringsEscapeOnlyWhatJSONStringifyEscapes() {
        let s: JSON = .string("q\"b\\s/\n\t\u{01}é€😀")
        #expect(s.serialized() == "\"q\\\"b\\\\s/\\n\\t\\u0001é€😀\"")
    }

    /// The writer reproduces every reference file CDK wrote, byte for byte (after a parse).
    @Test func reproducesTheSampleFilesByteForByte() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../cdk.out.sample").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".template.json") }
        #expect(files.count == 3)
        for name in files {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let parsed = try JSON(parsing: text)
            #expect(parsed.serialized(.cdkTemplate) == text, "\(name)")
        }
        let manifest = try String(contentsOf: dir.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(try JSON(parsing: manifest).serialized(.cdkManifest) == manifest)
    }
}
