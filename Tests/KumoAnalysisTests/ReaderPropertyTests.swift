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
        // The seeds themselves go all the way (except the manifests, which are no template).
        let stages = seeds.map { ReaderFuzzing.run($0) }
        #expect(stages.filter { $0 == 4 }.count == seeds.count - 1, "\(zip(files, stages).map { "\($0) \($1)" })")
        var g = ReaderFuzzing.Generator(seed: 20261123)
        var reached = [Int](repeating: 0, count: 5)
        for _ in 0..<800 {
            let seed = seeds[Int(g.next() % UInt64(seeds.count))]
            reached[ReaderFuzzing.run(ReaderFuzzing.mutate(seed, &g))] += 1
        }
        #expect(reached.reduce(0, +) == 800)
        #expect(reached[0] > 0 && reached[4] > 0, "\(reached)")
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ReaderError.self) { _ = try TemplateLoader.parse(deep, file: "deep.json") }
        let yaml = String(repeating: "- ", count: 5_000) + "x"
        #expect(throws: ReaderError.self) { _ = try TemplateLoader.parse(yaml, file: "deep.yaml") }
        let fnDeep = "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": "
            + String(repeating: "{\"Fn::Join\": [\"\", [", count: 400) + "\"x\"" + String(repeating: "]]}", count: 400) + "}}}}"
        #expect(ReaderFuzzing.run(Array(fnDeep.utf8)) >= 0)
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
