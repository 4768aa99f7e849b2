import Foundation
import Testing

/// The documentation shows the tools' real output: each transcript of the DocC articles and of docs/ is run
/// again here and compared, so that a change of the output fails until the documentation is updated.
@Suite struct DocumentationTranscriptTests {
    /// The text of a documentation file of the repository.
    static func document(_ path: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The contents of the code block that follows `marker` in `text` (up to its closing fence).
    static func block(after marker: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let start = try #require(text.range(of: marker), "the transcript's marker is gone", sourceLocation: sourceLocation)
        let end = try #require(text.range(of: "\n```\n", range: start.upperBound..<text.endIndex), sourceLocation: sourceLocation)
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func securityChecksShowsRealFindings() throws {
        let article = try Self.document("Sources/Kumo/Kumo.docc/SecurityChecks.md")
        let shown = try Self.block(after: "$ kumo check gh-no-sub.json policy-passrole-star.json; echo $?\n", in: article)
        let run = try CLI.run(["check", "gh-no-sub.json", "policy-passrole-star.json"],
                              in: CLI.root.appendingPathComponent("Tests/Fixtures/policy-review/weak"))
        #expect(run.stdout + "\(run.status)" == shown, "SecurityChecks.md's kumo check transcript is stale: run the command and paste its output")
    }

    @Test func reviewingIAMChangesShowsARealDiff() throws {
        let article = try Self.document("Sources/Kumo/Kumo.docc/ReviewingIAMChanges.md")
        let shown = try Self.block(after: "$ kumo diff cdk.out pr.out --fail-on broadening; echo $?\n", in: article)
        // The pull request of the article: the migrator's subject widened to every service account of `main`.
        let dir = CLI.temporaryDirectory()
        #expect(try CLI.run(["synth", "--quiet", "--output", "cdk.out"], in: dir).status == 0)
        let base = dir.appendingPathComponent("cdk.out"), pr = dir.appendingPathComponent("pr.out")
        try FileManager.default.copyItem(at: base, to: pr)
        let file = pr.appendingPathComponent("MyEKSStack.template.json")
        let template = try String(contentsOf: file, encoding: .utf8)
        let narrow = #"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:account-for-db-migrator\"}"#
        let wide = #"StringLike\":{\"${Issuer}:sub\":\"system:serviceaccount:main:*\"}"#
        #expect(template.components(separatedBy: narrow).count == 2)
        try template.replacingOccurrences(of: narrow, with: wide).write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["diff", "cdk.out", "pr.out", "--fail-on", "broadening"], in: dir)
        #expect(run.stdout + "\(run.status)" == shown, "ReviewingIAMChanges.md's kumo diff transcript is stale: run the command and paste its output")
    }

    @Test func movingFromCDKShowsTheRealSummary() throws {
        let article = try Self.document("Sources/Kumo/Kumo.docc/MovingFromAWSCDK.md")
        let shown = try Self.block(after: "expected replacements:\n\n```\n", in: article)
        let run = try CLI.run(["diff", "cdk.out.sample"])
        let summary = run.stdout.split(separator: "\n").first { $0.hasPrefix("Summary: ") }.map(String.init)
        #expect(summary == shown, "MovingFromAWSCDK.md's kumo diff summary is stale")
    }

    @Test func gettingStartedShowsWhatKumoInitWrites() throws {
        let article = try Self.document("Sources/Kumo/Kumo.docc/GettingStarted.md")
        let shown = try Self.block(after: "$ kumo init my-infra --github-repository my-org/my-app\n", in: article)
        let run = try CLI.run(["init", "my-infra", "--github-repository", "my-org/my-app"], in: CLI.temporaryDirectory())
        #expect(run.status == 0)
        // The first line names this machine's directories; the files and the next step are the same everywhere.
        let lines = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }
        #expect(lines(run.stdout.trimmingCharacters(in: .newlines)) == lines(shown))
    }
}
