import KumoJSON
import KumoPolicy

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
        if owner.isEmpty || Wildcard.containsWildcard(String(owner)) { return .anyOwner }
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
            segment.contains("@") || (wildcards && Wildcard.containsWildcard(String(segment)))
        }
        let owner = rest[..<ownerEnd]
        if wildcards && owner.contains("*") { return true }
        guard open(owner) else { return false }
        guard ownerEnd < rest.endIndex, rest[ownerEnd] == "/" else { return true }
        let repository = rest[rest.index(after: ownerEnd)...].prefix { $0 != ":" }
        return open(repository)
    }

    /// - Parameter misplaced: claims conditioned on under another issuer's keys (already `KUMO-IRSA-004`).
    static func check(
        _ statement: PolicyStatement, issuer: String, role: IAMModel.Role, at: Finding.Location, _ context: TemplateCheck,
        misplaced: Set<String> = []
    ) -> [Finding] {
        var findings: [Finding] = []
        let label = "\(statement.path) of role \(context.display(role.name))"
        let subKey = "\(issuer):sub", audKey = "\(issuer):aud"
        let subjects = statement.conditions.filter { $0.isClaim("sub", of: issuer) }
        let restricting = subjects.filter(\.isPositiveRestriction)

        if restricting.isEmpty && !misplaced.contains("sub") {
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
                        "\(label): \(condition.operatorName) \(subKey) = \"\(value)\" admits every repository of \(owner)"
                            + Self.ownerWideScope(value, owner: owner),
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
                    (condition.op?.allowsWildcards ?? false) ? Wildcard.matches(aud, pattern: value) : aud == value
                }
            }
        }
        if audiences.isEmpty && !misplaced.contains("aud") {
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
        } else if audiences.contains(where: { $0.values.contains { Wildcard.containsWildcard($0) } && ($0.op?.allowsWildcards ?? false) }) {
            findings.append(Finding(
                CheckRules.gitHubAudience, at: at,
                "\(label): \(audKey) is a pattern; it must be exactly sts.amazonaws.com",
                fix: "require StringEquals \(audKey) = sts.amazonaws.com"))
        }
        return findings
    }

    /// What an owner-wide pattern (`repo:OWNER/*…`) admits of each repository, decided by probing it with subjects of
    /// each of GitHub's formats: `, on any branch, tag, pull request or environment` for `repo:OWNER/*`, `, but only
    /// jobs on branch main` for `repo:OWNER/*:ref:refs/heads/main`.
    static func ownerWideScope(_ pattern: String, owner: String) -> String {
        let base = "repo:\(owner)/kumo-probe-repo-0"
        let probes: [(kind: String, subject: String)] = [
            ("branch main", base + ":ref:refs/heads/main"), ("other branches", base + ":ref:refs/heads/kumo-probe-branch-0"),
            ("tags", base + ":ref:refs/tags/kumo-probe-tag-0"), ("pull requests", base + ":pull_request"),
            ("environments", base + ":environment:kumo-probe-environment-0"),
        ]
        let matched = probes.filter { Wildcard.matches($0.subject, pattern: pattern) }.map(\.kind)
        let unmatched = probes.map(\.kind).filter { !matched.contains($0) }
        if unmatched.isEmpty { return ", on any branch, tag, pull request or environment" }
        // A literal tail names exactly one ref, environment or event.
        let prefix = "repo:\(owner)/*"
        if pattern.hasPrefix(prefix), !Wildcard.containsWildcard(String(pattern.dropFirst(prefix.count))) {
            let tail = String(pattern.dropFirst(prefix.count))
            let only: String
            if tail.hasPrefix(":ref:refs/heads/") { only = "jobs on branch \(tail.dropFirst(16)) (not other branches, tags, pull requests or environments)" }
            else if tail.hasPrefix(":ref:refs/tags/") { only = "jobs on tag \(tail.dropFirst(15)) (not branches, other tags, pull requests or environments)" }
            else if tail.hasPrefix(":environment:") { only = "jobs in environment \(tail.dropFirst(13)) (not other environments, nor jobs outside one)" }
            else if tail == ":pull_request" { only = "pull_request workflows (not branches, tags or environments)" }
            else { only = "subjects ending in \"\(tail)\"" }
            return " (including repositories created later), but only \(only)"
        }
        if matched.isEmpty { return " whose subjects match it (none of GitHub's default formats does: check the pattern)" }
        return " (including repositories created later), on \(matched.joined(separator: ", ")) — not \(unmatched.joined(separator: ", "))"
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
