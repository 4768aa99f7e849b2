"""The migration's shims in-process: CDK's custom resources, adoption of existing clusters and providers, inert
types, and a lifecycle for classes moto cannot update or delete."""
import json

from deploycheck import deploy
from deploycheck.migration import shims
from deploycheck.migration.run import step_line, target_cluster_version
from deploycheck.assembly import Stack
from deploycheck.compare import Report

ROLE = "arn:aws:iam::123456789012:role/eks"


def cdk_template(version="1.22"):
    return json.dumps({"Resources": {
        "Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "DeletionPolicy": "Retain", "Properties": {
            "Config": {"name": "eks-cluster", "version": version, "roleArn": ROLE, "resourcesVpcConfig": {"subnetIds": []}}}},
        "Provider": {"Type": "Custom::AWSCDKOpenIdConnectProvider", "DeletionPolicy": "Retain", "Properties": {
            "Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIDList": ["sts.amazonaws.com"]}},
        "Condition": {"Type": "Custom::AWSCDKCfnJson", "Properties": {"Value": '{"a": 1}'}},
        "Manifest": {"Type": "Custom::AWSCDK-EKS-KubernetesResource", "Properties": {}},
        "Nested": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://s3/x"}},
    }, "Outputs": {"Issuer": {"Value": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuer"]}},
                   "NestedOutput": {"Value": {"Fn::GetAtt": ["Nested", "Outputs.X"]}}}})


def native_template():
    return json.dumps({"Resources": {
        "Cluster": {"Type": "AWS::EKS::Cluster", "DeletionPolicy": "Retain", "Properties": {
            "Name": "eks-cluster", "Version": "1.32", "RoleArn": ROLE, "ResourcesVpcConfig": {"SubnetIds": []},
            "AccessConfig": {"AuthenticationMode": "API_AND_CONFIG_MAP"}}},
        "Provider": {"Type": "AWS::IAM::OIDCProvider", "DeletionPolicy": "Retain", "Properties": {
            "Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIdList": ["sts.amazonaws.com"],
            "ThumbprintList": ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]}},
    }})


def test_cdks_custom_resources_deploy_and_the_native_types_adopt_them(migration_aws, monkeypatch):
    monkeypatch.setenv(shims.VERSION_VARIABLE, "1.32")
    cloudformation, eks, iam = (migration_aws(s) for s in ("cloudformation", "eks", "iam"))
    status, reason = deploy.create(cloudformation, "S", cdk_template(), {}, 10)
    assert status == "CREATE_COMPLETE", reason
    cluster = eks.describe_cluster(name="eks-cluster")["cluster"]
    assert cluster["version"] == "1.32"  # the version Kumo's template states, not CDK's 1.22
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cloudformation.describe_stacks(StackName="S")["Stacks"][0]["Outputs"]}
    assert outputs["Issuer"] == cluster["identity"]["oidc"]["issuer"][len("https://"):]
    assert outputs["NestedOutput"].endswith(".Outputs.X")
    providers = iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    assert len(providers) == 1
    # Retained removal (orphan), then the native types (import): the same cluster and provider.
    assert deploy.update(cloudformation, "S", json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}), "orphan", 10)[0] == "UPDATE_COMPLETE"
    assert eks.list_clusters()["clusters"] == ["eks-cluster"]
    assert deploy.update(cloudformation, "S", native_template(), "import", 10)[0] == "UPDATE_COMPLETE"
    assert eks.list_clusters()["clusters"] == ["eks-cluster"]
    assert iam.list_open_id_connect_providers()["OpenIDConnectProviderList"] == providers
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cloudformation.describe_stack_resources(StackName="S")["StackResources"]}
    assert physical["Cluster"] == "eks-cluster" and physical["Provider"] == providers[0]["Arn"]
    thumbprints = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=providers[0]["Arn"])["ThumbprintList"]
    assert thumbprints == ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]


def test_cfn_json_parses_its_value():
    created = shims.CfnJson.create("C", {"Value": '{"k": ["v"]}'}, "123456789012", "ap-northeast-1")
    assert created.get_cfn_attribute("Value") == {"k": ["v"]}


def test_inert_types_have_a_name_and_an_arn():
    function = shims.inert_class("AWS::Lambda::Function").create("F", {"FunctionName": "f"}, "1", "r")
    assert (function.physical_resource_id, function.get_cfn_attribute("Arn")) == ("f", "arn:aws:lambda:r:1:function/f")
    nested = shims.inert_class("AWS::CloudFormation::Stack").create("N", {}, "1", "r")
    assert nested.physical_resource_id.startswith("N-")


def test_classes_moto_cannot_update_or_delete_get_a_lifecycle():
    class Updatable:
        @classmethod
        def update_from_cloudformation_json(cls, *a):
            return "updated"

        @classmethod
        def delete_from_cloudformation_json(cls, *a):
            return "deleted"

    class CreateOnly:
        pass

    assert shims.with_lifecycle(Updatable) is Updatable
    assert shims.with_lifecycle(None) is None
    lifecycle = shims.with_lifecycle(CreateOnly)
    assert issubclass(lifecycle, CreateOnly)
    assert lifecycle.update_from_cloudformation_json("original", "n", {}, "a", "r") == "original"
    assert lifecycle.delete_from_cloudformation_json("n", {}, "a", "r") is None
    assert shims.with_lifecycle(lifecycle) is lifecycle


def test_the_target_version_and_the_step_summary():
    target = Stack("S", "f", "", {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {}},
                                                "C": {"Type": "AWS::EKS::Cluster", "Properties": {"Version": "1.32"}}}})
    assert target_cluster_version(target) == "1.32"
    assert target_cluster_version(Stack("S", "f", "", {"Resources": {}})) is None
    report = Report(compared={"roles": 9}, skipped=["S: R1: GetAtt X", "S: R2: GetAtt Y"])
    assert step_line({"name": "retain", "kind": "update"}, "UPDATE_COMPLETE", report) == \
        "  retain: UPDATE_COMPLETE (as an update); read back 9 roles; not computable here: 2 (R1, R2)"
    assert "adopts the existing resources" in step_line({"name": "import", "kind": "import"}, "UPDATE_COMPLETE", Report())
