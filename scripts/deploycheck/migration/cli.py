"""scripts/deploy-check-migration's command line.

Runs a `kumo migrate` plan against a local moto server: the deployed CDK stack is created first, the plan is
written from moto's own describe-stack-resources and describe-cluster output (as the runbook says), and each
update step is deployed in order, with what IAM, EKS and CloudFormation return read back after every step.

    scripts/deploy-check-migration DEPLOYED_ASSEMBLY TARGET_ASSEMBLY [--kumo PATH] [--self-test] [--timeout S]

Reuses deploy-check (loopback-only moto server, dummy credentials, its shims for native types and its read-back
comparison) and teaches moto what the migration needs beyond it:

- CDK's custom resources: the cluster (a moto EKS cluster, created at the version Kumo's template states: EKS has
  auto-upgraded the real one since CDK created it), the OIDC providers (real IAM OIDC providers), CfnJson (its Value
  parsed), kubectl manifests and Helm charts (inert); nested stacks and Lambda functions are inert (their code and
  templates live in CDK's asset bucket).
- CloudFormation's update semantics that moto's CloudFormation lacks: a resource removed with DeletionPolicy Retain
  is left in place (DELETE_SKIPPED); a change of DeletionPolicy, UpdateReplacePolicy or Metadata alone updates
  nothing; a role's trust policy and managed policies are updated in place, and a new RoleName replaces the role
  (the old one kept under UpdateReplacePolicy Retain); types moto cannot update keep their physical resource.
- Resource import, which moto does not implement (an IMPORT change set creates a new stack there): the import step
  is deployed as an update in which the native EKS cluster and OIDC providers adopt the existing ones by name/URL.

Checks after each step: the stack is UPDATE_COMPLETE; every role, managed policy, OIDC provider, ECR repository and
EKS cluster is what the step's template defines (deploy-check's comparison); before converge, every role of the
deployed stack that still exists has exactly its trust, managed and inline policies of before, the plumbing roles
the plan deletes are gone, a replaced role's new role grants what the old one did, and the retained cluster and
OIDC providers still exist (and are adopted, with the same physical IDs, by the import step). The delete-replaced-
roles step is run (the old role must have no policy left); the other command steps (kubectl, drift detection) are
listed, not run. With --self-test, two mutated plans must be caught.

Exit 0 when every step deployed as planned, 1 on a failure or mismatch, 2 when the harness cannot run.
"""
import argparse
import os
import sys
import time

from ..assembly import HarnessError
from ..cli import preflight

SCRIPTS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_KUMO = os.path.join(SCRIPTS, "..", ".build", "debug", "kumo")


def parser():
    p = argparse.ArgumentParser(prog="deploy-check-migration", description=__doc__.split("\n", 2)[2],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("deployed", help="the deployed stack's cloud assembly (cdk.out.sample)")
    p.add_argument("target", help="Kumo's assembly (kumo synth's output)")
    p.add_argument("--kumo", default=DEFAULT_KUMO, help="the kumo binary")
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--self-test", action="store_true", help="also run mutated plans, which must be caught")
    return p


def self_test(run):
    """Runs each mutated plan (`run(mutation)` -> problems); returns the self-test problems."""
    from ..selftest import judge
    from .selftest import MUTATIONS
    problems = []
    for mutation in MUTATIONS:
        judge(mutation, run(mutation), problems, print)
    return problems


def main(argv=None):
    from .run import run_migration
    arguments = parser().parse_args(argv)
    started = time.time()
    if preflight("deploy-check-migration", arguments.kumo):
        return 2
    run = lambda mutate=None, quiet=False: run_migration(arguments.deployed, arguments.target, arguments.kumo,
                                                         arguments.timeout, mutate=mutate, quiet=quiet)
    try:
        problems = run()
        if arguments.self_test and not problems:
            problems += self_test(lambda mutation: run(mutation, quiet=True))
    except HarnessError as error:
        print(f"deploy-check-migration: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"PROBLEM  {problem}", file=sys.stderr)
    elapsed = time.time() - started
    if problems:
        print(f"deploy-check-migration: FAIL: {len(problems)} problem(s) ({elapsed:.1f} s)", file=sys.stderr)
        return 1
    print(f"deploy-check-migration: PASS: every update step of the plan deployed in moto; IAM unchanged before converge, "
          f"Kumo's template read back after it{'; every mutation caught' if arguments.self_test else ''} ({elapsed:.1f} s)")
    return 0
