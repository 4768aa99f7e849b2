import KumoJSON

/// Realistic claims of the web-identity tokens the roles of a template are meant for: GitHub Actions' OIDC
/// token and an EKS projected service-account token. Used by `kumo simulate --github-repo/--service-account`
/// and by `KumoTesting`'s token builders.
public enum WebIdentityClaims {
    /// GitHub Actions' issuer (`iss`).
    public static let gitHubIssuer = "https://token.actions.githubusercontent.com"
    /// The audience `aws-actions/configure-aws-credentials` requests, and the one EKS pods use.
    public static let stsAudience = "sts.amazonaws.com"
    /// GitHub's example token lives 300 s.
    public static let gitHubLifetime: Double = 300
    /// The EKS pod identity webhook's default token expiration (`eks.amazonaws.com/token-expiration`).
    public static let serviceAccountLifetime: Double = 86_400

    /// The claims of a GitHub Actions OIDC token (`id-token: write`, requested with audience `sts.amazonaws.com`).
    ///
    /// `sub` follows GitHub's documented default formats, in GitHub's order of precedence:
    /// - a job with an environment: `repo:OWNER/REPO:environment:NAME`;
    /// - a `pull_request` event: `repo:OWNER/REPO:pull_request`;
    /// - otherwise: `repo:OWNER/REPO:ref:REF` (`refs/heads/BRANCH`, `refs/tags/TAG`).
    ///
    /// A `:` inside a value is encoded as `%3A`. With `immutableSubject`, the owner and repository carry their
    /// IDs (`repo:OWNER@OWNER-ID/REPO@REPO-ID:…`, the format of repositories created after 2026-07-15).
    /// - Parameters:
    ///   - repository: `OWNER/REPO`.
    ///   - ref: the Git ref the workflow runs on (`refs/heads/main`); for a pull request its merge ref is used.
    ///   - environment: the job's environment, if any.
    ///   - pullRequest: the pull request number, for a `pull_request` event.
    ///   - issuedAt: `iat` (and `nbf`), in seconds since 1970; `exp` is `issuedAt + lifetime`.
    public static func githubActions(
        repository: String, ref: String = "refs/heads/main", environment: String? = nil, pullRequest: Int? = nil,
        audience: String = stsAudience, issuedAt: Double, lifetime: Double = gitHubLifetime,
        immutableSubject: Bool = false, ownerID: Int? = nil, repositoryID: Int? = nil, actor: String = "octocat",
        workflow: String = "deploy"
    ) throws(TrustError) -> JSONObject {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let owner = parts.first, let name = parts.last, validGitHubName(owner), validGitHubName(name)
        else {
            throw TrustError("\"\(repository)\" is not a GitHub repository: write OWNER/REPO (letters, digits, '-', '_', '.')")
        }
        guard ref.hasPrefix("refs/"), !ref.contains(where: { $0 == " " || $0 == "\n" }) else {
            throw TrustError("\"\(ref)\" is not a Git ref: write refs/heads/BRANCH or refs/tags/TAG")
        }
        if let environment, environment.isEmpty || environment.count > 255 {
            throw TrustError("an environment name has 1 to 255 characters")
        }
        if let pullRequest, pullRequest <= 0 { throw TrustError("a pull request number is positive") }
        let ownerID = ownerID ?? stableID(String(owner), modulo: 100_000_000)
        let repositoryID = repositoryID ?? stableID(repository, modulo: 1_000_000_000)
        let effectiveRef = pullRequest.map { "refs/pull/\($0)/merge" } ?? ref
        var subject = immutableSubject ? "repo:\(owner)@\(ownerID)/\(name)@\(repositoryID)" : "repo:\(repository)"
        if let environment {
            subject += ":environment:" + escapeColons(environment)
        } else if pullRequest != nil {
            subject += ":pull_request"
        } else {
            subject += ":ref:" + escapeColons(ref)
        }
        let sha = String(stableID(repository + effectiveRef, modulo: Int.max), radix: 16)
        let shaText = String(repeating: "0", count: max(0, 40 - sha.count)) + sha
        let iat = issuedAt.rounded(.down)
        var claims: JSONObject = [:]
        claims["jti"] = .string(uuid(seed: repository + subject + "\(iat)"))
        claims["sub"] = .string(subject)
        claims["aud"] = .string(audience)
        claims["ref"] = .string(effectiveRef)
        if effectiveRef.hasPrefix("refs/heads/") { claims["ref_type"] = "branch" }
        if effectiveRef.hasPrefix("refs/tags/") { claims["ref_type"] = "tag" }
        claims["sha"] = .string(shaText)
        claims["repository"] = .string(repository)
        claims["repository_owner"] = .string(String(owner))
        claims["repository_owner_id"] = .string(String(ownerID))
        claims["repository_id"] = .string(String(repositoryID))
        claims["repository_visibility"] = "private"
        claims["actor"] = .string(actor)
        claims["actor_id"] = .string(String(stableID(actor, modulo: 100_000_000)))
        claims["run_id"] = .string(String(stableID(subject + "\(iat)", modulo: 10_000_000_000)))
        claims["run_number"] = "42"
        claims["run_attempt"] = "1"
        claims["runner_environment"] = "github-hosted"
        if let environment { claims["environment"] = .string(environment) }
        if let pullRequest {
            claims["event_name"] = "pull_request"
            claims["head_ref"] = .string("pr-\(pullRequest)")
            claims["base_ref"] = .string(ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : "main")
        } else {
            claims["event_name"] = "push"
            claims["head_ref"] = ""
            claims["base_ref"] = ""
        }
        let workflowPath = ".github/workflows/\(workflow).yml"
        claims["workflow"] = .string(workflow)
        claims["workflow_ref"] = .string("\(repository)/\(workflowPath)@\(effectiveRef)")
        claims["workflow_sha"] = .string(shaText)
        claims["job_workflow_ref"] = .string("\(repository)/\(workflowPath)@\(effectiveRef)")
        claims["job_workflow_sha"] = .string(shaText)
        claims["iss"] = .string(gitHubIssuer)
        claims["nbf"] = .number(iat)
        claims["exp"] = .number(iat + lifetime.rounded(.down))
        claims["iat"] = .number(iat)
        return claims
    }

    /// The claims of an EKS projected service-account token for `namespace:name` (the token the pod identity
    /// webhook mounts at `/var/run/secrets/eks.amazonaws.com/serviceaccount/token`).
    /// - Parameters:
    ///   - issuer: the cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`).
    ///   - issuedAt: `iat` (and `nbf`); `exp` is `issuedAt + lifetime` (the webhook's default: 86,400 s).
    public static func kubernetesServiceAccount(
        namespace: String, name: String, issuer: String, audience: [String] = [stsAudience], issuedAt: Double,
        lifetime: Double = serviceAccountLifetime, pod: String? = nil
    ) throws(TrustError) -> JSONObject {
        guard validKubernetesName(namespace, maxLength: 63) else {
            throw TrustError("\"\(namespace)\" is not a Kubernetes namespace name (lowercase letters, digits and '-', at most 63)")
        }
        guard validKubernetesName(name, maxLength: 253) else {
            throw TrustError("\"\(name)\" is not a Kubernetes service account name (lowercase letters, digits, '-' and '.', at most 253)")
        }
        guard issuer.hasPrefix("https://"), issuer.count > 8 else {
            throw TrustError("\"\(issuer)\" is not an OIDC issuer URL: it starts with https://")
        }
        let iat = issuedAt.rounded(.down)
        let podName = pod ?? "\(name)-7d9f8b6c5d-x2k4q"
        var claims: JSONObject = [:]
        claims["aud"] = .array(audience.map(JSON.string))
        claims["exp"] = .number(iat + lifetime.rounded(.down))
        claims["iat"] = .number(iat)
        claims["iss"] = .string(issuer)
        claims["kubernetes.io"] = [
            "namespace": .string(namespace),
            "pod": ["name": .string(podName), "uid": .string(uuid(seed: namespace + "/" + podName))],
            "serviceaccount": ["name": .string(name), "uid": .string(uuid(seed: namespace + "/" + name))],
        ]
        claims["nbf"] = .number(iat)
        claims["sub"] = .string("system:serviceaccount:\(namespace):\(name)")
        return claims
    }

    /// Parses `NAMESPACE:NAME`.
    public static func serviceAccount(_ text: String) throws(TrustError) -> (namespace: String, name: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw TrustError("\"\(text)\" is not a service account: write NAMESPACE:NAME (e.g. main:account-for-db-migrator)")
        }
        return (String(parts[0]), String(parts[1]))
    }

    // MARK: - Helpers

    static func escapeColons(_ s: String) -> String { s.replacingOccurrences(of: ":", with: "%3A") }

    private static func validGitHubName(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 100
            && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    private static func validKubernetesName(_ s: String, maxLength: Int) -> Bool {
        guard !s.isEmpty, s.utf8.count <= maxLength, s.first != "-", s.last != "-" else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
    }

    /// A deterministic number from a string (FNV-1a), so that built tokens are reproducible.
    static func stableID(_ s: String, modulo: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(modulo)) + 1
    }

    /// A deterministic UUID-shaped string.
    static func uuid(seed: String) -> String {
        let a = String(UInt64(stableID(seed, modulo: Int.max)), radix: 16)
        let b = String(UInt64(stableID(seed + "#", modulo: Int.max)), radix: 16)
        let hex = Array((String(repeating: "0", count: max(0, 16 - a.count)) + a + String(repeating: "0", count: max(0, 16 - b.count)) + b).prefix(32))
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-4" + String(hex[13..<16]) + "-a" + String(hex[17..<20]) + "-" + String(hex[20..<32])
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
