import KumoJSON

/// A role: what other code (a role, a user, a stack import) needs to know of one.
public protocol RoleReference {
    /// The role's ARN.
    var roleARN: ARN { get }
}

/// An IAM role (`AWS::IAM::Role`).
///
/// ```swift
/// Role(stack, "RoleGithub", name: "role-github", path: "/", description: "Role assumed by GitHub",
///      assumedBy: .webIdentity(provider) {
///          Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
///          Condition(.stringLike, "token.actions.githubusercontent.com:sub", "repo:example-org/*")
///      },
///      managedPolicies: [githubPolicy])
/// ```
/// Checked at synthesis: the name (1–64 of `[\w+=,.@-]`), the path, the trust policy (grammar, and IAM's
/// 2,048-character limit), the number of managed policies (at most 20), the session duration.
public final class Role: Construct, RoleReference {
    public var name: String?
    public var path: String?
    public var roleDescription: String?
    /// Who may assume the role; one trust-policy statement each.
    public var trust: [Trust]
    public var managedPolicies: [any ManagedPolicyReference]
    /// Inline policies, by name (the `Policies` property).
    public var inlinePolicies: OrderedDictionary<String, PolicyDocument>
    /// The maximum session duration in seconds (3600–43200).
    public var maxSessionDuration: Int?
    public var permissionsBoundary: (any ManagedPolicyReference)?
    private var l1: IAM.CfnRole!
    private var defaultPolicy: Policy?

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, path: String? = nil, description: String? = nil,
        assumedBy trust: Trust, managedPolicies: [any ManagedPolicyReference] = [],
        inlinePolicies: OrderedDictionary<String, PolicyDocument> = [:], maxSessionDuration: Int? = nil,
        permissionsBoundary: (any ManagedPolicyReference)? = nil
    ) {
        self.name = name
        self.path = path
        self.roleDescription = description
        self.trust = [trust]
        self.managedPolicies = managedPolicies
        self.inlinePolicies = inlinePolicies
        self.maxSessionDuration = maxSessionDuration
        self.permissionsBoundary = permissionsBoundary
        super.init(scope, id)
        let path = node.path
        l1 = IAM.CfnRole(
            self, "Resource",
            assumeRolePolicyDocument: CfnJSON(
                PolicyJSON(referrer: path, kind: .trust, sizeLimit: PolicyRendering.trustPolicyLimit) {
                    PolicyDocument(statements: self.trust.map(\.statement))
                }),
            description: .lazy { self.roleDescription.map { CfnString($0) } },
            managedPolicyArns: .lazy {
                self.managedPolicies.isEmpty ? nil : CfnList(values: self.managedPolicies.map(\.policyARN))
            },
            maxSessionDuration: .lazy { self.maxSessionDuration.map { CfnInteger($0) } },
            path: .lazy { self.path.map { CfnString($0) } },
            permissionsBoundary: .lazy { self.permissionsBoundary.map { CfnString($0.policyARN) } },
            policies: .lazy {
                self.inlinePolicies.isEmpty
                    ? nil
                    : CfnList(self.inlinePolicies.map { name, document in
                        IAM.CfnRole.Policy(
                            policyDocument: CfnJSON(
                                PolicyJSON(referrer: path, kind: .identity, sizeLimit: PolicyRendering.roleInlineAggregateLimit) {
                                    document
                                }),
                            policyName: CfnString(name))
                    })
            },
            roleName: .lazy { self.name.map { CfnString($0) } })
    }

    /// The L1 resource (`AWS::IAM::Role`); edits made through it (`role.resource.description = "…"`) win over
    /// this construct's values.
    public var resource: IAM.CfnRole { l1 }
    /// The role's ARN (`Fn::GetAtt Arn`).
    public var roleARN: ARN { ARN(l1.attrArn.cfnValue) }
    /// The role's name (`Ref`).
    public var roleName: Value { l1.ref }

    /// Lets another principal assume the role (one more trust-policy statement).
    public func allowAssume(by trust: Trust) { self.trust.append(trust) }

    /// Attaches a managed policy.
    public func addManagedPolicy(_ policy: any ManagedPolicyReference) { managedPolicies.append(policy) }

    /// Adds statements to the role's default inline policy (an `AWS::IAM::Policy` named `DefaultPolicy`, as
    /// CDK's `addToPolicy` does).
    /// - Parameter minimize: merge the default policy's statements as CDK does (see
    ///   ``PolicyDocument/minimized()``); once set, it stays set for the policy.
    public func addToPolicy(minimize: Bool = false, @StatementBuilder _ statements: () -> [Statement]) {
        if defaultPolicy == nil { defaultPolicy = Policy(self, "DefaultPolicy", roles: [self], statements: { [] }) }
        if minimize { defaultPolicy!.minimize = true }
        defaultPolicy!.add(statements)
    }

    /// The role's default inline policy, once ``addToPolicy(minimize:_:)`` created it.
    public var defaultPolicyConstruct: Policy? { defaultPolicy }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name, !IAMNames.isValidName(name, maxLength: 64) {
            found.append(
                .error(
                    node.path, "role name \"\(name)\" is not valid (\(name.count) characters)",
                    fix: "use 1-64 characters from letters, digits and _+=,.@- (IAM's [\\w+=,.@-]{1,64})"))
        }
        if let path, !IAMNames.isValidPath(path) {
            found.append(.error(node.path, "role path \"\(path)\" is not valid", fix: "use \"/\" or \"/segment/\" (at most 512 characters)"))
        }
        if let roleDescription, roleDescription.count > 1000 {
            found.append(.error(node.path, "the description is longer than 1,000 characters", fix: "shorten it"))
        }
        if managedPolicies.count > 20 {
            found.append(
                .error(
                    node.path, "\(managedPolicies.count) managed policies attached; IAM allows at most 20 per role",
                    fix: "merge policies, or move statements into inline policies"))
        } else if managedPolicies.count > 10 {
            found.append(
                .warning(
                    node.path, "\(managedPolicies.count) managed policies attached; the default IAM quota is 10 per role",
                    fix: "request the 'Managed policies per role' quota increase (up to 20), or merge policies"))
        }
        if let maxSessionDuration, !(3600...43200).contains(maxSessionDuration) {
            found.append(
                .error(node.path, "maximum session duration \(maxSessionDuration) s is outside 3600-43200", fix: "choose 1 to 12 hours, in seconds"))
        }
        for problem in PolicyDocument(statements: trust.map(\.statement)).problems(kind: .trust) {
            found.append(.error(node.path, "trust policy: " + problem.message, fix: problem.fix))
        }
        for (policyName, document) in inlinePolicies {
            if !IAMNames.isValidName(policyName, maxLength: 128) {
                found.append(.error(node.path, "inline policy name \"\(policyName)\" is not valid", fix: "use 1-128 characters from letters, digits and _+=,.@-"))
            }
            for problem in document.problems(kind: .identity) {
                found.append(.error(node.path, "inline policy \(policyName): " + problem.message, fix: problem.fix))
            }
        }
        return found
    }
}

/// An inline IAM policy attached to roles (`AWS::IAM::Policy`), like the `DefaultPolicy` of
/// ``Role/addToPolicy(_:)``. Its `PolicyName` is its logical ID unless named.
public final class Policy: Construct {
    public var name: String?
    public var document: PolicyDocument
    public var roles: [Role]
    /// Whether statements are merged as CDK's `minimizePolicies` merges them (``PolicyDocument/minimized()``).
    public var minimize: Bool
    private var l1: IAM.CfnPolicy!

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, roles: [Role], minimize: Bool = false,
        @StatementBuilder statements: () -> [Statement]
    ) {
        self.name = name
        self.roles = roles
        self.minimize = minimize
        self.document = PolicyDocument(statements: statements())
        super.init(scope, id)
        l1 = IAM.CfnPolicy(
            self, "Resource",
            policyDocument: CfnJSON(
                PolicyJSON(referrer: node.path, kind: .identity, sizeLimit: PolicyRendering.roleInlineAggregateLimit) {
                    self.minimize ? self.document.minimized() : self.document
                }),
            policyName: .lazy { CfnString(self.name ?? self.l1.logicalID) },
            roles: .lazy { CfnList(values: self.roles.map(\.roleName)) })
    }

    /// The L1 resource (`AWS::IAM::Policy`); edits made through it win over this construct's values.
    public var resource: IAM.CfnPolicy { l1 }

    /// Adds statements.
    public func add(@StatementBuilder _ statements: () -> [Statement]) { document.statements += statements() }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name, !IAMNames.isValidName(name, maxLength: 128) {
            found.append(.error(node.path, "policy name \"\(name)\" is not valid", fix: "use 1-128 characters from letters, digits and _+=,.@-"))
        }
        for problem in document.problems(kind: .identity) {
            found.append(.error(node.path, problem.message, fix: problem.fix))
        }
        return found
    }
}
