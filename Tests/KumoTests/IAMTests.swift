import Testing
@testable import Kumo

@Suite struct IAMTests {
    @Test func managedPolicyRendersLikeCDK() throws {
        let template = try synthesize { stack in
            ManagedPolicy(stack, "P", name: "p") {
                Statement.allow(["b:Y", "a:X", "b:Y"], on: "*")
                Statement.allow("c:Z", on: ["arn:aws:s3:::b/*", "arn:aws:s3:::a"])
            }
        }
        let doc = try #require(template.properties(of: id("P"))?["PolicyDocument"])
        #expect(doc.serialized() == #"{"Statement":[{"Action":["a:X","b:Y"],"Effect":"Allow","Resource":"*"},{"Action":"c:Z","Effect":"Allow","Resource":["arn:aws:s3:::a","arn:aws:s3:::b/*"]}],"Version":"2012-10-17"}"#)
        #expect(template.properties(of: id("P"))?["Description"] == "")
        #expect(template.properties(of: id("P"))?["Path"] == "/")
    }

    @Test func conditionsKeepTheirOrderAndGroupByOperator() throws {
        let template = try synthesize { stack in
            let provider = OpenIDConnectProvider(stack, "GH", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
            Role(stack, "R", assumedBy: .webIdentity(provider) {
                Condition(.stringLike, "k:sub", "repo:o/*")
                Condition(.stringEquals, "k:aud", "sts.amazonaws.com")
                Condition(.stringLike, "k:x", "a", "b")
            })
        }
        let statement = try #require(template.properties(of: id("R"))?["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first)
        #expect(statement["Condition"]?.serialized() == #"{"StringLike":{"k:sub":"repo:o/*","k:x":["a","b"]},"StringEquals":{"k:aud":"sts.amazonaws.com"}}"#)
        #expect(statement["Principal"]?.serialized() == #"{"Federated":{"Ref":"\#(id("GH"))"}}"#)
    }

    @Test func computedConditionKeysMakeAnFnSubDocument() throws {
        let template = try synthesize { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"])
            Role(stack, "R", assumedBy: .serviceAccount("ns", "sa", of: cluster, audience: "sts.amazonaws.com"))
        }
        let trust = try #require(template.properties(of: id("R"))?["AssumeRolePolicyDocument"]?["Fn::Sub"]?.arrayValue)
        #expect(trust[0] == .string(#"{"Statement":[{"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${Issuer}:aud":"sts.amazonaws.com","${Issuer}:sub":"system:serviceaccount:ns:sa"}},"Effect":"Allow","Principal":{"Federated":"${\#(id("C", "OpenIdConnectProvider"))}"}}],"Version":"2012-10-17"}"#))
        #expect(trust[1].serialized() == #"{"Issuer":{"Fn::Select":[1,{"Fn::Split":[":oidc-provider/",{"Ref":"\#(id("C", "OpenIdConnectProvider"))"}]}]}}"#)
    }

    @Test func literalDollarBracesAreEscapedInFnSub() throws {
        let template = try synthesize { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"])
            let trust = Trust.serviceAccount("ns", "sa", of: cluster)
            var extended = trust
            extended.conditions.append(Condition(.stringEquals, "aws:PrincipalTag/x", "${aws:username}"))
            Role(stack, "R", assumedBy: extended)
        }
        let text = try #require(template.properties(of: id("R"))?["AssumeRolePolicyDocument"]?["Fn::Sub"]?.arrayValue?[0].stringValue)
        #expect(text.contains(#""${!aws:username}""#))
    }

    @Test(arguments: [
        ("bad name!", "role name \"bad name!\" is not valid"),
        (String(repeating: "r", count: 65), "is not valid (65 characters)"),
    ])
    func rejectsBadRoleNames(name: String, message: String) {
        let errors = synthesisErrors { stack in Role(stack, "R", name: name, assumedBy: .service("ec2.amazonaws.com")) }
        #expect(errors.count == 1)
        #expect(errors.first?.path == "TestStack/R")
        #expect(errors.first?.message.contains(message) == true)
        #expect(errors.first?.fix != nil)
    }

    @Test func rejectsBadPolicies() {
        let errors = synthesisErrors { stack in
            ManagedPolicy(stack, "Empty", name: "empty") {}
            ManagedPolicy(stack, "BadAction", name: "bad") { Statement.allow("GetObject", on: "*") }
            ManagedPolicy(stack, "LongName", name: String(repeating: "p", count: 129)) { Statement.allow("s3:GetObject", on: "*") }
            ManagedPolicy(stack, "BadARN", name: "arn") { Statement.allow("s3:GetObject", on: "my-bucket") }
        }
        let byPath = Dictionary(grouping: errors, by: \.path)
        #expect(byPath["TestStack/Empty"]?.first?.message == "the policy has no statements")
        #expect(byPath["TestStack/BadAction"]?.first?.message.contains("not of the form service:Action") == true)
        #expect(byPath["TestStack/LongName"]?.first?.message.contains("(129 characters)") == true)
        #expect(byPath["TestStack/BadARN"]?.first?.message.contains("is not an ARN") == true)
    }

    @Test func rejectsDuplicateConditionKeys() {
        let errors = synthesisErrors { stack in
            Role(stack, "R", assumedBy: Trust(.federated("arn:aws:iam::1:oidc-provider/x"), actions: ["sts:AssumeRoleWithWebIdentity"], conditions: [
                Condition(.stringEquals, "x:sub", "a"), Condition(.stringEquals, "x:sub", "b"),
            ]))
        }
        #expect(errors.first?.message.contains("appears twice under StringEquals") == true)
    }

    @Test func rejectsOversizedTrustPolicies() {
        let errors = synthesisErrors { stack in
            let subjects = (0..<60).map { Value.string("system:serviceaccount:namespace-\($0):service-account") }
            Role(stack, "R", assumedBy: Trust(.federated("arn:aws:iam::1:oidc-provider/x"), actions: ["sts:AssumeRoleWithWebIdentity"], conditions: [
                Condition(.stringEquals, "x:sub", subjects),
            ]))
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains("over IAM's limit of 2048") == true)
        #expect(errors.first?.fix?.contains("4096") == true)
    }

    @Test func awsManagedPolicyARNsUseThePartition() throws {
        let template = try synthesize { stack in
            Role(stack, "R", assumedBy: .service("eks.amazonaws.com"), managedPolicies: [AWSManagedPolicy("AmazonEKSClusterPolicy")])
        }
        #expect(template.properties(of: id("R"))?["ManagedPolicyArns"]?.serialized() == #"[{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/AmazonEKSClusterPolicy"]]}]"#)
    }
}

@Suite struct PolicyGrammarAtSynthesisTests {
    /// Problems only IAM's grammar knows of (KumoPolicy) are reported at synthesis, with the path in the document.
    @Test func grammarErrorsNameThePathInTheDocument() {
        let errors = synthesisErrors { stack in
            ManagedPolicy(stack, "P", name: "p") { Statement.allow("s3:GetObject", on: "*").sid("not-alphanumeric") }
        }
        #expect(errors.count == 1)
        #expect(errors.first?.path == "TestStack/P")
        #expect(errors.first?.message.contains("Statement[0].Sid") == true, "\(errors)")
    }

    @Test func nullWithIfExistsIsRejectedInFnSubTrustDocumentsToo() {
        let errors = synthesisErrors { stack in
            let cluster = Cluster(stack, "C", subnetIDs: ["subnet-1", "subnet-2"])
            var trust = Trust.serviceAccount("ns", "sa", of: cluster)
            trust.conditions.append(Condition(.null.ifExists, "aws:TokenIssueTime", "false"))
            Role(stack, "R", assumedBy: trust)
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains("NullIfExists") == true, "\(errors)")
    }
}
