import Foundation
import Testing
@testable import KumoAnalysis
import KumoFuzzing
import KumoJSON

/// Property: the template reader (and kumo check on top) ends every input in a value or an error, never a crash.
/// A short, deterministic run of the fuzz target's mutations on every test run; the long libFuzzer runs are
/// `scripts/fuzz-reader` (docs/fuzzing.md).
@Suite struct ReaderPropertyTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus").standardized

    @Test func mutatedTemplatesNeverCrashTheReader() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        let seeds = try files.map { [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent($0))) }
        #expect(seeds.count >= 4)
        // The seeds themselves go all the way (except the manifests and the token, which are no template).
        let stages = seeds.map { ReaderFuzzing.run($0) }
        #expect(stages.filter { $0 == 4 }.count == seeds.count - 2, "\(zip(files, stages).map { "\($0) \($1)" })")
        #expect(files.contains { $0.hasSuffix(".jwt") } && files.filter { $0.hasSuffix(".yaml") }.count >= 5)
        var g = ReaderFuzzing.Generator(seed: 20261123)
        var reached = [Int](repeating: 0, count: 5)
        var broken: [String] = []
        for i in 0..<800 {
            let seed = seeds[Int(g.next() % UInt64(seeds.count))]
            let input = ReaderFuzzing.mutate(seed, &g)
            reached[ReaderFuzzing.run(input)] += 1
            if let problem = Self.readerProblem(input) { broken.append("input \(i): \(problem)") }
        }
        #expect(broken.isEmpty, "\(broken.prefix(5).joined(separator: "\n"))")
        // The mutations exercise both ends: inputs that are no template, and templates checked all the way.
        #expect(reached[0] > 0 && reached[4] > 0, "\(reached)")
    }

    /// What the reader does wrong with `input`, if anything: every input is read the same way twice; an input it
    /// rejects is rejected with an error that names the file and says something; one it reads, written back
    /// as JSON, reads again as the same value (the writer and the parser agree on every value the reader can
    /// produce, YAML's included).
    static func readerProblem(_ input: [UInt8]) -> String? {
        let text = String(decoding: input, as: UTF8.self)
        let first = Result { () throws(ReaderError) in try TemplateLoader.parse(text, file: "fuzz.json") }
        let second = Result { () throws(ReaderError) in try TemplateLoader.parse(text, file: "fuzz.json") }
        guard first == second else { return "read differently twice" }
        switch first {
        case .failure(let error):
            guard error.file == "fuzz.json", !error.message.isEmpty else { return "an error without the file or a message: \(error)" }
            return nil
        case .success(let json):
            let written = json.serialized()
            guard let again = try? TemplateLoader.parse(written, file: "fuzz.json") else { return "its JSON does not read back: \(written.prefix(200))" }
            return again == json ? nil : "its JSON reads back as another value: \(written.prefix(200))"
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ReaderError.self) { _ = try TemplateLoader.parse(deep, file: "deep.json") }
        let yaml = String(repeating: "- ", count: 5_000) + "x"
        #expect(throws: ReaderError.self) { _ = try TemplateLoader.parse(yaml, file: "deep.yaml") }
        // Intrinsics nested deeper than the JSON parser's 512 levels (3 each): an error, at the first stage.
        func joins(_ depth: Int) -> String {
            "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": "
                + String(repeating: "{\"Fn::Join\": [\"\", [", count: depth) + "\"x\"" + String(repeating: "]]}", count: depth) + "}}}}"
        }
        #expect(throws: ReaderError.self) { _ = try TemplateLoader.parse(joins(400), file: "deep.json") }
        #expect(ReaderFuzzing.run(Array(joins(400).utf8)) == 0)
        // Just under it, the resolver evaluates all 160 levels.
        let template = try CloudTemplate(json: TemplateLoader.parse(joins(160), file: "deep.json"), name: "Deep", file: "deep.json")
        #expect(try Resolver(template).property("R", "RoleName") == "x")
    }
}

extension ReaderPropertyTests {
    /// Conditions naming conditions form a DAG: evaluated once each (it took exponential time before).
    @Test(.timeLimit(.minutes(1))) func nestedConditionsResolveInLinearTime() throws {
        var conditions = #""C0": {"Fn::Equals": [{"Ref": "P"}, "x"]}"#
        for i in 1..<80 { conditions += #", "C\#(i)": {"Fn::And": [{"Condition": "C\#(i - 1)"}, {"Condition": "C\#(i - 1)"}]}"# }
        let text = #"{"Parameters": {"P": {"Type": "String"}}, "Conditions": {\#(conditions)}, "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::If": ["C79", "a", "b"]}, "AssumeRolePolicyDocument": {}}}}}"#
        let started = ContinuousClock.now
        #expect(ReaderFuzzing.run(Array(text.utf8)) == 4)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// Many roles trusting one service account: one finding per role, not one per pair.
    @Test func manyRolesSharingASubjectStayLinear() throws {
        var roles: [String] = []
        for i in 0..<400 {
            roles.append(CheckTests.irsaRole("R\(i)", name: "r\(i)", conditions: #"{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:app\",\"${Issuer}:aud\":\"sts.amazonaws.com\"}}"#))
        }
        let template = try CheckTests.template(roles.joined(separator: ",\n"))
        let shared = try Checker().check([template]).active.filter { $0.rule.id == "KUMO-IRSA-003" }
        #expect(shared.count == 400)
        #expect(shared[0].message.contains("and 396 more"))
    }
}
