/// One security rule of `kumo check`: a stable ID, a default severity, what it detects and how to fix it.
public struct CheckRule: Hashable, Sendable, Identifiable {
    /// How bad a finding is. `error` fails `kumo check` (exit 1) and `kumo synth`; `warning` and `info` are
    /// reported.
    public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
        case info, warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

        var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    /// The rule families, one source file each.
    public enum Family: String, Hashable, Sendable, CaseIterable {
        case gitHub = "GitHub OIDC trust"
        case irsa = "IRSA trust"
        case trust = "Any trust policy"
        case policy = "Permission policies"
        case podIdentity = "EKS Pod Identity"
        case privilegeEscalation = "Privilege escalation"
        case lifecycle = "Lifecycle (what AWS no longer creates)"
        case kubernetes = "ServiceAccount ↔ IRSA"
        case suppression = "Suppressions"
    }

    /// `KUMO-GH-001`.
    public let id: String
    public let severity: Severity
    public let family: Family
    /// One line: what the rule detects.
    public let title: String
    /// The general fix (findings carry a specific one).
    public let fix: String
    /// Why it matters, with sources.
    public let rationale: String

    init(_ id: String, _ severity: Severity, _ family: Family, _ title: String, fix: String, rationale: String) {
        self.id = id
        self.severity = severity
        self.family = family
        self.title = title
        self.fix = fix
        self.rationale = rationale
    }
}

/// The rule catalogue.
public enum CheckRules {
    // MARK: GitHub Actions OIDC

    public static let gitHubNoSubject = CheckRule(
        "KUMO-GH-001", .error, .gitHub, "GitHub OIDC trust without a `sub` condition: any repository on GitHub can assume the role",
        fix: "add StringEquals/StringLike token.actions.githubusercontent.com:sub = repo:OWNER/REPO:ref:refs/heads/BRANCH (or :environment:NAME)",
        rationale: "GitHub signs the tokens of every repository with the same keys; only the sub condition tells them apart "
            + "(Access Analyzer: 'Missing github repo condition key'; Datadog Security Labs 2023, 'No keys attached').")
    public static let gitHubOwnerWildcard = CheckRule(
        "KUMO-GH-002", .warning, .gitHub, "GitHub `sub` pattern admits every repository (and branch, pull request, environment) of an owner",
        fix: "name the repository and a ref or environment: repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:prod",
        rationale: "repo:OWNER/* lets any workflow of any repository of the owner, on any branch, assume the role; "
            + "anyone who can push a branch to one repository gets the role's permissions.")
    public static let gitHubAnyOwner = CheckRule(
        "KUMO-GH-003", .error, .gitHub, "GitHub `sub` pattern admits repositories of any owner (`*`, `repo:*`, a wildcard in the owner)",
        fix: "start the pattern with a literal owner and repository: repo:OWNER/REPO:…",
        rationale: "A sub that matches every owner is no restriction at all: it is the same exposure as no sub condition.")
    public static let gitHubAudience = CheckRule(
        "KUMO-GH-004", .error, .gitHub, "GitHub OIDC trust without `aud` = `sts.amazonaws.com`",
        fix: "add StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com",
        rationale: "AWS and GitHub require the audience condition; aws-actions/configure-aws-credentials requests sts.amazonaws.com.")
    public static let gitHubThumbprints = CheckRule(
        "KUMO-GH-005", .info, .gitHub, "Thumbprints on a GitHub or EKS OIDC provider are ignored by AWS (since July 2023)",
        fix: "remove ThumbprintList (in Kumo, leave out thumbprints:); IAM verifies these issuers through its trusted certificate authorities",
        rationale: "Since 2023 IAM secures GitHub, EKS and other well-known issuers with its library of trusted CAs; stale "
            + "thumbprints only mislead reviewers.")
    public static let gitHubImmutableSubject = CheckRule(
        "KUMO-GH-006", .info, .gitHub, "GitHub `sub` pattern cannot match the immutable subject format `repo:OWNER@ID/REPO@ID:…`",
        fix: "add a value for the immutable form, e.g. repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main (IDs from the GitHub API)",
        rationale: "Repositories created (or renamed, transferred) after 2026-07-15, and those that opt in, get subjects with "
            + "owner and repository IDs; trusts written for the old format then fail with 'Not authorized to perform "
            + "sts:AssumeRoleWithWebIdentity'.")

    // MARK: IRSA

    public static let irsaNoAudience = CheckRule(
        "KUMO-IRSA-001", .warning, .irsa, "IRSA trust without an `aud` condition",
        fix: "add StringEquals <issuer>:aud = sts.amazonaws.com (Kumo: .serviceAccount(ns, name, of: cluster, audience: \"sts.amazonaws.com\"))",
        rationale: "The EKS user guide's trust policy conditions on both sub and aud; without aud any audience the provider "
            + "accepts will do.")
    public static let irsaNamespaceWildcard = CheckRule(
        "KUMO-IRSA-002", .warning, .irsa, "IRSA `sub` pattern admits every service account of a namespace",
        fix: "name the service account: StringEquals <issuer>:sub = system:serviceaccount:NAMESPACE:NAME",
        rationale: "system:serviceaccount:NS:* lets every pod of the namespace assume the role (lateral movement inside the "
            + "namespace).")
    public static let irsaSharedSubject = CheckRule(
        "KUMO-IRSA-003", .warning, .irsa, "Two roles trust the same service account",
        fix: "give each workload its own service account, and each service account one role",
        rationale: "A pod can then assume both roles: its permissions are the union, which nobody reviews as such.")
    public static let irsaIssuerMismatch = CheckRule(
        "KUMO-IRSA-004", .error, .irsa, "A condition key names another issuer than the trusted OIDC provider",
        fix: "build condition keys from the trusted provider's issuer (Kumo: \"\\(provider.issuer):sub\")",
        rationale: "Tokens of the trusted provider never carry another issuer's keys: a positive condition on them never "
            + "holds (the role is unusable), a negated or IfExists one always holds (the restriction is void).")
    public static let irsaNoSubject = CheckRule(
        "KUMO-IRSA-005", .error, .irsa, "IRSA trust admits service accounts of every namespace (no `sub` condition, or a wildcard namespace)",
        fix: "add StringEquals <issuer>:sub = system:serviceaccount:NAMESPACE:NAME",
        rationale: "Every pod of the cluster (any namespace, any service account) could assume the role.")

    // MARK: Any trust policy

    public static let trustWildcardPrincipal = CheckRule(
        "KUMO-TRUST-001", .error, .trust, "Trust policy allows a `*` principal (`Principal: \"*\"`, `AWS: \"*\"` or `Federated: \"*\"`)",
        fix: "name the account, role, service or identity provider that may assume the role",
        rationale: "Anyone (any AWS account, any identity provider) may assume the role (Access Analyzer reports it as public access).")
    public static let trustForAllValuesSingleValued = CheckRule(
        "KUMO-TRUST-002", .error, .trust, "ForAllValues: on a single-valued condition key",
        fix: "use the plain operator (StringEquals, StringLike) for single-valued keys such as sub, aud and aws:SourceAccount",
        rationale: "ForAllValues is true when the key is absent, so the condition restricts nothing (Access Analyzer: "
            + "'ForAllValues with single valued key').")
    public static let trustNullIfExists = CheckRule(
        "KUMO-TRUST-003", .error, .trust, "Null with IfExists",
        fix: "write Null (it already tests whether the key exists)",
        rationale: "Access Analyzer reports 'Null with if exists' as an error: the operator is meaningless.")
    public static let trustSize = CheckRule(
        "KUMO-TRUST-004", .error, .trust, "Trust policy longer than 2,048 characters (whitespace excluded)",
        fix: "trust fewer principals per role (one role per workload), or request the 'Role trust policy length' quota increase (up to 4,096)",
        rationale: "IAM rejects the role at deployment: the default quota is 2,048 characters, adjustable up to 4,096.")
    public static let trustWildcardWithoutLike = CheckRule(
        "KUMO-TRUST-005", .error, .trust, "`*` or `?` in a value of an operator that compares literally (StringEquals)",
        fix: "use StringLike if a pattern is meant (then check its breadth), or remove the wildcard",
        rationale: "StringEquals compares character by character: 'repo:org/*' only matches a subject that is literally "
            + "'repo:org/*', so the role is unusable, and a later switch to StringLike silently widens it (Access Analyzer: "
            + "'Wildcard without like operator').")
    public static let trustOIDCWithoutCondition = CheckRule(
        "KUMO-TRUST-006", .warning, .trust, "OIDC principal without any condition on the token's claims",
        fix: "condition on the provider's sub (and aud) keys",
        rationale: "Access Analyzer: 'Missing condition key for oidc principal': every identity of the provider may assume the role.")
    public static let trustGrammar = CheckRule(
        "KUMO-TRUST-007", .error, .trust, "The trust policy is not valid IAM policy grammar",
        fix: "fix the element named in the message",
        rationale: "IAM rejects the role at deployment (MalformedPolicyDocument).")

    // MARK: Permission policies

    public static let policyWildcardAction = CheckRule(
        "KUMO-POL-001", .warning, .policy, "Allow of `*` or of a whole service (`svc:*`, or NotAction) on `Resource: \"*\"`",
        fix: "list the actions the workload calls, and the resources (ARNs) it calls them on",
        rationale: "Least privilege: a service-wide grant on every resource includes every future action of the service.")
    public static let policyManagedSize = CheckRule(
        "KUMO-POL-002", .error, .policy, "Managed policy longer than 6,144 characters (whitespace excluded)",
        fix: "split the statements over several managed policies (a role takes up to 10, or 20 after a quota increase)",
        rationale: "IAM rejects the policy at deployment; the 6,144-character limit cannot be raised.")
    public static let policyInlineSize = CheckRule(
        "KUMO-POL-003", .error, .policy, "A role's inline policies longer than 10,240 characters together (whitespace excluded)",
        fix: "move statements into managed policies",
        rationale: "IAM rejects the inline policy at deployment; the aggregate limit cannot be raised.")
    public static let policyGrammar = CheckRule(
        "KUMO-POL-004", .error, .policy, "The permission policy is not valid IAM policy grammar",
        fix: "fix the element named in the message",
        rationale: "IAM rejects the policy at deployment (MalformedPolicyDocument).")

    // MARK: ServiceAccount ↔ IRSA (kumo check --manifests)

    public static let k8sUnknownRole = CheckRule(
        "KUMO-K8S-001", .error, .kubernetes, "A ServiceAccount's eks.amazonaws.com/role-arn names a role the assembly does not define",
        fix: "correct the annotation to the ARN of a role of the assembly (the role's name and path), or define the role",
        rationale: "The pod gets a token for a role that does not exist (or another stack's): AccessDenied at runtime.")
    public static let k8sTrustMismatch = CheckRule(
        "KUMO-K8S-002", .error, .kubernetes, "The role's trust does not admit the ServiceAccount that names it",
        fix: "make the trust's sub system:serviceaccount:NAMESPACE:NAME match the ServiceAccount (namespace and name), or fix the manifest",
        rationale: "STS denies AssumeRoleWithWebIdentity: the workload fails at runtime with 'Not authorized to perform "
            + "sts:AssumeRoleWithWebIdentity'.")
    public static let k8sUnusedRole = CheckRule(
        "KUMO-K8S-003", .warning, .kubernetes, "An IRSA role that no ServiceAccount of the manifests uses",
        fix: "annotate the workload's ServiceAccount with eks.amazonaws.com/role-arn, or remove the role",
        rationale: "Either the manifests miss an annotation (the workload runs without its permissions) or the role is dead weight.")
    public static let k8sNoRole = CheckRule(
        "KUMO-K8S-004", .warning, .kubernetes, "A workload's service account has neither an IRSA role nor a Pod Identity association (or is not defined in the manifests)",
        fix: "annotate the ServiceAccount with eks.amazonaws.com/role-arn or give it a Pod Identity association, or define it in the manifests",
        rationale: "Without a role the pod's AWS SDK falls back to the node role through IMDS, or fails.")
    public static let k8sIRSAWinsOverPodIdentity = CheckRule(
        "KUMO-K8S-006", .warning, .kubernetes, "A ServiceAccount has both an IRSA annotation and a Pod Identity association",
        fix: "remove the eks.amazonaws.com/role-arn annotation (and restart the pods) to switch them to Pod Identity, or remove the association",
        rationale: "The AWS SDKs find IRSA's web-identity token before the container credential provider that serves Pod Identity "
            + "(EKS User Guide, 'Understand how EKS Pod Identity works': credentials earlier in the chain 'will continue to be used "
            + "even if you configure an EKS Pod Identity association'): the pods keep the annotation's role.")
    public static let k8sAssociationWithoutServiceAccount = CheckRule(
        "KUMO-K8S-007", .warning, .kubernetes, "A Pod Identity association for a service account the manifests do not define",
        fix: "define the ServiceAccount in the association's namespace, or correct the association's namespace and service account",
        rationale: "No pod can run as a service account that does not exist: the association (and its role) is unused, or names the wrong account.")
    public static let k8sMalformedARN = CheckRule(
        "KUMO-K8S-005", .error, .kubernetes, "The eks.amazonaws.com/role-arn annotation is not an IAM role ARN",
        fix: "write arn:aws:iam::ACCOUNT:role/[PATH/]NAME",
        rationale: "The webhook passes it to STS as is: 'ValidationError: Request ARN is invalid'.")

    // MARK: EKS Pod Identity

    public static let podIdentityAnyCluster = CheckRule(
        "KUMO-POD-001", .warning, .podIdentity, "Pod Identity trust that does not restrict the cluster (or the namespace and service account)",
        fix: "add StringEquals aws:RequestTag/eks-cluster-arn = the cluster's ARN, and aws:RequestTag/kubernetes-namespace / kubernetes-service-account (Kumo: assumedBy: .podIdentity(of: cluster, namespace: NS, serviceAccount: NAME))",
        rationale: "EKS Pod Identity uses one principal, pods.eks.amazonaws.com, for every cluster: without conditions on the "
            + "session tags EKS sends (EKS User Guide, pod-id-role: eks-cluster-arn, kubernetes-namespace, "
            + "kubernetes-service-account, …), anyone who may create an association in any cluster of the account can give "
            + "the role to any pod. (EKS associates only roles of the cluster's account; aws:SourceAccount and aws:SourceArn "
            + "are not documented for Pod Identity.)")
    public static let podIdentityUntrustedRole = CheckRule(
        "KUMO-POD-002", .error, .podIdentity, "A Pod Identity association names a role whose trust does not admit it",
        fix: "make the role trust Pod Identity for the association's cluster, namespace and service account (Kumo: assumedBy: .podIdentity(of: cluster, namespace: NS, serviceAccount: NAME)), with sts:AssumeRole and sts:TagSession",
        rationale: "EKS creates the association, but EKS Auth's AssumeRole fails at runtime: the pods get no credentials.")
    public static let podIdentityAndIRSA = CheckRule(
        "KUMO-POD-003", .warning, .podIdentity, "A role trusts the same service account through both IRSA and Pod Identity",
        fix: "finish the move: remove the eks.amazonaws.com/role-arn annotation, restart the pods, then remove the IRSA statement (and the OIDC provider if nothing else uses it)",
        rationale: "A migration step, not an end state: which credentials the pods get depends on the ServiceAccount's annotation "
            + "(IRSA's web identity comes first in the AWS SDKs' credential chain), and reviewers must follow two trusts.")

    // MARK: Privilege escalation (permission policies)

    public static let escalationPassRole = CheckRule(
        "KUMO-ESC-001", .error, .privilegeEscalation, "iam:PassRole on every role (`Resource: \"*\"`, NotResource, or a wildcard role ARN)",
        fix: "list the roles in Resource and add StringEquals iam:PassedToService = the service that needs them (e.g. ec2.amazonaws.com)",
        rationale: "Passing any role to a service (EC2, Lambda, …) lets the caller act with that role's permissions, an administrator's "
            + "included (IAM User Guide, 'Grant a user permissions to pass a role to an AWS service'; Access Analyzer: 'PassRole "
            + "with star in resource').")
    public static let escalationPolicyWrite = CheckRule(
        "KUMO-ESC-002", .error, .privilegeEscalation, "IAM actions that rewrite permissions on every principal or policy (Resource \"*\")",
        fix: "scope Resource to the policies, roles, users or groups the workload manages (and a permissions boundary condition such as iam:PermissionsBoundary)",
        rationale: "iam:CreatePolicyVersion, SetDefaultPolicyVersion, Attach/Put/Delete*Policy, UpdateAssumeRolePolicy, AddUserToGroup, "
            + "CreateAccessKey, CreateLoginProfile, UpdateLoginProfile on * let the holder grant itself any permission.")
    public static let escalationAssumeAnyRole = CheckRule(
        "KUMO-ESC-003", .error, .privilegeEscalation, "sts:AssumeRole on every role (Resource \"*\")",
        fix: "list the role ARNs the workload assumes",
        rationale: "The holder may assume every role whose trust admits its account: the union of those roles' permissions.")

    // MARK: Lifecycle

    public static let lifecycleEKSVersion = CheckRule(
        "KUMO-LIFE-001", .error, .lifecycle, "EKS cluster on a Kubernetes version past the end of extended support (EKS no longer creates it)",
        fix: "set a version EKS supports (the data names the newest it knows); upgrade existing clusters one minor version at a time",
        rationale: "On the end of extended support date EKS stops creating clusters of the version and upgrades existing control "
            + "planes automatically (EKS User Guide, 'Understand the Kubernetes version lifecycle on EKS'). A warning while the "
            + "version is only past standard support (extended support costs extra per cluster hour).")
    public static let lifecycleNodeAMI = CheckRule(
        "KUMO-LIFE-002", .warning, .lifecycle, "EKS node AMI type or add-on AWS has retired",
        fix: "move the node group to AL2023 (AL2023_x86_64_STANDARD) or Bottlerocket",
        rationale: "EKS stopped publishing Amazon Linux 2 AMIs on 2025-11-26; Kubernetes 1.32 is the last version with AL2 AMIs.")
    public static let lifecycleLambdaRuntime = CheckRule(
        "KUMO-LIFE-003", .error, .lifecycle, "Lambda function on a runtime whose functions can no longer be created (or updated)",
        fix: "move the function to the runtime's successor (the data names it), or remove the function (CDK's provider Lambdas: use native resources)",
        rationale: "After deprecation Lambda blocks creating, then updating functions on the runtime; a stack that must create or "
            + "update such a function fails (cfn-lint E2531/E2533/W2531 read the same lifecycle data).")
    public static let lifecycleDatabaseEngine = CheckRule(
        "KUMO-LIFE-004", .error, .lifecycle, "RDS/Aurora engine version that can no longer be created",
        fix: "choose a version RDS still offers for new clusters (the finding names the nearest), and upgrade existing ones deliberately",
        rationale: "RDS refuses to create clusters and instances on deprecated engine versions (cfn-lint W3690/W3691 read the same data).")

    // MARK: Suppressions

    public static let suppressionWithoutReason = CheckRule(
        "KUMO-SUP-001", .warning, .suppression, "A suppression without a reason (not honoured)",
        fix: "give every suppression a reason: construct.suppress(\"KUMO-…\", reason: \"why this is acceptable\")",
        rationale: "Like cdk-nag, a suppression must say why, so that reviewers can judge it; without one it is ignored.")
    public static let suppressionUnknownRule = CheckRule(
        "KUMO-SUP-002", .warning, .suppression, "A suppression names a rule that does not exist",
        fix: "use a rule ID from the catalogue (kumo check --list-rules)",
        rationale: "A misspelt ID suppresses nothing.")

    /// Every rule, in catalogue order.
    public static let all: [CheckRule] = [
        gitHubNoSubject, gitHubOwnerWildcard, gitHubAnyOwner, gitHubAudience, gitHubThumbprints, gitHubImmutableSubject,
        irsaNoAudience, irsaNamespaceWildcard, irsaSharedSubject, irsaIssuerMismatch, irsaNoSubject,
        trustWildcardPrincipal, trustForAllValuesSingleValued, trustNullIfExists, trustSize, trustWildcardWithoutLike,
        trustOIDCWithoutCondition, trustGrammar,
        policyWildcardAction, policyManagedSize, policyInlineSize, policyGrammar,
        podIdentityAnyCluster, podIdentityUntrustedRole, podIdentityAndIRSA,
        escalationPassRole, escalationPolicyWrite, escalationAssumeAnyRole,
        lifecycleEKSVersion, lifecycleNodeAMI, lifecycleLambdaRuntime, lifecycleDatabaseEngine,
        k8sUnknownRole, k8sTrustMismatch, k8sUnusedRole, k8sNoRole, k8sMalformedARN, k8sIRSAWinsOverPodIdentity,
        k8sAssociationWithoutServiceAccount,
        suppressionWithoutReason, suppressionUnknownRule,
    ]

    /// The rule with this ID.
    public static func rule(_ id: String) -> CheckRule? { all.first { $0.id == id } }
}
