"""The stacks of a cloud assembly (manifest order), and the parameter values they are deployed with."""
import json
import os
from dataclasses import dataclass


class HarnessError(Exception):
    """The harness cannot run (unreadable assembly, the server does not start): exit 2."""


@dataclass
class Stack:
    """One stack artifact of an assembly."""
    name: str
    file: str
    body: str
    template: dict
    account: str = None
    region: str = None


def environment(artifact):
    """(account, region) of an artifact's `aws://ACCOUNT/REGION` environment; None where unknown."""
    parts = (artifact.get("environment") or "aws://unknown-account/unknown-region")[len("aws://"):].split("/")
    account = parts[0] if parts[0].isdigit() else None
    region = parts[1] if len(parts) > 1 and parts[1] != "unknown-region" else None
    return account, region


def read_template(path):
    """(text, parsed JSON) of a template file."""
    try:
        with open(path) as f:
            body = f.read()
        return body, json.loads(body)
    except (OSError, ValueError) as error:
        raise HarnessError(f"cannot read {path}: {error}")


def read_assembly(directory):
    """The stacks of the cloud assembly in `directory`."""
    manifest_path = os.path.join(directory, "manifest.json")
    try:
        with open(manifest_path) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as error:
        raise HarnessError(f"cannot read {manifest_path}: {error}")
    stacks = []
    for artifact_id, artifact in (manifest.get("artifacts") or {}).items():
        if artifact.get("type") != "aws:cloudformation:stack":
            continue
        template_file = os.path.join(directory, artifact["properties"]["templateFile"])
        body, template = read_template(template_file)
        account, region = environment(artifact)
        stacks.append(Stack(artifact.get("displayName") or artifact_id, template_file, body, template, account, region))
    if not stacks:
        raise HarnessError(f"{manifest_path} lists no stacks")
    return stacks


def single_account(stacks):
    """The one account the stacks name, or None (none, or several)."""
    accounts = {s.account for s in stacks if s.account}
    return accounts.pop() if len(accounts) == 1 else None


# Values for parameters without a default, by type (ones moto's EC2 accepts where it checks).
PARAMETER_PLACEHOLDERS = {
    "List<AWS::EC2::Subnet::Id>": "subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002",
    "AWS::EC2::Subnet::Id": "subnet-0a1b2c3d4e5f60001",
    "List<AWS::EC2::SecurityGroup::Id>": "sg-0a1b2c3d4e5f60001",
    "AWS::EC2::SecurityGroup::Id": "sg-0a1b2c3d4e5f60001",
    "AWS::EC2::VPC::Id": "vpc-0a1b2c3d4e5f60001",
    "Number": "1",
    "CommaDelimitedList": "a,b",
    "List<Number>": "1,2",
}
DEFAULT_PLACEHOLDER = "kumo-deploy-check"


def parameter_values(template, given):
    """The values to deploy `template` with: `given` ones, and a placeholder for each parameter without a default."""
    values = {}
    for name, definition in (template.get("Parameters") or {}).items():
        if name in given:
            values[name] = given[name]
        elif "Default" not in definition:
            values[name] = PARAMETER_PLACEHOLDERS.get(definition.get("Type", "String"), DEFAULT_PLACEHOLDER)
    return values
