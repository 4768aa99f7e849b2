import Foundation
import KumoJSON
import Testing

/// The classes of valid templates `scripts/corpus-check` found the reader refusing in the public corpus (cfn-lint's
/// fixtures, LocalStack's samples, cfripper's and cfn-lint-serverless's tests), end to end through the `kumo`
/// binary, one test per class on the fixtures of `Tests/Fixtures/reader/corpus/`; and the refusals that are right,
/// with their exact messages.
@Suite struct CorpusClassesTests {
    static func fixture(_ name: String) -> String { CLI.root.appendingPathComponent("Tests/Fixtures/reader/corpus/" + name).path }

    /// The template compared with itself: read, and no change.
    static func readsAndComparesEqual(_ name: String) throws {
        let check = try CLI.run(["check", fixture(name)])
        #expect(check.status == 0, "\(check.stderr)")
        let diff = try CLI.run(["diff", fixture(name), fixture(name), "--fail-on", "broadening"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("No changes."))
    }

    /// The outputs a fixture adds to `arn-base.yaml`, from the diff's JSON report.
    static func addedOutputs(_ name: String) throws -> [String: String] {
        let run = try CLI.run(["diff", ReaderClassesTests.fixture("arn-base.yaml"), fixture(name), "--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        return ReaderClassesTests.addedOutputs(try JSON(parsing: run.stdout))
    }

    /// `kumo diff T T` on a copy of a fixture with `edits` applied: exit 2 with `message` on standard error.
    static func expectRefused(_ name: String, _ edits: [(String, String)], _ message: String) throws {
        let bad = try edited(name, edits)
        let refused = try CLI.run(["diff", bad, bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(message), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }

    /// A copy of a fixture with `edits` applied, in a temporary directory.
    static func edited(_ name: String, _ edits: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: fixture(name), encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = CLI.temporaryDirectory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // A list known only at deploy time where IAM expects names or ARNs: CDK's bootstrap template writes
    // `ManagedPolicyArns: !If [HasPolicies, !Ref CloudFormationExecutionPolicies, !If [HasTrusted, NoValue, [Admin]]]`
    // (was: "ManagedPolicyArns: expected a list of strings, found a string").
    @Test func deployTimeListsAreOneSymbolicItem() throws {
        try Self.readsAndComparesEqual("list-values.yaml")
        let plain = try Self.edited("list-values.yaml", [
            ("      ManagedPolicyArns:\n        Fn::If:\n          - HasExecutionPolicies\n          - !Ref ExecutionPolicies\n          - Fn::If:\n              - HasTrustedAccounts\n              - !Ref AWS::NoValue\n              - - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess\n", ""),
            ("    Properties:\n      Groups: !Ref TeamGroups\n", ""),
            ("      Roles: !Ref Roles\n", "      Roles: [!Ref ExecutionRole]\n"),
        ])
        let run = try CLI.run(["diff", plain, Self.fixture("list-values.yaml"), "--fail-on", "broadening"])
        #expect(run.status == 3, "\(run.stderr)")
        // Both branches: the parameter's policies, or AdministratorAccess.
        #expect(run.stdout.contains("[BROADENING] policy attached · managed policies\n        managed policy\n        + <ExecutionPolicies>"), "\(run.stdout)")
        #expect(run.stdout.contains("+ arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess"))
        #expect(run.stdout.contains("Properties.Groups: (absent) → <TeamGroups>"))
        #expect(run.stdout.contains("Properties.Roles: not in the IAM section (attached to principals known only at deploy time)"))
    }

    // An Fn::Select index known only at deploy time: AWS's Lambda destination sample selects the destination with
    // a Number parameter (was: "the index of Fn::Select must be a number").
    @Test func aDeployTimeIndexSelectsASymbol() throws {
        try Self.readsAndComparesEqual("select-index.yaml")
        let outputs = try Self.addedOutputs("select-index.yaml")
        #expect(outputs["Destination"] == "<Fn::Select <OnFailureSwitch> of a list of 2>")
        #expect(outputs["Cidr"] == "<Fn::Select <SubnetIndex> of <Fn::Cidr>>")
        // An index that is neither a number nor a deploy-time value stays an error, located.
        try Self.expectRefused("select-index.yaml", [("Destination: !Select [!Ref OnFailureSwitch,", "Destination: !Select [[1],")],
                               "Resources.Destinations.Properties.DestinationConfig.OnFailure.Destination.Fn::Select: the index of Fn::Select must be a number")
    }

    // Fn::Sub of a string a macro writes (`Fn::Sub: {Fn::Transform: …}`, cfn-lint 0.87's good sample)
    // (was: "Fn::Sub takes a string or [string, {variables}]").
    @Test func aSubOfATransformIsASymbol() throws {
        try Self.readsAndComparesEqual("sub-transform.yaml")
        #expect(try Self.addedOutputs("sub-transform.yaml")["UserData"] == "<Fn::Sub of Fn::Transform>")
        try Self.expectRefused("sub-transform.yaml", [("          Fn::Sub:\n            Fn::Transform:\n              Name: DynamicUserData\n", "          Fn::Sub: [1, 2]\n")],
                               "Resources.Instance.Properties.UserData.Fn::Base64.Fn::Sub: Fn::Sub takes a string or [string, {variables}]")
    }

    // JSON with trailing commas (LocalStack's serverless sample): not strict JSON, but YAML, as cfn-lint reads it
    // (was: "invalid JSON: line 9, column 3: expected a quoted member name, found '}'").
    @Test func jsonWithTrailingCommasIsReadAsYAML() throws {
        try Self.readsAndComparesEqual("trailing-comma.json")
        let run = try CLI.run(["diff", ReaderClassesTests.fixture("arn-base.yaml"), Self.fixture("trailing-comma.json")])
        #expect(run.stdout.contains("+ Queue  AWS::SQS::Queue"), "\(run.stdout)")
        // Text that is neither JSON nor YAML keeps the JSON error; a duplicate key stays refused.
        let dir = CLI.temporaryDirectory()
        try #"{"Resources": {"A": {"Type": "AWS::SNS::Topic"},}, "Resources": {}}"#.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["check", "t.json"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("t.json: invalid JSON: line 1, column 49: expected a quoted member name, found '}'"), "\(refused.stderr)")
    }

    // A neighbour of the deploy-time lists: `Action: !Ref Actions`, `!Sub "${Prefix}:GetObject"`, `Effect: !Ref Effect`,
    // condition values from parameters (was: KUMO-POL-004 and KUMO-TRUST-007 errors quoting the stand-in
    // "arn:aws:iam::123456789012:kumo-deploy-time-value/…" as "not an action", "not a number", "not a boolean").
    @Test func deployTimeValuesAreNoGrammarError() throws {
        try Self.readsAndComparesEqual("deploy-time-actions.yaml")
        let run = try CLI.run(["check", Self.fixture("deploy-time-actions.yaml"), "--fail-on", "info"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("kumo check: 1 stack (1 role, 0 managed policies, 0 OIDC providers): 0 errors, 0 warnings, 0 notes"))
        // A written action that is not one is still reported, and no stand-in is ever shown.
        let bad = try Self.edited("deploy-time-actions.yaml", [
            ("Action: !Sub \"${Prefix}:GetObject\"", "Action: [!Sub \"${Prefix}:GetObject\", s3GetObject]"),
            ("aws:SecureTransport: !Ref Secure", "aws:SecureTransport: [!Ref Secure, \"yes\"]"),
        ])
        let refused = try CLI.run(["check", bad])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("inline policy p (Policies[0]) of role <Role> is not valid: Statement[0].Action[1]: \"s3GetObject\" is not an action"), "\(refused.stdout)")
        #expect(refused.stdout.contains("Statement[1].Condition.Bool.aws:SecureTransport[1]: \"yes\" is not a boolean"), "\(refused.stdout)")
        #expect(!refused.stdout.contains("kumo-deploy-time-value"))
    }

    // Refusals the corpus showed that are right (cfn-lint reports errors on them too, or CloudFormation would refuse
    // them): each a located message, exit 2, nothing on standard output.
    @Test(arguments: [
        // cfripper's samples: a policy's Roles as a string (cfn-lint E3012).
        (#"{"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": "r", "PolicyDocument": {"Statement": []}}}}}"#,
         "t.json: Resources.P.Properties.Roles: expected a list of strings, found a string"),
        // cfn-lint's ref-no-value sample: a role whose trust is AWS::NoValue (E3003: AssumeRolePolicyDocument is required).
        (#"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Ref": "AWS::NoValue"}}}}}"#,
         "t.json: Resources.R.Properties.AssumeRolePolicyDocument: the policy document is missing"),
        // cfn-lint-serverless's ws2002 sample: Fn::Include is no CloudFormation function (AWS::Include is a transform).
        (#"{"Resources": {"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Body": {"Fn::Include": {"location": "./openapi.yaml"}}}}}}"#,
         "t.json: Resources.Api.Properties.Body.Fn::Include: unknown intrinsic function Fn::Include"),
        // cfn-lint's bad samples: a resource that depends on itself through a Ref (E3004).
        (#"{"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": {"Ref": "I"}}}}}"#,
         "t.json: cyclic references between resources: I → I"),
    ])
    func rightRefusalsAreLocated(_ template: String, _ message: String) throws {
        let dir = CLI.temporaryDirectory()
        try template.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["diff", "t.json", "t.json"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
