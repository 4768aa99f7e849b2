import Testing
@testable import KumoAnalysis
import KumoJSON

@Suite struct DiffRenderingTests {
    typealias F = DiffFixture

    /// An IRSA subject widened, a queue modified, a topic removed.
    func prLikeDiff() throws -> TemplateDiff {
        let old = try F.template([
            "Provider": F.issuerProvider,
            "Role": F.role(trust: [F.webIdentity(values: "system:serviceaccount:main:web")]),
            "Queue": ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": "a|b", "VisibilityTimeout": 30]],
            "Topic": ["Type": "AWS::SNS::Topic"],
        ])
        let new = try F.template([
            "Provider": F.issuerProvider,
            "Role": F.role(trust: [F.webIdentity("StringLike", values: "system:serviceaccount:main:*")]),
            "Queue": ["Type": "AWS::SQS::Queue", "Properties": ["QueueName": "a|c", "VisibilityTimeout": 30]],
        ])
        return try TemplateDiff.compare(old: [old], new: [new])
    }

    @Test func textHasSectionsSummaryAndLegendAndColoursOnlyWhenAsked() throws {
        let diff = try prLikeDiff()
        let plain = TextRenderer(colors: false).render(diff)
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("[BROADENING] condition changed · trust"))
        #expect(plain.contains("- system:serviceaccount:main:web"))
        #expect(plain.contains("+ system:serviceaccount:main:*"))
        #expect(plain.contains("~ Queue  AWS::SQS::Queue  ! REPLACEMENT: QueueName changes (create-only property)"))
        #expect(plain.contains("Properties.QueueName: a|b → a|c  (forces replacement)"))
        #expect(plain.contains("- Topic  AWS::SNS::Topic"))
        #expect(plain.contains("Summary: IAM: 1 broadening, 0 narrowing · resources: 0 added, 1 removed, 2 modified, 1 replaced"))
        #expect(plain.contains("Legend:"))
        // IAM comes first.
        #expect(plain.range(of: "IAM\n")!.lowerBound < plain.range(of: "Resources\n")!.lowerBound)
        let coloured = TextRenderer(colors: true).render(diff)
        #expect(coloured.contains("\u{1B}[31;1m[BROADENING]"))
    }

    @Test func textSaysNoIAMChange() throws {
        let t = try F.template(["Topic": ["Type": "AWS::SNS::Topic"]])
        let text = TextRenderer(colors: false).render(try TemplateDiff.compare(old: [t], new: [t]))
        #expect(text.contains("IAM: no change"))
        #expect(text.contains("No changes."))
    }

    @Test func markdownIsATableReadyForAPullRequest() throws {
        let markdown = MarkdownRenderer().render(try prLikeDiff())
        #expect(markdown.hasPrefix("## `kumo diff`: 🔴 **IAM access broadens**"))
        #expect(markdown.contains("| | Role / policy | Change | Statement | Before | After | Why |"))
        #expect(markdown.contains("| 🔴 broadening | **Role**<br>role app | trust: condition changed<br>`StringEquals → StringLike oidc.example.com/id/1:sub` |"))
        #expect(markdown.contains("| `system:serviceaccount:main:web` | `system:serviceaccount:main:*` |"))
        // Pipes inside values cannot break the table; `*` and `<…>` outside code are escaped.
        #expect(markdown.contains("`a\\|b`"))
        #expect(markdown.contains("wider pattern system:serviceaccount:main:\\*"))
        #expect(markdown.contains("| ⚠️ replaced | `Queue` | `AWS::SQS::Queue` |"))
        #expect(markdown.contains("<sub>"))
    }

    @Test func markdownEscapesSymbolsAndCollapsesLongLists() throws {
        let renderer = MarkdownRenderer(collapseResourcesAbove: 1)
        #expect(renderer.escape("<EKSCluster issuer>:sub") == "&lt;EKSCluster issuer&gt;:sub")
        #expect(renderer.code("a`b") == "`` a`b ``")
        let markdown = renderer.render(try prLikeDiff())
        #expect(markdown.contains("<details><summary>Resources: 3 changes</summary>"))
        let capped = MarkdownRenderer(maxResourceRows: 2).render(try prLikeDiff())
        #expect(capped.contains("| … | 1 more |  | see <code>--format json</code> |"))
        #expect(!capped.contains("`Topic`"))
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let json = JSONRenderer().render(try prLikeDiff())
        #expect(json["schemaVersion"] == 1)
        #expect(json["summary"]?["changes"] == true)
        #expect(json["summary"]?["broadening"] == true)
        #expect(json["summary"]?["iam"]?["broadening"] == 1)
        #expect(json["summary"]?["resources"]?["replaced"] == 1)
        let stack = try #require(json["stacks"]?.arrayValue?.first)
        #expect(stack.objectValue?.keys.elements == ["name", "status", "oldFile", "newFile", "iam", "resources", "otherChanges", "expectedReplacements", "noise", "blocking"])
        let change = try #require(stack["iam"]?.arrayValue?.first)
        #expect(change.objectValue?.keys.elements == ["subject", "document", "kind", "classification", "statement", "element", "old", "new", "reason", "resource", "property"])
        #expect(change["subject"] == ["kind": "role", "logicalId": "Role", "name": "app", "displayName": "Role"])
        #expect(change["document"] == "trust")
        #expect(change["kind"] == "conditionChanged")
        #expect(change["classification"] == "broadening")
        let queue = try #require(stack["resources"]?.arrayValue?.first { $0["logicalId"] == "Queue" })
        #expect(queue["replacement"] == true)
        #expect(queue["properties"]?.arrayValue?.first?["forcesReplacement"] == true)
        // The text is valid JSON that the strict parser reads back.
        #expect(try JSON(parsing: json.serialized(.indented(2))) == json)
    }
}
