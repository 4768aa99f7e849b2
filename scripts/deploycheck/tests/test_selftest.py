import json
import os

import pytest

from deploycheck import selftest
from deploycheck.migration import selftest as migration_selftest
from test_assembly import stack_artifact, write_assembly

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# A synthesized Kumo template of the bundled stack (the fuzz corpus keeps one).
KUMO_TEMPLATE = os.path.join(ROOT, "Fuzz", "corpus", "kumo-MyEKSStack.json")


@pytest.mark.parametrize("mutation", selftest.MUTATIONS, ids=lambda m: m.what)
def test_each_mutation_applies_to_kumos_template(mutation):
    with open(KUMO_TEMPLATE) as f:
        text = f.read()
    assert mutation.edit(text) != text


def test_the_trust_mutation_leaves_a_document_that_is_not_json():
    with open(KUMO_TEMPLATE) as f:
        template = json.loads(selftest.MUTATIONS[1].edit(f.read()))
    texts = [r["Properties"]["AssumeRolePolicyDocument"]["Fn::Sub"][0] for r in template["Resources"].values()
             if r["Type"] == "AWS::IAM::Role" and "Fn::Sub" in r["Properties"]["AssumeRolePolicyDocument"]]
    broken = [t for t in texts if not is_json(t)]
    assert len(broken) == 1


def is_json(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


def assembly(tmp_path, text):
    return write_assembly(str(tmp_path / "a"), {"S": stack_artifact("S.template.json")}, {"S.template.json": text})


def test_a_caught_mutation_passes_and_a_missed_one_is_a_problem(tmp_path):
    directory = assembly(tmp_path, '{"Resources": {"R": {"Properties": {"Name": "old"}}}}')
    mutation = selftest.Mutation("a renamed resource", lambda t: t.replace("old", "new"), "name differs")
    seen, said = [], []

    def run_check(copy):
        with open(os.path.join(copy, "S.template.json")) as f:
            seen.append(f.read())
        return ["S: R: name differs"]

    assert selftest.self_test(directory, run_check, [mutation], say=said.append) == []
    assert seen == ['{"Resources": {"R": {"Properties": {"Name": "new"}}}}']
    assert said == ["  self-test: a renamed resource: caught (S: R: name differs)"]
    with open(os.path.join(directory, "S.template.json")) as f:
        assert "old" in f.read()  # the original is untouched
    problems = selftest.self_test(directory, lambda copy: ["S: something else"], [mutation], say=said.append)
    assert problems == ["self-test 'a renamed resource': expected a failure mentioning 'name differs', got ['S: something else']"]


def test_a_mutation_that_does_not_apply_is_a_problem(tmp_path):
    directory = assembly(tmp_path, '{"Resources": {}}')
    mutation = selftest.Mutation("nothing", lambda t: t.replace("absent", "x"), "x")
    assert selftest.self_test(directory, lambda copy: [], [mutation], say=print) == [
        "self-test 'nothing': the mutation does not apply to this assembly"]


def test_the_migration_mutations_edit_their_step_template(tmp_path):
    retain = {"Resources": {"C": {"Type": "Custom::AWSCDK-EKS-Cluster", "DeletionPolicy": "Retain",
                                  "UpdateReplacePolicy": "Retain"}, "R": {"Type": "AWS::IAM::Role"}}}
    (tmp_path / "01-retain.template.json").write_text(json.dumps(retain))
    (tmp_path / "02-orphan.template.json").write_text('{"k": "oidc.eks.ap-northeast-1.amazonaws.com/id/X:sub"}')
    issuer, cluster = migration_selftest.MUTATIONS
    issuer(str(tmp_path))
    cluster(str(tmp_path))
    assert (tmp_path / "02-orphan.template.json").read_text() == '{"k": "oidc.eks.other-ap-northeast-1.amazonaws.com/id/X:sub"}'
    edited = json.loads((tmp_path / "01-retain.template.json").read_text())
    assert edited["Resources"]["C"]["DeletionPolicy"] == edited["Resources"]["C"]["UpdateReplacePolicy"] == "Delete"
    assert "DeletionPolicy" not in edited["Resources"]["R"]


def test_the_issuer_mutation_is_what_the_comparison_reports():
    from deploycheck.compare import trust_issuer_problems
    provider = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.ap-northeast-1.amazonaws.com/id/ABC"
    mutated = selftest.MUTATIONS[0].edit('{"${Issuer}:sub": "system:serviceaccount:main:app"}')
    trust = {"Statement": [{"Principal": {"Federated": provider}, "Condition": {"StringEquals": json.loads(mutated)}}]}
    problems, _ = trust_issuer_problems(trust, {provider: {}})
    assert any(selftest.MUTATIONS[0].expected in p for p in problems), problems
