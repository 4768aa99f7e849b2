"""Properties moto's CloudFormation ignores, applied as CloudFormation applies them: a role's ManagedPolicyArns
(attached through IAM, which fails for an ARN that names no policy), a managed policy document given as JSON text
(an Fn::Sub), an ECR repository's LifecyclePolicy, ImageScanningConfiguration and EncryptionConfiguration, an S3
bucket's queue notifications (NotificationConfiguration.QueueConfigurations)."""
import json

from .shims import api_keys, iam_backend


def attach_managed_policies(create):
    """A Role.create_from_cloudformation_json that also attaches the role's ManagedPolicyArns."""

    def create_role(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        role = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        for arn in (cloudformation_json.get("Properties") or {}).get("ManagedPolicyArns") or []:
            iam_backend(account_id, region_name).attach_role_policy(arn, role.name)
        return role

    return create_role


def parse_policy_text(create):
    """A ManagedPolicy.create_from_cloudformation_json that takes a PolicyDocument given as JSON text."""

    def create_policy(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties") or {}
        if isinstance(properties.get("PolicyDocument"), str):
            properties["PolicyDocument"] = json.loads(properties["PolicyDocument"])
        return create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    return create_policy


def repository_configuration(create):
    """A Repository.create_from_cloudformation_json that applies the scan, encryption and lifecycle settings."""

    def create_repository(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.ecr.models import ecr_backends
        properties = cloudformation_json.get("Properties") or {}
        properties["ImageScanningConfiguration"] = api_keys(properties.get("ImageScanningConfiguration")) or None
        properties["EncryptionConfiguration"] = api_keys(properties.get("EncryptionConfiguration")) or None
        repository = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        lifecycle = (properties.get("LifecyclePolicy") or {}).get("LifecyclePolicyText")
        if lifecycle:
            ecr_backends[account_id][region_name].put_lifecycle_policy(None, repository.name, lifecycle)
        return repository

    return create_repository


def bucket_queue_notifications(create):
    """A FakeBucket.create_from_cloudformation_json that also sets the bucket's queue notifications."""

    def create_bucket(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        bucket = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        queues = ((cloudformation_json.get("Properties") or {}).get("NotificationConfiguration") or {}).get(
            "QueueConfigurations") or []
        if queues:
            bucket.set_notification_configuration({"QueueConfiguration": [
                {"Queue": q["Queue"], "Event": [q["Event"]], "Filter": q.get("Filter")} for q in queues]})
        return bucket

    return create_bucket


def apply_ignored_properties(patches):
    """Installs the four fixes into moto's models (undone by `patches.undo()`)."""
    from moto.ecr.models import Repository
    from moto.iam.models import ManagedPolicy, Role
    from moto.s3.models import FakeBucket
    for model, fix in ((Role, attach_managed_policies), (ManagedPolicy, parse_policy_text),
                       (Repository, repository_configuration), (FakeBucket, bucket_queue_notifications)):
        original = model.create_from_cloudformation_json.__func__
        patches.replace(model, "create_from_cloudformation_json", classmethod(fix(original)))


def teach_moto(patches):
    """Everything deploy-check teaches moto: the shims and placeholders, and the ignored properties."""
    from .shims import teach_types
    teach_types(patches)
    apply_ignored_properties(patches)
