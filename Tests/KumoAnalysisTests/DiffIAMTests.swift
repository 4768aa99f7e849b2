import Testing
@testable import KumoAnalysis
import KumoJSON

/// One IAM change kind and its classification per row, on small hand-written templates.
struct IAMCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: JSONObject
    var new: JSONObject
    var expected: [Expected]

    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var kind: IAMChange.Kind
        var classification: Classification
        var description: String { "\(kind.rawValue)/\(classification.rawValue)" }
    }

    init(_ name: String, _ old: JSONObject, _ new: JSONObject, _ expected: [(IAMChange.Kind, Classification)]) {
        self.name = name
        self.old = old
        self.new = new
        self.expected = expected.map { Expected(kind: $0.0, classification: $0.1) }
    }

    var testDescription: String { name }
}

@Suite struct DiffIAMTests {
    typealias F = DiffFixture
    static let provider: JSON = F.issuerProvider
    static let web = F.webIdentity(values: "system:serviceaccount:main:web")

    static func irsa(_ statement: JSON) -> JSONObject { ["Provider": provider, "Role": F.role(trust: [statement])] }
    static func policy(_ statements: [JSON]) -> JSONObject { ["Policy": F.policy(statements)] }
    static let bucketArn = "arn:aws:s3:::bucket"
    static let queue: JSON = ["Type": "AWS::SQS::Queue"]

    static let cases: [IAMCase] = [
        IAMCase("role added", ["Provider": provider], irsa(web), [(.roleAdded, .broadening)]),
        IAMCase("role removed", irsa(web), ["Provider": provider], [(.roleRemoved, .narrowing)]),
        IAMCase("trust subject widened to a wildcard (StringEquals → StringLike)", irsa(web),
                irsa(F.webIdentity("StringLike", values: "system:serviceaccount:main:*")), [(.conditionChanged, .broadening)]),
        IAMCase("trust subject narrowed", irsa(F.webIdentity("StringLike", values: "system:serviceaccount:main:*")), irsa(web),
                [(.conditionChanged, .narrowing)]),
        IAMCase("trust wider pattern", irsa(F.webIdentity("StringLike", "k:sub", values: "repo:org/app:*")),
                irsa(F.webIdentity("StringLike", "k:sub", values: "repo:org/*")), [(.conditionChanged, .broadening)]),
        IAMCase("trust value added", irsa(web), irsa(F.webIdentity(values: ["system:serviceaccount:main:web", "system:serviceaccount:main:api"])),
                [(.conditionChanged, .broadening)]),
        IAMCase("trust condition key removed",
                irsa(F.webIdentity("StringEquals", "oidc.example.com/id/1:sub", values: "system:serviceaccount:main:web", extra: ["StringLike": ["oidc.example.com/id/1:aud": "sts.amazonaws.com"]])),
                irsa(web), [(.conditionRemoved, .broadening)]),
        IAMCase("trust condition key added", irsa(web),
                irsa(F.webIdentity("StringEquals", "oidc.example.com/id/1:sub", values: "system:serviceaccount:main:web", extra: ["StringLike": ["oidc.example.com/id/1:aud": "sts.amazonaws.com"]])),
                [(.conditionAdded, .narrowing)]),
        IAMCase("condition key case changes nothing", irsa(web),
                irsa(F.webIdentity("StringEquals", "OIDC.example.com/id/1:SUB", values: "system:serviceaccount:main:web")), []),
        IAMCase("principal added",
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "arn:aws:iam::111122223333:role/a"]]),
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:root"]]]),
                [(.principalChanged, .broadening)]),
        IAMCase("principal removed",
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:root"]]]),
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "arn:aws:iam::111122223333:role/a"]]),
                [(.principalChanged, .narrowing)]),
        IAMCase("principal narrowed from the account to a role of it",
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "arn:aws:iam::111122223333:root"]]),
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": "arn:aws:iam::111122223333:role/a"]]),
                [(.principalChanged, .narrowing)]),
        IAMCase("anyone may assume", irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["Service": "ec2.amazonaws.com"]]),
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"]), [(.principalChanged, .broadening)]),
        IAMCase("trust statement added", irsa(web),
                ["Provider": provider, "Role": F.role(trust: [web, ["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["Service": "ec2.amazonaws.com"]]])],
                [(.statementAdded, .broadening)]),
        IAMCase("managed policy attached", irsa(web),
                ["Provider": provider, "Role": F.role(trust: [web], managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])], [(.attachmentAdded, .broadening)]),
        IAMCase("managed policy detached", ["Provider": provider, "Role": F.role(trust: [web], managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])],
                irsa(web), [(.attachmentRemoved, .narrowing)]),
        IAMCase("managed policy attached through ManagedPolicy.Roles", irsa(web),
                irsa(web).merging(["Policy": ["Type": "AWS::IAM::ManagedPolicy", "Properties": [
                    "ManagedPolicyName": "p", "Roles": [["Ref": "Role"]],
                    "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow("s3:GetObject")]]]]], uniquingKeysWith: { a, _ in a }),
                [(.attachmentAdded, .broadening), (.policyAdded, .broadening)]),
        IAMCase("inline policy added", irsa(web),
                ["Provider": provider, "Role": F.role(trust: [web], inline: [["PolicyName": "read", "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow("s3:GetObject")]]]])],
                [(.inlinePolicyAdded, .broadening)]),
        IAMCase("inline deny-only policy added narrows", irsa(web),
                ["Provider": provider, "Role": F.role(trust: [web], inline: [["PolicyName": "guard", "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.deny("s3:DeleteObject")]]]])],
                [(.inlinePolicyAdded, .narrowing)]),
        IAMCase("inline policy removed",
                ["Provider": provider, "Role": F.role(trust: [web], inline: [["PolicyName": "read", "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow("s3:GetObject")]]]])],
                irsa(web), [(.inlinePolicyRemoved, .narrowing)]),
        IAMCase("AWS::IAM::Policy attached to the role", irsa(web),
                irsa(web).merging(["Extra": ["Type": "AWS::IAM::Policy", "Properties": [
                    "PolicyName": "extra", "Roles": [["Ref": "Role"]],
                    "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow("sqs:SendMessage")]]]]], uniquingKeysWith: { a, _ in a }),
                [(.inlinePolicyAdded, .broadening)]),
        IAMCase("inline policy grants one more action",
                ["Provider": provider, "Role": F.role(trust: [web], inline: [["PolicyName": "read", "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow("s3:GetObject")]]]])],
                ["Provider": provider, "Role": F.role(trust: [web], inline: [["PolicyName": "read", "PolicyDocument": ["Version": "2012-10-17", "Statement": [F.allow(["s3:GetObject", "s3:PutObject"])]]]])],
                [(.actionChanged, .broadening)]),
        IAMCase("managed policy added", [:], policy([F.allow("s3:GetObject")]), [(.policyAdded, .broadening)]),
        IAMCase("managed policy removed", policy([F.allow("s3:GetObject")]), [:], [(.policyRemoved, .narrowing)]),
        IAMCase("action added", policy([F.allow("s3:GetObject")]), policy([F.allow(["s3:GetObject", "s3:PutObject"])]), [(.actionChanged, .broadening)]),
        IAMCase("action wildcard widened", policy([F.allow("s3:GetObject")]), policy([F.allow("s3:Get*")]), [(.actionChanged, .broadening)]),
        IAMCase("service wildcard", policy([F.allow("s3:GetObject")]), policy([F.allow("s3:*")]), [(.actionChanged, .broadening)]),
        IAMCase("action star", policy([F.allow("s3:*")]), policy([F.allow("*")]), [(.actionChanged, .broadening)]),
        IAMCase("action narrowed", policy([F.allow("s3:*")]), policy([F.allow("s3:GetObject")]), [(.actionChanged, .narrowing)]),
        IAMCase("action already covered by a wildcard", policy([F.allow(["s3:*"])]), policy([F.allow(["s3:*", "s3:GetObject"])]), [(.actionChanged, .neutral)]),
        IAMCase("action case changes nothing", policy([F.allow("s3:GetObject")]), policy([F.allow("S3:getobject")]), []),
        IAMCase("action moved to another statement", policy([F.allow(["s3:GetObject", "s3:ListBucket"])]),
                policy([F.allow("s3:GetObject"), F.allow("s3:ListBucket")]), [(.actionChanged, .neutral), (.statementAdded, .neutral)]),
        IAMCase("resource widened", policy([F.allow("s3:GetObject", .string("\(bucketArn)/app/*"))]), policy([F.allow("s3:GetObject", .string("\(bucketArn)/*"))]),
                [(.resourceChanged, .broadening)]),
        IAMCase("resource narrowed", policy([F.allow("s3:GetObject", .string("\(bucketArn)/*"))]), policy([F.allow("s3:GetObject", .string("\(bucketArn)/app/*"))]),
                [(.resourceChanged, .narrowing)]),
        IAMCase("Action becomes NotAction", policy([F.allow("s3:GetObject")]), policy([["Effect": "Allow", "NotAction": "iam:*", "Resource": "*"]]),
                [(.elementKindChanged, .review)]),
        IAMCase("NotAction shrinks", policy([["Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*"]]),
                policy([["Effect": "Allow", "NotAction": "iam:*", "Resource": "*"]]), [(.actionChanged, .broadening)]),
        IAMCase("allow statement added", policy([F.allow("s3:GetObject")]), policy([F.allow("s3:GetObject"), F.allow("sqs:SendMessage")]),
                [(.statementAdded, .broadening)]),
        IAMCase("allow statement removed", policy([F.allow("s3:GetObject"), F.allow("sqs:SendMessage")]), policy([F.allow("s3:GetObject")]),
                [(.statementRemoved, .narrowing)]),
        IAMCase("deny statement removed", policy([F.allow("s3:*"), F.deny("s3:DeleteObject")]), policy([F.allow("s3:*")]),
                [(.statementRemoved, .broadening)]),
        IAMCase("deny statement added", policy([F.allow("s3:*")]), policy([F.allow("s3:*"), F.deny("s3:DeleteObject")]),
                [(.statementAdded, .narrowing)]),
        IAMCase("deny covers one more action", policy([F.allow("s3:*"), F.deny("s3:DeleteObject")]),
                policy([F.allow("s3:*"), F.deny(["s3:DeleteObject", "s3:PutObject"])]), [(.actionChanged, .narrowing)]),
        IAMCase("policy condition removed", policy([F.allow("s3:GetObject", condition: ["Bool": ["aws:SecureTransport": "true"]])]),
                policy([F.allow("s3:GetObject")]), [(.conditionRemoved, .broadening)]),
        IAMCase("condition operator of another family", policy([F.allow("s3:GetObject", condition: ["StringEquals": ["aws:PrincipalTag/team": "a"]])]),
                policy([F.allow("s3:GetObject", condition: ["ForAnyValue:StringEquals": ["aws:PrincipalTag/team": "a"]])]), [(.conditionChanged, .review)]),
        IAMCase("not a valid policy any more", policy([F.allow("s3:GetObject")]), policy([["Effect": "Maybe", "Action": "s3:GetObject", "Resource": "*"]]),
                [(.documentChanged, .review)]),
        IAMCase("resources given by deploy-time ARNs", policy([F.allow("sqs:SendMessage", ["Fn::GetAtt": ["Queue", "Arn"]])]).merging(["Queue": queue], uniquingKeysWith: { a, _ in a }),
                policy([F.allow(["sqs:SendMessage", "sqs:ReceiveMessage"], [["Fn::GetAtt": ["Queue", "Arn"]], ["Fn::Join": ["", [["Fn::GetAtt": ["Queue", "Arn"]], "/*"]]]])])
                    .merging(["Queue": queue], uniquingKeysWith: { a, _ in a }),
                [(.actionChanged, .broadening), (.resourceChanged, .broadening)]),
        IAMCase("principal given by a deploy-time ARN", irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": ["Fn::GetAtt": ["Other", "Arn"]]]])
                    .merging(["Other": ["Type": "AWS::SNS::Topic"]], uniquingKeysWith: { a, _ in a }),
                irsa(["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["AWS": [["Fn::GetAtt": ["Other", "Arn"]], ["Ref": "AWS::AccountId"]]]])
                    .merging(["Other": ["Type": "AWS::SNS::Topic"]], uniquingKeysWith: { a, _ in a }),
                [(.principalChanged, .broadening)]),
        IAMCase("Sid, order and list-vs-string change nothing", policy([F.allow(["s3:GetObject"]), F.allow("sqs:SendMessage")]),
                policy([["Sid": "Queue", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": ["*"]], F.allow("s3:GetObject")]), []),
    ]

    @Test(arguments: cases)
    func classifies(_ row: IAMCase) throws {
        let diff = try F.diff(try F.template(row.old), try F.template(row.new))
        let got = diff.iam.map { IAMCase.Expected(kind: $0.kind, classification: $0.classification) }
        #expect(got == row.expected, "\(diff.iam.map { "\($0.kind) \($0.classification): \($0.reason)" })")
    }

    @Test func everyChangeKindIsCovered() {
        let covered = Set(Self.cases.flatMap { $0.expected.map(\.kind) })
        #expect(covered == Set(IAMChange.Kind.allCases))
        #expect(Set(Self.cases.flatMap { $0.expected.map(\.classification) }) == Set(Classification.allCases))
    }

    @Test func deployTimeValuesShowAsSymbols() throws {
        let old = try F.template(Self.policy([F.allow("sqs:SendMessage", ["Fn::GetAtt": ["Queue", "Arn"]])]).merging(["Queue": Self.queue], uniquingKeysWith: { a, _ in a }))
        let new = try F.template(Self.policy([F.allow("sqs:SendMessage", ["Fn::Join": ["", [["Fn::GetAtt": ["Queue", "Arn"]], "/*"]]])]).merging(["Queue": Self.queue], uniquingKeysWith: { a, _ in a }))
        let change = try #require(try F.diff(old, new).iam.first)
        #expect(change.old == ["<Queue.Arn>"])
        #expect(change.new == ["<Queue.Arn>/*"])
        #expect(change.classification == .broadening)
    }

    @Test func widenedSubjectShowsTheResolvedKeyAndValues() throws {
        let diff = try F.diff(try F.template(Self.irsa(Self.web)), try F.template(Self.irsa(F.webIdentity("StringLike", values: "system:serviceaccount:main:*"))))
        let change = try #require(diff.iam.first)
        #expect(change.subject.displayName == "Role")
        #expect(change.subject.name == "app")
        #expect(change.document == .trust)
        #expect(change.element == "StringEquals → StringLike oidc.example.com/id/1:sub")
        #expect(change.old == ["system:serviceaccount:main:web"])
        #expect(change.new == ["system:serviceaccount:main:*"])
        #expect(change.statement?.contains("Federated arn:aws:iam::111122223333:oidc-provider/oidc.example.com/id/1") == true)
        #expect(change.property == "AssumeRolePolicyDocument")
        // The resources section points at the IAM section instead of repeating the document.
        let resource = try #require(diff.resources.first)
        #expect(resource.properties.map(\.path) == ["Properties.AssumeRolePolicyDocument"])
        #expect(resource.properties.first?.note == "see the IAM section")
    }

    @Test func failOnBroadeningCountsReviewToo() throws {
        let review = try TemplateDiff.compare(old: [try F.template(Self.policy([F.allow("s3:GetObject")]))],
                                              new: [try F.template(Self.policy([["Effect": "Allow", "NotAction": "iam:*", "Resource": "*"]]))])
        #expect(review.hasBroadening)
        let narrowing = try TemplateDiff.compare(old: [try F.template(Self.policy([F.allow("s3:*")]))], new: [try F.template(Self.policy([F.allow("s3:GetObject")]))])
        #expect(!narrowing.hasBroadening)
        #expect(narrowing.hasChanges)
    }
}
