import Kumo

extension MyEKSStack {
    /// GitHub Actions of the organization push images to ECR through OIDC, without stored keys.
    func gitHubActions() {
        let github = OpenIDConnectProvider(self, "Provider", url: "https://token.actions.githubusercontent.com",
                                           clientIDs: ["sts.amazonaws.com"],
                                           thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"])

        let pushImages = ManagedPolicy(self, "policy-github", name: "policy-github") {
            Statement.allow(["sts:GetCallerIdentity", "ecr:GetAuthorizationToken", "ecr:CompleteLayerUpload",
                             "ecr:UploadLayerPart", "ecr:InitiateLayerUpload", "ecr:BatchCheckLayerAvailability",
                             "ecr:PutImage"], on: "*")
        }

        Role(self, "RoleGithub", name: "role-github", path: "/", description: "Role assumed by GitHub",
             assumedBy: .webIdentity(github) {
                 Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
                 Condition(.stringLike, "token.actions.githubusercontent.com:sub", "repo:example-org/*")
             },
             managedPolicies: [pushImages])
    }
}
