"""Mutated plans that deploy-check-migration must catch (--self-test): each edits a step template of the plan that
kumo migrate wrote, before the steps are deployed."""
import json
import os
from dataclasses import dataclass


@dataclass
class PlanMutation:
    what: str
    file: str  # the step template it edits
    edit: object  # text -> text
    expected: str  # a fragment of the problem that must be reported

    def __call__(self, plan_dir):
        rewrite(plan_dir, self.file, self.edit)


def rewrite(plan_dir, file, edit):
    path = os.path.join(plan_dir, file)
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(edit(text))


def drop_cluster_retain(text):
    """The CDK cluster's custom resource with DeletionPolicy and UpdateReplacePolicy Delete."""
    template = json.loads(text)
    for resource in template["Resources"].values():
        if resource["Type"] == "Custom::AWSCDK-EKS-Cluster":
            resource["DeletionPolicy"] = resource["UpdateReplacePolicy"] = "Delete"
    return json.dumps(template, indent=1)


def other_issuer(text):
    """The first IRSA trust condition on another issuer."""
    return text.replace("oidc.eks.", "oidc.eks.other-", 1)


MUTATIONS = [
    PlanMutation("an IRSA trust condition on another issuer in the orphan step", "02-orphan.template.json",
                 other_issuer, "does not name the provider's issuer"),
    PlanMutation("the cluster's custom resource without Retain in the retain step", "01-retain.template.json",
                 drop_cluster_retain, "no longer exists"),
]
