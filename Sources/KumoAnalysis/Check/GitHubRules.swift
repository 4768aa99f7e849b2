import KumoJSON

/// Rules for trusts of GitHub Actions' OIDC provider (`token.actions.githubusercontent.com`): `KUMO-GH-…`.
///
/// GitHub's default subjects: `repo:OWNER/REPO:ref:refs/heads/BRANCH`, `…:ref:refs/tags/TAG`,
/// `…:environment:NAME`, `…:pull_request`; and since 2026 the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.
enum GitHubRules {
    /// How much of GitHub a `sub` pattern admits.
    enum Breadth: Equatable {
        /// Repositories of any owner.
        case anyOwner
        /// Every repository of one owner.
        case ownerWide(owner: String)
        /// One repository, or a name prefix.
        case narrower
        /// A customised subject format (`include_claim_keys`) Kumo does not judge.
        case unknownFormat
    }

    static func breadth(_ pattern: String) -> Breadth {
        guard let first = pattern.unicodeScalars.first else { return .narrower }
        if first == "*" || first == "?" { return .anyOwner }
        guard pattern.hasPrefix("repo:") else { return .unknownFormat }
        let rest = pattern.dropFirst(5)
        let ownerEnd = rest.firstIndex { $0 == "/" || $0 == ":" } ?? rest.endIndex
        let owner = rest[..<ownerEnd]
        if owner.isEmpty || GlobPattern.hasWildcard(String(owner)) { return .anyOwner }
        guard ownerEnd < rest.endIndex, rest[ownerEnd] == "/" else { return .narrower }
        let repository = rest[rest.index(after: ownerEnd)...].prefix { $0 != ":" }
        if repository.isEmpty || repository.first == "*" || repository.first == "?" {
            return .ownerWide(owner: String(owner))
        }
        return .narrower
    }

    /// Whether a value can match an immutable subject (`repo:OWNER@ID/REPO@ID:…`): `false` when its owner or
    /// repository is a literal without `@`.
    static func canMatchImmutableSubject(_ pattern: String, wildcards: Bool) -> Bool {
        guard pattern.hasPrefix("repo:") else { return true }
        let rest = pattern.dropFirst(5)
        let ownerEnd = rest.firstIndex { $0 == "/" || $0 == ":" } ?? rest.endIndex
        func open(_ segment: Substring) -> Bool {
            segment.contains("@") || (wildcards && GlobPattern.hasWildcard(String(segment)))
        }
        let owner = rest[..<ownerEnd]
        if wildcards && owner.contains("*") { return true }
        guard open(owner) else { return false }
        guard ownerEnd < rest.endIndex, rest[ownerEnd] == "/" else { return true }
        let repository = rest[rest.index(after: ownerEnd)...].prefix { $0 != ":" }
        return open(repository)
    }

    static func check(_ statement: PolicyStatement, issuer: String, role: IAMModel.Role, at: Finding.Location, _ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        let label = "\(statement.path) of role \(context.display(role.name))"
        let subKey = "\(issuer):sub", audKey = "\(issuer):aud"
        let subjects = statement.conditions.filter { $0.isClaim("sub", of: issuer) }
        let restricting = subjects.filter(\.isPositiveRestriction)

        if restricting.isEmpty {
            let negated = subjects.isEmpty ? "" : " (only \(subjects.map(\.operatorName).joined(separator: ", ")) on it, which admits every other repository)"
            findings.append(Finding(
                CheckRules.gitHubNoSubject, at: at,
                "\(label) trusts GitHub Actions without a condition on \(subKey)\(negated): any workflow of any repository on GitHub can assume the role",
                fix: "add StringEquals \(subKey) = repo:OWNER/REPO:ref:refs/heads/main (or :environment:NAME); "
                    + "in Kumo: Condition(.stringEquals, \"\(subKey)\", \"repo:OWNER/REPO:ref:refs/heads/main\")"))
        }
        var allValues: [(String, Bool)] = []
        for condition in restricting {
            let wildcards = condition.op?.allowsWildcards ?? false
            for value in condition.values {
                allValues.append((value, wildcards))
                guard wildcards else { continue }
                switch breadth(value) {
                case .anyOwner:
                    findings.append(Finding(
                        CheckRules.gitHubAnyOwner, at: at,
                        "\(label): \(condition.operatorName) \(subKey) = \"\(value)\" admits repositories of any owner on GitHub: "
                            + "anyone can create a repository whose workflows match",
                        fix: "start the pattern with a literal owner and repository: repo:OWNER/REPO:ref:refs/heads/main"))
                case .ownerWide(let owner):
                    findings.append(Finding(
                        CheckRules.gitHubOwnerWildcard, at: at,
                        "\(label): \(condition.operatorName) \(subKey) = \"\(value)\" admits every repository of \(owner), on any "
                            + "branch, tag, pull request or environment",
                        fix: "name the repository and a ref or environment: StringEquals \(subKey) = "
                            + "repo:\(owner)/REPO:ref:refs/heads/main or repo:\(owner)/REPO:environment:production "
                            + "(Kumo: Condition(.stringEquals, \"\(subKey)\", \"repo:\(owner)/REPO:ref:refs/heads/main\"))"))
                case .narrower, .unknownFormat:
                    break
                }
            }
        }
        if !allValues.isEmpty, !allValues.contains(where: { canMatchImmutableSubject($0.0, wildcards: $0.1) }) {
            let example = allValues[0].0
            let immutable = immutableExample(example)
            findings.append(Finding(
                CheckRules.gitHubImmutableSubject, at: at,
                "\(label): \(allValues.map { "\"\($0.0)\"" }.joined(separator: ", ")) cannot match GitHub's immutable subject "
                    + "format (repo:OWNER@OWNER_ID/REPO@REPO_ID:…), used by repositories created, renamed or transferred after "
                    + "2026-07-15 and by those that opt in: their workflows will be denied",
                fix: "add the immutable form as another value, e.g. \"\(immutable)\" (IDs from the GitHub API: "
                    + "repository_owner_id, repository_id)"))
        }

        let audiences = statement.conditions.filter { $0.isClaim("aud", of: issuer) && $0.isPositiveRestriction }
        let admitsSTS = audiences.contains { condition in
            condition.values.contains { value in
                ["sts.amazonaws.com", "sts.amazonaws.com.cn"].contains { aud in
                    (condition.op?.allowsWildcards ?? false) ? GlobPattern.matches(aud, value) : aud == value
                }
            }
        }
        if audiences.isEmpty {
            findings.append(Finding(
                CheckRules.gitHubAudience, at: at,
                "\(label) trusts GitHub Actions without a condition on \(audKey)",
                fix: "add StringEquals \(audKey) = sts.amazonaws.com (Kumo: Condition(.stringEquals, \"\(audKey)\", \"sts.amazonaws.com\"))"))
        } else if !admitsSTS {
            let values = audiences.flatMap(\.values).map { "\"\($0)\"" }.joined(separator: ", ")
            findings.append(Finding(
                CheckRules.gitHubAudience, at: at,
                "\(label): \(audKey) = \(values) does not admit sts.amazonaws.com, the audience aws-actions/configure-aws-credentials requests",
                fix: "require StringEquals \(audKey) = sts.amazonaws.com"))
        } else if audiences.contains(where: { $0.values.contains { GlobPattern.hasWildcard($0) } && ($0.op?.allowsWildcards ?? false) }) {
            findings.append(Finding(
                CheckRules.gitHubAudience, at: at,
                "\(label): \(audKey) is a pattern; it must be exactly sts.amazonaws.com",
                fix: "require StringEquals \(audKey) = sts.amazonaws.com"))
        }
        return findings
    }

    /// `repo:OWNER/REPO:…` → `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (keeping wildcards).
    static func immutableExample(_ pattern: String) -> String {
        guard pattern.hasPrefix("repo:") else { return "repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main" }
        let rest = pattern.dropFirst(5)
        let ownerEnd = rest.firstIndex { $0 == "/" || $0 == ":" } ?? rest.endIndex
        let owner = rest[..<ownerEnd]
        guard ownerEnd < rest.endIndex, rest[ownerEnd] == "/" else { return "repo:\(owner)@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main" }
        let afterSlash = rest[rest.index(after: ownerEnd)...]
        let repository = afterSlash.prefix { $0 != ":" }
        let tail = afterSlash.dropFirst(repository.count)
        let repoPart = repository.first == "*" ? String(repository) : "\(repository)@REPO_ID"
        return "repo:\(owner)@OWNER_ID/\(repoPart)\(tail)"
    }

    /// Thumbprints on GitHub's or an EKS cluster's provider.
    static func thumbprints(_ provider: IAMModel.OIDCProvider, _ context: TemplateCheck) -> [Finding] {
        guard !provider.thumbprints.isEmpty else { return [] }
        let issuer = provider.url.hasPrefix("https://") ? String(provider.url.dropFirst(8)) : provider.url
        let kind: String
        switch IdentityIssuer(principal: ":oidc-provider/" + issuer) {
        case .gitHub: kind = "GitHub Actions"
        case .eks: kind = "an EKS cluster"
        default: return []
        }
        return [Finding(
            CheckRules.gitHubThumbprints, at: context.location(provider.logicalID),
            "the OIDC provider for \(kind) (\(context.display(provider.url))) lists thumbprints "
                + provider.thumbprints.joined(separator: ", ")
                + ": AWS ignores them for this issuer since July 2023 and verifies it through its trusted certificate authorities",
            fix: "remove ThumbprintList (in Kumo, leave out thumbprints:)")]
    }
}
