/// The IAM policy of the AWS Load Balancer Controller, statement by statement in the upstream order of the
/// controller's `docs/install/iam_policy.json` for the version (the file AWS CDK ships as
/// `alb-iam_policy-<version>.json`). Kumo merges the statements as CDK does (``PolicyDocument/minimized()``).
enum AlbControllerPolicy {
    private static let elb = "elasticloadbalancing"
    private static let clusterRequestTag = "aws:RequestTag/elbv2.k8s.aws/cluster"
    private static let clusterResourceTag = "aws:ResourceTag/elbv2.k8s.aws/cluster"

    /// v2.4.1.
    static var v2_4_1: [Statement] {
        [
            Statement.allow(["iam:CreateServiceLinkedRole"], on: "*") {
                Condition(.stringEquals, "iam:AWSServiceName", "elasticloadbalancing.amazonaws.com")
            },
            Statement.allow(
                [
                    "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones",
                    "ec2:DescribeInternetGateways", "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections",
                    "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:GetCoipPoolUsage", "ec2:DescribeCoipPools",
                    "\(elb):DescribeLoadBalancers", "\(elb):DescribeLoadBalancerAttributes", "\(elb):DescribeListeners",
                    "\(elb):DescribeListenerCertificates", "\(elb):DescribeSSLPolicies", "\(elb):DescribeRules",
                    "\(elb):DescribeTargetGroups", "\(elb):DescribeTargetGroupAttributes", "\(elb):DescribeTargetHealth",
                    "\(elb):DescribeTags",
                ], on: "*"),
            Statement.allow(
                [
                    "cognito-idp:DescribeUserPoolClient", "acm:ListCertificates", "acm:DescribeCertificate",
                    "iam:ListServerCertificates", "iam:GetServerCertificate", "waf-regional:GetWebACL",
                    "waf-regional:GetWebACLForResource", "waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL",
                    "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
                    "shield:GetSubscriptionState", "shield:DescribeProtection", "shield:CreateProtection",
                    "shield:DeleteProtection",
                ], on: "*"),
            Statement.allow(["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], on: "*"),
            Statement.allow(["ec2:CreateSecurityGroup"], on: "*"),
            Statement.allow(["ec2:CreateTags"], on: "arn:aws:ec2:*:*:security-group/*") {
                Condition(.stringEquals, "ec2:CreateAction", "CreateSecurityGroup")
                Condition(.null, .string(clusterRequestTag), "false")
            },
            Statement.allow(["ec2:CreateTags", "ec2:DeleteTags"], on: "arn:aws:ec2:*:*:security-group/*") {
                Condition(.null, .string(clusterRequestTag), "true")
                Condition(.null, .string(clusterResourceTag), "false")
            },
            Statement.allow(
                ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"], on: "*"
            ) {
                Condition(.null, .string(clusterResourceTag), "false")
            },
            Statement.allow(["\(elb):CreateLoadBalancer", "\(elb):CreateTargetGroup"], on: "*") {
                Condition(.null, .string(clusterRequestTag), "false")
            },
            Statement.allow(
                ["\(elb):CreateListener", "\(elb):DeleteListener", "\(elb):CreateRule", "\(elb):DeleteRule"], on: "*"),
            Statement.allow(
                ["\(elb):AddTags", "\(elb):RemoveTags"],
                on: [
                    "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
                    "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                ]
            ) {
                Condition(.null, .string(clusterRequestTag), "true")
                Condition(.null, .string(clusterResourceTag), "false")
            },
            Statement.allow(
                ["\(elb):AddTags", "\(elb):RemoveTags"],
                on: [
                    "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*", "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
                    "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
                    "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
                ]),
            Statement.allow(
                [
                    "\(elb):ModifyLoadBalancerAttributes", "\(elb):SetIpAddressType", "\(elb):SetSecurityGroups",
                    "\(elb):SetSubnets", "\(elb):DeleteLoadBalancer", "\(elb):ModifyTargetGroup",
                    "\(elb):ModifyTargetGroupAttributes", "\(elb):DeleteTargetGroup",
                ], on: "*"
            ) {
                Condition(.null, .string(clusterResourceTag), "false")
            },
            Statement.allow(
                ["\(elb):RegisterTargets", "\(elb):DeregisterTargets"], on: "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"),
            Statement.allow(
                [
                    "\(elb):SetWebAcl", "\(elb):ModifyListener", "\(elb):AddListenerCertificates",
                    "\(elb):RemoveListenerCertificates", "\(elb):ModifyRule",
                ], on: "*"),
        ]
    }
}
