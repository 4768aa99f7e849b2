import KumoJSON

@testable import KumoPolicy

/// Evaluates one condition with the given request values for `key` (`nil` = key absent).
func holds(
    _ op: ConditionOperator, _ policyValues: [String], request: [String]?, key: String = "test:key",
    context extra: [String: [String]] = [:], effect: Effect = .allow, variables: Bool = true
) -> Bool {
    evaluation(op, policyValues, request: request, key: key, context: extra, effect: effect, variables: variables)
        .result
}

func evaluation(
    _ op: ConditionOperator, _ policyValues: [String], request: [String]?, key: String = "test:key",
    context extra: [String: [String]] = [:], effect: Effect = .allow, variables: Bool = true
) -> ConditionEvaluation {
    var context = RequestContext(extra)
    if let request { context.append(request, forKey: key) }
    let condition = Condition(op, key: key, values: policyValues)
    return condition.evaluate(
        in: context, options: ConditionEvaluationOptions(substitutesPolicyVariables: variables, effect: effect))
}

/// Parses policy JSON text, failing the test with the grammar errors if it is invalid.
func policy(_ text: String, kind: PolicyKind) throws -> PolicyDocument {
    try PolicyDocument.parse(text: text, kind: kind)
}

/// The grammar errors of a policy text (empty when valid).
func grammarErrors(_ text: String, kind: PolicyKind) -> [PolicyGrammarError] {
    do {
        _ = try PolicyDocument.parse(text: text, kind: kind)
        return []
    } catch {
        return error.errors
    }
}

enum Fixtures {
    static let githubProvider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    static let eksProvider = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.ap-northeast-1.amazonaws.com/id/ABC"

    /// The trust policy GitHub and AWS document for GitHub Actions OIDC, scoped to one organisation.
    static let githubTrust = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "GitHubActions",
              "Effect": "Allow",
              "Principal": { "Federated": "\(githubProvider)" },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                "StringLike": { "token.actions.githubusercontent.com:sub": "repo:example-org/*" }
              }
            }
          ]
        }
        """

    /// The IRSA trust policy of the EKS user guide for one service account.
    static let irsaTrust = """
        {
          "Version": "2012-10-17",
          "Statement": {
            "Effect": "Allow",
            "Principal": { "Federated": "\(eksProvider)" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
              "StringEquals": {
                "oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:main:account-to-access-secrets",
                "oidc.eks.ap-northeast-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com"
              }
            }
          }
        }
        """

    static func githubRequest(
        sub: String?, aud: String? = "sts.amazonaws.com", provider: String = githubProvider,
        action: String = "sts:AssumeRoleWithWebIdentity"
    ) -> AuthorizationRequest {
        var context = RequestContext()
        if let sub { context["token.actions.githubusercontent.com:sub"] = [sub] }
        if let aud { context["token.actions.githubusercontent.com:aud"] = [aud] }
        return AuthorizationRequest(principal: .federated(provider), action: action, context: context)
    }
}
