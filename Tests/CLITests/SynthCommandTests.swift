import Foundation
import Testing

@Suite struct SynthCommandTests {
    @Test func writesTheAssemblyAndASummary() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["synth", "--output", dir.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Synthesized 1 stack to"))
        #expect(run.stdout.contains("MyEKSStack"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted()
        #expect(files == ["MyEKSStack.EKSCluster.aws-load-balancer-controller.k8s.yaml", "MyEKSStack.template.json", "cdk.out", "manifest.json", "tree.json"])
    }

    @Test func sameInputSameBytes() throws {
        let dir = CLI.temporaryDirectory()
        for name in ["a", "b"] { _ = try CLI.run(["synth", "-q", "-o", dir.appendingPathComponent(name).path]) }
        for file in ["MyEKSStack.template.json", "manifest.json", "tree.json", "cdk.out"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file)")
        }
    }

    @Test(arguments: [
        (["synth", "--stack", "Nope"], "no stack named \"Nope\""),
        (["synth", "-c", "novalue"], "context must be key=value"),
        (["synth", "--bogus"], "Unknown option"),
    ])
    func badArgumentsExitTwoAndWriteNothing(arguments: [String], message: String) throws {
        let dir = CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let run = try CLI.run(arguments + ["-o", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anOutputPathThatIsAFileIsAnError() throws {
        let dir = CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["synth", "-o", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a directory"))
    }

    @Test func helpExplains() throws {
        let run = try CLI.run(["synth", "--help"])
        #expect(run.status == 0)
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("aws cloudformation deploy --template-file"))
        #expect(run.stdout.contains("--output"))
    }
}
