import Foundation
import Testing

@Suite struct DiffCommandTests {
    static let provider = #""Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://oidc.example.com/id/1", "ClientIdList": ["sts.amazonaws.com"]}}"#

    static func role(_ op: String, _ subject: String) -> String {
        #"{"Resources": {\#(provider), "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "web", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "Provider"}}, "Condition": {"\#(op)": {"oidc.example.com/id/1:sub": "\#(subject)"}}}]}}}}}"#
    }

    static let exact = role("StringEquals", "system:serviceaccount:main:web")
    static let wide = role("StringLike", "system:serviceaccount:main:*")

    func files(_ contents: [String: String]) throws -> URL {
        let dir = CLI.temporaryDirectory()
        for (name, text) in contents { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func exitCodesZeroOneAndThree() throws {
        let dir = try files(["exact.json": Self.exact, "wide.json": Self.wide, "copy.json": Self.exact])
        func run(_ args: [String]) throws -> CLIRun { try CLI.run(["diff"] + args, in: dir) }

        let same = try run(["exact.json", "copy.json"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.contains("IAM: no change"))
        #expect(same.stderr.isEmpty)

        let widened = try run(["exact.json", "wide.json"])
        #expect(widened.status == 1)
        #expect(widened.stdout.contains("[BROADENING] condition changed · trust"))

        let gated = try run(["exact.json", "wide.json", "--fail-on", "broadening"])
        #expect(gated.status == 3)

        let narrowed = try run(["wide.json", "exact.json", "--fail-on", "broadening"])
        #expect(narrowed.status == 1)
        #expect(narrowed.stdout.contains("[narrowing]"))

        let unchangedGate = try run(["exact.json", "copy.json", "--fail-on", "broadening"])
        #expect(unchangedGate.status == 0)
    }

    @Test func formats() throws {
        let dir = try files(["exact.json": Self.exact, "wide.json": Self.wide])
        let markdown = try CLI.run(["diff", "exact.json", "wide.json", "--format", "markdown"], in: dir)
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("## `kumo diff`: 🔴 **IAM access broadens**"))
        #expect(markdown.stdout.contains("| 🔴 broadening |"))

        let json = try CLI.run(["diff", "exact.json", "wide.json", "--format", "json"], in: dir)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["broadening"] as? Bool == true)

        let bad = try CLI.run(["diff", "exact.json", "wide.json", "--format", "html"], in: dir)
        #expect(bad.status == 2)
    }

    @Test func noColourWithoutATerminal() throws {
        // The runner pipes standard output and sets NO_COLOR: no escape sequences either way.
        let dir = try files(["exact.json": Self.exact, "wide.json": Self.wide])
        let run = try CLI.run(["diff", "exact.json", "wide.json"], in: dir)
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test(arguments: [
        (#"{"Resources": {"A": "#, "invalid JSON"),
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Bogus": 1}}}}}"#, "unknown intrinsic function Fn::Bogus"),
        (#"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "A"}}}}}"#,
         "cyclic references between resources: A → B → A"),
        (#"{"AWSTemplateFormatVersion": "2010-09-09"}"#, "there is no Resources section"),
    ])
    func malformedInputExitsTwoWithAClearMessage(text: String, message: String) throws {
        let dir = try files(["good.json": Self.exact, "bad.json": text])
        let run = try CLI.run(["diff", "good.json", "bad.json"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: bad.json"), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFileAndUnknownStack() throws {
        let dir = try files(["good.json": Self.exact])
        let missing = try CLI.run(["diff", "good.json", "nope.json"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: no such file or directory"))
        let stack = try CLI.run(["diff", "good.json", "good.json", "--stack", "Other"], in: dir)
        #expect(stack.status == 2)
        #expect(stack.stderr.contains("no stack named \"Other\""))
    }

    @Test func theSampleAgainstAFreshSynthesis() throws {
        // The convenience form: one argument, compared with the bundled app synthesized in memory.
        let run = try CLI.run(["diff", "cdk.out.sample", "--format", "json", "--fail-on", "broadening"])
        #expect(run.status == 1, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let stack = try #require((object["stacks"] as? [[String: Any]])?.first)
        #expect(stack["newFile"] as? String == "(synthesized) MyEKSStack.template.json")
        let iam = try #require(stack["iam"] as? [[String: Any]])
        // The whole stack is reproduced: no IAM change at all.
        #expect(iam.isEmpty, "\(iam)")
        let expected = try #require(stack["expectedReplacements"] as? [[String: Any]])
        #expect(expected.contains { $0["logicalId"] as? String == "EKSClusterE11008B6" && $0["newType"] as? String == "AWS::EKS::Cluster" })
        #expect(expected.count >= 18)

        let text = try CLI.run(["diff", "cdk.out.sample"])
        #expect(text.stdout.contains("Expected replacements (CDK → native)"))
        #expect(text.stdout.contains("noise differences hidden"))
    }

    @Test func aWidenedIRSASubjectInASynthesizedAssembly() throws {
        let dir = CLI.temporaryDirectory()
        let base = dir.appendingPathComponent("base"), pr = dir.appendingPathComponent("pr")
        #expect(try CLI.run(["synth", "-q", "-o", base.path]).status == 0)
        #expect(try CLI.run(["synth", "-q", "-o", pr.path]).status == 0)
        let file = pr.appendingPathComponent("MyEKSStack.template.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let before = #"\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:main:account-for-db-migrator\"}"#
        let after = #"\"StringLike\":{\"${Issuer}:sub\":\"system:serviceaccount:main:*\"}"#
        #expect(text.contains(before))
        try text.replacingOccurrences(of: before, with: after).write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["diff", base.path, pr.path, "--format", "markdown", "--fail-on", "broadening"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("**DBMigratorRole**<br>role role-for-db-migrator"))
        #expect(run.stdout.contains("`StringEquals → StringLike <EKSCluster issuer>:sub`"))
        #expect(run.stdout.contains("| `system:serviceaccount:main:account-for-db-migrator` | `system:serviceaccount:main:*` |"))
    }

    @Test func yamlAndJSONCompareByMeaning() throws {
        let yaml = """
        Resources:
          Provider:
            Type: AWS::IAM::OIDCProvider
            Properties: {Url: "https://oidc.example.com/id/1", ClientIdList: [sts.amazonaws.com]}
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: web
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRoleWithWebIdentity
                    Principal: {Federated: !Ref Provider}
                    Condition:
                      StringEquals: {"oidc.example.com/id/1:sub": system:serviceaccount:main:web}
        """
        let list = yaml.replacingOccurrences(of: "Action: sts:AssumeRoleWithWebIdentity", with: "Action: [sts:AssumeRoleWithWebIdentity]")
        let dir = try files(["exact.json": Self.exact, "exact.yaml": yaml, "list.yaml": list])
        let run = try CLI.run(["diff", "exact.yaml", "exact.json"], in: dir)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // A list instead of a string: the same access (no IAM change), but the template changes the resource.
        let rewritten = try CLI.run(["diff", "list.yaml", "exact.json"], in: dir)
        #expect(rewritten.status == 1)
        #expect(rewritten.stdout.contains("IAM: no change"))
        #expect(rewritten.stdout.contains("Properties.AssumeRolePolicyDocument: written differently, same access"))
    }

    @Test func strictShowsTheNoise() throws {
        let quiet = try CLI.run(["diff", "cdk.out.sample", "cdk.out.sample"])
        #expect(quiet.status == 0)
        let old = #"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Metadata": {"aws:cdk:path": "S/Topic/Resource"}}}}"#
        let new = #"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Metadata": {"aws:cdk:path": "S/Renamed/Resource"}}}}"#
        let dir = try files(["old.json": old, "new.json": new])
        let hidden = try CLI.run(["diff", "old.json", "new.json"], in: dir)
        #expect(hidden.status == 0)
        #expect(hidden.stdout.contains("1 noise difference hidden (CDK metadata (aws:cdk:path)); --strict shows them"))
        let strict = try CLI.run(["diff", "old.json", "new.json", "--strict"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Metadata.aws:cdk:path: S/Topic/Resource → S/Renamed/Resource"))
    }

    @Test func helpExplainsExitCodes() throws {
        let run = try CLI.run(["diff", "--help"])
        #expect(run.status == 0)
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("3 with --fail-on broadening"))
        #expect(text.contains("--strict"))
    }
}
