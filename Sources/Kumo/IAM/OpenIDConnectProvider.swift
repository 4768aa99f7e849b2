import KumoJSON

/// An OpenID Connect identity provider that roles can trust (see ``Trust/webIdentity(_:where:)``).
public protocol OpenIDConnectProviderReference {
    /// The provider's ARN (the `Federated` principal of trust statements).
    var providerARN: Value { get }
    /// The issuer as IAM uses it in condition keys: the URL without `https://`
    /// (`token.actions.githubusercontent.com`, `oidc.eks.<region>.amazonaws.com/id/<id>`).
    var issuer: Value { get }
}

/// An IAM OpenID Connect provider, as the native `AWS::IAM::OIDCProvider` (CDK used a Lambda-backed custom
/// resource, `Custom::AWSCDKOpenIdConnectProvider`).
///
/// ```swift
/// let github = OpenIDConnectProvider(stack, "Provider", url: "https://token.actions.githubusercontent.com",
///                                    clientIDs: ["sts.amazonaws.com"])
/// ```
/// Thumbprints are optional: IAM verifies well-known providers (GitHub, EKS, Google, …) through its own
/// trusted certificate authorities and ignores thumbprints for them.
public final class OpenIDConnectProvider: Construct, OpenIDConnectProviderReference {
    /// The issuer URL (`https://token.actions.githubusercontent.com`); a deploy-time value for an EKS cluster's issuer.
    public var url: Value
    /// The audiences tokens may be issued for (`ClientIdList`, `sts.amazonaws.com` for AWS's OIDC integrations).
    public var clientIDs: [String]
    /// Certificate thumbprints (`ThumbprintList`); ignored by IAM for well-known providers, so best left empty.
    public var thumbprints: [String]
    private var l1: IAM.CfnOIDCProvider!

    /// A provider `id` of `scope` for `url`, trusting tokens issued for `clientIDs`.
    @discardableResult
    public init(_ scope: Construct, _ id: String, url: Value, clientIDs: [String], thumbprints: [String] = []) {
        self.url = url
        self.clientIDs = clientIDs
        self.thumbprints = thumbprints
        super.init(scope, id)
        l1 = IAM.CfnOIDCProvider(
            self, "Resource",
            clientIdList: .lazy { self.clientIDs.isEmpty ? nil : CfnList(self.clientIDs) },
            thumbprintList: .lazy { self.thumbprints.isEmpty ? nil : CfnList(self.thumbprints) },
            url: .lazy { CfnString(self.url) })
    }

    /// The L1 resource (`AWS::IAM::OIDCProvider`); edits made through it win over this construct's values.
    public var resource: IAM.CfnOIDCProvider { l1 }

    /// `Ref` of the provider: its ARN.
    public var providerARN: Value { resource.ref }

    /// The URL without `https://`: the literal host/path when the URL is known at synthesis, otherwise taken
    /// from the provider's ARN at deploy time (`Fn::Select [1, Fn::Split [":oidc-provider/", Ref]]`).
    public var issuer: Value {
        if let literal = url.literalString, literal.hasPrefix("https://") { return .string(String(literal.dropFirst(8))) }
        return .named("Issuer", .select(1, .split(":oidc-provider/", providerARN)))
    }

    /// Checks at synthesis: the URL (`https://host[/path]`, at most 255 characters, no port, query or fragment), the client IDs (1–255 characters, at most 100) and the thumbprints (40 hexadecimal digits, at most 5).
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let literal = url.literalString {
            let rest = literal.dropFirst("https://".count)
            let host = rest.split(separator: "/", maxSplits: 1).first ?? ""
            if !literal.hasPrefix("https://") || rest.isEmpty || literal.count > 255 || literal.contains("?")
                || literal.contains("#") || host.contains(":")
            {
                found.append(
                    .error(
                        node.path, "OIDC provider URL \"\(literal)\" is not valid",
                        fix: "use https://host[/path], at most 255 characters, without port, query or fragment"))
            }
        }
        if clientIDs.count > 100 || clientIDs.contains(where: { $0.isEmpty || $0.count > 255 }) {
            found.append(.error(node.path, "client IDs must be 1-255 characters, at most 100 of them", fix: "fix the client ID list"))
        }
        let hex = Set("0123456789abcdefABCDEF")
        if thumbprints.count > 5 || thumbprints.contains(where: { $0.count != 40 || !$0.allSatisfy(hex.contains) }) {
            found.append(
                .error(
                    node.path, "thumbprints must be 40 hexadecimal characters, at most 5 of them",
                    fix: "remove the thumbprints (IAM verifies GitHub and EKS issuers itself) or fix them"))
        }
        return found
    }
}
