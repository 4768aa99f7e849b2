from deploycheck import check, compare
from deploycheck.assembly import Stack


def test_types_by_handling(aws):
    types = check.types_by_handling({"Resources": {
        "A": {"Type": "AWS::IAM::Role"}, "B": {"Type": "AWS::EKS::Cluster"}, "C": {"Type": "AWS::EKS::Nodegroup"},
        "D": {"Type": "AWS::IAM::Role"}}})
    assert types == {"moto": ["AWS::IAM::Role", "AWS::IAM::Role"], "shim": ["AWS::EKS::Cluster"],
                     "placeholder": ["AWS::EKS::Nodegroup"]}


def test_stack_lines_name_shims_placeholders_and_the_inline_size_limit():
    big = Stack("S", "S.template.json", "x" * 51201, {})
    lines = check.stack_lines(big, "ap-northeast-1", "CREATE_COMPLETE",
                              {"moto": ["AWS::IAM::Role"], "shim": ["AWS::EKS::Cluster"], "placeholder": ["AWS::A::B", "AWS::A::B"]})
    assert lines == [
        "  S (ap-northeast-1): CREATE_COMPLETE  4 resources (1 moto, 2 placeholder, 1 shim)",
        "    shims: AWS::EKS::Cluster",
        "    placeholders (not modelled by moto): AWS::A::B",
        "    note: the template is 51201 bytes; CloudFormation takes at most 51,200 inline (aws cloudformation deploy then needs --s3-bucket)",
    ]
    assert len(check.stack_lines(Stack("S", "f", "x" * 51200, {}), "r", "CREATE_COMPLETE", {"moto": ["T"]})) == 1


def test_summary_lines():
    report = compare.Report(compared={"roles": 2}, skipped=["S: R: GetAtt X.Y"], issuer_substituted={"a", "b"},
                            clusters={"c": "https://oidc.eks.r.amazonaws.com/id/X"})
    assert check.summary_lines(report) == [
        "  compared through the AWS API: 2 roles",
        "  EKS cluster c: issuer https://oidc.eks.r.amazonaws.com/id/X, substituted in 2 trust condition key(s)",
        "  skipped (not computable here): S: R: GetAtt X.Y",
    ]
    assert check.summary_lines(compare.Report()) == ["  compared through the AWS API: nothing"]


def test_a_run_fails_on_failed_stacks_and_mismatches():
    run = check.Run()
    assert run.problems == []
    run.failures.append("S: CREATE_FAILED: x")
    run.report.mismatches.append("S: role r path: expected ...")
    assert run.problems == ["S: CREATE_FAILED: x", "S: role r path: expected ..."]
