"""scripts/deploy-check's command line.

Deploys a cloud assembly into a local moto server and checks, through the AWS API, that what got created is
what the templates define.

    scripts/deploy-check ASSEMBLY_DIR [--json FILE] [--param KEY=VALUE]... [--timeout SECONDS] [--self-test]
                                      [--kumo PATH]

1. Starts moto's server (moto.server, what `moto_server` runs) on 127.0.0.1, on a free port, with dummy
   credentials and AWS_EC2_METADATA_DISABLED=true. Both this process and the server refuse every connection
   that is not to a loopback address (botocore inside moto would otherwise probe the EC2 metadata address).
2. Teaches moto's CloudFormation the types it lacks: AWS::EKS::Cluster (a real moto EKS cluster, so that
   GetAtt OpenIdConnectIssuerUrl gives its fake issuer https://oidc.eks.<region>.amazonaws.com/id/<random>) and
   AWS::IAM::OIDCProvider (a real IAM OIDC provider, Ref = its ARN); every other type moto lacks
   (EKS::Nodegroup/AccessEntry, RDS::DBCluster, SecretsManager, ACM, ...) becomes an inert placeholder (Ref = a
   name, GetAtt X.Arn = an ARN, other attributes "<name>.<attribute>"). It also applies properties moto's
   CloudFormation ignores, as CloudFormation would: a role's ManagedPolicyArns (attached through IAM, which
   fails for an ARN that names no policy), an ECR repository's LifecyclePolicy and ImageScanningConfiguration.
3. Creates one stack per template of the assembly (manifest order), with placeholder values for parameters
   without defaults (or --param), and waits for CREATE_COMPLETE.
4. Reads back through boto3 every IAM role (trust policy, path, attached managed policies, inline policies),
   managed policy (path, document), OIDC provider (URL, client IDs, thumbprints), ECR repository (scan on push,
   tag mutability, lifecycle policy), EKS cluster (version, role), SQS queue (timeouts, retention, redrive
   policy) and queue policy, S3 bucket (queue notifications) and bucket policy, and compares each with the template's
   intended value, which `kumo resolve --physical-ids` computes from the stack's describe-stack-resources and
   describe-cluster output, independently of moto's resolution (Ref/GetAtt of the deployed resources, Fn::Sub,
   Fn::Join, Fn::Select, Fn::Split, ...): trust policies written as Fn::Sub strings must be JSON once the
   cluster's issuer is substituted, and their condition keys must name the deployed provider's issuer.
5. With --self-test, deploys mutated copies of the assembly (a condition key on another issuer, a trust document
   that is not JSON once substituted, a managed policy ARN naming no policy): each must be caught.

Prints a summary; exit 0 when everything matches, 1 on any failed stack or mismatch, 2 when the harness itself
cannot run (missing moto or kumo binary, unreadable assembly).
"""
import argparse
import os
import sys
import time

from . import offline
from .assembly import HarnessError

SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_KUMO = os.path.join(SCRIPTS, "..", ".build", "debug", "kumo")


def parser():
    p = argparse.ArgumentParser(prog="deploy-check", description=__doc__.split("\n", 2)[2],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("assembly", help="a cloud assembly directory (kumo synth's output)")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="a stack parameter value")
    p.add_argument("--json", metavar="FILE", help="also write what was read back, as JSON")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for each stack (default 120)")
    p.add_argument("--self-test", action="store_true",
                   help="also deploy mutated copies of the assembly, which the harness must reject")
    p.add_argument("--kumo", default=DEFAULT_KUMO,
                   help="the kumo binary that resolves the templates (kumo resolve; default .build/debug/kumo)")
    return p


def parameters(pairs):
    """--param KEY=VALUE pairs as a dict; a pair without '=' is a usage error."""
    bad = [p for p in pairs if "=" not in p]
    if bad:
        raise HarnessError(f"--param {bad[0]}: expected KEY=VALUE")
    return dict(p.split("=", 1) for p in pairs)


def missing_tools():
    """The name of a module the harness needs that is not installed, or None."""
    try:
        import boto3  # noqa: F401
        import moto  # noqa: F401
    except ImportError as error:
        return error.name
    return None


def preflight(program, kumo):
    """Loopback only from here on; the reason the harness cannot run (printed, for exit 2), or None."""
    offline.allow_loopback_only()
    missing = missing_tools()
    if missing:
        problem = f"{missing} is not installed (run scripts/ensure-python-tools)"
    elif not os.access(kumo, os.X_OK):
        problem = f"no kumo binary at {kumo} (swift build, or --kumo PATH)"
    else:
        return None
    print(f"{program}: {problem}", file=sys.stderr)
    return problem


def main(argv=None):
    from .check import check_assembly
    from .selftest import self_test
    arguments = parser().parse_args(argv)
    started = time.time()
    if preflight("deploy-check", arguments.kumo):
        return 2
    try:
        given = parameters(arguments.param)
        run = check_assembly(arguments.assembly, given, arguments.timeout, arguments.kumo, arguments.json)
        problems = []
        if arguments.self_test and not run.problems:
            problems = self_test(arguments.assembly, lambda copy: check_assembly(
                copy, given, arguments.timeout, arguments.kumo, quiet=True).problems)
    except HarnessError as error:
        print(f"deploy-check: {error}", file=sys.stderr)
        return 2
    for failure in run.failures:
        print(f"FAILED  {failure}", file=sys.stderr)
    for mismatch in run.mismatches:
        print(f"MISMATCH  {mismatch}", file=sys.stderr)
    for problem in problems:
        print(f"SELF-TEST  {problem}", file=sys.stderr)
    elapsed = time.time() - started
    if run.problems or problems:
        print(f"deploy-check: FAIL: {len(run.failures)} failed stack(s), {len(run.mismatches)} mismatch(es), "
              f"{len(problems)} self-test problem(s) ({elapsed:.1f} s)", file=sys.stderr)
        return 1
    print(f"deploy-check: PASS: every stack created; every role, managed policy, OIDC provider, ECR repository and "
          f"EKS cluster as the templates define{'; every mutation caught' if arguments.self_test else ''} ({elapsed:.1f} s)")
    return 0
