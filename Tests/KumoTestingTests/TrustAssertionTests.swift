import Kumo
import KumoTesting
import Testing

/// `expectAllowed` and `expectDenied` when they fail: each records one issue, at the caller, that says what was
/// expected and shows the decision (observed with ``RecordedIssues``); when they hold, they record nothing.
@Suite(RecordedIssues.trait) struct TrustAssertionTests {
    let trust: RoleTrust

    init() throws {
        let app = App()
        let stack = Stack(app, "TestStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
        let github = OpenIDConnectProvider(stack, "Provider", url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"])
        Role(stack, "Deployer", name: "deployer", assumedBy: .webIdentity(github) {
            Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
            Condition(.stringLike, "token.actions.githubusercontent.com:sub", "repo:example-org/app:*")
        })
        trust = try Template(stack: stack).trust(of: "deployer")
    }

    static let member = WebIdentityToken.github("example-org/app")
    static let stranger = WebIdentityToken.github("other-org/app")

    @Test func holdingExpectationsRecordNothing() {
        let (decisions, messages) = RecordedIssues.messages {
            [trust.expectAllowed(Self.member), trust.expectDenied(Self.stranger, because: "does not match")]
        }
        #expect(messages.isEmpty)
        #expect(decisions.map { $0?.isAllowed } == [true, false])
    }

    @Test func aDeniedTokenExpectedToBeAllowed() {
        let line = #line + 1
        let (decision, issues) = RecordedIssues.capture { trust.expectAllowed(Self.stranger) }
        #expect(issues.count == 1)
        #expect(issues.first?.sourceLocation?.line == line)
        let text = issues.first?.comments.map(\.rawValue).joined() ?? ""
        #expect(text.hasPrefix("expected GitHub other-org/app refs/heads/main to assume deployer, but it is denied:\n"), "\(text)")
        #expect(decision.map { text.hasSuffix($0.description) } == true, "the issue shows the decision")
        #expect(decision?.isAllowed == false)
    }

    @Test func anAllowedTokenExpectedToBeDenied() {
        let (_, messages) = RecordedIssues.messages { trust.expectDenied(Self.member) }
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("expected GitHub example-org/app refs/heads/main to be denied deployer, but it is allowed:\n") == true, "\(messages)")
    }

    @Test func aDenialForAnotherReason() {
        let (_, messages) = RecordedIssues.messages { trust.expectDenied(Self.stranger, because: "ExpiredTokenException") }
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix(#"GitHub other-org/app refs/heads/main is denied deployer, but not because of "ExpiredTokenException":"#) == true, "\(messages)")
    }

    @Test func aTokenThatCannotBeEvaluated() {
        let (decision, messages) = RecordedIssues.messages { trust.expectAllowed(.serviceAccount("main", "app")) }
        #expect(decision == nil)
        #expect(messages == ["cannot evaluate service account main:app against deployer: a service-account token needs the cluster's issuer URL: pass issuer: to trust(of:issuer:)"])
    }
}
