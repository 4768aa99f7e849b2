import ArgumentParser
import Foundation
import Testing
@testable import KumoCLI
import Kumo

/// The catalogue of bad inputs: every command rejects each with exit code 2, a message that names the problem,
/// nothing on standard output and nothing written.
///
/// - `synth`: flags, context, output paths through the `kumo` binary; bad stacks (names, oversize documents,
///   missing context, error findings) through the same `Synth` command in process, with an app of the test's own
///   (the binary's bundled app cannot be changed). More construct-level cases: `Tests/KumoTests/BadInputTests`.
/// - `check`: everything it reads (templates, assemblies, manifests) and its options.
/// - `diff`, `simulate`: unreadable, invalid and unresolvable templates.
/// - `migrate`, `resolve`: deployed templates, physical IDs, parameters.
@Suite struct BadInputCatalogueTests {
    /// One bad input: the command line (`$TMP` is a fresh directory, also the working directory), the files to
    /// create there first, the message expected on standard error, and a path that must not exist afterwards.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var files: [String: String] = [:]
        var message: String
        var notWritten: String? = "out"
        var setup: (@Sendable (URL) throws -> Void)? = nil

        var testDescription: String { name }
    }

    static let goodTemplate = #"""
        {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}}}}}
        """#

    static func role(trust: String) -> String {
        #"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": \#(trust)}}}}"#
    }

    // MARK: - kumo synth (the binary)

    static let synthCases: [Case] = [
        Case(name: "synth: unknown stack", arguments: ["synth", "--stack", "Nope", "-o", "$TMP/out"], message: "no stack named \"Nope\""),
        Case(name: "synth: context without =", arguments: ["synth", "-c", "novalue", "-o", "$TMP/out"], message: "context must be key=value"),
        Case(name: "synth: context with an empty key", arguments: ["synth", "-c", "=x", "-o", "$TMP/out"], message: "context must be key=value"),
        Case(name: "synth: unknown option", arguments: ["synth", "--bogus", "-o", "$TMP/out"], message: "Unknown option '--bogus'"),
        Case(name: "synth: output is a file", arguments: ["synth", "-o", "$TMP/file"], files: ["file": "x"], message: "exists and is not a directory", notWritten: nil),
        Case(name: "synth: output is a non-empty directory that is no assembly", arguments: ["synth", "-o", "$TMP/mine"], files: ["mine/notes.txt": "keep"],
             message: "refusing to replace", notWritten: "mine/manifest.json"),
        Case(name: "synth: output below a file", arguments: ["synth", "-o", "$TMP/file/out"], files: ["file": "x"], message: "cannot create", notWritten: "file/out"),
        Case(name: "synth: missing option value", arguments: ["synth", "-o"], message: "Missing value for '-o", notWritten: nil),
        Case(name: "synth: --compact with --format yaml", arguments: ["synth", "--format", "yaml", "--compact", "-o", "$TMP/out"],
             message: "--compact applies to JSON templates"),
        Case(name: "synth: unknown --format", arguments: ["synth", "--format", "xml", "-o", "$TMP/out"], message: "The value 'xml' is invalid for '--format"),
    ]

    // MARK: - kumo check

    static let checkCases: [Case] = [
        Case(name: "check: missing path", arguments: ["check", "$TMP/nope.json", "-o", "$TMP/out"], message: "nope.json: no such file or directory"),
        Case(name: "check: default cdk.out missing", arguments: ["check", "-o", "$TMP/out"], message: "cdk.out: no such file or directory"),
        Case(name: "check: dangling symlink", arguments: ["check", "$TMP/link.json", "-o", "$TMP/out"], message: "link.json: no such file or directory",
             setup: { dir in try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: "/nonexistent/kumo") }),
        Case(name: "check: not UTF-8", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"], message: "not UTF-8 text",
             setup: { dir in try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: dir.appendingPathComponent("t.json")) }),
        Case(name: "check: malformed JSON", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"], files: ["t.json": #"{"Resources": {"#], message: "invalid JSON"),
        Case(name: "check: duplicate JSON keys", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": #"{"Resources": {}, "Resources": {}}"#], message: "invalid JSON"),
        Case(name: "check: YAML syntax error", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": "Resources:\n  R: [unclosed\n"], message: "invalid YAML"),
        Case(name: "check: unknown YAML tag", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Bogus x\n"], message: "unknown YAML tag !Bogus"),
        Case(name: "check: a template that is an array", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"], files: ["t.json": "[1, 2]"], message: "must be a JSON object"),
        Case(name: "check: no Resources", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"], files: ["t.json": #"{"Outputs": {}}"#], message: "there is no Resources section"),
        Case(name: "check: resource without Type", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"], files: ["t.json": #"{"Resources": {"R": {}}}"#], message: "the resource has no Type"),
        Case(name: "check: unknown intrinsic", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Fn::Bogus": "x"}"#)], message: "unknown intrinsic function Fn::Bogus"),
        Case(name: "check: cyclic Ref", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": #"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "A"}}}}}"#],
             message: "cyclic references between resources: A → B → A"),
        Case(name: "check: Ref to an undefined resource", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "Missing"}}}]}"#)],
             message: "Ref to Missing, which is neither a resource"),
        Case(name: "check: trust document string that is not JSON", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Fn::Sub": "{\"Statement\": ["}"#)], message: "not JSON once resolved"),
        Case(name: "check: reserved private-use characters", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": #"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "\uE000", "AssumeRolePolicyDocument": {}}}}}"#], message: "reserved characters"),
        Case(name: "check: empty directory", arguments: ["check", "$TMP/empty", "-o", "$TMP/out"], message: "not a cloud assembly",
             setup: { dir in try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true) }),
        Case(name: "check: manifest.json that is not JSON", arguments: ["check", "$TMP/asm", "-o", "$TMP/out"], files: ["asm/manifest.json": "{"], message: "manifest.json: invalid JSON"),
        Case(name: "check: manifest.json without artifacts", arguments: ["check", "$TMP/asm", "-o", "$TMP/out"], files: ["asm/manifest.json": #"{"version": "55.0.0"}"#], message: "manifest.json has no artifacts"),
        Case(name: "check: manifest naming a missing template", arguments: ["check", "$TMP/asm", "-o", "$TMP/out"],
             files: ["asm/manifest.json": #"{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}}"#],
             message: "S.template.json: cannot read the file"),
        Case(name: "check: --manifests missing", arguments: ["check", "$TMP/t.json", "--manifests", "$TMP/k8s", "-o", "$TMP/out"], files: ["t.json": goodTemplate],
             message: "k8s: no such file or directory"),
        Case(name: "check: --manifests with a YAML error", arguments: ["check", "$TMP/t.json", "--manifests", "$TMP/k8s", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate, "k8s/sa.yaml": "kind: ServiceAccount\nmetadata: {name: [x\n"], message: "sa.yaml: invalid YAML"),
        Case(name: "check: --manifests object without a name", arguments: ["check", "$TMP/t.json", "--manifests", "$TMP/k8s", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate, "k8s/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {namespace: main}\n"], message: "a ServiceAccount without metadata.name"),
        Case(name: "check: --manifests directory without manifests", arguments: ["check", "$TMP/t.json", "--manifests", "$TMP/k8s", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate, "k8s/README.md": "nothing"], message: "no *.yaml, *.yml or *.json manifests"),
        Case(name: "check: unknown --format", arguments: ["check", "$TMP/t.json", "--format", "xml", "-o", "$TMP/out"], files: ["t.json": goodTemplate],
             message: "The value 'xml' is invalid for '--format <format>'"),
        Case(name: "check: unknown --fail-on", arguments: ["check", "$TMP/t.json", "--fail-on", "sometimes", "-o", "$TMP/out"], files: ["t.json": goodTemplate],
             message: "The value 'sometimes' is invalid for '--fail-on <severity>'"),
        Case(name: "check: --issuer that is not https", arguments: ["check", "$TMP/t.json", "--issuer", "oidc.eks.x", "-o", "$TMP/out"], files: ["t.json": goodTemplate],
             message: "--issuer must be an https:// URL"),
        Case(name: "check: --output in a missing directory", arguments: ["check", "$TMP/t.json", "-o", "$TMP/no/such/dir/report"], files: ["t.json": goodTemplate],
             message: "cannot write", notWritten: "no"),
    ]

    // MARK: - kumo diff, kumo simulate

    /// Cases for `kumo diff OLD [NEW]` and `kumo simulate --template PATH --role R …`: an unreadable or invalid
    /// template is exit 2 and a located message.
    static let analysisCases: [Case] = [
        Case(name: "diff: missing file", arguments: ["diff", "$TMP/a.json", "$TMP/nope.json"], files: ["a.json": goodTemplate], message: "nope.json: no such file or directory"),
        Case(name: "diff: bad JSON", arguments: ["diff", "$TMP/a.json", "$TMP/b.json"], files: ["a.json": goodTemplate, "b.json": "{"], message: "invalid JSON"),
        Case(name: "diff: YAML syntax error", arguments: ["diff", "$TMP/a.json", "$TMP/b.yaml"], files: ["a.json": goodTemplate, "b.yaml": "Resources: [x\n"], message: "invalid YAML"),
        Case(name: "diff: unknown intrinsic", arguments: ["diff", "$TMP/a.json", "$TMP/b.json"], files: ["a.json": goodTemplate, "b.json": role(trust: #"{"Fn::Bogus": "x"}"#)],
             message: "unknown intrinsic function Fn::Bogus"),
        Case(name: "diff: cyclic Ref", arguments: ["diff", "$TMP/a.json", "$TMP/b.json"],
             files: ["a.json": goodTemplate, "b.json": #"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "A"}}}}}"#],
             message: "cyclic references"),
        Case(name: "simulate: missing template", arguments: ["simulate", "--template", "$TMP/nope.json", "--role", "R", "--service-account", "main:app"], message: "nope.json: no such file or directory"),
        Case(name: "simulate: bad JSON", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "R", "--service-account", "main:app"], files: ["t.json": "{"], message: "invalid JSON"),
        Case(name: "simulate: YAML syntax error", arguments: ["simulate", "--template", "$TMP/t.yaml", "--role", "R", "--service-account", "main:app"], files: ["t.yaml": "Resources: [x\n"], message: "invalid YAML"),
        Case(name: "simulate: unknown intrinsic", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "R", "--service-account", "main:app"],
             files: ["t.json": role(trust: #"{"Fn::Bogus": "x"}"#)], message: "unknown intrinsic function Fn::Bogus"),
        Case(name: "simulate: cyclic Ref", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "A", "--service-account", "main:app"],
             files: ["t.json": #"{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "B"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "A"}}}}}"#],
             message: "cyclic references"),
    ]

    // MARK: - kumo migrate

    static let sample = CLI.root.appendingPathComponent("cdk.out.sample").path
    static let physicalIDs = CLI.root.appendingPathComponent("Tests/Fixtures/migrate/physical-ids").path

    /// Writes a plan for the sample into `dir/plan` with the binary (the setup of the plan-directory cases).
    static func writePlan(_ dir: URL) throws {
        let run = try CLI.run(["migrate", "--from", sample, "--physical-ids", physicalIDs, "-o", dir.appendingPathComponent("plan").path])
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The fixture's describe-stack-resources output, with every line moved to another stack.
    static func otherStackIDs(_ dir: URL) throws {
        let text = try String(contentsOfFile: physicalIDs + "/describe-stack-resources.MyEKSStack.json", encoding: .utf8)
        try text.replacingOccurrences(of: "\"StackName\": \"MyEKSStack\"", with: "\"StackName\": \"OtherStack\"")
            .write(to: dir.appendingPathComponent("ids.json"), atomically: true, encoding: .utf8)
    }

    static let migrateCases: [Case] = [
        Case(name: "migrate: --from that is not a template", arguments: ["migrate", "--from", "$TMP/t.json", "-o", "$TMP/out"], files: ["t.json": #"{"Outputs": {}}"#],
             message: "is not a deployed template"),
        Case(name: "migrate: --from a plan directory", arguments: ["migrate", "--from", "$TMP/plan/MyEKSStack", "-o", "$TMP/out"],
             message: "is not a deployed template: it is a kumo migrate plan directory", setup: writePlan),
        Case(name: "migrate: --from Kumo's own template", arguments: ["migrate", "--from", "$TMP/kumo", "-o", "$TMP/out"],
             message: "nothing to migrate", setup: { dir in _ = try CLI.run(["synth", "-q", "-o", dir.appendingPathComponent("kumo").path]) }),
        Case(name: "migrate: physical IDs of another stack", arguments: ["migrate", "--from", sample, "--physical-ids", "$TMP/ids.json", "-o", "$TMP/out"],
             message: "the physical IDs do not belong to stack MyEKSStack", setup: otherStackIDs),
        Case(name: "migrate: --physical-ids that are no AWS CLI output", arguments: ["migrate", "--from", sample, "--physical-ids", "$TMP/ids.json", "-o", "$TMP/out"],
             files: ["ids.json": #"{"Stacks": []}"#], message: "not the output of aws cloudformation describe-stack-resources"),
        Case(name: "migrate: --physical-ids missing", arguments: ["migrate", "--from", sample, "--physical-ids", "$TMP/nope.json", "-o", "$TMP/out"],
             message: "nope.json: no such file or directory"),
        Case(name: "migrate: a stack name in neither", arguments: ["migrate", "--from", sample, "--stack", "Nope", "-o", "$TMP/out"],
             message: "no stack named \"Nope\" in --from (MyEKSStack) or in Kumo's assembly (MyEKSStack)"),
        Case(name: "migrate: no --from", arguments: ["migrate", "-o", "$TMP/out"], message: "missing --from"),
        Case(name: "migrate: output is a non-empty directory that is no plan", arguments: ["migrate", "--from", sample, "-o", "$TMP/mine"],
             files: ["mine/MyEKSStack/notes.txt": "keep"], message: "refusing to replace", notWritten: "mine/MyEKSStack/plan.json"),
        Case(name: "migrate: --verify a plan edited into an invalid state", arguments: ["migrate", "--verify", "$TMP/plan/MyEKSStack"],
             message: "steps[1].kind: must be update, import or command", notWritten: nil, setup: { dir in
                 try writePlan(dir)
                 let path = dir.appendingPathComponent("plan/MyEKSStack/plan.json").path
                 let text = try String(contentsOfFile: path, encoding: .utf8)
                 try text.replacingOccurrences(of: "\"kind\": \"update\"", with: "\"kind\": \"upgrade\"").write(toFile: path, atomically: true, encoding: .utf8)
             }),
        Case(name: "migrate: --verify a plan whose template was deleted", arguments: ["migrate", "--verify", "$TMP/plan"],
             message: "02-orphan.template.json: no such file", notWritten: nil, setup: { dir in
                 try writePlan(dir)
                 try FileManager.default.removeItem(at: dir.appendingPathComponent("plan/MyEKSStack/02-orphan.template.json"))
             }),
        Case(name: "migrate: --verify a directory that is no plan", arguments: ["migrate", "--verify", "$TMP"], files: ["x.txt": "x"],
             message: "is not a plan directory", notWritten: nil),
    ]

    // MARK: - kumo resolve

    static let resolveCases: [Case] = [
        Case(name: "resolve: missing path", arguments: ["resolve", "$TMP/nope.json", "-o", "$TMP/out"], message: "nope.json: no such file or directory"),
        Case(name: "resolve: --parameter without =", arguments: ["resolve", "$TMP/t.json", "--parameter", "Env", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate], message: #"--parameter takes KEY=VALUE, got "Env""#),
        Case(name: "resolve: a parameter the template does not declare", arguments: ["resolve", "$TMP/t.json", "--parameter", "Env=prod", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate], message: "t has no parameter Env (its parameters: none)"),
        Case(name: "resolve: a parameter value it does not allow", arguments: ["resolve", "$TMP/t.json", "--parameter", "Env=staging", "-o", "$TMP/out"],
             files: ["t.json": #"{"Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}"#],
             message: #"parameter Env: "staging" is not one of its AllowedValues (dev, prod)"#),
        Case(name: "resolve: an unknown stack", arguments: ["resolve", sample, "--stack", "Nope", "-o", "$TMP/out"], message: "has no stack Nope (its stacks: MyEKSStack)"),
        Case(name: "resolve: physical IDs of another stack", arguments: ["resolve", sample, "--physical-ids", "$TMP/ids.json", "-o", "$TMP/out"],
             message: "the physical IDs do not belong to stack MyEKSStack", setup: otherStackIDs),
        Case(name: "resolve: --physical-ids missing", arguments: ["resolve", sample, "--physical-ids", "$TMP/nope.json", "-o", "$TMP/out"],
             message: "nope.json: no such file or directory"),
        Case(name: "resolve: a reference to nothing", arguments: ["resolve", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": #"{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Nope"}}}}}"#],
             message: "Ref to Nope, which is neither a resource, a parameter nor a pseudo parameter"),
        Case(name: "resolve: output below a file", arguments: ["resolve", "$TMP/t.json", "-o", "$TMP/file/out"], files: ["t.json": goodTemplate, "file": "x"],
             message: "cannot write", notWritten: "file/out"),
    ]

    @Test(arguments: resolveCases) func resolveRejects(_ c: Case) throws { try Self.expectRejected(c) }

    // MARK: - EKS Pod Identity (kumo simulate --pod-identity, kumo check)

    /// A cluster, a Pod Identity role and an association; `association` replaces the association's properties.
    static func podIdentityTemplate(association: String = #"{"ClusterName": {"Ref": "C"}, "Namespace": "main", "ServiceAccount": "app", "RoleArn": {"Fn::GetAtt": ["R", "Arn"]}}"#) -> String {
        #"{"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "eks", "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1", "subnet-2"]}}}, "R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"Service": "pods.eks.amazonaws.com"}}]}}}, "A": {"Type": "AWS::EKS::PodIdentityAssociation", "Properties": \#(association)}}}"#
    }

    static let podIdentityCases: [Case] = [
        Case(name: "simulate: --pod-identity without a namespace", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "app"],
             files: ["t.json": podIdentityTemplate()], message: "--pod-identity takes NAMESPACE:SERVICE_ACCOUNT"),
        Case(name: "simulate: --pod-identity with an empty namespace", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", ":app"],
             files: ["t.json": podIdentityTemplate()], message: "the namespace is needed"),
        Case(name: "simulate: --pod-identity on an unknown cluster", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app", "--cluster", "staging"],
             files: ["t.json": podIdentityTemplate()], message: #"no EKS cluster "staging" in t; its clusters: eks (C)"#),
        Case(name: "simulate: --pod-identity with a cluster ARN that is not one", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app", "--cluster", "arn:aws:s3:::bucket", "--role", "R", "--associated"],
             files: ["t.json": podIdentityTemplate()], message: "is not an EKS cluster ARN"),
        Case(name: "simulate: an association without RoleArn", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app"],
             files: ["t.json": podIdentityTemplate(association: #"{"ClusterName": {"Ref": "C"}, "Namespace": "main", "ServiceAccount": "app"}"#)],
             message: "Resources.A.Properties.RoleArn: a Pod Identity association needs RoleArn"),
        Case(name: "simulate: an association whose Namespace is a list", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app"],
             files: ["t.json": podIdentityTemplate(association: #"{"ClusterName": {"Ref": "C"}, "Namespace": ["main"], "ServiceAccount": "app", "RoleArn": "arn:aws:iam::123456789012:role/app"}"#)],
             message: "Namespace must be a non-empty string, not an array"),
        Case(name: "simulate: no association and no role", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "other:app"],
             files: ["t.json": podIdentityTemplate()], message: "no Pod Identity association for service account other/app on cluster eks in t, and no role given"),
        Case(name: "simulate: --associated without --role", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app", "--associated"],
             files: ["t.json": podIdentityTemplate()], message: "name the role it gives (--role)"),
        Case(name: "simulate: --cluster without --pod-identity", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "R", "--service-account", "main:app", "--cluster", "eks"],
             files: ["t.json": podIdentityTemplate()], message: "use them with --pod-identity NS:NAME"),
        Case(name: "simulate: --pod-identity with --issuer", arguments: ["simulate", "--template", "$TMP/t.json", "--pod-identity", "main:app", "--issuer", "https://oidc.eks.x/id/1"],
             files: ["t.json": podIdentityTemplate()], message: "--pod-identity needs none of them"),
        Case(name: "check: an association without Namespace", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": podIdentityTemplate(association: #"{"ClusterName": "eks", "ServiceAccount": "app", "RoleArn": "arn:aws:iam::123456789012:role/app"}"#)],
             message: "Resources.A.Properties.Namespace: a Pod Identity association needs Namespace"),
    ]

    @Test(arguments: podIdentityCases) func podIdentityRejects(_ c: Case) throws { try Self.expectRejected(c) }

    /// Runs a case through the binary and checks exit 2, the message, empty stdout, nothing written.
    static func expectRejected(_ c: Case) throws {
        let dir = CLI.temporaryDirectory()
        for (path, content) in c.files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        try c.setup?(dir)
        let before = Set((FileManager.default.subpaths(atPath: dir.path) ?? []))
        let started = ContinuousClock.now
        let run = try CLI.run(c.arguments.map { $0.replacingOccurrences(of: "$TMP", with: dir.path) }, in: dir)
        // Not a benchmark (scripts/bench has those): a guard against inputs that take the reader exponential time.
        #expect(ContinuousClock.now - started < .seconds(10), "\(c.name) took \(ContinuousClock.now - started)")
        #expect(run.status == 2, "\(c.name): exit \(run.status), stderr: \(run.stderr)")
        #expect(run.stderr.contains(c.message), "\(c.name): \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(c.name): stdout: \(run.stdout)")
        if let notWritten = c.notWritten {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(notWritten).path), "\(c.name) wrote \(notWritten)")
        }
        let after = Set((FileManager.default.subpaths(atPath: dir.path) ?? []))
        #expect(after == before, "\(c.name) wrote \(after.subtracting(before).sorted())")
    }

    @Test(arguments: synthCases) func synthRejects(_ c: Case) throws { try Self.expectRejected(c) }

    @Test(arguments: checkCases) func checkRejects(_ c: Case) throws { try Self.expectRejected(c) }

    @Test(arguments: analysisCases) func diffAndSimulateReject(_ c: Case) throws { try Self.expectRejected(c) }

    // MARK: - Hostile templates for a reviewer's CI (the reader's bounds)

    /// `depth` levels of anchored lists, each naming the previous one `width` times ("billion laughs").
    static func aliasBomb(depth: Int, width: Int) -> String {
        var lines = ["Resources:", "  R:", "    Type: AWS::SNS::Topic", "    Metadata:", "      a0: &a0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ",") + "]"]
        for i in 1...depth { lines.append("      a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: width).joined(separator: ",") + "]") }
        return lines.joined(separator: "\n") + "\n"
    }

    static let topic = "Resources:\n  R:\n    Type: AWS::SNS::Topic\n"
    static let extensions = "Transform: AWS::LanguageExtensions\n"
    static let serverless = "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.12\n      CodeUri: .\n      Policies:\n"

    /// Each is rejected fast (exit 2 in well under the bound ``expectRejected`` checks), located, nothing on
    /// standard output, nothing written.
    static let hostileCases: [Case] = [
        Case(name: "check: 9 levels of 9 aliases (1 KB)", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": aliasBomb(depth: 9, width: 9)],
             message: "t.yaml: line 10, column 24: the document stands for more than 250,000 nodes once its aliases are expanded"),
        Case(name: "check: 6 levels of 9 aliases", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": aliasBomb(depth: 6, width: 9)],
             message: "nested aliases (\"billion laughs\") are refused"),
        Case(name: "diff: an alias bomb on the new side", arguments: ["diff", "$TMP/a.json", "$TMP/b.yaml"], files: ["a.json": goodTemplate, "b.yaml": aliasBomb(depth: 8, width: 8)],
             message: "b.yaml: line 10, column 36: the document stands for more than 250,000 nodes"),
        Case(name: "simulate: an alias bomb", arguments: ["simulate", "--template", "$TMP/t.yaml", "--role", "R", "--service-account", "main:app"],
             files: ["t.yaml": aliasBomb(depth: 9, width: 9)], message: "once its aliases are expanded"),
        Case(name: "check: --manifests with an alias bomb", arguments: ["check", "$TMP/t.json", "--manifests", "$TMP/k8s", "-o", "$TMP/out"],
             files: ["t.json": goodTemplate, "k8s/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\n" + aliasBomb(depth: 9, width: 9)],
             message: "sa.yaml:12: the document stands for more than 250,000 nodes"),
        Case(name: "check: 300,000 scalars in 600 KB", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      x: [" + Array(repeating: "0", count: 300_000).joined(separator: ",") + "]\n"],
             message: "t.yaml: line 5, column 499989: the document stands for more than 250,000 nodes"),
        Case(name: "check: an alias as a mapping key", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      a: &k [1, 2]\n      *k : x\n"], message: "t.yaml: line 6, column 7: an alias cannot be a mapping key"),
        Case(name: "check: a sequence as a mapping key", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      ? [a, b]\n      : x\n"], message: "line 5, column 9: a mapping key must be a plain scalar, not a sequence"),
        Case(name: "check: a mapping as a mapping key", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      ? {a: b}\n      : x\n"], message: "a mapping key must be a plain scalar, not a mapping"),
        Case(name: "check: YAML over CloudFormation's 1 MB", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      x: \"" + String(repeating: "a", count: 1_000_001) + "\"\n"],
             message: "t.yaml: the document is 1,000,069 bytes, over the limit of 1,000,000 bytes (CloudFormation's template size limit, 1 MB)"),
        Case(name: "check: YAML nested 300 levels deep", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": topic + "    Metadata:\n      x: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"],
             message: "line 5, column 262: YAML nested deeper than 256 levels"),
        Case(name: "check: an undefined alias", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": topic + "    Metadata: *nope\n"],
             message: "invalid YAML"),
        Case(name: "check: an alias inside its own anchor", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": topic + "    Metadata: &a [*a]\n"],
             message: "invalid YAML"),
        Case(name: "check: a merge key of a scalar", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": topic + "    Metadata:\n      <<: 5\n"],
             message: "a merge key (<<) takes a mapping or a list of mappings"),
        Case(name: "check: two YAML documents", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": topic + "---\n" + topic],
             message: "invalid YAML"),
        Case(name: "check: a NUL byte in YAML", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": topic + "    Metadata: \u{0}\n"],
             message: "invalid YAML"),
        Case(name: "check: tabs as YAML indentation", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"], files: ["t.yaml": "Resources:\n\tR:\n\t\tType: AWS::SNS::Topic\n"],
             message: "invalid YAML"),
        Case(name: "check: Fn::ForEach writing 160,000 keys", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": extensions + "Resources:\n  Fn::ForEach::A:\n    - X\n    - [" + (0..<400).map { "x\($0)" }.joined(separator: ",") + "]\n    - Fn::ForEach::B:\n        - Y\n        - [" + (0..<400).map { "y\($0)" }.joined(separator: ",") + "]\n        - R${X}${Y}: {Type: AWS::SNS::Topic}\n"],
             message: "Resources.Fn::ForEach::A.Fn::ForEach::B: Fn::ForEach writes more than 100,000 keys"),
        Case(name: "check: Fn::ForEach writing a key twice", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": extensions + "Resources:\n  Fn::ForEach::A:\n    - X\n    - [a, a]\n    - Topic${X}: {Type: AWS::SNS::Topic}\n"],
             message: "Resources.Fn::ForEach::A: Fn::ForEach writes the key Topica twice"),
        Case(name: "check: Fn::ForEach of the wrong shape", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": extensions + "Resources:\n  Fn::ForEach::A: [X]\n"], message: "Fn::ForEach takes [\"Identifier\", [collection], {\"OutputKey\": OutputValue}]"),
        Case(name: "check: a loop name that is not alphanumeric", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": extensions + "Resources:\n  Fn::ForEach::a-b:\n    - X\n    - [a]\n    - T${X}: {Type: AWS::SNS::Topic}\n"], message: "a loop name (Fn::ForEach::Name) is letters and digits"),
        Case(name: "check: Fn::FindInMap with a bad fourth argument", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Fn::FindInMap": ["M", "a", "b", {"Default": 1}]}"#)], message: "the fourth argument of Fn::FindInMap is {\"DefaultValue\": value}"),
        Case(name: "check: Fn::Length of a string", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Fn::Length": "abc"}"#)], message: "AssumeRolePolicyDocument.Fn::Length: Fn::Length takes a list"),
        Case(name: "check: Fn::ToJsonString of a string", arguments: ["check", "$TMP/t.json", "-o", "$TMP/out"],
             files: ["t.json": role(trust: #"{"Fn::ToJsonString": "abc"}"#)], message: "Fn::ToJsonString takes an object or a list"),
        Case(name: "check: a SAM policy that is none", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": serverless + "        - NoSuchTemplatePolicy: {}\n"], message: "Resources.F.Properties.Policies[0]: not a policy SAM knows"),
        Case(name: "check: a SAM policy template without its parameter", arguments: ["check", "$TMP/t.yaml", "-o", "$TMP/out"],
             files: ["t.yaml": serverless + "        - SQSPollerPolicy: {}\n"], message: "the policy template SQSPollerPolicy needs the parameter QueueName"),
        Case(name: "simulate: a token of 1 MB", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "R", "--token", "$TMP/jwt"],
             files: ["t.json": goodTemplate, "jwt": String(repeating: "a", count: 1_000_001)], message: "invalid token"),
        Case(name: "simulate: a token whose payload is not base64url", arguments: ["simulate", "--template", "$TMP/t.json", "--role", "R", "--token", "$TMP/jwt"],
             files: ["t.json": goodTemplate, "jwt": "eyJhbGciOiJSUzI1NiJ9.!!!.c2ln"], message: "invalid token"),
    ]

    @Test(arguments: hostileCases) func hostileTemplatesAreRejectedFast(_ c: Case) throws { try Self.expectRejected(c) }

    @Test(arguments: migrateCases) func migrateRejects(_ c: Case) throws { try Self.expectRejected(c) }

    @Test func theCatalogueHasAtLeastThirtyCases() {
        #expect(Self.synthCases.count + Self.checkCases.count + Self.analysisCases.count + Self.migrateCases.count + Self.resolveCases.count
                + InProcessSynth.cases.count >= 30)
    }

    // MARK: - kumo synth with bad stacks (in process)

    @Test(arguments: InProcessSynth.cases) func synthRejectsBadStacks(_ c: InProcessSynth.Case) throws {
        let dir = CLI.temporaryDirectory().appendingPathComponent("out")
        let (code, stderr) = InProcessSynth.run(arguments: ["-q", "-o", dir.path] + c.arguments, app: c.app)
        #expect(code == 2, "\(c.name)")
        #expect(c.messages.allSatisfy(stderr.contains), "\(c.name): \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }
}

/// Runs the `Synth` command in this process with an app of the test's own (one at a time: the app registry is
/// global), capturing standard error.
enum InProcessSynth {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String] = []
        var messages: [String]
        var app: @Sendable ([String: JSON]) -> App
        var testDescription: String { name }
    }

    static func stack(_ context: [String: JSON], _ build: (Stack) -> Void) -> App {
        let app = App(context: context)
        build(Stack(app, "Bad", environment: .init(account: "123456789012", region: "us-east-1")))
        return app
    }

    static let cases: [Case] = [
        Case(name: "synth: invalid role name", messages: ["role name \"role github\" is not valid", "fix: use 1-64 characters"]) { context in
            stack(context) { Role($0, "R", name: "role github", assumedBy: .service("ec2.amazonaws.com")) }
        },
        Case(name: "synth: invalid stack name", messages: ["stack name \"9lives\" is not a valid CloudFormation stack name"]) { context in
            let app = App(context: context)
            Role(Stack(app, "9lives"), "R", assumedBy: .service("ec2.amazonaws.com"))
            return app
        },
        Case(name: "synth: oversize trust policy", messages: ["the trust policy is", "over IAM's limit of 2048", "4096"]) { context in
            stack(context) { s in
                let role = Role(s, "R", assumedBy: .account("111111111111"))
                for i in 0..<120 { role.allowAssume(by: .account(String(format: "%012d", i))) }
            }
        },
        Case(name: "synth: oversize managed policy", messages: ["the managed policy is", "over IAM's limit of 6144"]) { context in
            stack(context) { s in
                ManagedPolicy(s, "P", name: "p") {
                    Statement.allow((0..<400).map { "ec2:DescribeSomethingRatherLong\($0)" }, on: "arn:aws:ec2:*:*:instance/*")
                }
            }
        },
        Case(name: "synth: duplicate construct IDs", messages: ["duplicate construct ID \"R\""]) { context in
            stack(context) { s in
                Role(s, "R", assumedBy: .service("ec2.amazonaws.com"))
                Role(s, "R", assumedBy: .service("ec2.amazonaws.com"))
            }
        },
        Case(name: "synth: missing context", messages: ["context value \"domain\" is missing", "-c domain="]) { context in
            stack(context) { s in
                if s.node.tryGetContext("domain") == nil {
                    s.node.addError("context value \"domain\" is missing", fix: "pass -c domain=example.org")
                }
                Role(s, "R", assumedBy: .service("ec2.amazonaws.com"))
            }
        },
        Case(name: "synth: an error finding of kumo check", messages: ["error[KUMO-GH-001]", "nothing was written", "--no-checks"]) { context in
            stack(context) { s in
                let github = OpenIDConnectProvider(s, "GitHub", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
                Role(s, "Deploy", assumedBy: .webIdentity(github) {
                    Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
                })
            }
        },
        Case(name: "synth: a suppression without a reason", messages: ["the suppression of KUMO-GH-001 has no reason"]) { context in
            stack(context) { s in
                Role(s, "R", assumedBy: .service("ec2.amazonaws.com")).suppress("KUMO-GH-001", reason: "")
            }
        },
    ]

    private static let lock = NSLock()

    /// The exit code (0 when the command returned) and what it wrote to standard error.
    static func run(arguments: [String], app: @escaping @Sendable ([String: JSON]) -> App) -> (Int32, String) {
        lock.lock()
        defer { lock.unlock() }
        AppRegistry.shared.set(app)
        return captureStandardError {
            do {
                let command = try Synth.parse(arguments)
                try command.run()
                return 0
            } catch let code as ExitCode {
                return code.rawValue
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 2
            }
        }
    }

    /// Runs `body` with file descriptor 2 redirected to a pipe.
    private static func captureStandardError(_ body: () -> Int32) -> (Int32, String) {
        let pipe = Pipe()
        let saved = dup(STDERR_FILENO)
        dup2(pipe.fileHandleForWriting.fileDescriptor, STDERR_FILENO)
        let code = body()
        dup2(saved, STDERR_FILENO)
        close(saved)
        try? pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (code, text)
    }
}
