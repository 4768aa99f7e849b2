/// Where a stack is deployed: an account and a region, either of which may be open (`nil`). The one environment
/// type of Kumo: a construct's `Stack.Environment`, the cloud assembly manifest's `aws://ACCOUNT/REGION`, and the
/// environment the template reader resolves pseudo parameters in (`CloudTemplate.Environment`).
///
/// ```swift
/// let tokyo = DeploymentEnvironment(account: "123456789012", region: "ap-northeast-1")
/// tokyo.assemblyName                                  // "aws://123456789012/ap-northeast-1"
/// DeploymentEnvironment(assemblyName: "aws://unknown-account/eu-west-1").account   // nil
/// ```
/// An open part makes templates use the `AWS::AccountId` / `AWS::Region` pseudo parameters.
public struct DeploymentEnvironment: Hashable, Sendable {
    /// The 12-digit account ID, or `nil` when open.
    public var account: String?
    /// The region (`ap-northeast-1`), or `nil` when open.
    public var region: String?

    /// An environment from its parts (`nil` for an open part).
    public init(account: String? = nil, region: String? = nil) {
        self.account = account
        self.region = region
    }

    /// Deployable to any account and region.
    public static let agnostic = DeploymentEnvironment()

    /// `aws://123456789012/ap-northeast-1` (`unknown-account` / `unknown-region` for open parts), as in a cloud
    /// assembly manifest.
    public var assemblyName: String {
        "aws://\(account ?? "unknown-account")/\(region ?? "unknown-region")"
    }

    /// Parses a manifest's `aws://123456789012/ap-northeast-1` (unknown or empty parts stay `nil`).
    public init(assemblyName: String) {
        let name = assemblyName.hasPrefix("aws://") ? String(assemblyName.dropFirst(6)) : assemblyName
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        account = parts.first.map(String.init).flatMap { $0 == "unknown-account" || $0.isEmpty ? nil : $0 }
        region = parts.count > 1 ? String(parts[1]) : nil
        if region == "unknown-region" || region?.isEmpty == true { region = nil }
    }

    /// The partition of the region (`aws`, `aws-cn`, `aws-us-gov`), when the region is known.
    public var partition: String? {
        guard let region else { return nil }
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }
}
