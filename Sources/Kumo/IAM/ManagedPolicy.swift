import KumoJSON

/// Something a role can attach as a managed policy: a ``ManagedPolicy`` of the stack, or an AWS-managed policy.
public protocol ManagedPolicyReference {
    /// The policy's ARN.
    var policyARN: Value { get }
}

/// An AWS-managed policy, by name: `arn:<partition>:iam::aws:policy/<name>`.
///
/// ```swift
/// Role(stack, "EKSNodeRole", assumedBy: .service("ec2.amazonaws.com"),
///      managedPolicies: [AWSManagedPolicy("AmazonEKSWorkerNodePolicy")])
/// ```
public struct AWSManagedPolicy: ManagedPolicyReference, Hashable {
    /// The name, with its path if it has one (`service-role/AWSLambdaBasicExecutionRole`).
    public let name: String

    /// An AWS managed policy by name (with its path, if it has one).
    public init(_ name: String) { self.name = name }

    public var policyARN: Value { "arn:\(Pseudo.partition):iam::aws:policy/\(name)" }
}

/// A customer-managed IAM policy (`AWS::IAM::ManagedPolicy`).
///
/// ```swift
/// let pull = ManagedPolicy(stack, "PullImagePolicyForDBMigrator", name: "pull-image-policy-for-db-migrator") {
///     Statement.allow(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], on: repository.arn)
/// }
/// ```
/// Written as CDK writes it: `Description` (empty when not given), `ManagedPolicyName`, `Path` (`/` by
/// default), the document. Checked at synthesis: the name (1–128 of `[\w+=,.@-]`), the document (statements,
/// actions, ARNs) and its size (IAM's 6,144 characters without whitespace).
public final class ManagedPolicy: Construct, ManagedPolicyReference {
    /// The policy's name (`ManagedPolicyName`, 1–128 characters of `[\w+=,.@-]`); generated when `nil`.
    public var name: String?
    /// The policy's `Description` (written empty when not given, as CDK writes it).
    public var policyDescription: String
    /// The policy's `Path` (`/` by default).
    public var path: String
    /// The policy document.
    public var document: PolicyDocument
    private var l1: IAM.CfnManagedPolicy!

    /// A managed policy `id` of `scope` with the statements the builder gives.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, description: String = "", path: String = "/",
        @StatementBuilder statements: () -> [Statement]
    ) {
        self.name = name
        self.policyDescription = description
        self.path = path
        self.document = PolicyDocument(statements: statements())
        super.init(scope, id)
        l1 = IAM.CfnManagedPolicy(
            self, "Resource",
            policyDocument: CfnJSON(
                PolicyJSON(referrer: node.path, kind: .identity, sizeLimit: PolicyRendering.managedPolicyLimit) { self.document }),
            description: .lazy { CfnString(self.policyDescription) },
            managedPolicyName: .lazy { self.name.map { CfnString($0) } },
            path: .lazy { CfnString(self.path) })
    }

    /// The L1 resource (`AWS::IAM::ManagedPolicy`); edits made through it win over this construct's values.
    public var resource: IAM.CfnManagedPolicy { l1 }

    /// Adds statements to the policy.
    public func add(@StatementBuilder _ statements: () -> [Statement]) { document.statements += statements() }

    /// The policy's ARN (`Ref` of a managed policy).
    public var policyARN: Value { resource.ref }

    /// Checks at synthesis: the name, the document (statements, actions, ARNs) and its size (IAM's 6,144 characters without whitespace).
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name, !IAMNames.isValidName(name, maxLength: 128) {
            found.append(
                .error(
                    node.path, "managed policy name \"\(name)\" is not valid (\(name.count) characters)",
                    fix: "use 1-128 characters from letters, digits and _+=,.@-"))
        }
        if !IAMNames.isValidPath(path) {
            found.append(.error(node.path, "policy path \"\(path)\" is not valid", fix: "use \"/\" or \"/segment/\" (at most 512 characters)"))
        }
        if policyDescription.count > 1000 {
            found.append(.error(node.path, "the description is longer than 1,000 characters", fix: "shorten it"))
        }
        for problem in document.problems(kind: .identity) {
            found.append(.error(node.path, problem.message, fix: problem.fix))
        }
        return found
    }
}
