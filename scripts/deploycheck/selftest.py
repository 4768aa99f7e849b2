"""Mutations of a good assembly that the harness must catch (--self-test): each is applied to a copy of the
assembly's templates, which is then deployed; the run must report a problem with the expected fragment."""
import os
import shutil
import tempfile
from dataclasses import dataclass

from .assembly import read_assembly


@dataclass
class Mutation:
    what: str
    edit: object  # template text -> mutated text
    expected: str  # a fragment of the failure or mismatch that must be reported


MUTATIONS = [
    Mutation("an IRSA condition key on another issuer",
             lambda t: t.replace('${Issuer}:sub', 'oidc.eks.us-east-1.amazonaws.com/id/OTHER:sub', 1),
             "does not name the provider's issuer"),
    Mutation("a trust document that is not JSON once substituted",
             lambda t: t.replace('\\"Version\\":\\"2012-10-17\\"}', '\\"Version\\":\\"2012-10-17\\"', 1),
             "not JSON once resolved"),
    Mutation("a managed policy ARN that names no policy",
             lambda t: t.replace(':iam::aws:policy/AmazonEKSClusterPolicy', ':iam::aws:policy/NoSuchPolicy', 1),
             "NoSuchPolicy"),
]


def mutate_copy(directory, target, edit):
    """Copies the assembly in `directory` to `target` with `edit` applied to each template; whether it changed any."""
    shutil.copytree(directory, target)
    changed = False
    for stack in read_assembly(target):
        mutated = edit(stack.body)
        if mutated != stack.body:
            changed = True
            with open(stack.file, "w") as f:
                f.write(mutated)
    return changed


def verdict(mutation, problems):
    """(caught message, None) when a problem names the expected fragment, else (None, the self-test problem)."""
    caught = next((p for p in problems if mutation.expected in p), None)
    if caught:
        return caught, None
    return None, f"self-test '{mutation.what}': expected a failure mentioning '{mutation.expected}', got {problems or 'none'}"


def judge(mutation, found, problems, say):
    """Says that `mutation` was caught, or adds the self-test problem to `problems`."""
    caught, problem = verdict(mutation, found)
    if caught:
        say(f"  self-test: {mutation.what}: caught ({caught[:160]})")
    else:
        problems.append(problem)


def self_test(directory, run_check, mutations=MUTATIONS, say=print):
    """Runs `run_check(copy)` (-> problem messages) on a mutated copy per mutation; returns the self-test problems."""
    problems = []
    for mutation in mutations:
        with tempfile.TemporaryDirectory(prefix="kumo-deploy-check-self-test-") as copy:
            target = os.path.join(copy, "assembly")
            if not mutate_copy(directory, target, mutation.edit):
                problems.append(f"self-test '{mutation.what}': the mutation does not apply to this assembly")
                continue
            judge(mutation, run_check(target), problems, say)
    return problems
