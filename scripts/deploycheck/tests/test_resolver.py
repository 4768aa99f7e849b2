import pytest

from deploycheck.resolver import Deployment, Resolver, Unresolved

TEMPLATE = {
    "Parameters": {
        "Env": {"Type": "String"},
        "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
        "Zones": {"Type": "CommaDelimitedList"},
        "Size": {"Type": "Number", "Default": "3"},
    },
    "Mappings": {"Sizes": {"prod": {"Count": 5}}},
    "Conditions": {
        "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
        "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]},
        "Either": {"Fn::Or": [{"Condition": "NotProd"}, {"Condition": "IsProd"}]},
    },
    "Resources": {
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"Path": "/ci/"}},
        "Cluster": {"Type": "AWS::EKS::Cluster"},
        "Queue": {"Type": "AWS::SQS::Queue"},
    },
}


def deployment(env="prod"):
    attributes = {("Role", "Arn"): "arn:aws:iam::123456789012:role/ci/r-1",
                  ("Cluster", "OpenIdConnectIssuerUrl"): "https://oidc.eks.ap-northeast-1.amazonaws.com/id/ABC"}

    def attribute(logical_id, resource_type, name):
        assert resource_type == TEMPLATE["Resources"][logical_id]["Type"]
        if (logical_id, name) not in attributes:
            raise Unresolved(f"GetAtt {logical_id}.{name}")
        return attributes[(logical_id, name)]

    return Deployment("Stack", "123456789012", "ap-northeast-1", {"Role": "r-1", "Cluster": "c", "Queue": "https://q"},
                      {"Env": env, "Subnets": "subnet-1,subnet-2", "Zones": "a,b"}, attribute)


@pytest.fixture
def resolver():
    return Resolver(TEMPLATE, deployment())


def test_refs_of_resources_parameters_and_pseudo_parameters(resolver):
    assert resolver.resolve({"Ref": "Role"}) == "r-1"
    assert resolver.resolve({"Ref": "Env"}) == "prod"
    assert resolver.resolve({"Ref": "Subnets"}) == ["subnet-1", "subnet-2"]
    assert resolver.resolve({"Ref": "Zones"}) == ["a", "b"]
    assert resolver.resolve({"Ref": "Size"}) == "3"
    assert resolver.resolve([{"Ref": "AWS::AccountId"}, {"Ref": "AWS::Region"}, {"Ref": "AWS::Partition"},
                             {"Ref": "AWS::URLSuffix"}, {"Ref": "AWS::StackName"}]) == [
        "123456789012", "ap-northeast-1", "aws", "amazonaws.com", "Stack"]


def test_no_value_drops_list_items_and_members(resolver):
    assert resolver.resolve({"A": {"Ref": "AWS::NoValue"}, "B": [1, {"Ref": "AWS::NoValue"}, 2]}) == {"B": [1, 2]}


def test_get_att_in_both_forms_and_in_sub(resolver):
    assert resolver.resolve({"Fn::GetAtt": ["Role", "Arn"]}) == "arn:aws:iam::123456789012:role/ci/r-1"
    assert resolver.resolve({"Fn::GetAtt": "Cluster.OpenIdConnectIssuerUrl"}).endswith("/id/ABC")
    assert resolver.resolve({"Fn::Sub": "${Role.Arn}|${AWS::Region}|${Env}"}) == \
        "arn:aws:iam::123456789012:role/ci/r-1|ap-northeast-1|prod"


def test_sub_with_variables_and_escapes(resolver):
    sub = {"Fn::Sub": ['{"${Issuer}:sub": "${!Literal}", "k": "${ Env }"}',
                       {"Issuer": {"Fn::Select": [1, {"Fn::Split": ["//", {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}]}]}}]}
    assert resolver.resolve(sub) == '{"oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:sub": "${Literal}", "k": "prod"}'


def test_join_select_split_find_in_map_and_azs(resolver):
    assert resolver.resolve({"Fn::Join": ["-", ["a", {"Ref": "Env"}, 1]]}) == "a-prod-1"
    assert resolver.resolve({"Fn::Select": ["1", {"Ref": "Subnets"}]}) == "subnet-2"
    assert resolver.resolve({"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Count"]}) == 5
    assert resolver.resolve({"Fn::GetAZs": ""}) == ["ap-northeast-1a", "ap-northeast-1b", "ap-northeast-1c"]


@pytest.mark.parametrize("env, expected", [("prod", "big"), ("dev", "small")])
def test_conditions_decide_fn_if(env, expected):
    resolver = Resolver(TEMPLATE, deployment(env))
    assert resolver.resolve({"Fn::If": ["IsProd", "big", "small"]}) == expected
    assert resolver.resolve({"Fn::If": ["NotProd", "small", "big"]}) == expected
    assert resolver.condition("Both") == (env == "prod")
    assert resolver.condition("Either") is True
    assert resolver.resolve({"Condition": "IsProd"}) == (env == "prod")


def test_properties_with_defaults(resolver):
    assert resolver.property("Role", "Path") == "/ci/"
    assert resolver.property("Role", "ManagedPolicyArns", []) == []
    assert resolver.property("Role", "Description") is None


def test_what_cannot_be_computed_is_unresolved(resolver):
    with pytest.raises(Unresolved, match="Queue.Arn"):
        resolver.resolve({"Fn::GetAtt": ["Queue", "Arn"]})
    with pytest.raises(Unresolved, match="no such deployed resource"):
        resolver.resolve({"Ref": "Missing"})
    with pytest.raises(Unresolved, match="no such deployed resource"):
        resolver.resolve({"Fn::Sub": "${Missing.Arn}"})
    with pytest.raises(Unresolved, match="Fn::ImportValue"):
        resolver.resolve({"Fn::ImportValue": "x"})
    assert resolver.resolve({"NotAFunction": 1}) == {"NotAFunction": 1}
