"""CloudFormation's update semantics that moto's CloudFormation lacks: a resource removed with DeletionPolicy Retain
is left in place (DELETE_SKIPPED); a change of DeletionPolicy, UpdateReplacePolicy or Metadata alone updates
nothing; a role's trust policy and managed policies are updated in place, a new RoleName (or Path) replaces the role
(the old one kept under UpdateReplacePolicy Retain); deleting a role detaches its managed policies first."""
import json

from ..shims import iam_backend

RETAIN = ("Retain", "RetainExceptOnCreate")
POLICY_KEYS = ("DeletionPolicy", "UpdateReplacePolicy", "Metadata")


def without_policies(entry):
    """A resource entry without the attributes whose change alone updates nothing."""
    return {k: v for k, v in entry.items() if k not in POLICY_KEYS}


def effective_diff(diff, old, new):
    """moto's resource diff with policy-only modifications dropped and retained removals kept out; returns the
    retained logical IDs."""
    diff["Modify"] = [name for name in diff["Modify"] if without_policies(old[name]) != without_policies(new[name])]
    retained = [name for name in diff["Remove"] if old[name].get("DeletionPolicy") in RETAIN]
    diff["Remove"] = [name for name in diff["Remove"] if name not in retained]
    return retained


def replaces_role(role, properties):
    name = properties.get("RoleName")
    return bool(name and name != role.name) or properties.get("Path", "/") != role.path


def role_updater(create_role):
    """Role.update_from_cloudformation_json as CloudFormation updates a role."""

    def update_role(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        properties = cloudformation_json.get("Properties") or {}
        backend = iam_backend(account_id, region_name)
        if replaces_role(original_resource, properties):
            role = create_role(cls, properties.get("RoleName") or new_resource_name, cloudformation_json, account_id,
                               region_name)
            if cloudformation_json.get("UpdateReplacePolicy") not in RETAIN:
                for arn in list(original_resource.managed_policies):
                    backend.detach_role_policy(arn, original_resource.name)
                backend.delete_role(original_resource.name)
            return role
        trust = properties.get("AssumeRolePolicyDocument")
        backend.update_assume_role_policy(original_resource.name, trust if isinstance(trust, str) else json.dumps(trust))
        wanted, current = set(properties.get("ManagedPolicyArns") or []), set(original_resource.managed_policies)
        for arn in wanted - current:
            backend.attach_role_policy(arn, original_resource.name)
        for arn in current - wanted:
            backend.detach_role_policy(arn, original_resource.name)
        return original_resource

    return update_role


def role_deleter(delete_role):
    """Role.delete_from_cloudformation_json that detaches the role's managed policies first."""

    def delete_role_detached(cls, resource_name, cloudformation_json, account_id, region_name):
        backend = iam_backend(account_id, region_name)
        role = next((r for r in backend.roles.values() if r.name == resource_name), None)
        for arn in list(role.managed_policies) if role else []:
            backend.detach_role_policy(arn, resource_name)
        delete_role(cls, resource_name, cloudformation_json, account_id, region_name)

    return delete_role_detached


def with_retries(names, attempt, tries):
    """Calls `attempt(name)` for each of `names` until all succeed or `tries` rounds are done (resources depend on
    each other in an order moto does not know); raises the last error of what is left."""
    left, last = list(names), None
    for _ in range(tries - 1):
        if not left:
            return
        for name in list(left):
            try:
                attempt(name)
            except Exception as error:
                last = error
            else:
                left.remove(name)
    if left:
        raise last


def update_resource_map(parsing):
    """moto's ResourceMap.update, with CloudFormation's Retain on removal and policy-only changes."""

    def update(self, template, parameters=None):
        diff = self.build_resource_diff(template, parameters)
        old, new = self._resource_json_map, template["Resources"]
        for name in effective_diff(diff, old, new):
            self._parsed_resources.pop(name, None)

        def remove(name):
            if name in self._parsed_resources:
                self._delete_resource(self._parsed_resources[name], old[name])
                self._parsed_resources.pop(name, None)

        with_retries(diff["Remove"], remove, parsing.MAX_UPDATE_ATTEMPTS)
        self._template = template
        if parameters:
            self.input_parameters = parameters
        self.load_mapping()
        self.load_parameters()
        self.load_conditions()
        self._resource_json_map = new
        for name in diff["Add"]:
            _ = self[name]

        def modify(name):
            changed = parsing.parse_and_update_resource(name, new[name], self, account_id=self._account_id,
                                                        region_name=self._region_name)
            if changed is not None:
                self._parsed_resources[name] = changed

        with_retries(diff["Modify"], modify, parsing.MAX_UPDATE_ATTEMPTS)

    return update


def teach_updates(patches):
    """Installs the update semantics into moto (undone by `patches.undo()`)."""
    from moto.cloudformation import parsing
    from moto.iam.models import Role
    patches.replace(Role, "update_from_cloudformation_json",
                    classmethod(role_updater(Role.create_from_cloudformation_json.__func__)))
    patches.replace(Role, "delete_from_cloudformation_json",
                    classmethod(role_deleter(Role.delete_from_cloudformation_json.__func__)))
    patches.replace(parsing.ResourceMap, "update", update_resource_map(parsing))
