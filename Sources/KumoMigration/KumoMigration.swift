/// Moving a deployed AWS CDK stack onto Kumo's template in place: `kumo migrate`.
///
/// CloudFormation refuses to deploy Kumo's template onto the stack AWS CDK deployed ("Update of resource type
/// is not permitted": CDK's OIDC providers and EKS cluster are custom resources, Kumo's are native types under
/// the same logical IDs). This module writes a plan of ordinary CloudFormation operations that gets there with
/// nothing stateful replaced and nobody locked out, and verifies every transition of it against CloudFormation's
/// rules. The plan is data (`plan.json`, one template per step, the `--resources-to-import` file, `RUNBOOK.md`),
/// run with the plain AWS CLI.
///
/// ## The steps
///
/// 0. **prepare** (commands): an Aurora snapshot, the deployed template compared with the plan's copy, the
///    nested stacks' templates still in CDK's asset bucket (CloudFormation re-reads them on every parent update),
///    and a working `kubectl` as a cluster administrator.
/// 1. **retain** (update): the deployed template with `DeletionPolicy`/`UpdateReplacePolicy: Retain` on every
///    resource that leaves the stack or changes type (CDK's custom resources: their Delete would run CDK's
///    provider — `DeleteCluster`, `kubectl delete` of `aws-auth`, `helm uninstall`), on every stateful resource
///    (protection while the plan runs), and on every resource Kumo's template replaces. Nothing else changes:
///    CDK's nested provider stacks and Lambda functions stay byte-identical (their `nodejs14.x`/`python3.7`
///    runtimes can no longer be updated). A change of policies alone can come out as an empty change set
///    (aws/aws-cdk#11521), so the step also adds one output, `KumoMigration`; it drops CDK's bootstrap-version
///    parameter and rule, which nothing else uses, so the plan does not depend on CDK's bootstrap stack.
/// 2. **orphan** (update): the retained custom resources and CDK's plumbing (Lambdas, their roles, the nested
///    provider stacks, the kubectl barrier, the cluster creation role, CDK metadata) removed. Every reference
///    to a removed resource becomes its literal physical value (from `--physical-ids`): the node group's
///    `ClusterName`, the security-group rules' cluster security group, the IRSA trust conditions that CDK's
///    `CfnJson` computed, the outputs. CloudFormation compares resolved values, so a reference replaced by the
///    value it resolves to is no change (the same move that releases an `Fn::ImportValue`, aws/aws-cdk#26135).
/// 3. **import** (import): the native resources under the same logical IDs, each with a `DeletionPolicy`,
///    nothing else changed, outputs unchanged (resource import admits neither: AWS CloudFormation User Guide,
///    *Bringing existing resources into CloudFormation management*). Create-only properties are Kumo's, and must
///    describe the live resource (CloudFormation does not compare them at import; a difference would replace
///    the resource at the next update). Updatable properties describe the live resource too — the cluster's
///    authentication mode stays `CONFIG_MAP` here, so that the later switch is a real update. References between
///    imported resources stay literal until *converge*, so that no change set meets a `Dynamic` value on a
///    create-only property (`Replacement: Conditional`).
/// 4. **replace-roles** (update, when Kumo's template replaces a role, as the ALB controller's, which gains a
///    `RoleName`): the role replaced ahead of *converge*; the old role is kept by its `UpdateReplacePolicy` and
///    keeps its policies (each policy lists the old name too), so the workload keeps working.
/// 5. **point-service-accounts** (commands): the ServiceAccount annotated with the new role (the manifest Kumo
///    writes, applied through Argo CD) and the workload restarted, before the old role goes.
/// 6. **authentication-mode** (update): `CONFIG_MAP` → `API_AND_CONFIG_MAP`, in place and one-way (EKS User
///    Guide, *Change authentication mode to use access entries*); `aws-auth` keeps working beside access entries.
/// 7. **converge** (update): Kumo's template, as an ordinary update (access entries created; policies back to
///    Kumo's).
/// 8. **delete-replaced-roles**, **finish** (commands): the old roles deleted; drift detection; the access
///    entry EKS created for CDK's (deleted) creation role removed.
///
/// ## The verifier
///
/// ``PlanVerifier`` checks every transition of a plan (also one someone edited) with the rules of
/// ``VerificationRule``: no type change under a logical ID; an import adds exactly the listed resources, each
/// with a `DeletionPolicy` and its primary identifier, and changes nothing else; every removed resource that is
/// not pure plumbing had `Retain`; no create-only property of a stateful resource changes (resolved with the
/// physical values, as CloudFormation resolves them), and none depends on a value the same step changes; CDK's
/// Lambda functions and nested stacks do not change before they are deleted; every reference resolves; IAM
/// access (the `kumo diff` engine) is unchanged before *converge*, and in *converge* equal to the whole
/// migration's; administrators and nodes keep their access to the cluster at every step; the imported resources
/// describe what CDK created and what runs (`aws eks describe-cluster`); the cluster's version only moves up one
/// minor version at a time and access entries need Kubernetes 1.23.
public enum KumoMigration {
    /// The version of the `plan.json` format.
    public static let planFormatVersion = 1

    /// The name of the output the plan adds while it runs (removed by *converge*).
    public static let markerOutput = "KumoMigration"

    /// The prefix of a placeholder written where a physical value was not given.
    public static let placeholderPrefix = "KUMO-MISSING-"
}
