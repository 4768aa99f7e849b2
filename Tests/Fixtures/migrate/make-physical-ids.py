#!/usr/bin/env python3
"""Writes physical-ids/: what `aws cloudformation describe-stack-resources` prints for MyEKSStack (cdk.out.sample/)
and its two nested stacks, and what `aws eks describe-cluster --name eks-cluster` prints, as the AWS CLI v2 prints
them (JSON, ISO 8601 timestamps). The IDs follow AWS's documented formats (vpc-/subnet-/sg-/... plus 17 hex digits,
CloudFormation's generated names STACK-LOGICALID-SUFFIX, ARNs, the EKS issuer's 32 hex digits) and are derived
from the logical IDs by hashing, so that the fixture is reproducible. The cluster runs Kubernetes 1.32: EKS
auto-upgrades a cluster at the end of extended support ("your cluster is auto-upgraded to the oldest currently
supported extended version", EKS User Guide, *Understand the Kubernetes version lifecycle on EKS*), which CDK's
template (1.22, as created in 2022) does not show. Run from anywhere; it rewrites the files next to it.
"""
import hashlib, json, os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../..")
ACCOUNT, REGION = "123456789012", "ap-northeast-1"
STACK = "MyEKSStack"
def h(seed, n, alphabet="0123456789abcdef"):
    out = ""; i = 0
    while len(out) < n:
        d = hashlib.sha256(f"{seed}:{i}".encode()).digest(); i += 1
        out += "".join(alphabet[b % len(alphabet)] for b in d)
    return out[:n]
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
MIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def uuid(seed):
    x = h(seed, 32); return f"{x[:8]}-{x[8:12]}-4{x[13:16]}-a{x[17:20]}-{x[20:32]}"
def cfn_name(stack, logical, limit=64, suffix=13):
    s = "1" + h("suffix" + stack + logical, suffix - 1, UP)
    room = limit - len(stack) - 2 - len(s)
    return f"{stack}-{logical[:room]}-{s}"
ISSUER_ID = h("issuer", 32, "0123456789ABCDEF")
ISSUER = f"oidc.eks.{REGION}.amazonaws.com/id/{ISSUER_ID}"
parent = json.load(open(f"{ROOT}/cdk.out.sample/MyEKSStack.template.json"))
nested_files = {
  "awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454": "MyEKSStackawscdkawseksClusterResourceProvider752A1070.nested.template.json",
  "awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResourceA7AEBA6B": "MyEKSStackawscdkawseksKubectlProvider52CAD7E5.nested.template.json",
}
stack_id = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{STACK}/{uuid('stack')}"
nested_names = {k: cfn_name(STACK, k, 128) for k in nested_files}
nested_ids = {k: f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{n}/{uuid(k)}" for k, n in nested_names.items()}

def physical(stack, logical, res):
    t = res["Type"]; p = res.get("Properties", {})
    hexid = lambda prefix: f"{prefix}-0{h(stack + logical, 16)}"
    if t == "AWS::EC2::VPC": return hexid("vpc")
    if t == "AWS::EC2::Subnet": return hexid("subnet")
    if t == "AWS::EC2::RouteTable": return hexid("rtb")
    if t == "AWS::EC2::SubnetRouteTableAssociation": return hexid("rtbassoc")
    if t == "AWS::EC2::NatGateway": return hexid("nat")
    if t == "AWS::EC2::InternetGateway": return hexid("igw")
    if t == "AWS::EC2::VPCEndpoint": return hexid("vpce")
    if t == "AWS::EC2::SecurityGroup": return hexid("sg")
    if t == "AWS::EC2::SecurityGroupIngress": return hexid("sgr")
    if t == "AWS::EC2::LaunchTemplate": return hexid("lt")
    if t == "AWS::EC2::EIP":
        d = hashlib.sha256(logical.encode()).digest(); return f"13.11{d[0] % 10}.{d[1]}.{d[2] % 254 + 1}"
    if t in ("AWS::EC2::Route", "AWS::EC2::VPCGatewayAttachment"): return f"{stack[:5]}-{logical[:5]}-1{h(logical, 12, UP)}"
    if t == "AWS::IAM::Role": return p.get("RoleName") or cfn_name(stack, logical)
    if t == "AWS::IAM::Policy": return f"{stack[:5]}-{logical[:5]}-1{h(logical, 12, UP)}"
    if t == "AWS::IAM::ManagedPolicy": return f"arn:aws:iam::{ACCOUNT}:policy/{p['ManagedPolicyName']}"
    if t == "Custom::AWSCDK-EKS-Cluster": return p["Config"]["name"]
    if t == "Custom::AWSCDKOpenIdConnectProvider":
        url = p["Url"] if isinstance(p["Url"], str) else "https://" + ISSUER
        return f"arn:aws:iam::{ACCOUNT}:oidc-provider/{url[len('https://'):]}"
    if t.startswith("Custom::") or t == "AWS::CDK::Metadata": return uuid(stack + logical)
    if t == "AWS::SSM::Parameter": return f"CFN-{logical}-{h(logical, 12, MIX)}"
    if t == "AWS::EKS::Nodegroup": return f"eks-cluster/{p['NodegroupName']}"
    if t == "AWS::ECR::Repository": return p["RepositoryName"]
    if t == "AWS::SecretsManager::Secret": return f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{p['Name']}-{h(logical, 6, MIX)}"
    if t == "AWS::SecretsManager::SecretTargetAttachment":
        return physical(stack, "MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb", parent["Resources"]["MyEKSStackDatabaseClusterSecret2951FE7C3fdaad7efa858a3daf9490cf0a702aeb"])
    if t == "AWS::RDS::DBSubnetGroup": return cfn_name(stack, logical, 64).lower()
    if t == "AWS::RDS::DBCluster": return p["DBClusterIdentifier"].lower()
    if t == "AWS::RDS::DBInstance": return ("dbi" + h(logical, 60, "abcdefghijklmnopqrstuvwxyz0123456789"))[:20]
    if t == "AWS::Route53::HostedZone": return "Z0" + h(logical, 19, UP)
    if t == "AWS::Route53::RecordSet": return p["Name"].rstrip(".")
    if t == "AWS::CertificateManager::Certificate": return f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/{uuid(logical)}"
    if t == "AWS::Lambda::Function": return cfn_name(stack, logical)
    if t == "AWS::Lambda::LayerVersion": return f"arn:aws:lambda:{REGION}:{ACCOUNT}:layer:{logical}{h(logical, 8, '0123456789ABCDEF')}:1"
    if t == "AWS::StepFunctions::StateMachine": return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{logical}-{h(logical, 12, MIX)}"
    if t == "AWS::CloudFormation::Stack": return nested_ids[logical]
    raise SystemExit(f"no format for {t}")

def timestamp(logical):
    d = hashlib.sha256(logical.encode()).digest()
    return f"2022-06-14T08:{10 + d[0] % 40:02d}:{d[1] % 60:02d}.{d[2] * 3 % 1000:03d}000+00:00"

def entries(stack, sid, resources):
    out = []
    for logical, res in resources.items():
        out.append({"StackName": stack, "StackId": sid, "LogicalResourceId": logical, "PhysicalResourceId": physical(stack, logical, res),
                    "ResourceType": res["Type"], "Timestamp": timestamp(logical), "ResourceStatus": "CREATE_COMPLETE",
                    "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"}})
    return out
d = f"{ROOT}/Tests/Fixtures/migrate/physical-ids"
def write(name, obj):
    with open(f"{d}/{name}", "w") as f: json.dump(obj, f, indent=4); f.write("\n")
write("describe-stack-resources.MyEKSStack.json", {"StackResources": entries(STACK, stack_id, parent["Resources"])})
short = {k: ("nested-cluster-resource-provider" if "ClusterResource" in k else "nested-kubectl-provider") for k in nested_files}
for logical, file in nested_files.items():
    nested = json.load(open(f"{ROOT}/cdk.out.sample/{file}"))
    write(f"describe-stack-resources.{short[logical]}.json", {"StackResources": entries(nested_names[logical], nested_ids[logical], nested["Resources"])})
R = parent["Resources"]
ph = lambda l: physical(STACK, l, R[l])
cluster = {"cluster": {
  "name": "eks-cluster", "arn": f"arn:aws:eks:{REGION}:{ACCOUNT}:cluster/eks-cluster", "createdAt": "2022-06-14T08:24:10.512000+00:00",
  "version": "1.32", "endpoint": f"https://{ISSUER_ID}.gr7.{REGION}.eks.amazonaws.com",
  "roleArn": f"arn:aws:iam::{ACCOUNT}:role/{ph('EKSClusterRoleC0AEAC3D')}",
  "resourcesVpcConfig": {"subnetIds": [ph(s) for s in ["VPCsubnetforeksclusterpublicSubnet1Subnet801F742F", "VPCsubnetforeksclusterpublicSubnet2Subnet657A5301",
                                                       "VPCsubnetforeksclusterprivatewithnatSubnet1Subnet582167DF", "VPCsubnetforeksclusterprivatewithnatSubnet2SubnetDB9349D8"]],
                         "securityGroupIds": [ph("EKSClusterControlPlaneSecurityGroup580AD1FE")],
                         "clusterSecurityGroupId": f"sg-0{h('cluster-security-group', 16)}", "vpcId": ph("VPCB9E5F0B4"),
                         "endpointPublicAccess": True, "endpointPrivateAccess": False, "publicAccessCidrs": ["0.0.0.0/0"]},
  "kubernetesNetworkConfig": {"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
  "logging": {"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": False}]},
  "identity": {"oidc": {"issuer": "https://" + ISSUER}},
  "status": "ACTIVE",
  "certificateAuthority": {"data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJeU1EWXhOREE0TWpRMU1Gb1hEVE15TURZeE1UQTRNalExTUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTWNxCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K"},
  "platformVersion": "eks.31", "tags": {},
  "accessConfig": {"authenticationMode": "CONFIG_MAP"},
  "upgradePolicy": {"supportType": "EXTENDED"},
  "health": {"issues": []},
}}
write("describe-cluster.eks-cluster.json", cluster)
print(os.listdir(d))
