import Foundation
import Testing

/// `kumo synth --format yaml`: `<Stack>.template.yaml` files, named by the manifest, deterministic, read back by
/// every kumo command as the JSON assembly's templates.
@Suite struct SynthYAMLCommandTests {
    @Test func writesYAMLTemplatesThatTheManifestNames() throws {
        let out = CLI.temporaryDirectory().appendingPathComponent("out")
        let run = try CLI.run(["synth", "--format", "yaml", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("MyEKSStack.template.yaml"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml", "MyEKSStack.template.yaml", "cdk.out", "manifest.json", "tree.json"])
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains(#""templateFile": "MyEKSStack.template.yaml""#))
        let yaml = try String(contentsOf: out.appendingPathComponent("MyEKSStack.template.yaml"), encoding: .utf8)
        #expect(yaml.contains("      VpcId: !Ref VPCB9E5F0B4\n"))
        #expect(yaml.contains("      AllocationId: !GetAtt VPCsubnetforeksclusterpublicSubnet1EIPB1A8AF5E.AllocationId\n"))
        #expect(yaml.contains("      AssumeRolePolicyDocument: !Sub\n"))
        #expect(yaml.contains("      CidrBlock: '10.0.0.0/16'\n"))
        #expect(yaml.hasSuffix("\n") && !yaml.hasPrefix("{"))
    }

    @Test func sameInputSameBytes() throws {
        let dir = CLI.temporaryDirectory()
        for name in ["a", "b"] { _ = try CLI.run(["synth", "-q", "--format", "yaml", "-o", dir.appendingPathComponent(name).path]) }
        for file in ["MyEKSStack.template.yaml", "manifest.json", "tree.json"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("a/\(file)")) == Data(contentsOf: dir.appendingPathComponent("b/\(file)")), "\(file)")
        }
    }

    /// The YAML assembly is the JSON assembly to kumo diff (no change at all) and to kumo check (the same findings).
    @Test func kumoReadsTheYAMLAssemblyAsTheJSONOne() throws {
        let dir = CLI.temporaryDirectory()
        let json = dir.appendingPathComponent("json"), yaml = dir.appendingPathComponent("yaml")
        _ = try CLI.run(["synth", "-q", "-o", json.path])
        _ = try CLI.run(["synth", "-q", "--format", "yaml", "-o", yaml.path])
        let diff = try CLI.run(["diff", json.path, yaml.path, "--strict"])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("No changes."))
        let checkJSON = try CLI.run(["check", json.path, "--format", "json"])
        let checkYAML = try CLI.run(["check", yaml.path, "--format", "json"])
        #expect(checkJSON.status == checkYAML.status)
        let strip = { (text: String) in text.replacingOccurrences(of: yaml.path, with: "DIR").replacingOccurrences(of: json.path, with: "DIR")
            .replacingOccurrences(of: ".template.yaml", with: ".template.json") }
        #expect(strip(checkYAML.stdout).count > 100)
        #expect(strip(checkYAML.stdout).replacingOccurrences(of: #""line": \d+"#, with: "", options: .regularExpression)
            == strip(checkJSON.stdout).replacingOccurrences(of: #""line": \d+"#, with: "", options: .regularExpression))
    }

    @Test(arguments: [
        (["synth", "--format", "yaml", "--compact"], "--compact applies to JSON templates"),
        (["synth", "--format", "xml"], "--format"),
    ])
    func badFormatArgumentsExitTwoAndWriteNothing(arguments: [String], message: String) throws {
        let out = CLI.temporaryDirectory().appendingPathComponent("out")
        let run = try CLI.run(arguments + ["-o", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func helpNamesTheFormats() throws {
        let run = try CLI.run(["synth", "--help"])
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("--format <json|yaml>"))
        #expect(text.contains("!Ref, !GetAtt, !Sub"))
    }
}
