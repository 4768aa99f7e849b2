"""What a migration needs beyond deploy-check's shims: CDK's custom resources (the cluster as a moto EKS cluster at
the version Kumo's template states, since EKS auto-upgraded the real one; OIDC providers; CfnJson with its Value
parsed), inert kubectl manifests, Helm charts, nested stacks, Lambda functions and SSM parameters; native EKS
clusters and OIDC providers that adopt an existing one of the same name/URL (the emulated import); and a
lifecycle for types moto cannot update or delete."""
import json
import os
import uuid

from ..shims import Created, Shim, api_keys, cluster_security_group, create_oidc_provider, iam_backend

INERT_TYPES = ("Custom::AWSCDK-EKS-KubernetesResource", "Custom::AWSCDK-EKS-HelmChart", "AWS::CDK::Metadata",
               "AWS::CloudFormation::Stack", "AWS::Lambda::Function", "AWS::SSM::Parameter")
VERSION_VARIABLE = "KUMO_DEPLOY_CHECK_EKS_VERSION"


def eks_backend(account, region):
    from moto.eks.models import eks_backends
    return eks_backends[account][region]


def cluster_attributes(cluster):
    issuer = cluster.identity["oidc"]["issuer"]
    return {"Arn": cluster.arn, "Endpoint": cluster.endpoint, "OpenIdConnectIssuerUrl": issuer,
            "OpenIdConnectIssuer": issuer[len("https://"):],
            "CertificateAuthorityData": cluster.certificate_authority["data"],
            "ClusterSecurityGroupId": cluster.resources_vpc_config.get("clusterSecurityGroupId", ""),
            "EncryptionConfigKeyArn": ""}


def create_cluster(name, role_arn, version, vpc_config, account, region):
    """A moto EKS cluster with its cluster security group, in CONFIG_MAP mode (what CDK 2.28 created)."""
    cluster = eks_backend(account, region).create_cluster(
        name=name, role_arn=role_arn, version=version, resources_vpc_config=dict(vpc_config), tags={})
    group, vpc_id = cluster_security_group(f"eks-cluster-sg-{name}-{uuid.uuid4().hex[:8]}", vpc_config.get("subnetIds"),
                                           account, region, "EKS created security group")
    cluster.resources_vpc_config["clusterSecurityGroupId"] = group.id
    if vpc_id:
        cluster.resources_vpc_config["vpcId"] = vpc_id
    cluster.access_config = {"authenticationMode": "CONFIG_MAP"}
    return cluster


def created(physical_id, attributes):
    return Created(physical_id, attributes, lenient=True)


class CDKCluster(Shim):
    cloudformation_type_name = "Custom::AWSCDK-EKS-Cluster"

    @staticmethod
    def create(resource_name, properties, account, region):
        config = properties["Config"]
        version = os.environ.get(VERSION_VARIABLE) or config.get("version")
        cluster = create_cluster(config["name"], config["roleArn"], version, config.get("resourcesVpcConfig") or {},
                                 account, region)
        return created(cluster.name, cluster_attributes(cluster))

    @staticmethod
    def delete(physical_id, properties, account, region):
        eks_backend(account, region).clusters.pop(physical_id, None)


class NativeCluster(Shim):
    """AWS::EKS::Cluster that adopts an existing cluster of the same name (the emulated import)."""
    cloudformation_type_name = "AWS::EKS::Cluster"

    @staticmethod
    def create(resource_name, properties, account, region):
        backend = eks_backend(account, region)
        name = properties.get("Name") or resource_name
        cluster = backend.clusters.get(name) or create_cluster(
            name, properties["RoleArn"], properties.get("Version"), api_keys(properties.get("ResourcesVpcConfig") or {}),
            account, region)
        NativeCluster.apply(cluster, properties)
        return created(cluster.name, cluster_attributes(cluster))

    @staticmethod
    def apply(cluster, properties):
        if properties.get("Version"):
            cluster.version = properties["Version"]
        mode = (properties.get("AccessConfig") or {}).get("AuthenticationMode")
        if mode:
            cluster.access_config = {"authenticationMode": mode}

    @staticmethod
    def update(original, properties, account, region):
        NativeCluster.apply(eks_backend(account, region).clusters[original.physical_resource_id], properties)
        return original

    @staticmethod
    def delete(physical_id, properties, account, region):
        eks_backend(account, region).clusters.pop(physical_id, None)


def provider_for(url, account, region):
    """The existing IAM OIDC provider of `url`, or None."""
    iam = iam_backend(account, region)
    for provider in iam.list_open_id_connect_providers():
        arn = provider if isinstance(provider, str) else provider.arn
        if arn.endswith(":oidc-provider/" + url[len("https://"):]):
            return iam.get_open_id_connect_provider(arn)
    return None


class ProviderShim(Shim):
    """An OIDC provider: Ref and GetAtt Arn are its ARN; deleted with the resource."""

    @staticmethod
    def delete(physical_id, properties, account, region):
        iam_backend(account, region).delete_open_id_connect_provider(physical_id)


class CDKProvider(ProviderShim):
    cloudformation_type_name = "Custom::AWSCDKOpenIdConnectProvider"

    @staticmethod
    def create(resource_name, properties, account, region):
        provider = create_oidc_provider(properties, account, region, client_ids="ClientIDList")
        return created(provider.arn, {"Arn": provider.arn})


class NativeProvider(ProviderShim):
    """AWS::IAM::OIDCProvider that adopts an existing provider of the same URL (the emulated import)."""
    cloudformation_type_name = "AWS::IAM::OIDCProvider"

    @staticmethod
    def create(resource_name, properties, account, region):
        provider = provider_for(properties["Url"], account, region) or create_oidc_provider(properties, account, region)
        NativeProvider.apply(provider, properties)
        return created(provider.arn, {"Arn": provider.arn})

    @staticmethod
    def apply(provider, properties):
        provider.thumbprint_list = list(properties.get("ThumbprintList") or [])
        provider.client_id_list = list(properties.get("ClientIdList") or [])

    @staticmethod
    def update(original, properties, account, region):
        NativeProvider.apply(iam_backend(account, region).get_open_id_connect_provider(original.physical_resource_id),
                             properties)
        return original


class CfnJson(Shim):
    cloudformation_type_name = "Custom::AWSCDKCfnJson"

    @staticmethod
    def create(resource_name, properties, account, region):
        return created(str(uuid.uuid4()), {"Value": json.loads(properties["Value"])})


def inert_class(resource_type):
    """A shim whose resources exist only as a name and an ARN (their code and templates live in CDK's asset bucket)."""
    service = resource_type.split("::")[1].lower()
    kind = resource_type.rsplit("::", 1)[-1].lower()

    class Inert(Shim):
        cloudformation_type_name = resource_type

        @staticmethod
        def create(resource_name, properties, account, region):
            name = properties.get("FunctionName") or f"{resource_name}-{uuid.uuid4().hex[:12]}"
            return created(name, {"Arn": f"arn:aws:{service}:{region}:{account}:{kind}/{name}"})

    return Inert


def is_implemented(cls, name):
    method = getattr(cls, name, None)
    return method is not None and not getattr(method, "__isabstractmethod__", False)


def with_lifecycle(cls):
    """`cls`, or a subclass that moto can update (keeping the resource) and delete (doing nothing) when `cls`
    cannot itself."""
    if cls is None or getattr(cls, "_kumo_lifecycle", False):
        return cls
    updatable = is_implemented(cls, "update_from_cloudformation_json")
    deletable = is_implemented(cls, "delete_from_cloudformation_json")
    if updatable and deletable:
        return cls
    members = {"_kumo_lifecycle": True}
    if not updatable:
        members["update_from_cloudformation_json"] = classmethod(
            lambda klass, original_resource, new_resource_name, cloudformation_json, account_id, region_name: original_resource)
    if not deletable:
        members["delete_from_cloudformation_json"] = classmethod(
            lambda klass, resource_name, cloudformation_json, account_id, region_name: None)
    return type(cls.__name__, (cls,), members)


def migration_classes(previous):
    """The migration's shims first, then `previous` (deploy-check's lookup) with a lifecycle."""
    shims = {c.cloudformation_type_name: c for c in (CDKCluster, NativeCluster, CDKProvider, NativeProvider, CfnJson)}
    shims.update({t: inert_class(t) for t in INERT_TYPES})

    def resource_class_from_type(resource_type):
        if resource_type in shims:
            return shims[resource_type]
        return with_lifecycle(previous(resource_type))

    return resource_class_from_type


def teach_migration(patches):
    """deploy-check's teaching, then the migration's shims and CloudFormation's update semantics."""
    from moto.cloudformation import parsing
    from .. import fixes
    from . import updates
    fixes.teach_moto(patches)
    patches.replace(parsing, "resource_class_from_type", migration_classes(parsing.resource_class_from_type))
    updates.teach_updates(patches)
