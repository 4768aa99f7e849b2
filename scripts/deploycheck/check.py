"""One assembly deployed into a fresh moto server and compared with its templates: the harness's run."""
import json
import os
import shutil
import sys
import tempfile

from . import compare, deploy, offline, readback, server
from .intended import ResolveError, intended
from .assembly import parameter_values, read_assembly, single_account
from .shims import handled_by

INLINE_TEMPLATE_LIMIT = 51200  # bytes CloudFormation takes as TemplateBody (CreateStack API reference)


class Run:
    """The outcome of deploying an assembly: failed stacks, the comparisons' report, the server log's path."""

    def __init__(self):
        self.failures = []
        self.report = compare.Report()
        self.stacks = {}
        self.log = None

    @property
    def mismatches(self):
        return self.report.mismatches

    @property
    def problems(self):
        return self.failures + self.mismatches


def types_by_handling(template):
    """"shim" / "moto" / "placeholder" -> the template's resource types deployed that way (one entry per resource)."""
    types = {}
    for resource in (template.get("Resources") or {}).values():
        types.setdefault(handled_by(resource.get("Type", "")), []).append(resource.get("Type"))
    return types


def stack_lines(stack, region, status, types):
    """What the summary says of one deployed stack."""
    summary = ", ".join(f"{len(v)} {k}" for k, v in sorted(types.items()))
    lines = [f"  {stack.name} ({region}): {status}  {sum(map(len, types.values()))} resources ({summary})"]
    if types.get("shim"):
        lines.append(f"    shims: {', '.join(sorted(set(types['shim'])))}")
    if types.get("placeholder"):
        lines.append(f"    placeholders (not modelled by moto): {', '.join(sorted(set(types['placeholder'])))}")
    size = len(stack.body.encode())
    if size > INLINE_TEMPLATE_LIMIT:
        lines.append(f"    note: the template is {size} bytes; CloudFormation takes at most 51,200 inline "
                     f"(aws cloudformation deploy then needs --s3-bucket)")
    return lines


def summary_lines(report):
    compared = ", ".join(f"{n} {what}" for what, n in report.compared.items())
    lines = [f"  compared through the AWS API: {compared or 'nothing'}"]
    for cluster, issuer in report.clusters.items():
        lines.append(f"  EKS cluster {cluster}: issuer {issuer}, substituted in {len(report.issuer_substituted)} "
                     f"trust condition key(s)")
    lines += [f"  skipped (not computable here): {skipped}" for skipped in report.skipped]
    return lines


def deploy_stack(run, stack, clients, given, timeout, say, kumo, work):
    """Creates one stack and, once it is CREATE_COMPLETE, compares it with what `kumo resolve` says it intends."""
    region = stack.region or "us-east-1"
    client = clients.in_region(region)
    values = parameter_values(stack.template, given)
    status, reason = deploy.create(client("cloudformation"), stack.name, stack.body, values, timeout)
    types = types_by_handling(stack.template)
    run.stacks[stack.name] = {"status": status, "reason": reason, "region": region,
                              "handled": {k: sorted(set(v)) for k, v in types.items()}}
    for line in stack_lines(stack, region, status, types):
        say(line)
    if status != "CREATE_COMPLETE":
        run.failures.append(f"{stack.name}: {status}: {reason or ''}")
        return
    try:
        wanted = intended(kumo, client, stack.name, stack.file, stack.template, values, os.path.join(work, stack.name))
    except ResolveError as error:
        run.report.mismatches.append(f"{stack.name}: kumo resolve rejects the template with the deployed physical IDs: {error}")
        return
    compare.compare(stack.name, wanted, client, run.report)


def write_json(run, path):
    r = run.report
    document = {"stacks": run.stacks, "compared": r.compared, "skipped": r.skipped,
                "issuer_substituted": sorted(r.issuer_substituted), "clusters": r.clusters}
    with open(path, "w") as f:
        json.dump(document, f, indent=2, sort_keys=True)


def check_assembly(directory, given, timeout, kumo, json_file=None, quiet=False):
    """Deploys and compares one assembly (`kumo`: the kumo binary that resolves its templates); returns its Run.
    Raises HarnessError when it cannot run."""
    import moto
    say = (lambda text: None) if quiet else print
    stacks = read_assembly(directory)
    account = single_account(stacks)
    offline.go_offline(account)
    run = Run()
    log = tempfile.NamedTemporaryFile("w+", prefix="kumo-deploy-check-", suffix=".log", delete=False)
    process, port = server.start(log, account)
    work = tempfile.mkdtemp(prefix="kumo-deploy-check-")
    try:
        clients = readback.Clients(f"http://127.0.0.1:{port}")
        say(f"deploy-check: moto {moto.__version__} server (pid {process.pid}) on 127.0.0.1:{port}; "
            f"{len(stacks)} stack(s) from {directory}")
        for stack in stacks:
            deploy_stack(run, stack, clients, given, timeout, say, kumo, work)
        for line in summary_lines(run.report):
            say(line)
        if json_file:
            write_json(run, json_file)
    finally:
        server.stop(process)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    if run.problems:
        run.log = log.name
        if not quiet:
            print(f"  server log: {log.name}", file=sys.stderr)
    else:
        os.unlink(log.name)
    return run
