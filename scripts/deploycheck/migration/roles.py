"""IAM snapshots, and what must hold of the deployed stack's roles before converge: each grants exactly what it
did, or was deleted as plumbing the plan removes; a new role grants what an old one did (a replacement)."""
from ..documents import normalized
from .updates import RETAIN


def snapshot(iam):
    """Every role: name -> (trust, managed policy ARNs, inline policies), documents as comparable text."""
    roles = {}
    for role in iam.get_paginator("list_roles").paginate().build_full_result()["Roles"]:
        name = role["RoleName"]
        attached = sorted(p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"])
        inline = {n: normalized(iam.get_role_policy(RoleName=name, PolicyName=n)["PolicyDocument"])
                  for n in iam.list_role_policies(RoleName=name)["PolicyNames"]}
        roles[name] = (normalized(role["AssumeRolePolicyDocument"]), attached, inline)
    return roles


def roles_unchanged(step, before, roles, deployed_ids, deployed, template, previous):
    """Problems of a step before converge. `before`/`roles`: snapshots before the migration and now; `deployed_ids`:
    the deployed stack's physical IDs; `deployed`, `template`, `previous`: the deployed template, this step's and
    the one before."""
    problems = []
    by_name = {deployed_ids[i]: i for i, r in deployed["Resources"].items()
               if r["Type"] == "AWS::IAM::Role" and i in deployed_ids}
    for name, grants in before.items():
        logical_id = by_name.get(name)
        if name in roles:
            if roles[name] != grants:
                problems.append(f"{step}: role {name} ({logical_id}) grants something else than before the migration")
        elif logical_id and logical_id in template["Resources"]:
            problems.append(f"{step}: role {name} ({logical_id}) is gone, but the template still has it")
        elif logical_id and (previous["Resources"].get(logical_id) or {}).get("DeletionPolicy") in RETAIN:
            problems.append(f"{step}: role {name} ({logical_id}) was retained, but it is gone")
    for name, grants in roles.items():
        if name in before:
            continue
        if not any(g[0] == grants[0] and g[2] == grants[2] for g in before.values()):
            problems.append(f"{step}: a new role {name} that grants what no role of the deployed stack did")
    return problems


def policies_left(iam, role):
    """The inline policy names and attached policy ARNs a role still has."""
    return (iam.list_role_policies(RoleName=role)["PolicyNames"]
            + [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]])
