import KumoJSON

/// A CloudFormation stack: the unit of deployment. Every template element created below a stack is written
/// to the stack's template, `<StackName>.template.json`.
open class Stack: Construct {
    /// Where a stack is deployed (KumoJSON's ``DeploymentEnvironment``). Either part may be left open (`nil`): the
    /// template then uses the `AWS::AccountId` / `AWS::Region` pseudo parameters.
    public typealias Environment = DeploymentEnvironment

    /// Where the stack is deployed; also what `Pseudo.accountId`/`Pseudo.region` resolve to when it names them.
    public let environment: Environment
    /// The template's `Description`, if any.
    public var templateDescription: String?

    /// Adds a stack named `id` to `app`.
    @discardableResult
    public init(_ scope: App, _ id: String, environment: Environment = .agnostic, description: String? = nil) {
        self.environment = environment
        self.templateDescription = description
        super.init(scope, id)
    }

    /// The stack name used for deployment (the construct ID).
    public var stackName: String { node.id }

    /// The account: a literal when the environment names it, `{"Ref": "AWS::AccountId"}` otherwise.
    public var account: Value { environment.account.map(Value.string) ?? Pseudo.accountId.value }
    /// The region: a literal when the environment names it, `{"Ref": "AWS::Region"}` otherwise.
    public var region: Value { environment.region.map(Value.string) ?? Pseudo.region.value }
    /// The partition, always `{"Ref": "AWS::Partition"}` (as CDK writes it), so templates work in every partition.
    public var partition: Value { Pseudo.partition.value }
    /// The domain suffix, `{"Ref": "AWS::URLSuffix"}`.
    public var urlSuffix: Value { Pseudo.urlSuffix.value }

    /// The partition a region belongs to, when the region is known (`aws`, `aws-cn`, `aws-us-gov`, …).
    public var knownPartition: String? {
        guard let region = environment.region else { return nil }
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        return "aws"
    }

    /// An ARN in this stack's partition, account and region, e.g.
    /// `formatARN(service: "iam", region: "", resource: "role/AdminRole")`.
    public func formatARN(service: String, region: Value? = nil, account: Value? = nil, resource: Value) -> Value {
        "arn:\(partition):\(service):\(region ?? self.region):\(account ?? self.account):\(resource)"
    }

    open override func validate() -> [Diagnostic] {
        var found = super.validate()
        let name = stackName
        let valid = name.count <= 128 && name.first.map(\.isLetter) == true
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "-" }
        if !valid {
            found.append(
                .error(
                    node.path, "stack name \"\(name)\" is not a valid CloudFormation stack name",
                    fix: "stack names start with a letter and contain only letters, digits and '-' (at most 128)"))
        }
        return found
    }

    /// cfn-lint checks suppressed for the whole template, with the reason (see ``suppressLintChecks(_:reason:)``).
    public private(set) var lintSuppressions: [(checks: [String], reason: String)] = []

    /// Suppresses cfn-lint checks for the whole template (the template's `Metadata.cfn-lint.config.ignore_checks`),
    /// for findings that are intentional across the template. Each synthesis reports the reason as a note.
    /// Prefer ``CfnResource/suppressLintChecks(_:reason:)`` for a finding about one resource.
    public func suppressLintChecks(_ checks: [String], reason: String) {
        let new = checks.filter { check in !lintSuppressions.contains { $0.checks.contains(check) } }
        guard !new.isEmpty else { return }
        lintSuppressions.append((new, reason))
        node.addInfo("cfn-lint \(new.joined(separator: ", ")) suppressed for the template: \(reason)")
    }

    /// The template elements of this stack, in creation order (nested stacks are not supported).
    public var elements: [CfnElement] {
        node.subtree.compactMap { $0 as? CfnElement }.filter { $0.stack === self }
    }
}
