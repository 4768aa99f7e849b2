"""The comparison: pure rules on documents, and each resource type against moto's IAM, ECR and EKS in-process."""
import json

import pytest

from deploycheck import compare
from deploycheck.intended import Intended

ISSUER = "oidc.eks.ap-northeast-1.amazonaws.com/id/ABC"
PROVIDER = f"arn:aws:iam::123456789012:oidc-provider/{ISSUER}"


def irsa_trust(key_issuer=ISSUER, principal=PROVIDER):
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": principal},
        "Condition": {"StringEquals": {f"{key_issuer}:aud": "sts.amazonaws.com",
                                       f"{key_issuer}:sub": "system:serviceaccount:main:app"}}}]}


def test_condition_keys_must_name_the_providers_issuer():
    assert compare.trust_issuer_problems(irsa_trust(), {PROVIDER: {}}) == ([], [f"{ISSUER}:aud", f"{ISSUER}:sub"])
    problems, substituted = compare.trust_issuer_problems(irsa_trust(key_issuer="oidc.eks.us-east-1.amazonaws.com/id/X"),
                                                          {PROVIDER: {}})
    assert substituted == []
    assert problems == [f"condition key oidc.eks.us-east-1.amazonaws.com/id/X:aud does not name the provider's issuer {ISSUER}",
                        f"condition key oidc.eks.us-east-1.amazonaws.com/id/X:sub does not name the provider's issuer {ISSUER}"]


def test_an_oidc_principal_must_be_a_deployed_provider():
    problems, _ = compare.trust_issuer_problems(irsa_trust(), {})
    assert problems == [f"trusts {PROVIDER}, which is no deployed OIDC provider"]
    service = {"Statement": [{"Principal": {"Service": "eks.amazonaws.com"}}, {"Principal": "*"},
                             {"Principal": {"Federated": ["cognito-identity.amazonaws.com"]}}]}
    assert compare.trust_issuer_problems(service, {}) == ([], [])


def test_differ_names_the_stack_and_both_values():
    report = compare.Report()
    c = compare.Comparison("S", report)
    c.differ("role r path", "/a/", "/a/")
    c.differ("role r path", "/a/", "/b/")
    assert report.mismatches == ['S: role r path: expected "/a/", got "/b/"']
    c.skip("R", "GetAtt X.Y")
    assert report.skipped == ["S: R: GetAtt X.Y"]


def literal(template, unknown=None):
    """kumo resolve's entry for a template whose properties are literal already (`unknown`: id -> paths)."""
    return {"resources": {i: {"type": r["Type"], "properties": r.get("Properties", {}), "unknown": (unknown or {}).get(i, [])}
                          for i, r in template["Resources"].items()}}


def run(template, physical, clients, unknown=None):
    report = compare.Report()
    mismatches = compare.compare("S", Intended(template, literal(template, unknown), physical), clients, report)
    return mismatches, report


@pytest.fixture
def deployed_iam(aws):
    iam = aws("iam")
    iam.create_open_id_connect_provider(Url=f"https://{ISSUER}", ClientIDList=["sts.amazonaws.com"],
                                        ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])
    iam.create_role(RoleName="app", Path="/", AssumeRolePolicyDocument=json.dumps(irsa_trust()))
    policy = iam.create_policy(PolicyName="read", Path="/", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="app", PolicyArn=policy["Policy"]["Arn"])
    iam.put_role_policy(RoleName="app", PolicyName="inline", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}))
    return aws, policy["Policy"]["Arn"]


def iam_template(path="/", trust=None, inline_action="sqs:SendMessage", thumbprint="9e99a48a9960b14926bb7f3b02e22da2b0ab7280",
                 policy_arn="arn:aws:iam::123456789012:policy/read"):
    return {"Resources": {
        "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {
            "Url": f"https://{ISSUER}", "ClientIdList": ["sts.amazonaws.com"], "ThumbprintList": [thumbprint]}},
        "Read": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": "read", "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}},
        "App": {"Type": "AWS::IAM::Role", "Properties": {
            "RoleName": "app", "Path": path, "ManagedPolicyArns": [policy_arn],
            "AssumeRolePolicyDocument": json.dumps(irsa_trust()) if trust is None else trust}},
        "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "inline", "Roles": ["app"],
                                                              "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                                                                  {"Effect": "Allow", "Action": inline_action, "Resource": "*"}]}}},
    }}


def test_what_iam_returns_matches_the_template(deployed_iam):
    aws, policy_arn = deployed_iam
    mismatches, report = run(iam_template(), {"Provider": PROVIDER, "Read": policy_arn, "App": "app", "Inline": "x"}, aws)
    assert mismatches == []
    assert report.compared == {"OIDC providers": 1, "managed policies": 1, "roles": 1}
    assert report.issuer_substituted == {f"app: {ISSUER}:aud", f"app: {ISSUER}:sub"}


@pytest.mark.parametrize("change, fragment", [
    (dict(path="/ci/"), 'role app (App) path: expected "/ci/", got "/"'),
    (dict(inline_action="sqs:*"), "role app (App) inline policies"),
    (dict(thumbprint="0000000000000000000000000000000000000000"), "OIDC provider"),
    (dict(trust='{"Version": "2012-10-17"'), "the trust policy is not JSON once resolved"),
    (dict(trust={"Version": "2012-10-17", "Statement": []}), "role app (App) trust policy"),
])
def test_each_difference_is_a_mismatch(deployed_iam, change, fragment):
    aws, policy_arn = deployed_iam
    mismatches, _ = run(iam_template(**change), {"Provider": PROVIDER, "Read": policy_arn, "App": "app", "Inline": "x"}, aws)
    assert any(fragment in m for m in mismatches), mismatches


def test_a_provider_that_was_not_created(aws):
    template = {"Resources": {"P": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://x.example"}}}}
    mismatches, _ = run(template, {"P": "arn:aws:iam::123456789012:oidc-provider/x.example"}, aws)
    assert mismatches == ["S: OIDC provider arn:aws:iam::123456789012:oidc-provider/x.example (P) was not created"]


def test_repositories_scan_mutability_and_lifecycle(aws):
    ecr = aws("ecr")
    ecr.create_repository(repositoryName="images", imageScanningConfiguration={"scanOnPush": True})
    rules = {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1},
                        "action": {"type": "expire"}}]}
    ecr.put_lifecycle_policy(repositoryName="images", lifecyclePolicyText=json.dumps(rules))

    def template(scan=True, mutability=None, lifecycle=rules):
        properties = {"RepositoryName": "images", "ImageScanningConfiguration": {"ScanOnPush": scan},
                      "LifecyclePolicy": {"LifecyclePolicyText": json.dumps(lifecycle)}}
        if mutability:
            properties["ImageTagMutability"] = mutability
        return {"Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": properties}}}

    assert run(template(), {"R": "images"}, aws) == ([], run(template(), {"R": "images"}, aws)[1])
    assert "scan on push" in run(template(scan=False), {"R": "images"}, aws)[0][0]
    assert "tag mutability" in run(template(mutability="IMMUTABLE"), {"R": "images"}, aws)[0][0]
    assert "lifecycle policy" in run(template(lifecycle={"rules": []}), {"R": "images"}, aws)[0][0]


def test_clusters_version_role_and_provider_for_the_issuer(aws):
    eks = aws("eks")
    cluster = eks.create_cluster(name="c", roleArn="arn:aws:iam::123456789012:role/eks", version="1.32",
                                 resourcesVpcConfig={"subnetIds": []})["cluster"]
    issuer = cluster["identity"]["oidc"]["issuer"]
    resources = {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"Name": "c", "Version": "1.32",
                                                                    "RoleArn": "arn:aws:iam::123456789012:role/eks"}}}
    mismatches, report = run({"Resources": resources}, {"C": "c"}, aws)
    assert mismatches == [] and report.clusters == {"c": issuer}
    resources["C"]["Properties"]["Version"] = "1.31"
    resources["P"] = {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://oidc.example/other"}}
    mismatches, _ = run({"Resources": resources}, {"C": "c", "P": "arn:aws:iam::123456789012:oidc-provider/other"}, aws)
    assert 'EKS cluster c (C) version: expected "1.31", got "1.32"' in mismatches[0]
    assert any(f"no OIDC provider for its issuer {issuer[len('https://'):]}" in m for m in mismatches)


def test_values_that_cannot_be_computed_are_skipped(aws):
    aws("iam").create_role(RoleName="r", AssumeRolePolicyDocument="{}")
    template = {"Resources": {
        "R": {"Type": "AWS::IAM::Role", "Properties": {"Path": "<Q.Arn>", "AssumeRolePolicyDocument": {}}}}}
    mismatches, report = run(template, {"R": "r"}, aws, unknown={"R": ["Path"]})
    assert mismatches == []
    assert report.skipped == ["S: R: Path known only at deploy time"]
