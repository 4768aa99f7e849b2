import json
import os

import pytest

from deploycheck.assembly import (DEFAULT_PLACEHOLDER, HarnessError, environment, parameter_values, read_assembly,
                                  single_account)


def write_assembly(directory, artifacts, templates):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "manifest.json"), "w") as f:
        json.dump({"version": "21.0.0", "artifacts": artifacts}, f)
    for name, template in templates.items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(template if isinstance(template, str) else json.dumps(template))
    return directory


def stack_artifact(file, env="aws://123456789012/ap-northeast-1", **extra):
    return {"type": "aws:cloudformation:stack", "environment": env, "properties": {"templateFile": file}, **extra}


def test_reads_the_stacks_in_manifest_order_with_their_environment(tmp_path):
    directory = write_assembly(str(tmp_path), {
        "B": stack_artifact("B.template.json", displayName="Second"),
        "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
        "A": stack_artifact("A.template.json", env="aws://unknown-account/unknown-region"),
    }, {"B.template.json": {"Resources": {}}, "A.template.json": "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}"})
    stacks = read_assembly(directory)
    assert [s.name for s in stacks] == ["Second", "A"]
    assert (stacks[0].account, stacks[0].region) == ("123456789012", "ap-northeast-1")
    assert (stacks[1].account, stacks[1].region) == (None, None)
    assert stacks[1].template["Resources"]["Q"]["Type"] == "AWS::SQS::Queue"
    assert stacks[1].body.startswith("{\"Resources\"")
    assert stacks[1].file == os.path.join(directory, "A.template.json")


def test_environment_of_an_artifact_without_one_is_unknown():
    assert environment({}) == (None, None)
    assert environment({"environment": "aws://123456789012/eu-west-1"}) == ("123456789012", "eu-west-1")


def test_unreadable_assemblies_are_harness_errors(tmp_path):
    with pytest.raises(HarnessError, match="manifest.json"):
        read_assembly(str(tmp_path / "missing"))
    write_assembly(str(tmp_path / "none"), {"Tree": {"type": "cdk:tree"}}, {})
    with pytest.raises(HarnessError, match="lists no stacks"):
        read_assembly(str(tmp_path / "none"))
    write_assembly(str(tmp_path / "bad"), {"S": stack_artifact("S.template.json")}, {"S.template.json": "{not json"})
    with pytest.raises(HarnessError, match="S.template.json"):
        read_assembly(str(tmp_path / "bad"))


def test_single_account(tmp_path):
    class S:
        def __init__(self, account):
            self.account = account
    assert single_account([S("1"), S(None), S("1")]) == "1"
    assert single_account([S("1"), S("2")]) is None
    assert single_account([S(None)]) is None


def test_parameters_without_default_get_a_placeholder_of_their_type():
    template = {"Parameters": {
        "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
        "Name": {"Type": "String"},
        "Given": {"Type": "String"},
        "WithDefault": {"Type": "String", "Default": "x"},
        "Count": {"Type": "Number"},
    }}
    values = parameter_values(template, {"Given": "mine"})
    assert values == {"Subnets": "subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002", "Name": DEFAULT_PLACEHOLDER,
                      "Given": "mine", "Count": "1"}
    assert parameter_values({}, {"Unused": "1"}) == {}
