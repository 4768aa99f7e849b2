"""CloudFormation's update semantics as the migration teaches them to moto: pure rules, and stack updates in-process."""
import json

import pytest

from deploycheck import deploy
from deploycheck.migration import updates

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}


def test_policy_only_changes_and_retained_removals_update_nothing():
    old = {"A": {"Type": "T", "Properties": {"x": 1}}, "B": {"Type": "T", "DeletionPolicy": "Retain"},
           "C": {"Type": "T"}, "D": {"Type": "T", "DeletionPolicy": "RetainExceptOnCreate"}}
    new = {"A": {"Type": "T", "Properties": {"x": 1}, "DeletionPolicy": "Retain", "Metadata": {"m": 1}}}
    diff = {"Modify": ["A"], "Remove": ["B", "C", "D"], "Add": []}
    assert updates.effective_diff(diff, old, new) == ["B", "D"]
    assert diff == {"Modify": [], "Remove": ["C"], "Add": []}
    new["A"]["Properties"]["x"] = 2
    diff = {"Modify": ["A"], "Remove": [], "Add": []}
    updates.effective_diff(diff, old, new)
    assert diff["Modify"] == ["A"]


def test_retries_until_everything_went_through_or_raises_the_last_error():
    attempts = []
    ready = {"b"}

    def attempt(name):
        attempts.append(name)
        if name not in ready:
            ready.add(name)  # works on the next round (it depended on another)
            raise RuntimeError(name)

    updates.with_retries(["a", "b"], attempt, tries=5)
    assert attempts == ["a", "b", "a"]
    with pytest.raises(RuntimeError, match="never"):
        updates.with_retries(["never"], lambda name: (_ for _ in ()).throw(RuntimeError("never")), tries=3)


def test_a_new_name_or_path_replaces_a_role():
    class Role:
        name, path = "r", "/"
    assert not updates.replaces_role(Role, {"RoleName": "r"})
    assert not updates.replaces_role(Role, {})
    assert updates.replaces_role(Role, {"RoleName": "other"})
    assert updates.replaces_role(Role, {"Path": "/ci/"})


def role_template(trust=TRUST, name="r", policies=(), retain=False, include=True, replace_policy=None):
    resources = {"Keep": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q"}}}
    if include:
        role = {"Type": "AWS::IAM::Role", "Properties": {"RoleName": name, "AssumeRolePolicyDocument": trust,
                                                         "ManagedPolicyArns": list(policies)}}
        if retain:
            role["DeletionPolicy"] = "Retain"
        if replace_policy:
            role["UpdateReplacePolicy"] = replace_policy
        resources["Role"] = role
    return json.dumps({"Resources": resources})


@pytest.fixture
def stack(migration_aws):
    cloudformation = migration_aws("cloudformation")
    policy = migration_aws("iam").create_policy(PolicyName="p", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))["Policy"]["Arn"]
    assert deploy.create(cloudformation, "S", role_template(policies=[policy], retain=True), {}, 10)[0] == "CREATE_COMPLETE"
    return migration_aws, policy


def update(aws, body, name):
    return deploy.update(aws("cloudformation"), "S", body, name, 10)


def test_a_role_is_updated_in_place(stack):
    aws, policy = stack
    trust = dict(TRUST, Statement=[dict(TRUST["Statement"][0], Principal={"Service": "eks.amazonaws.com"})])
    assert update(aws, role_template(trust=trust, retain=True), "trust")[0] == "UPDATE_COMPLETE"
    role = aws("iam").get_role(RoleName="r")["Role"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "eks.amazonaws.com"}
    assert aws("iam").list_attached_role_policies(RoleName="r")["AttachedPolicies"] == []


def test_a_retained_role_removed_from_the_template_stays(stack):
    aws, policy = stack
    assert update(aws, role_template(include=False), "orphan")[0] == "UPDATE_COMPLETE"
    assert aws("iam").get_role(RoleName="r")["Role"]["RoleName"] == "r"
    assert [p["PolicyArn"] for p in aws("iam").list_attached_role_policies(RoleName="r")["AttachedPolicies"]] == [policy]


def test_a_renamed_role_replaces_the_old_one_which_is_deleted_detached(stack):
    aws, policy = stack
    assert update(aws, role_template(name="r2", policies=[policy]), "rename")[0] == "UPDATE_COMPLETE"
    names = [r["RoleName"] for r in aws("iam").list_roles()["Roles"]]
    assert "r2" in names and "r" not in names


def test_a_renamed_role_under_update_replace_retain_keeps_the_old_one(stack):
    aws, policy = stack
    assert update(aws, role_template(name="r2", policies=[policy], replace_policy="Retain"), "rename")[0] == "UPDATE_COMPLETE"
    names = {r["RoleName"] for r in aws("iam").list_roles()["Roles"]}
    assert {"r", "r2"} <= names


def test_a_role_deleted_by_an_update_loses_its_managed_policies_first(stack):
    aws, policy = stack
    assert update(aws, role_template(policies=[policy]), "drop-retain")[0] == "UPDATE_COMPLETE"
    assert update(aws, role_template(include=False), "delete")[0] == "UPDATE_COMPLETE"
    assert "r" not in [r["RoleName"] for r in aws("iam").list_roles()["Roles"]]
