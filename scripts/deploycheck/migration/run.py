"""A migration plan run in moto: the deployed (CDK) stack created, the plan written by `kumo migrate` from moto's own
describe-stack-resources and describe-cluster output (as the runbook says), then each step in order: update and
import steps deployed as change sets and read back, the delete-replaced-roles command run."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from .. import compare, deploy, offline, readback, server
from ..intended import ResolveError, intended, write_physical_ids
from ..assembly import parameter_values, read_assembly
from . import roles
from .shims import VERSION_VARIABLE

DELETE_ROLE = "aws iam delete-role --role-name "
SSM_VALUE_TYPE = "AWS::SSM::Parameter::Value"


class Failure(Exception):
    """The run cannot go on (the deployed stack failed, kumo migrate failed)."""


def target_cluster_version(target):
    """The EKS version Kumo's template states (the CDK cluster is created at it: EKS upgraded the real one)."""
    return next((r["Properties"].get("Version") for r in target.template["Resources"].values()
                 if r["Type"] == "AWS::EKS::Cluster"), None)


def put_ssm_defaults(ssm, template):
    """The SSM parameters that parameter defaults name (CDK's bootstrap version), so that the stack deploys."""
    for parameter in (template.get("Parameters") or {}).values():
        default = parameter.get("Default", "")
        if parameter.get("Type", "").startswith(SSM_VALUE_TYPE) and default.startswith("/"):
            ssm.put_parameter(Name=default, Value="14", Type="String")


def stack_resources(cloudformation, name):
    """Logical ID -> physical ID (describe-stack-resources)."""
    return {r["LogicalResourceId"]: r.get("PhysicalResourceId")
            for r in cloudformation.describe_stack_resources(StackName=name)["StackResources"]}


def write_plan(kumo, deployed_dir, target_dir, ids_dir, plans, name):
    """Runs kumo migrate; returns (plan directory, plan.json)."""
    result = subprocess.run([kumo, "migrate", "--from", deployed_dir, "--to", target_dir, "--physical-ids", ids_dir,
                             "-o", plans], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"kumo migrate exited {result.returncode} on moto's physical IDs:\n"
                      f"{result.stdout[-3000:]}{result.stderr}")
    plan_dir = os.path.join(plans, name)
    with open(os.path.join(plan_dir, "plan.json")) as f:
        return plan_dir, json.load(f)


class Migration:
    """One run: the server's clients, the deployed stack, and the problems found so far."""

    def __init__(self, client, stack, timeout, say, kumo, work):
        self.client, self.stack, self.timeout, self.say, self.kumo, self.work = client, stack, timeout, say, kumo, work
        self.name, self.account = stack.name, stack.account
        self.region = stack.region or "us-east-1"
        self.problems = []
        self.before = self.deployed_ids = self.clusters = None

    def deploy_deployed_stack(self):
        put_ssm_defaults(self.client("ssm"), self.stack.template)
        values = parameter_values(self.stack.template, {})
        status, reason = deploy.create(self.client("cloudformation"), self.name, self.stack.body, values, self.timeout)
        if status != "CREATE_COMPLETE":
            raise Failure(f"the deployed stack: {status}: {reason}")
        self.say(f"  deployed (CDK's template): {status}, {len(self.stack.template['Resources'])} resources")
        self.before = roles.snapshot(self.client("iam"))
        self.deployed_ids = stack_resources(self.client("cloudformation"), self.name)
        self.clusters = self.client("eks").list_clusters()["clusters"]

    def run_command_step(self, step):
        if step["name"] != "delete-replaced-roles":
            self.say(f"  {step['name']}: command step, not run here (kubectl, drift detection, snapshots)")
            return
        iam = self.client("iam")
        for command in step["commands"]:
            if command.startswith(DELETE_ROLE):
                role = command.split()[-1]
                left = roles.policies_left(iam, role)
                if left:
                    self.problems.append(f"{step['name']}: the old role {role} still has policies {left}")
                iam.delete_role(RoleName=role)
        self.say(f"  {step['name']}: run (the old roles had no policy left, and are deleted)")

    def check_clusters_exist(self, step):
        for cluster in self.clusters:
            try:
                self.client("eks").describe_cluster(name=cluster)
            except Exception:
                self.problems.append(f"{step['name']}: the EKS cluster {cluster} no longer exists")

    def check_adoption(self, step, template, previous):
        """An import step's new resources have the deployed resources' physical IDs."""
        if step["kind"] != "import":
            return
        now = stack_resources(self.client("cloudformation"), self.name)
        for logical_id in template["Resources"]:
            if (logical_id in self.deployed_ids and logical_id in now and logical_id not in previous["Resources"]
                    and now[logical_id] != self.deployed_ids[logical_id]):
                self.problems.append(f"{step['name']}: {logical_id} was imported as {now[logical_id]}, not the "
                                     f"existing {self.deployed_ids[logical_id]}")

    def read_back(self, step, template, path):
        """deploy-check's comparison of the step's template (`path`), resolved by kumo; returns the report."""
        report = compare.Report()
        try:
            wanted = intended(self.kumo, self.client, self.name, path, template, {}, os.path.join(self.work, step["name"]))
        except ResolveError as error:
            self.problems.append(f"{step['name']}: kumo resolve rejects the step template with the deployed physical IDs: {error}")
            return report
        self.problems += [f"{step['name']}: {m}" for m in compare.compare(self.name, wanted, self.client, report)]
        return report

    def run_update_step(self, step, plan_dir, previous, last):
        """Deploys one update or import step and checks it; returns its template, or None when it failed."""
        path = os.path.join(plan_dir, step["template"])
        with open(path) as f:
            body = f.read()
        template = json.loads(body)
        status, reason = deploy.update(self.client("cloudformation"), self.name, body, f"kumo-{step['name']}",
                                       self.timeout)
        if status != "UPDATE_COMPLETE":
            self.problems.append(f"{step['name']}: {status}: {reason}")
            return None
        report = self.read_back(step, template, path)
        if step["name"] != last:
            self.problems += roles.roles_unchanged(step["name"], self.before, roles.snapshot(self.client("iam")),
                                                   self.deployed_ids, self.stack.template, template, previous)
        self.check_clusters_exist(step)
        self.check_adoption(step, template, previous)
        self.say(step_line(step, status, report))
        return template

    def run_steps(self, plan, plan_dir):
        last = [s for s in plan["steps"] if s["kind"] != "command"][-1]["name"]
        previous = self.stack.template
        for step in plan["steps"]:
            if step["kind"] == "command":
                self.run_command_step(step)
                continue
            previous = self.run_update_step(step, plan_dir, previous, last)
            if previous is None:
                return


def step_line(step, status, report):
    how = ("as an update that adopts the existing resources (moto has no resource import)" if step["kind"] == "import"
           else "as an update")
    compared = ", ".join(f"{n} {what}" for what, n in report.compared.items())
    skipped = ""
    if report.skipped:
        kinds = sorted({s.split(": ")[1] for s in report.skipped})
        skipped = f"; not computable here: {len(report.skipped)} ({', '.join(kinds)})"
    return f"  {step['name']}: {status} ({how}); read back {compared}{skipped}"


def run_migration(deployed_dir, target_dir, kumo, timeout, mutate=None, quiet=False):
    """Deploys the deployed assembly, plans the migration with kumo, runs its steps; returns problem messages."""
    say = (lambda text: None) if quiet else print
    stack, target = read_assembly(deployed_dir)[0], read_assembly(target_dir)[0]
    offline.go_offline(stack.account)
    log = tempfile.NamedTemporaryFile("w+", prefix="kumo-deploy-check-migration-", suffix=".log", delete=False)
    process, port = server.start(log, stack.account, profile="migration",
                                 extra_env={VERSION_VARIABLE: target_cluster_version(target) or ""})
    clients = readback.Clients(f"http://127.0.0.1:{port}", read_timeout=300)
    work = tempfile.mkdtemp(prefix="kumo-deploy-check-migration-")
    migration = Migration(clients.in_region(stack.region or "us-east-1"), stack, timeout, say, kumo, work)
    try:
        say(f"deploy-check-migration: moto server (pid {process.pid}) on 127.0.0.1:{port}; {stack.name} from {deployed_dir}")
        migration.deploy_deployed_stack()
        ids_dir = os.path.join(work, "physical-ids")
        write_physical_ids(ids_dir, migration.client("cloudformation"), migration.client("eks"), stack.name)
        plan_dir, plan = write_plan(kumo, deployed_dir, target_dir, ids_dir, os.path.join(work, "plan"), stack.name)
        say(f"  kumo migrate wrote {len(plan['steps'])} steps from moto's describe-stack-resources and describe-cluster output; verified")
        if mutate:
            mutate(plan_dir)
        migration.run_steps(plan, plan_dir)
    except Failure as failure:
        migration.problems.append(str(failure))
    finally:
        server.stop(process)
        log.close()
    if migration.problems:
        if not quiet:
            print(f"  server log: {log.name}; the plan and physical IDs: {work}", file=sys.stderr)
    else:
        os.unlink(log.name)
        shutil.rmtree(work, ignore_errors=True)
    return migration.problems
