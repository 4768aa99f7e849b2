"""What the AWS API returns, through boto3: the deployed stack's physical IDs, the attributes its GetAtts name,
and each role, managed policy, OIDC provider, ECR repository and EKS cluster as plain values to compare."""
from dataclasses import dataclass, field

from .documents import as_document
from .resolver import Deployment, Unresolved

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


def physical_ids(cloudformation, stack_name):
    """Logical ID -> physical ID of a stack's resources (list-stack-resources, every page)."""
    pages = cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack_name)
    return {s["LogicalResourceId"]: s["PhysicalResourceId"]
            for page in pages for s in page["StackResourceSummaries"] if s.get("LogicalResourceId")}


def attribute_reader(clients):
    """`attribute(logical_id, type, name)` for a Deployment: the GetAtt values the API returns for roles, managed
    policies, OIDC providers, ECR repositories and EKS clusters; Unresolved for any other."""

    def attribute(physical, resource_type, name):
        if resource_type == "AWS::IAM::Role" and name in ("Arn", "RoleId"):
            return clients("iam").get_role(RoleName=physical)["Role"][name]
        if (resource_type, name) in (("AWS::IAM::ManagedPolicy", "PolicyArn"), ("AWS::IAM::OIDCProvider", "Arn")):
            return physical
        if resource_type == "AWS::ECR::Repository" and name in ("Arn", "RepositoryUri"):
            repository = clients("ecr").describe_repositories(repositoryNames=[physical])["repositories"][0]
            return repository["repositoryArn" if name == "Arn" else "repositoryUri"]
        if resource_type == "AWS::EKS::Cluster":
            cluster = clients("eks").describe_cluster(name=physical)["cluster"]
            known = {"Arn": cluster["arn"], "Endpoint": cluster.get("endpoint"),
                     "OpenIdConnectIssuerUrl": cluster["identity"]["oidc"]["issuer"]}
            if name in known:
                return known[name]
        raise Unresolved(f"GetAtt {name} ({resource_type})")

    return attribute


def deployment(clients, stack_name, account, region, parameters):
    """The Deployment of a stack as the API describes it (`clients(service)` of the stack's region)."""
    physical = physical_ids(clients("cloudformation"), stack_name)
    read = attribute_reader(clients)

    def attribute(logical_id, resource_type, name):
        try:
            return read(physical[logical_id], resource_type, name)
        except Unresolved as why:
            raise Unresolved(f"GetAtt {logical_id}.{name} ({resource_type})") from why

    return Deployment(stack_name, account, region, physical, parameters, attribute)


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
