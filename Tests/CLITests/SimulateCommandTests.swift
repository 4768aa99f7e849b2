import Foundation
import Testing

@Suite struct SimulateCommandTests {
    static let issuer = "https://oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    static let at = "2026-11-23T10:00:00Z"
    static let now = 1_795_428_000
    let sample = CLI.root.appendingPathComponent("cdk.out.sample").path

    func simulate(_ arguments: [String], stdin: String? = nil) throws -> CLIRun {
        try CLI.run(["simulate", "--at", Self.at] + arguments, stdin: stdin)
    }

    func json(_ run: CLIRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    /// Base64url of JSON text, for hand-made tokens.
    static func segment(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func claims(sub: String = "system:serviceaccount:main:account-for-db-migrator", iat: Int = now - 60) -> String {
        #"{"iss":"\#(issuer)","sub":"\#(sub)","aud":["sts.amazonaws.com"],"iat":\#(iat),"exp":\#(iat + 3600)}"#
    }

    // MARK: - Decisions and exit codes

    @Test func anIRSARoleAllowsItsServiceAccountExitZero() throws {
        let run = try simulate(["--template", sample, "--role", "DBMigratorRole", "--service-account", "main:account-for-db-migrator", "--issuer", Self.issuer])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ALLOW  role-for-db-migrator (DBMigratorRole1DC6DB05) in MyEKSStack"))
        #expect(run.stdout.contains("✓ sts iss"))
        #expect(run.stdout.contains(#"✓ StringEquals oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub: "system:serviceaccount:main:account-for-db-migrator" matches"#))
        #expect(run.stderr.isEmpty)
    }

    @Test func anotherNamespaceIsDeniedExitOne() throws {
        let run = try simulate(["--template", sample, "--role", "DBMigratorRole", "--service-account", "other:account-for-db-migrator", "--issuer", Self.issuer])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("DENY"))
        #expect(run.stdout.contains(#"✗ iam trust AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"#))
        #expect(run.stdout.contains(#""system:serviceaccount:other:account-for-db-migrator" does not match "system:serviceaccount:main:account-for-db-migrator""#))
    }

    @Test func kumosOwnAssemblyWithoutAnIssuer() throws {
        let out = CLI.temporaryDirectory().appendingPathComponent("out").path
        #expect(try CLI.run(["synth", "-q", "-o", out]).status == 0)
        let run = try simulate(["--template", out, "--role", "role-for-external-dns", "--service-account", "main:account-for-external-dns"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("note: no --issuer"))
    }

    @Test(arguments: [
        (["--github-repo", "example-org/app"], 0, "sub repo:example-org/app:ref:refs/heads/main"),
        (["--github-repo", "example-org/app", "--ref", "refs/tags/v1"], 0, "sub repo:example-org/app:ref:refs/tags/v1"),
        (["--github-repo", "example-org/app", "--environment", "production"], 0, "sub repo:example-org/app:environment:production"),
        (["--github-repo", "example-org/app", "--pull-request"], 0, "sub repo:example-org/app:pull_request"),
        (["--github-repo", "other-org/app"], 1, #"does not match "repo:example-org/*""#),
        (["--github-repo", "example-org/app", "--audience", "https://github.com/example-org"], 1, "Incorrect token audience"),
    ])
    func theGitHubRole(arguments: [String], status: Int32, fragment: String) throws {
        let run = try simulate(["--template", sample, "--role", "role-github"] + arguments)
        #expect(run.status == status, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(fragment), "\(run.stdout)")
    }

    @Test func aClockAheadIsDiagnosed() throws {
        let base = ["--template", sample, "--role", "RoleGithub", "--github-repo", "example-org/app", "--issued-at", "2026-11-23T10:02:00Z"]
        let run = try simulate(base)
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ sts iat   InvalidIdentityToken: token issued 120 s in the future (iat 2026-11-23T10:02:00Z, now 2026-11-23T10:00:00Z, tolerance 0 s): check the clock (NTP) of the machine that minted or checks it"), "\(run.stdout)")
        #expect(try simulate(base + ["--skew", "120"]).status == 0)
        #expect(try simulate(base + ["--skew", "119"]).status == 1)
        // Expired: 300 s after exp is what IAM documents.
        let expired = try simulate(["--template", sample, "--role", "RoleGithub", "--github-repo", "example-org/app", "--issued-at", "2026-11-23T09:50:00Z"])
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("ExpiredTokenException: the token expired 300 s ago"), "\(expired.stdout)")
    }

    // MARK: - Claims and tokens

    @Test func claimsFromStandardInputAndFromAFile() throws {
        let stdin = try simulate(["--template", sample, "--role", "DBMigratorRole", "--claims", "-", "--issuer", Self.issuer], stdin: Self.claims())
        #expect(stdin.status == 0, "\(stdin.stdout)\(stdin.stderr)")
        let file = CLI.temporaryDirectory().appendingPathComponent("claims.json")
        try Self.claims(sub: "system:serviceaccount:main:intruder").write(to: file, atomically: true, encoding: .utf8)
        let denied = try simulate(["--template", sample, "--role", "DBMigratorRole", "--claims", file.path, "--issuer", Self.issuer])
        #expect(denied.status == 1)
        // Without --issuer, an EKS issuer in the claims is taken as the cluster's (and said so).
        let assumed = try simulate(["--template", sample, "--role", "DBMigratorRole", "--claims", file.path])
        #expect(assumed.status == 1)
        #expect(assumed.stderr.contains("the cluster's issuer is taken to be the token's iss"))
    }

    @Test func aJWTIsDecodedWithoutVerifyingItsSignature() throws {
        let jwt = Self.segment(#"{"alg":"RS256","kid":"k1"}"#) + "." + Self.segment(Self.claims()) + ".c2lnbmF0dXJl"
        let run = try simulate(["--template", sample, "--role", "DBMigratorRole", "--token", jwt, "--issuer", Self.issuer])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("(decoded without verifying its signature)"))
        #expect(run.stdout.contains("✓ sts alg   alg RS256 is accepted (the signature is not verified offline)"))
        let file = CLI.temporaryDirectory().appendingPathComponent("token")
        try (jwt + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try simulate(["--template", sample, "--role", "DBMigratorRole", "--token", file.path, "--issuer", Self.issuer]).status == 0)
        #expect(try simulate(["--template", sample, "--role", "DBMigratorRole", "--token", "-", "--issuer", Self.issuer], stdin: jwt).status == 0)
        let none = Self.segment(#"{"alg":"none"}"#) + "." + Self.segment(Self.claims()) + "."
        let unsigned = try simulate(["--template", sample, "--role", "DBMigratorRole", "--token", none, "--issuer", Self.issuer])
        #expect(unsigned.status == 1)
        #expect(unsigned.stdout.contains("alg none is not accepted"))
    }

    // MARK: - JSON output

    @Test func jsonOutputFollowsTheDocumentedSchema() throws {
        let run = try simulate(["--template", sample, "--role", "DBMigratorRole", "--service-account", "other:account-for-db-migrator", "--issuer", Self.issuer, "--format", "json"])
        #expect(run.status == 1)
        let output = try json(run)
        #expect(output["decision"] as? String == "deny")
        #expect(output["role"] as? String == "DBMigratorRole1DC6DB05")
        #expect(output["roleName"] as? String == "role-for-db-migrator")
        #expect(output["stack"] as? String == "MyEKSStack")
        #expect(output["provider"] as? String == "EKSClusterOpenIdConnectProviderD01E4747")
        #expect(output["at"] as? String == Self.at)
        #expect(output["clockSkew"] is NSNull)
        let reasons = try #require(output["reasons"] as? [String])
        #expect(reasons.count == 1 && reasons[0].hasPrefix("AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"))
        let checks = try #require(output["checks"] as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } == ["iss", "aud", "exp", "trust"])
        #expect(checks.map { $0["stage"] as? String } == ["sts", "sts", "sts", "iam"])
        #expect(checks.map { $0["passed"] as? Bool } == [true, true, true, false])
        let statement = try #require((output["statements"] as? [[String: Any]])?.first)
        #expect(statement["effect"] as? String == "Allow")
        #expect(statement["applies"] as? Bool == false)
        #expect((statement["principal"] as? [String: Any])?["matched"] as? Bool == true)
        let condition = try #require((statement["conditions"] as? [[String: Any]])?.first)
        #expect(condition["operator"] as? String == "StringEquals")
        #expect(condition["key"] as? String == "oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub")
        #expect(condition["expected"] as? [String] == ["system:serviceaccount:main:account-for-db-migrator"])
        #expect(condition["actual"] as? [String] == ["system:serviceaccount:other:account-for-db-migrator"])
        #expect(condition["result"] as? Bool == false)
        let context = try #require(output["context"] as? [String: [String]])
        #expect(context["aws:SecureTransport"] == ["true"])
        #expect((output["claims"] as? [String: Any])?["sub"] as? String == "system:serviceaccount:other:account-for-db-migrator")
        #expect(output["unknownKeys"] as? [String] == [])
        // Allowed, with a skew.
        let allowed = try json(try simulate(["--template", sample, "--role", "RoleGithub", "--github-repo", "example-org/app", "--skew", "30", "--format", "json"]))
        #expect(allowed["decision"] as? String == "allow")
        #expect(allowed["clockSkew"] as? Double == 30)
    }

    // MARK: - Input errors: exit 2, a clear message, nothing on standard output

    @Test(arguments: [
        (["--role", "Nope", "--github-repo", "example-org/app"], #"no role "Nope" in MyEKSStack; roles that trust an OIDC provider:"#),
        (["--role", "RoleGithub", "--claims", "/nonexistent/claims.json"], "cannot read the claims file"),
        (["--role", "RoleGithub", "--token", "abc.def"], "invalid token: a JWT has 3 segments"),
        (["--role", "RoleGithub", "--token", "e30.e3+9.c2ln"], "standard base64"),
        (["--role", "RoleGithub", "--token", "/nonexistent/token"], "cannot read the token file"),
        (["--role", "RoleGithub", "--service-account", "main"], "is not a service account: write NAMESPACE:NAME"),
        (["--role", "RoleGithub", "--service-account", "Main:x"], "is not a Kubernetes namespace name"),
        (["--role", "RoleGithub", "--github-repo", "example-org"], "is not a GitHub repository: write OWNER/REPO"),
        (["--role", "RoleGithub", "--github-repo", "example-org/app", "--ref", "main"], "is not a Git ref"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--issued-at", "noon"], "--issued-at \"noon\" is not an ISO 8601 time"),
        (["--role", "DBMigratorRole", "--token", "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZS5jb20ifQ.c2ln"], "known only at deploy time: pass --issuer"),
        (["--role", "RoleGithub"], "give the token: --claims FILE|-, --token JWT"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--service-account", "a:b"], "give the token once"),
        (["--role", "RoleGithub", "--service-account", "a:b", "--ref", "refs/heads/x"], "use them with --github-repo"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--ref", "refs/heads/x", "--pull-request"], "are exclusive"),
        (["--role", "RoleGithub", "--claims", "-", "--audience", "x"], "use them with --service-account or --github-repo"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--skew=-1"], "--skew takes a number of seconds"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--issuer", "http://x"], "--issuer takes an OIDC issuer URL starting with https://"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--format", "yaml"], "format"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--stack", "Nope"], "has no stack Nope"),
        (["--role", "RoleGithub", "--github-repo", "o/r", "--client-id", "novalue"], "--client-id takes URL=ID"),
    ])
    func badInputExitsTwo(arguments: [String], message: String) throws {
        let run = try simulate(["--template", sample] + arguments)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [
        ("", "the claims are empty"),
        ("[1, 2]", "the claims must be a JSON object, not an array"),
        ("{\"sub\": ", "the claims are not JSON"),
        ("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "the claims look like a JWT: pass it with --token"),
    ])
    func badClaimsExitTwo(claims: String, message: String) throws {
        let run = try simulate(["--template", sample, "--role", "RoleGithub", "--claims", "-"], stdin: claims)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func badTemplatesExitTwo() throws {
        let dir = CLI.temporaryDirectory()
        let notJSON = dir.appendingPathComponent("bad.json")
        try "{\"Resources\": ".write(to: notJSON, atomically: true, encoding: .utf8)
        let noResources = dir.appendingPathComponent("empty.json")
        try "{}".write(to: noResources, atomically: true, encoding: .utf8)
        let badTrust = dir.appendingPathComponent("trust.json")
        try #"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r", "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow"}]}}}}}"#
            .write(to: badTrust, atomically: true, encoding: .utf8)
        for (path, message) in [
            ("/nonexistent/template.json", "no such file or directory"), (notJSON.path, "invalid JSON"),
            (noResources.path, "there is no Resources section"), (badTrust.path, "the trust policy of R is not valid"),
        ] {
            let run = try simulate(["--template", path, "--role", "r", "--github-repo", "o/r"])
            #expect(run.status == 2, "\(path)")
            #expect(run.stderr.contains(message), "\(path): \(run.stderr)")
        }
    }

    @Test func helpSaysTheSignatureIsNotVerified() throws {
        let run = try CLI.run(["simulate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("WITHOUT verifying its signature"))
        #expect(run.stdout.contains("--service-account"))
        #expect(run.stdout.contains("Exit codes: 0 allowed, 1 denied, 2 invalid input"))
    }
}
