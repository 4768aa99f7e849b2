"""The types moto's CloudFormation lacks, taught to it: AWS::EKS::Cluster (a real moto EKS cluster, so that GetAtt
OpenIdConnectIssuerUrl gives its fake issuer), AWS::IAM::OIDCProvider (a real IAM OIDC provider, Ref = its ARN),
AWS::SQS::QueuePolicy and AWS::S3::BucketPolicy (the policy set on the queues and the bucket, as CloudFormation
sets it), and an inert placeholder for every other type moto does not model (Ref = a name, GetAtt X.Arn = an ARN,
other attributes "<name>.<attribute>")."""
import json

SHIMMED_TYPES = ("AWS::EKS::Cluster", "AWS::IAM::OIDCProvider", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy")


def iam_backend(account, region):
    from moto.iam.models import iam_backends
    from moto.utilities.utils import get_partition
    return iam_backends[account][get_partition(region)]


def api_keys(value):
    """CloudFormation's property casing (SubnetIds) -> the API's (subnetIds), one level deep."""
    if not isinstance(value, dict):
        return value
    return {key[:1].lower() + key[1:]: item for key, item in value.items()}


class Created:
    """A resource created by a shim: what moto's stack machinery asks of one. `lenient`: an attribute that is not
    modelled is `<physical id>.<name>` when it names an ARN or a nested stack's output, instead of an error."""

    def __init__(self, physical_id, attributes, lenient=False):
        self.physical_resource_id = physical_id
        self.attributes = attributes
        self.lenient = lenient

    def is_created(self):
        return True

    def get_cfn_attribute(self, name):
        if name in self.attributes:
            return self.attributes[name]
        if self.lenient and (name.endswith("Arn") or name.startswith("Outputs.")):
            return f"{self.physical_resource_id}.{name}"
        raise KeyError(f"attribute {name} is not modelled by deploy-check's shims")


class Shim:
    """Base of the shim classes: the class methods moto's CloudFormation calls, forwarded to `create`, `update`
    (default: the resource is kept) and `delete` (default: nothing to delete) with the resource's properties."""
    cloudformation_type_name = ""

    @classmethod
    def cloudformation_type(cls):
        return cls.cloudformation_type_name

    @classmethod
    def cloudformation_name_type(cls):
        return ""

    @classmethod
    def has_cfn_attr(cls, name):
        return True

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        return cls.create(resource_name, cloudformation_json.get("Properties") or {}, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls.update(original_resource, cloudformation_json.get("Properties") or {}, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        cls.delete(resource_name, cloudformation_json.get("Properties") or {}, account_id, region_name)

    @staticmethod
    def create(resource_name, properties, account, region):
        raise NotImplementedError

    @staticmethod
    def update(original, properties, account, region):
        return original

    @staticmethod
    def delete(physical_id, properties, account, region):
        pass


def cluster_security_group(name, subnet_ids, account, region, description):
    """The security group EKS creates in the cluster's VPC (the VPC of the first subnet moto knows)."""
    from moto.ec2.models import ec2_backends
    ec2 = ec2_backends[account][region]
    vpc_id = None
    for subnet_id in subnet_ids or []:
        try:
            vpc_id = ec2.get_subnet(subnet_id).vpc_id
            break
        except Exception:
            continue
    return ec2.create_security_group(name, description, vpc_id=vpc_id), vpc_id


class EKSCluster(Shim):
    cloudformation_type_name = "AWS::EKS::Cluster"

    @staticmethod
    def create(resource_name, properties, account, region):
        from moto.eks.models import eks_backends
        name = properties.get("Name") or resource_name
        vpc_config = properties.get("ResourcesVpcConfig") or {}
        cluster = eks_backends[account][region].create_cluster(
            name=name, role_arn=properties["RoleArn"], version=properties.get("Version"),
            resources_vpc_config=api_keys(vpc_config),
            tags={tag["Key"]: tag["Value"] for tag in properties.get("Tags") or []})
        # Others reference the group EKS creates (ingress rules).
        group, _ = cluster_security_group(
            f"eks-cluster-sg-{name}", vpc_config.get("SubnetIds"), account, region,
            "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well "
            "as any managed workloads.")
        return Created(cluster.name, {
            "Arn": cluster.arn, "Endpoint": cluster.endpoint, "Id": cluster.name,
            "OpenIdConnectIssuerUrl": cluster.identity["oidc"]["issuer"],
            "CertificateAuthorityData": cluster.certificate_authority["data"],
            "ClusterSecurityGroupId": group.id,
            "EncryptionConfigKeyArn": "",
        })


def create_oidc_provider(properties, account, region, client_ids="ClientIdList"):
    """An IAM OIDC provider from a resource's properties (CDK's custom resource spells `ClientIDList`)."""
    return iam_backend(account, region).create_open_id_connect_provider(
        properties["Url"], properties.get("ThumbprintList") or [], properties.get(client_ids) or [],
        properties.get("Tags") or [])


class OIDCProvider(Shim):
    cloudformation_type_name = "AWS::IAM::OIDCProvider"

    @staticmethod
    def create(resource_name, properties, account, region):
        provider = create_oidc_provider(properties, account, region)
        return Created(provider.arn, {"Arn": provider.arn})


def policy_text(document):
    return document if isinstance(document, str) else json.dumps(document)


class QueuePolicy(Shim):
    """The policy document set as the Policy attribute of every queue listed (by URL) in Queues."""
    cloudformation_type_name = "AWS::SQS::QueuePolicy"

    @staticmethod
    def create(resource_name, properties, account, region):
        from moto.sqs.models import sqs_backends
        for url in properties.get("Queues") or []:
            sqs_backends[account][region].set_queue_attributes(
                url.rstrip("/").rsplit("/", 1)[-1], {"Policy": policy_text(properties["PolicyDocument"])})
        return Created(resource_name, {"Id": resource_name})


class BucketPolicy(Shim):
    """The policy document put on the bucket named by Bucket."""
    cloudformation_type_name = "AWS::S3::BucketPolicy"

    @staticmethod
    def create(resource_name, properties, account, region):
        from moto.s3.models import s3_backends
        from moto.utilities.utils import get_partition
        s3_backends[account][get_partition(region)].put_bucket_policy(
            properties["Bucket"], policy_text(properties["PolicyDocument"]).encode())
        return Created(resource_name, {})


def placeholder_name(resource_type, resource_name, properties):
    """What an inert placeholder's Ref returns: the name its properties give (Name, <Kind>Name, <Kind>Identifier),
    else its logical ID."""
    kind = resource_type.rsplit("::", 1)[-1]
    return str(properties.get("Name") or properties.get(kind + "Name") or properties.get(kind + "Identifier")
               or resource_name)


def placeholder_arn(resource_type, name, account, region):
    service = resource_type.split("::")[1].lower() if resource_type.count("::") >= 2 else "custom"
    kind = resource_type.rsplit("::", 1)[-1]
    return f"arn:aws:{service}:{region}:{account}:{kind.lower()}/{name}"


class Inert(Created):
    """A placeholder resource: GetAtt X.Arn is its ARN, any other attribute "<name>.<attribute>"."""

    def __init__(self, name, arn):
        super().__init__(name, {})
        self.arn = arn

    def get_cfn_attribute(self, attribute):
        return self.arn if attribute.endswith("Arn") else f"{self.physical_resource_id}.{attribute}"


def placeholder_class(resource_type):
    """A shim class whose resources are inert placeholders."""

    class Placeholder(Shim):
        cloudformation_type_name = resource_type

        @staticmethod
        def create(resource_name, properties, account, region):
            name = placeholder_name(resource_type, resource_name, properties)
            return Inert(name, placeholder_arn(resource_type, name, account, region))

    return Placeholder


def handled_by(resource_type):
    """How the harness deploys a type: "shim", "moto" (moto models it) or "placeholder"."""
    from moto.cloudformation.parsing import get_model_map
    if resource_type in SHIMMED_TYPES:
        return "shim"
    if resource_type in get_model_map() and not resource_type.startswith("Custom::"):
        return "moto"
    return "placeholder"


def resource_classes(known, shims, null_models, model_map):
    """moto's `resource_class_from_type`, with `shims` (type -> class) first and placeholders for what neither
    `shims` nor moto (`known`, `model_map`) models."""

    def resource_class_from_type(resource_type):
        if resource_type in shims:
            return shims[resource_type]
        if resource_type in null_models:
            return None
        if resource_type.startswith("Custom::") or resource_type not in model_map():
            return placeholder_class(resource_type)
        return known(resource_type)

    return resource_class_from_type


def teach_types(patches):
    """Installs the shims and placeholders into moto's CloudFormation (undone by `patches.undo()`)."""
    from moto.cloudformation import parsing
    shims = {shim.cloudformation_type_name: shim for shim in (EKSCluster, OIDCProvider, QueuePolicy, BucketPolicy)}
    known = parsing.resource_class_from_type
    patches.replace(parsing, "resource_class_from_type",
                    resource_classes(known, shims, parsing.NULL_MODELS, parsing.get_model_map))
