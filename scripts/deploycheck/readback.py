"""What the AWS API returns, through boto3: each role, managed policy, OIDC provider, ECR repository, EKS cluster,
SQS queue and queue policy, S3 bucket notification and bucket policy as plain values to compare."""
from dataclasses import dataclass, field

from .documents import as_document

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "aws_session_token": "testing"}


class Clients:
    """boto3 clients of the moto server at `endpoint` (one per service and region, made on first use)."""

    def __init__(self, endpoint, read_timeout=120):
        import boto3
        from botocore.config import Config
        self.endpoint = endpoint
        self.config = Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=read_timeout)
        self.session = boto3.session.Session()
        self.cache = {}

    def __call__(self, service, region):
        key = (service, region)
        if key not in self.cache:
            self.cache[key] = self.session.client(service, region_name=region, endpoint_url=self.endpoint,
                                                  config=self.config, **CREDENTIALS)
        return self.cache[key]

    def in_region(self, region):
        """`clients(service)` for one region."""
        return lambda service: self(service, region)


@dataclass
class RoleState:
    """`trust` as the API returns it (text: parsed when compared, as it may not be JSON)."""
    path: str
    trust: object
    attached: list
    inline: dict = field(default_factory=dict)


def read_role(iam, name):
    """A role: path, trust policy, attached managed policy ARNs (sorted), inline policies by name."""
    role = iam.get_role(RoleName=name)["Role"]
    attached = sorted(p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"])
    inline = {policy: as_document(iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"])
              for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]}
    return RoleState(role["Path"], role["AssumeRolePolicyDocument"], attached, inline)


@dataclass
class ManagedPolicyState:
    name: str
    path: str
    document: dict


def read_managed_policy(iam, arn):
    policy = iam.get_policy(PolicyArn=arn)["Policy"]
    version = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])["PolicyVersion"]
    return ManagedPolicyState(policy["PolicyName"], policy["Path"], as_document(version["Document"]))


def read_providers(iam):
    """Every OIDC provider: ARN -> get-open-id-connect-provider output (Url, ClientIDList, ThumbprintList)."""
    return {p["Arn"]: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=p["Arn"])
            for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]}


@dataclass
class RepositoryState:
    name: str
    scan_on_push: bool
    tag_mutability: str
    lifecycle: dict = None


def read_repository(ecr, name):
    repository = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    try:
        lifecycle = as_document(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
    except ecr.exceptions.LifecyclePolicyNotFoundException:
        lifecycle = None
    return RepositoryState(repository["repositoryName"],
                           (repository.get("imageScanningConfiguration") or {}).get("scanOnPush", False),
                           repository.get("imageTagMutability"), lifecycle)


@dataclass
class ClusterState:
    name: str
    version: str
    role_arn: str
    issuer_url: str


def read_cluster(eks, name):
    cluster = eks.describe_cluster(name=name)["cluster"]
    return ClusterState(cluster["name"], cluster.get("version"), cluster.get("roleArn"),
                        cluster["identity"]["oidc"]["issuer"])


@dataclass
class QueueState:
    """An SQS queue's attributes as get-queue-attributes returns them (every value a string)."""
    attributes: dict


def read_queue(sqs, url):
    return QueueState(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"])


def read_queue_policy(sqs, url):
    """The queue's Policy attribute (a document), or None when it has none."""
    policy = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]).get("Attributes", {}).get("Policy")
    return as_document(policy) if policy else None


def read_bucket_queue_notifications(s3, bucket):
    """The bucket's queue notifications as sorted (queue ARN, event) pairs."""
    configuration = s3.get_bucket_notification_configuration(Bucket=bucket)
    return sorted((q["QueueArn"], event) for q in configuration.get("QueueConfigurations", []) for event in q["Events"])


def read_bucket_policy(s3, bucket):
    """The bucket's policy (a document), or None when it has none."""
    try:
        return as_document(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    except s3.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NoSuchBucketPolicy":
            return None
        raise
