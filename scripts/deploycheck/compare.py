"""The template's intended values (`kumo resolve` with the deployed stack's physical IDs) compared with what the API
returned: one function per resource type, each reporting into a Comparison."""
import json
from dataclasses import dataclass, field

from . import readback
from .documents import as_document, has_unresolved_substitution
from .intended import Unresolved

OIDC_PROVIDER = ":oidc-provider/"


@dataclass
class Report:
    """What the comparisons of a run found: mismatch messages, how many of each kind were compared, what could not
    be computed, the trust condition keys that name a cluster's issuer, and each cluster's issuer URL."""
    mismatches: list = field(default_factory=list)
    compared: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)
    issuer_substituted: set = field(default_factory=set)
    clusters: dict = field(default_factory=dict)

    def count(self, kind):
        self.compared[kind] = self.compared.get(kind, 0) + 1


class Comparison:
    """The comparisons of one stack: messages are prefixed with the stack's name."""

    def __init__(self, stack_name, report):
        self.stack_name, self.report = stack_name, report

    def mismatch(self, message):
        self.report.mismatches.append(f"{self.stack_name}: {message}")

    def differ(self, what, expected, actual):
        if expected != actual:
            self.mismatch(f"{what}: expected {json.dumps(expected, sort_keys=True)}, "
                          f"got {json.dumps(actual, sort_keys=True, default=str)}")

    def skip(self, logical_id, why):
        self.report.skipped.append(f"{self.stack_name}: {logical_id}: {why}")


@dataclass
class Context:
    """What the per-type comparisons share: the API (`clients(service)`), the intended values (`intended.Intended`),
    the OIDC providers that exist (ARN -> description), the inline policies AWS::IAM::Policy resources give each
    role (by role name), and whether the template declares OIDC providers."""
    clients: object
    intended: object
    providers: dict
    inline_by_role: dict
    declares_providers: bool

    @property
    def issuers(self):
        return {arn.split(OIDC_PROVIDER, 1)[1] for arn in self.providers}


def federated_principals(statement):
    principal = statement.get("Principal")
    federated = principal.get("Federated") if isinstance(principal, dict) else None
    return federated if isinstance(federated, list) else [federated] if federated else []


def trust_issuer_problems(trust, providers):
    """(problems, keys naming an EKS issuer) of a trust policy: each OIDC principal must be a deployed provider,
    and each condition key with a host in it must name that provider's issuer."""
    problems, substituted = [], []
    for statement in trust.get("Statement", []):
        for arn in federated_principals(statement):
            if OIDC_PROVIDER not in arn:
                continue
            issuer = arn.split(OIDC_PROVIDER, 1)[1]
            if arn not in providers:
                problems.append(f"trusts {arn}, which is no deployed OIDC provider")
            for block in (statement.get("Condition") or {}).values():
                for key in block:
                    prefix = key.rsplit(":", 1)[0]
                    if "." in prefix and prefix != issuer:
                        problems.append(f"condition key {key} does not name the provider's issuer {issuer}")
                    elif prefix == issuer and issuer.startswith("oidc.eks."):
                        substituted.append(key)
    return problems, substituted


def inline_policies_by_role(intended, comparison):
    """Role name -> {policy name: document} of the template's AWS::IAM::Policy resources."""
    by_role = {}
    for logical_id, resource in intended.resources.items():
        if resource.get("Type") != "AWS::IAM::Policy":
            continue
        try:
            document = as_document(intended.property(logical_id, "PolicyDocument"))
            for role in intended.property(logical_id, "Roles", []):
                by_role.setdefault(role, {})[intended.property(logical_id, "PolicyName")] = document
        except Unresolved as why:
            comparison.skip(logical_id, why)
    return by_role


def intended_of(ctx, logical_id):
    """`intended(name, default)`: a resolved property of one resource."""
    return lambda name, default=None: ctx.intended.property(logical_id, name, default)


def differ_if_declared(c, ctx, logical_id, name, what, actual):
    """Compares a name property only when the template declares it (CloudFormation generates one otherwise)."""
    if name in (ctx.intended.resources[logical_id].get("Properties") or {}):
        c.differ(what, ctx.intended.property(logical_id, name), actual)


def compare_role(c, ctx, logical_id, physical):
    state = readback.read_role(ctx.clients("iam"), physical)
    where = f"role {physical} ({logical_id})"
    intended = intended_of(ctx, logical_id)
    c.differ(f"{where} path", intended("Path", "/"), state.path)
    try:
        trust = as_document(intended("AssumeRolePolicyDocument"))
    except ValueError as error:
        c.mismatch(f"{where}: the trust policy is not JSON once resolved: {error}")
        return
    c.differ(f"{where} trust policy", trust, as_document(state.trust))
    if has_unresolved_substitution(trust):
        c.mismatch(f"{where}: unresolved ${{...}} left in the trust policy")
    problems, substituted = trust_issuer_problems(trust, ctx.providers)
    for problem in problems:
        c.mismatch(f"{where}: {problem}")
    c.report.issuer_substituted.update(f"{physical}: {key}" for key in substituted)
    c.differ(f"{where} attached managed policies", sorted(intended("ManagedPolicyArns", [])), state.attached)
    expected_inline = {p["PolicyName"]: as_document(p["PolicyDocument"]) for p in intended("Policies", [])}
    expected_inline.update(ctx.inline_by_role.get(physical, {}))
    c.differ(f"{where} inline policies", expected_inline, state.inline)
    c.report.count("roles")


def compare_managed_policy(c, ctx, logical_id, physical):
    state = readback.read_managed_policy(ctx.clients("iam"), physical)
    where = f"managed policy {state.name} ({logical_id})"
    intended = intended_of(ctx, logical_id)
    differ_if_declared(c, ctx, logical_id, "ManagedPolicyName", f"{where} name", state.name)
    c.differ(f"{where} path", intended("Path", "/"), state.path)
    c.differ(f"{where} document", as_document(intended("PolicyDocument")), state.document)
    c.report.count("managed policies")


def without_scheme(url):
    return url[len("https://"):] if url.startswith("https://") else url


def compare_oidc_provider(c, ctx, logical_id, physical):
    provider = ctx.providers.get(physical)
    where = f"OIDC provider {physical} ({logical_id})"
    if provider is None:
        c.mismatch(f"{where} was not created")
        return
    intended = intended_of(ctx, logical_id)
    c.differ(f"{where} URL", without_scheme(intended("Url")), without_scheme(provider["Url"]))
    c.differ(f"{where} client IDs", sorted(intended("ClientIdList", [])), sorted(provider.get("ClientIDList", [])))
    c.differ(f"{where} thumbprints", sorted(intended("ThumbprintList", [])), sorted(provider.get("ThumbprintList", [])))
    c.report.count("OIDC providers")


def compare_repository(c, ctx, logical_id, physical):
    state = readback.read_repository(ctx.clients("ecr"), physical)
    where = f"ECR repository {physical} ({logical_id})"
    intended = intended_of(ctx, logical_id)
    differ_if_declared(c, ctx, logical_id, "RepositoryName", f"{where} name", state.name)
    c.differ(f"{where} scan on push", (intended("ImageScanningConfiguration", {}) or {}).get("ScanOnPush", False),
             state.scan_on_push)
    c.differ(f"{where} tag mutability", intended("ImageTagMutability", "MUTABLE"), state.tag_mutability)
    lifecycle = (intended("LifecyclePolicy", {}) or {}).get("LifecyclePolicyText")
    c.differ(f"{where} lifecycle policy", json.loads(lifecycle) if lifecycle else None, state.lifecycle)
    c.report.count("ECR repositories")


def compare_cluster(c, ctx, logical_id, physical):
    state = readback.read_cluster(ctx.clients("eks"), physical)
    where = f"EKS cluster {physical} ({logical_id})"
    c.differ(f"{where} version", ctx.intended.property(logical_id, "Version"), state.version)
    c.differ(f"{where} role", ctx.intended.property(logical_id, "RoleArn"), state.role_arn)
    c.report.clusters[physical] = state.issuer_url
    issuer = without_scheme(state.issuer_url)
    if issuer not in ctx.issuers and ctx.declares_providers:
        c.mismatch(f"{where}: no OIDC provider for its issuer {issuer}")
    c.report.count("EKS clusters")


QUEUE_ATTRIBUTES = ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                    "ReceiveMessageWaitTimeSeconds")


def compare_queue(c, ctx, logical_id, physical):
    """An SQS queue (physical ID: its URL): the numeric attributes the template declares and its redrive policy."""
    state = readback.read_queue(ctx.clients("sqs"), physical)
    where = f"SQS queue {physical} ({logical_id})"
    intended = intended_of(ctx, logical_id)
    for name in QUEUE_ATTRIBUTES:
        expected = intended(name)
        if expected is not None:
            c.differ(f"{where} {name}", str(expected), state.attributes.get(name))
    redrive = intended("RedrivePolicy")
    if redrive is not None:
        actual = state.attributes.get("RedrivePolicy")
        c.differ(f"{where} redrive policy", as_document(redrive), as_document(actual) if actual else None)
    c.report.count("SQS queues")


def compare_queue_policy(c, ctx, logical_id, physical):
    """An SQS queue policy: the document on each queue it names (by URL)."""
    intended = intended_of(ctx, logical_id)
    document = as_document(intended("PolicyDocument"))
    for url in intended("Queues", []):
        c.differ(f"SQS queue policy {logical_id} on {url}", document, readback.read_queue_policy(ctx.clients("sqs"), url))
    c.report.count("SQS queue policies")


def compare_bucket(c, ctx, logical_id, physical):
    """An S3 bucket: its queue notifications (moto's CloudFormation ignores VersioningConfiguration: not compared)."""
    queues = (intended_of(ctx, logical_id)("NotificationConfiguration") or {}).get("QueueConfigurations", [])
    if queues:
        c.differ(f"S3 bucket {physical} ({logical_id}) queue notifications",
                 sorted([q["Queue"], q["Event"]] for q in queues),
                 [list(pair) for pair in readback.read_bucket_queue_notifications(ctx.clients("s3"), physical)])
    c.report.count("S3 buckets")


def compare_bucket_policy(c, ctx, logical_id, physical):
    """An S3 bucket policy: the document on the bucket it names."""
    intended = intended_of(ctx, logical_id)
    bucket = intended("Bucket")
    c.differ(f"S3 bucket policy {logical_id} on {bucket}", as_document(intended("PolicyDocument")),
             readback.read_bucket_policy(ctx.clients("s3"), bucket))
    c.report.count("S3 bucket policies")


COMPARERS = {
    "AWS::IAM::Role": compare_role,
    "AWS::IAM::ManagedPolicy": compare_managed_policy,
    "AWS::IAM::OIDCProvider": compare_oidc_provider,
    "AWS::ECR::Repository": compare_repository,
    "AWS::EKS::Cluster": compare_cluster,
    "AWS::SQS::Queue": compare_queue,
    "AWS::SQS::QueuePolicy": compare_queue_policy,
    "AWS::S3::Bucket": compare_bucket,
    "AWS::S3::BucketPolicy": compare_bucket_policy,
}


def compare(stack_name, intended, clients, report):
    """Compares every resource of a type in COMPARERS; returns this stack's mismatch messages (also in `report`)."""
    before = len(report.mismatches)
    c = Comparison(stack_name, report)
    resources = intended.resources
    ctx = Context(clients, intended, readback.read_providers(clients("iam")), inline_policies_by_role(intended, c),
                  any(r.get("Type") == "AWS::IAM::OIDCProvider" for r in resources.values()))
    for logical_id, resource in resources.items():
        comparer = COMPARERS.get(resource.get("Type"))
        if comparer is None:
            continue
        try:
            comparer(c, ctx, logical_id, intended.physical.get(logical_id))
        except Unresolved as why:
            c.skip(logical_id, why)
    return report.mismatches[before:]
