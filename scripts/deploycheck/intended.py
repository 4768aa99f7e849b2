"""The template's intended values in the deployed stack, as `kumo resolve` computes them: the stack's physical IDs
(describe-stack-resources) and its EKS clusters (describe-cluster) are written as the AWS CLI prints them, and
`kumo resolve --physical-ids` evaluates every resource's properties against them (Ref, Fn::GetAtt, Fn::Sub, ...),
independently of moto's own resolution. Deploy-check resolves nothing itself."""
import json
import os
import subprocess

from .assembly import HarnessError

CLUSTER_TYPES = ("AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster")


class Unresolved(Exception):
    """A value known only at deploy time that the physical IDs do not give (a GetAtt kumo does not derive): the
    comparison that needs it is skipped."""


class ResolveError(Exception):
    """kumo resolve rejected the template with the deployed stack's physical IDs (its message says why)."""


def write_physical_ids(directory, cloudformation, eks, stack_name):
    """resources.json (describe-stack-resources) and cluster-NAME.json (describe-cluster) of each EKS cluster of
    the stack into `directory`; returns logical ID -> physical ID."""
    os.makedirs(directory, exist_ok=True)
    resources = cloudformation.describe_stack_resources(StackName=stack_name)["StackResources"]
    with open(os.path.join(directory, "resources.json"), "w") as f:
        json.dump({"StackResources": resources}, f, default=str)
    for resource in resources:
        if resource["ResourceType"] in CLUSTER_TYPES and resource.get("PhysicalResourceId"):
            name = resource["PhysicalResourceId"]
            with open(os.path.join(directory, f"cluster-{name}.json"), "w") as f:
                json.dump({"cluster": eks.describe_cluster(name=name)["cluster"]}, f, default=str)
    return {r["LogicalResourceId"]: r.get("PhysicalResourceId") for r in resources}


def resolve_command(kumo, template_file, stack_name, ids_dir, parameters):
    command = [kumo, "resolve", template_file, "--stack", stack_name, "--physical-ids", ids_dir]
    for key, value in sorted(parameters.items()):
        command += ["--parameter", f"{key}={value}"]
    return command


def run_resolve(kumo, template_file, stack_name, ids_dir, parameters):
    """The stack entry of `kumo resolve`'s output. Raises ResolveError when kumo rejects the input, HarnessError
    when kumo cannot be run."""
    try:
        result = subprocess.run(resolve_command(kumo, template_file, stack_name, ids_dir, parameters),
                                capture_output=True, text=True)
    except OSError as error:
        raise HarnessError(f"cannot run {kumo}: {error}")
    if result.returncode == 2:
        raise ResolveError(result.stderr.strip())
    if result.returncode != 0:
        raise HarnessError(f"kumo resolve exited {result.returncode}: {result.stderr.strip()[-2000:]}")
    stacks = json.loads(result.stdout)["stacks"]
    return stacks[0]


def is_under(path, name):
    return path == name or path.startswith(name + ".") or path.startswith(name + "[")


class Intended:
    """A deployed stack's template and what it intends: `resources` (the template's), `physical` (logical ID ->
    physical ID) and each resource's resolved properties (`kumo resolve`'s stack entry)."""

    def __init__(self, template, resolved, physical):
        self.resources = template.get("Resources") or {}
        self.resolved = resolved.get("resources") or {}
        self.physical = physical

    def property(self, logical_id, name, default=None):
        """A resolved property (`default` when absent); Unresolved when it holds a value known only at deploy time."""
        entry = self.resolved.get(logical_id)
        if entry is None:
            raise Unresolved(f"{logical_id} is not in kumo resolve's output")
        if entry.get("created") is False:
            raise Unresolved(f"{logical_id} is not created (condition {entry.get('condition')})")
        unknown = [p for p in entry.get("unknown", []) if is_under(p, name)]
        if unknown:
            raise Unresolved(f"{', '.join(unknown)} known only at deploy time")
        return entry.get("properties", {}).get(name, default)


def intended(kumo, clients, stack_name, template_file, template, parameters, work_dir):
    """The Intended values of a deployed stack (`clients(service)` in its region); `work_dir` receives the
    physical IDs."""
    ids_dir = os.path.join(work_dir, "physical-ids")
    physical = write_physical_ids(ids_dir, clients("cloudformation"), clients("eks"), stack_name)
    return Intended(template, run_resolve(kumo, template_file, stack_name, ids_dir, parameters), physical)
