import KumoJSON

/// An ECR image repository (`AWS::ECR::Repository`).
///
/// ```swift
/// let migration = Repository(stack, "EKSMigrationImageRepository", name: "eks-migration",
///                            scanOnPush: true, lifecycleRules: [LifecycleRule(maxImageCount: 1)],
///                            removalPolicy: .destroy)
/// Statement.allow(["ecr:BatchGetImage"], on: migration.arn)
/// ```
/// The name is checked at synthesis against ECR's rules (2–256 characters, lower-case components separated by
/// `/`, `.`, `_`, `__` or dashes). As in CDK, a repository is retained when removed from the stack unless the
/// removal policy says otherwise.
public final class Repository: Construct {
    public var name: String?
    public var scanOnPush: Bool?
    public var imageTagMutability: ImageTagMutability?
    public var lifecycleRules: [LifecycleRule]
    public var removalPolicy: RemovalPolicy
    private var l1: ECR.CfnRepository!

    public enum ImageTagMutability: String, Sendable {
        case mutable = "MUTABLE"
        case immutable = "IMMUTABLE"
    }

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, scanOnPush: Bool? = nil,
        imageTagMutability: ImageTagMutability? = nil, lifecycleRules: [LifecycleRule] = [],
        removalPolicy: RemovalPolicy = .retain
    ) {
        self.name = name
        self.scanOnPush = scanOnPush
        self.imageTagMutability = imageTagMutability
        self.lifecycleRules = lifecycleRules
        self.removalPolicy = removalPolicy
        super.init(scope, id)
        l1 = ECR.CfnRepository(
            self, "Resource",
            imageScanningConfiguration: .lazy { self.scanOnPush.map { .init(scanOnPush: CfnBool($0)) } },
            imageTagMutability: .lazy { self.imageTagMutability.map { .init(.string($0.rawValue)) } },
            lifecyclePolicy: .lazy { self.lifecyclePolicyText.map { .init(lifecyclePolicyText: CfnString($0)) } },
            repositoryName: .lazy { self.name.map { CfnString($0) } })
        // CDK 2.28.1's repositories took no tags.
        l1.tagFormat = nil
    }

    /// The L1 resource (`AWS::ECR::Repository`); edits made through it win over this construct's values.
    public var resource: ECR.CfnRepository { l1 }
    /// The repository's ARN (`Fn::GetAtt Arn`).
    public var arn: ARN { ARN(l1.attrArn.cfnValue) }
    /// The repository's name (`Ref`).
    public var repositoryName: Value { l1.ref }
    /// `<account>.dkr.ecr.<region>.amazonaws.com/<name>` (`Fn::GetAtt RepositoryUri`).
    public var repositoryURI: Value { l1.attrRepositoryUri.cfnValue }

    /// Adds a lifecycle rule.
    public func addLifecycleRule(_ rule: LifecycleRule) { lifecycleRules.append(rule) }

    /// ECR's lifecycle policy text for the rules (compact JSON, CDK's key order), or `nil` without rules.
    public var lifecyclePolicyText: String? {
        guard !lifecycleRules.isEmpty else { return nil }
        let rules = LifecycleRule.prioritized(lifecycleRules).map(\.json)
        return JSON.object(["rules": .array(rules)]).serialized()
    }

    public override func prepare() {
        l1.removalPolicy = removalPolicy
    }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name, !Repository.isValidName(name) {
            found.append(
                .error(
                    node.path, "ECR repository name \"\(name)\" is not valid",
                    fix: "use 2-256 characters: lower-case letters and digits, in components separated by '/', "
                        + "joined by '.', '_', '__' or dashes (e.g. \"team/app-web\")"))
        }
        for rule in lifecycleRules {
            for problem in rule.problems { found.append(.error(node.path, problem, fix: "fix the lifecycle rule")) }
        }
        let anyRules = lifecycleRules.filter { $0.tagStatus == .any }
        if anyRules.count > 1 {
            found.append(.error(node.path, "only one lifecycle rule may select any image", fix: "merge the tagStatus .any rules"))
        }
        if let anyPriority = anyRules.first?.priority,
            lifecycleRules.contains(where: { $0.tagStatus != .any && ($0.priority ?? Int.max) > anyPriority })
        {
            found.append(
                .error(node.path, "the rule selecting any image must have the highest priority number",
                       fix: "drop its priority, so that it is evaluated last"))
        }
        let priorities = lifecycleRules.compactMap(\.priority)
        if Set(priorities).count != priorities.count {
            found.append(.error(node.path, "two lifecycle rules have the same priority", fix: "give each rule its own priority"))
        }
        return found
    }

    /// ECR's repository-name rule: 2–256 characters, `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`.
    public static func isValidName(_ name: String) -> Bool {
        guard (2...256).contains(name.count) else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isValidComponent)
    }

    private static func isValidComponent(_ component: Substring) -> Bool {
        let chars = Array(component.unicodeScalars)
        func isAlnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard let first = chars.first, let last = chars.last, isAlnum(first), isAlnum(last) else { return false }
        var i = 0
        while i < chars.count {
            if isAlnum(chars[i]) {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, !isAlnum(chars[j]) { j += 1 }
            let separator = String(String.UnicodeScalarView(chars[i..<j]))
            let valid = separator == "." || separator == "_" || separator == "__" || separator.allSatisfy { $0 == "-" }
            if !valid { return false }
            i = j
        }
        return true
    }
}
