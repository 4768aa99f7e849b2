"""deploy-check's teaching of moto, in-process: stacks with the shimmed types, placeholders, and the properties
moto's CloudFormation would ignore."""
import json

from deploycheck import deploy, shims
from deploycheck.patching import Patches

ROLE_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"},
                                                      "Action": "sts:AssumeRole"}]}
LIFECYCLE = '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}'


def template(policy="arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"):
    return json.dumps({"Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "eks", "AssumeRolePolicyDocument": ROLE_TRUST,
                                                          "ManagedPolicyArns": [policy]}},
        "Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
            "Name": "c", "Version": "1.32", "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "ResourcesVpcConfig": {"SubnetIds": [{"Ref": "Subnet"}]}}},
        "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {
            "Url": {"Fn::GetAtt": ["Cluster", "OpenIdConnectIssuerUrl"]}, "ClientIdList": ["sts.amazonaws.com"]}},
        "Nodes": {"Type": "AWS::EKS::Nodegroup", "Properties": {"ClusterName": {"Ref": "Cluster"}, "NodegroupName": "ng"}},
        "Access": {"Type": "AWS::EKS::AccessEntry", "Properties": {"ClusterName": {"Ref": "Cluster"}}},
        "Repository": {"Type": "AWS::ECR::Repository", "Properties": {
            "RepositoryName": "images", "ImageScanningConfiguration": {"ScanOnPush": True},
            "LifecyclePolicy": {"LifecyclePolicyText": LIFECYCLE}}},
        "Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Fn::Sub": json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "eks:DescribeCluster",
                                                     "Resource": "${Cluster.Arn}"}]})}}},
    }, "Outputs": {"NodesArn": {"Value": {"Fn::GetAtt": ["Nodes", "Arn"]}},
                   "AccessEndpoint": {"Value": {"Fn::GetAtt": ["Access", "Endpoint"]}},
                   "Group": {"Value": {"Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"]}}}})


def create(aws, body):
    return deploy.create(aws("cloudformation"), "S", body, {}, timeout=10)


def test_a_stack_with_a_cluster_provider_placeholders_and_ignored_properties_deploys(aws):
    status, reason = create(aws, template())
    assert status == "CREATE_COMPLETE", reason
    stack = aws("cloudformation").describe_stacks(StackName="S")["Stacks"][0]
    cluster = aws("eks").describe_cluster(name="c")["cluster"]
    assert cluster["version"] == "1.32"
    issuer = cluster["identity"]["oidc"]["issuer"]
    providers = aws("iam").list_open_id_connect_providers()["OpenIDConnectProviderList"]
    assert [p["Arn"] for p in providers] == [f"arn:aws:iam::123456789012:oidc-provider/{issuer[len('https://'):]}"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    assert outputs["NodesArn"] == "arn:aws:eks:ap-northeast-1:123456789012:nodegroup/ng"
    assert outputs["AccessEndpoint"].startswith("S-Access-") and outputs["AccessEndpoint"].endswith(".Endpoint")
    assert outputs["Group"].startswith("sg-")
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in aws("cloudformation").list_stack_resources(StackName="S")["StackResourceSummaries"]}
    assert physical["Nodes"] == "ng" and physical["Cluster"] == "c"
    attached = aws("iam").list_attached_role_policies(RoleName="eks")["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AmazonEKSClusterPolicy"]
    repository = aws("ecr").describe_repositories(repositoryNames=["images"])["repositories"][0]
    assert repository["imageScanningConfiguration"] == {"scanOnPush": True}
    assert json.loads(aws("ecr").get_lifecycle_policy(repositoryName="images")["lifecyclePolicyText"]) == json.loads(LIFECYCLE)
    policy = aws("iam").get_policy(PolicyArn=physical["Policy"])["Policy"]
    document = aws("iam").get_policy_version(PolicyArn=physical["Policy"], VersionId=policy["DefaultVersionId"])
    assert document["PolicyVersion"]["Document"]["Statement"][0]["Resource"] == cluster["arn"]


def test_a_managed_policy_arn_that_names_no_policy_fails_the_stack(aws):
    status, reason = create(aws, template(policy="arn:aws:iam::aws:policy/NoSuchPolicy"))
    assert status == "CREATE_FAILED" and "NoSuchPolicy" in reason


def test_handling_of_each_type(aws):
    assert shims.handled_by("AWS::EKS::Cluster") == "shim"
    assert shims.handled_by("AWS::IAM::Role") == "moto"
    assert shims.handled_by("AWS::EKS::Nodegroup") == "placeholder"
    assert shims.handled_by("Custom::Anything") == "placeholder"


def test_placeholder_names_and_arns():
    assert shims.placeholder_name("AWS::RDS::DBCluster", "Db", {"DBClusterIdentifier": "cluster-1"}) == "cluster-1"
    assert shims.placeholder_name("AWS::EKS::Nodegroup", "N", {"NodegroupName": "ng"}) == "ng"
    assert shims.placeholder_name("AWS::ACM::Certificate", "Cert", {}) == "Cert"
    assert shims.placeholder_arn("Custom::Thing", "t", "1", "r") == "arn:aws:custom:r:1:thing/t"
    inert = shims.Inert("t", "arn:x")
    assert (inert.get_cfn_attribute("Arn"), inert.get_cfn_attribute("Endpoint")) == ("arn:x", "t.Endpoint")


def test_created_resources_fail_on_unmodelled_attributes_unless_lenient():
    strict, lenient = shims.Created("p", {"Arn": "a"}), shims.Created("p", {}, lenient=True)
    assert strict.get_cfn_attribute("Arn") == "a"
    try:
        strict.get_cfn_attribute("Other")
        raise AssertionError("an unmodelled attribute must be an error")
    except KeyError:
        pass
    assert lenient.get_cfn_attribute("RoleArn") == "p.RoleArn" and lenient.get_cfn_attribute("Outputs.X") == "p.Outputs.X"


def test_api_keys_lowercase_the_first_letter_one_level_deep():
    assert shims.api_keys({"SubnetIds": ["s"], "EndpointPublicAccess": True}) == {"subnetIds": ["s"], "endpointPublicAccess": True}
    assert shims.api_keys(None) is None


def test_teaching_is_undone():
    from moto.cloudformation import parsing
    from moto.iam.models import Role
    from deploycheck.fixes import teach_moto
    before, role_create = parsing.resource_class_from_type, Role.__dict__["create_from_cloudformation_json"]
    with Patches() as patches:
        teach_moto(patches)
        assert parsing.resource_class_from_type is not before
        assert parsing.resource_class_from_type("AWS::EKS::Cluster") is shims.EKSCluster
    assert parsing.resource_class_from_type is before
    assert Role.__dict__["create_from_cloudformation_json"] is role_create


def test_queue_and_bucket_policies_and_queue_notifications_are_applied(aws):
    send = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                                                    "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                                                    "Resource": {"Fn::Sub": "arn:aws:s3:::${Bucket}/*"}}]}
    status, reason = create(aws, json.dumps({"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}], "PolicyDocument": send}},
        "Bucket": {"Type": "AWS::S3::Bucket", "DependsOn": "QueuePolicy", "Properties": {"NotificationConfiguration": {
            "QueueConfigurations": [{"Event": "s3:ObjectCreated:*", "Queue": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}},
        "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": deny}},
    }}))
    assert status == "CREATE_COMPLETE", reason
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in aws("cloudformation").list_stack_resources(StackName="S")["StackResourceSummaries"]}
    sqs, s3 = aws("sqs"), aws("s3")
    arn = sqs.get_queue_attributes(QueueUrl=physical["Queue"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=physical["Queue"], AttributeNames=["Policy"])["Attributes"]["Policy"])
    assert policy["Statement"][0]["Resource"] == arn
    notifications = s3.get_bucket_notification_configuration(Bucket=physical["Bucket"])["QueueConfigurations"]
    assert [(n["QueueArn"], n["Events"]) for n in notifications] == [(arn, ["s3:ObjectCreated:*"])]
    bucket_policy = json.loads(s3.get_bucket_policy(Bucket=physical["Bucket"])["Policy"])
    assert bucket_policy["Statement"][0]["Resource"] == f"arn:aws:s3:::{physical['Bucket']}/*"
    assert shims.handled_by("AWS::SQS::QueuePolicy") == shims.handled_by("AWS::S3::BucketPolicy") == "shim"
