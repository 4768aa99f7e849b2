import Foundation
import KumoJSON
import Testing

/// The template reader on the patterns real templates use (issue 13), end to end through the `kumo` binary,
/// one test per class, on the fixtures of `Tests/Fixtures/reader/`.
@Suite struct ReaderClassesTests {
    static func fixture(_ name: String) -> String { CLI.root.appendingPathComponent("Tests/Fixtures/reader/" + name).path }

    /// A diff's JSON report.
    static func diffJSON(_ old: String, _ new: String) throws -> (CLIRun, JSON) {
        let run = try CLI.run(["diff", fixture(old), fixture(new), "--format", "json"])
        return (run, try JSON(parsing: run.stdout))
    }

    /// Output name → value of the outputs a diff reports as added.
    static func addedOutputs(_ report: JSON) -> [String: String] {
        var out: [String: String] = [:]
        for change in report["stacks"]?.arrayValue?.first?["otherChanges"]?.arrayValue ?? [] where change["section"]?.stringValue == "Outputs" {
            if let name = change["name"]?.stringValue, let value = change["new"]?["Value"] {
                out[name] = value.stringValue ?? value.serialized()
            }
        }
        return out
    }

    // 1. ARNs of the template's resources, split and selected.
    @Test func selectOverSplitARNsResolvesPerSegment() throws {
        let (run, report) = try Self.diffJSON("arn-base.yaml", "arn-splits.yaml")
        #expect(run.status == 1, "\(run.stderr)")
        let outputs = Self.addedOutputs(report)
        #expect(outputs["RoleAcct"] == "<AWS::AccountId>")        // Role.Arn: arn:…:iam::ACCOUNT:role/…
        #expect(outputs["Machine3"] == "<AWS::Region>")           // Ref of a state machine is its ARN
        #expect(outputs["TopicAcct"] == "<AWS::AccountId>")       // Ref of a topic too
        #expect(outputs["QueueSvc"] == "sqs")
        #expect(outputs["Family"] == "web")                       // task-definition/FAMILY:REVISION
        // Where the split cannot be known (a name the template does not give, a parameter, a zone): a symbol.
        #expect(outputs["Machine6"] == #"<Fn::Select 6 of Fn::Split ":" of <Machine>>"#)
        #expect(outputs["Rev"] == #"<Fn::Select 6 of Fn::Split ":" of <Task>>"#)
        #expect(outputs["Proxy6"] == #"<Fn::Select 6 of Fn::Split ":" of <Proxy.DBProxyArn>>"#)
        #expect(outputs["Subnet"] == #"<Fn::Select 2 of Fn::Split "," of <Subnets>>"#)
        #expect(outputs["AZ"] == "<Fn::GetAZs [4]>")
        #expect(outputs["Endpoint"] == #"<Fn::Select 3 of Fn::Split ":" of <Proxy.Endpoint>>"#)
    }

    // 2. Stacks without resources in an assembly.
    @Test func assemblyStacksWithoutResourcesAreSkippedWithANote() throws {
        let run = try CLI.run(["check", Self.fixture("integ-assembly")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(
            "note: \(Self.fixture("integ-assembly"))/AppTestDeployAssert.template.json: stack AppTestDeployAssert has no resources (only Parameters, Rules): skipped, as the CDK CLI skips it"))
        #expect(run.stdout.contains("kumo check: 1 stack (1 role, 0 managed policies, 0 OIDC providers)"))
        // The same template alone is still an error.
        let alone = try CLI.run(["check", Self.fixture("integ-assembly/AppTestDeployAssert.template.json")])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("AppTestDeployAssert.template.json: not a CloudFormation template: there is no Resources section"))
    }

    // 3. Fn::If with AWS::NoValue in Policies, ManagedPolicyArns, Roles, statements and actions.
    @Test func conditionalValuesAreTakenBothWays() throws {
        let check = try CLI.run(["check", Self.fixture("conditional.yaml"), "--format", "json"])
        #expect(check.status == 0, "\(check.stderr)")
        let findings = try JSON(parsing: check.stdout)["findings"]?.arrayValue ?? []
        // The policy attached only when IsProd holds is read (with its IsProd document), and nothing else is
        // reported: no "policy document is missing", no statement without Resource from mixing the branches.
        #expect(findings.map { "\($0["rule"]?.stringValue ?? "") \($0["logicalId"]?.stringValue ?? "")" } == ["KUMO-POL-001 Extra"])
        #expect(check.stderr.contains("1 role, 0 managed policies, 0 OIDC providers): 0 errors, 1 warning"))

        let diff = try CLI.run(["diff", Self.fixture("conditional.yaml"), Self.fixture("conditional-widened.yaml"), "--fail-on", "broadening"])
        #expect(diff.status == 3)
        #expect(diff.stdout.contains("[BROADENING] action changed · inline policy base · Allow s3:ListBucket, s3:PutObject · on <Bucket.Arn>"))
        #expect(diff.stdout.contains("why: added s3:PutObject; removed s3:GetBucketLocation"))

        // A conditional managed policy and a conditional trust statement are attached/trusted in a diff.
        let dir = CLI.temporaryDirectory()
        let plain = try String(contentsOfFile: Self.fixture("conditional.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      ManagedPolicyArns:\n        - !If [IsProd, !Sub \"arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\", !Ref AWS::NoValue]\n", with: "")
        try plain.write(to: dir.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        let attached = try CLI.run(["diff", dir.appendingPathComponent("plain.yaml").path, Self.fixture("conditional.yaml")])
        #expect(attached.stdout.contains("[BROADENING] policy attached · managed policies"), "\(attached.stdout)")
        #expect(attached.stdout.contains("+ arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess"))
    }

    // 4. AWS::LanguageExtensions.
    @Test func languageExtensionsAreExpanded() throws {
        let (run, report) = try Self.diffJSON("rules-short-forms.yaml", "language-extensions.yaml")
        #expect(run.status == 1, "\(run.stderr)")
        let stack: JSON = try #require(report["stacks"]?.arrayValue?.first)
        let resources: [JSON] = stack["resources"]?.arrayValue ?? []
        let added: [String] = resources.filter { $0["change"]?.stringValue == "added" }.compactMap { $0["logicalId"]?.stringValue }
        #expect(added == ["paymentsRole", "searchRole", "Queueorders", "Queueauditlog"])  // ${…} and &{…}
        let outputs = Self.addedOutputs(report)
        #expect(outputs["paymentsRoleArn"] == "arn:<AWS::Partition>:iam::<AWS::AccountId>:role/payments-reader")
        #expect(outputs["Count"] == "3")
        #expect(outputs["Json"] == #"{"teams":"<Teams>","region":"<AWS::Region>"}"#)
        let others: [JSON] = stack["otherChanges"]?.arrayValue ?? []
        let conditions: [String] = others.filter { $0["section"]?.stringValue == "Conditions" }.compactMap { $0["name"]?.stringValue }
        #expect(conditions == ["Ispayments", "Issearch"])
        // FindInMap with DefaultValue: the mapping's entry for payments, the default for search.
        let iam: [JSON] = stack["iam"]?.arrayValue ?? []
        let lines: [String] = iam.flatMap { $0["new"]?.arrayValue ?? [] }.compactMap(\.stringValue)
        #expect(lines.contains("inline read: Allow s3:GetObject · on arn:<AWS::Partition>:s3:::payments-data/*"))
        #expect(lines.contains("inline read: Allow s3:GetObject · on arn:<AWS::Partition>:s3:::shared-data/*"))
    }

    @Test func aLoopOverAParameterWithoutDefaultSaysHowToReadIt() throws {
        let dir = CLI.temporaryDirectory()
        let text = try String(contentsOfFile: Self.fixture("language-extensions.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    Default: payments,search\n", with: "")
        try text.write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", dir.appendingPathComponent("t.yaml").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(
            "t.yaml: Conditions.Fn::ForEach::TeamConditions: the collection of Fn::ForEach is parameter Teams, known only at deploy time: give it a Default to read the template offline"))
        #expect(run.stdout.isEmpty)
    }

    // 5. YAML short forms of the Rules functions.
    @Test func rulesShortFormsAreRead() throws {
        let run = try CLI.run(["check", Self.fixture("rules-short-forms.yaml")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("kumo check: 1 stack (0 roles"))
    }

    // 6. AWS SAM.
    @Test func serverlessFunctionsGetTheirRoleAndPolicies() throws {
        let run = try CLI.run(["diff", Self.fixture("arn-base.yaml"), Self.fixture("sam.yaml")])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("note: \(Self.fixture("sam.yaml")): resources AWS SAM generates are kept symbolic: Fn.Alias, FnVersion"))
        for line in [
            "+ trust: Allow sts:AssumeRole · Service lambda.amazonaws.com",
            "+ managed policy: arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "+ managed policy: arn:<AWS::Partition>:iam::aws:policy/AWSXrayWriteOnlyAccess",  // Globals: Tracing
            "+ managed policy: arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",  // the SQS event
            "+ managed policy: arn:<AWS::Partition>:iam::aws:policy/AmazonS3ReadOnlyAccess",  // a policy name
            "+ managed policy: arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaRole",  // Fn::If, SAM's path
            "+ inline FnRolePolicy1: Allow sqs:ChangeMessageVisibility, sqs:ChangeMessageVisibilityBatch, sqs:DeleteMessage, sqs:DeleteMessageBatch, sqs:GetQueueAttributes, sqs:ReceiveMessage · on arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:<Queue.QueueName>",
            "+ inline FnRolePolicy4: Allow s3:PutObject · on arn:aws:s3:::bucket/*",
        ] {
            #expect(run.stdout.contains(line), "\(line)")
        }
        #expect(run.stdout.contains("+ ServerlessRestApi  AWS::ApiGateway::RestApi"))
        #expect(run.stdout.contains("+ Table  AWS::DynamoDB::Table"))
    }

    // 7. Several files at once.
    @Test func checkReportsEveryFileAndExitsTwoAtTheEnd() throws {
        let dir = CLI.temporaryDirectory()
        try "{\"Resources\": {".write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        try "Resources:\n  R: [x\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", Self.fixture("conditional.yaml"), dir.appendingPathComponent("broken.json").path,
                               Self.fixture("rules-short-forms.yaml"), dir.appendingPathComponent("broken.yaml").path], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken.json: invalid JSON"))
        #expect(run.stderr.contains("broken.yaml: invalid YAML"))
        #expect(run.stderr.contains("kumo check: 2 inputs could not be read (errors above); the others were checked"))
        #expect(run.stdout.contains("kumo check: 2 stacks (1 role, 0 managed policies, 0 OIDC providers): 0 errors, 1 warning"))
    }

    // 8. Access judged per principal.
    @Test func movedRenamedAndSplitStatementsAreSameAccess() throws {
        let run = try CLI.run(["diff", Self.fixture("moved-old.json"), Self.fixture("moved-new.json"), "--fail-on", "broadening"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("Summary: IAM: 0 broadening, 0 narrowing, 4 same access"))
        #expect(run.stdout.contains("why: same access: moved from inline policy a"))
        #expect(run.stdout.contains("why: inline policy added: same access, already granted by inline policy a"))
        #expect(run.stdout.contains("why: inline policy removed: same access, still granted by inline policy b, inline policy a2"))
    }

    @Test func aPolicyAttachedToSeveralPrincipalsIsJudgedForEach() throws {
        let run = try CLI.run(["diff", Self.fixture("moved-old.json"), Self.fixture("moved-new-shared.json"), "--fail-on", "broadening"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("[BROADENING] statement added · policy · Allow dynamodb:GetItem · on *"))
        #expect(run.stdout.contains("why: for role Role: same access: moved from inline policy b; for role Other: broadening, new allow statement"))
    }

    @Test func usersAndGroupsArePrincipalsToo() throws {
        let dir = CLI.temporaryDirectory()
        func template(_ onUser: Bool) -> String {
            let policy = #"{"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "#
                + (onUser ? #""Users": [{"Ref": "Dev"}]"# : #""Groups": [{"Ref": "Team"}]"#)
                + #", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}"#
            return #"{"Resources": {"Team": {"Type": "AWS::IAM::Group"}, "Dev": {"Type": "AWS::IAM::User", "Properties": {"Groups": [{"Ref": "Team"}]}}, "P": \#(policy)}}"#
        }
        try template(true).write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try template(false).write(to: dir.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["diff", "a.json", "b.json", "--fail-on", "broadening"], in: dir)
        // The user keeps s3:GetObject through its group; the group gains it (it may have other members).
        #expect(run.status == 3, "\(run.stdout)")
        #expect(run.stdout.contains("[same access] inline policy removed · inline policy p"))
        #expect(run.stdout.contains("why: inline policy removed: same access, still granted by group Team's inline policy p"))
        #expect(run.stdout.contains("[BROADENING] inline policy added · inline policy p"))
    }

    // 10. Symbolic values never leak their encoding, in any format.
    @Test(arguments: [
        ["diff", "arn-base.yaml", "arn-splits.yaml"], ["diff", "arn-base.yaml", "arn-splits.yaml", "--format", "markdown"],
        ["diff", "arn-base.yaml", "arn-splits.yaml", "--format", "json"], ["diff", "arn-base.yaml", "sam.yaml", "--format", "json"],
        ["check", "irsa-symbolic.json"], ["check", "irsa-symbolic.json", "--format", "json"], ["check", "irsa-symbolic.json", "--format", "sarif"],
        ["check", "conditional.yaml", "--format", "sarif"],
        ["simulate", "--template", "irsa-symbolic.json", "--role", "Role", "--service-account", "main:other"],
        ["simulate", "--template", "irsa-symbolic.json", "--role", "Role", "--service-account", "main:other", "--format", "json"],
        ["simulate", "--template", "irsa-symbolic.json", "--role", "Role", "--service-account", "main:app", "--format", "json"],
    ])
    func symbolsAreShownNeverEncoded(_ arguments: [String]) throws {
        let run = try CLI.run(arguments.map { $0.hasSuffix(".json") || $0.hasSuffix(".yaml") ? Self.fixture($0) : $0 })
        #expect(run.status != 2, "\(run.stderr)")
        for text in [run.stdout, run.stderr] {
            #expect(!text.unicodeScalars.contains { $0.value == 0xE000 || $0.value == 0xE001 })
            #expect(!text.contains("kumo-symbol"))
            #expect(!text.contains("70736575646f3a"))  // hex of "pseudo:"
        }
        if arguments[0] == "simulate" { #expect(run.stdout.contains("arn:<AWS::Partition>:iam::<AWS::AccountId>:oidc-provider/")) }
    }
}
