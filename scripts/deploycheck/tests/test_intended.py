"""The intended values: kumo resolve's output read, and the real kumo binary run on physical IDs written from moto."""
import json
import os

import pytest

from deploycheck import deploy
from deploycheck.intended import (Intended, ResolveError, Unresolved, intended, resolve_command, run_resolve,
                                  write_physical_ids)
from conftest import ROOT

KUMO = os.path.join(ROOT, ".build", "debug", "kumo")
needs_kumo = pytest.mark.skipif(not os.access(KUMO, os.X_OK), reason="no kumo binary (swift build)")

RESOLVED = {"resources": {
    "R": {"type": "AWS::IAM::Role", "properties": {"Path": "/", "Tags": [{"Key": "k", "Value": "<X.Arn>"}],
                                                     "TagsOther": "v"}, "unknown": ["Tags[0].Value"]},
    "Off": {"type": "AWS::SNS::Topic", "condition": "IsProd", "created": False},
}}


def test_properties_are_kumos_and_unknown_ones_are_unresolved():
    values = Intended({"Resources": {"R": {"Type": "AWS::IAM::Role"}}}, RESOLVED, {"R": "r-1"})
    assert values.property("R", "Path") == "/"
    assert values.property("R", "TagsOther") == "v"  # not under Tags
    assert values.property("R", "Description", "none") == "none"
    with pytest.raises(Unresolved, match=r"Tags\[0\].Value known only at deploy time"):
        values.property("R", "Tags")
    with pytest.raises(Unresolved, match="not created"):
        values.property("Off", "TopicName")
    with pytest.raises(Unresolved, match="not in kumo resolve's output"):
        values.property("Missing", "X")
    assert values.physical == {"R": "r-1"} and list(values.resources) == ["R"]


def test_the_resolve_command_line():
    assert resolve_command("kumo", "t.json", "S", "ids", {"B": "2", "A": "1"}) == [
        "kumo", "resolve", "t.json", "--stack", "S", "--physical-ids", "ids", "--parameter", "A=1", "--parameter", "B=2"]


TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "${Provider}"},
    "Condition": {"StringEquals": {"${Issuer}:sub": "system:serviceaccount:main:app"}}}]}
TEMPLATE = {"Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
            "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
            "Resources": {
    "EksRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
    "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "RoleArn": {"Fn::GetAtt": ["EksRole", "Arn"]},
                                                            "ResourcesVpcConfig": {"SubnetIds": []}}},
    "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]},
                                                                  "ClientIdList": ["sts.amazonaws.com"]}},
    "App": {"Type": "AWS::IAM::Role", "Properties": {
        "RoleName": {"Fn::If": ["IsProd", "app", "app-dev"]},
        "AssumeRolePolicyDocument": {"Fn::Sub": [json.dumps(TRUST), {
            "Issuer": {"Fn::Select": [1, {"Fn::Split": ["//", {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}]}]}}]}}},
}}


@needs_kumo
def test_kumo_resolves_a_deployed_stack_with_its_physical_ids(aws, tmp_path):
    body = json.dumps(TEMPLATE)
    status, reason = deploy.create(aws("cloudformation"), "S", body, {"Env": "prod"}, 10)
    assert status == "CREATE_COMPLETE", reason
    (tmp_path / "S.template.json").write_text(body)
    values = intended(KUMO, aws, "S", str(tmp_path / "S.template.json"), TEMPLATE, {"Env": "prod"}, str(tmp_path))
    issuer = aws("eks").describe_cluster(name="c")["cluster"]["identity"]["oidc"]["issuer"][len("https://"):]
    provider = aws("iam").list_open_id_connect_providers()["OpenIDConnectProviderList"][0]["Arn"]
    trust = json.loads(values.property("App", "AssumeRolePolicyDocument"))
    assert trust["Statement"][0]["Principal"] == {"Federated": provider}
    assert trust["Statement"][0]["Condition"] == {"StringEquals": {f"{issuer}:sub": "system:serviceaccount:main:app"}}
    assert values.property("App", "RoleName") == "app"
    assert values.property("Cluster", "RoleArn") == aws("iam").get_role(RoleName=values.physical["EksRole"])["Role"]["Arn"]
    assert sorted(os.listdir(tmp_path / "physical-ids")) == ["cluster-c.json", "resources.json"]


@needs_kumo
def test_kumo_rejecting_the_input_is_a_resolve_error(aws, tmp_path):
    body = json.dumps(TEMPLATE)
    assert deploy.create(aws("cloudformation"), "S", body, {"Env": "dev"}, 10)[0] == "CREATE_COMPLETE"
    (tmp_path / "S.template.json").write_text(body)
    ids = str(tmp_path / "ids")
    write_physical_ids(ids, aws("cloudformation"), aws("eks"), "S")
    with pytest.raises(ResolveError, match="not one of its AllowedValues"):
        run_resolve(KUMO, str(tmp_path / "S.template.json"), "S", ids, {"Env": "staging"})
