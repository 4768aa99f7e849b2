import KumoJSON

/// Wording shared by the text and Markdown reports.
enum DiffPhrases {
    /// `role role-for-db-migrator` / `managed policy pull-image-policy`.
    static func subject(_ s: IAMChange.Subject) -> String {
        let kind = s.kind == .managedPolicy ? "managed policy" : s.kind.rawValue
        guard let name = s.name, name != s.displayName else { return kind }
        return "\(kind) \(name)"
    }

    /// `trust`, `managed policies`, `inline policy NAME`, `policy` (`nil` for whole-subject changes).
    static func document(_ d: IAMChange.Document?) -> String? {
        switch d {
        case .trust?: "trust"
        case .attachments?: "managed policies"
        case .inline(let name)?: "inline policy \(name)"
        case .policy?: "policy"
        case nil: nil
        }
    }

    /// `statement added`, `user added`, …: the change's kind, with the subject's kind for whole principals.
    static func kind(_ change: IAMChange) -> String {
        switch (change.kind, change.subject.kind) {
        case (.roleAdded, .user), (.roleAdded, .group): "\(change.subject.kind.rawValue) added"
        case (.roleRemoved, .user), (.roleRemoved, .group): "\(change.subject.kind.rawValue) removed"
        default: kind(change.kind)
        }
    }

    /// `statement added`, `condition changed`, ….
    static func kind(_ k: IAMChange.Kind) -> String {
        switch k {
        case .roleAdded: "role added"
        case .roleRemoved: "role removed"
        case .policyAdded: "managed policy added"
        case .policyRemoved: "managed policy removed"
        case .attachmentAdded: "policy attached"
        case .attachmentRemoved: "policy detached"
        case .inlinePolicyAdded: "inline policy added"
        case .inlinePolicyRemoved: "inline policy removed"
        case .statementAdded: "statement added"
        case .statementRemoved: "statement removed"
        case .principalChanged: "principal changed"
        case .actionChanged: "action changed"
        case .resourceChanged: "resource changed"
        case .elementKindChanged: "element changed"
        case .conditionAdded: "condition added"
        case .conditionRemoved: "condition removed"
        case .conditionChanged: "condition changed"
        case .documentChanged: "document changed"
        }
    }

    /// A JSON value on one line, shortened to `limit` characters.
    static func value(_ json: JSON?, limit: Int = 120) -> String {
        guard let json else { return "(absent)" }
        let text = json.stringValue ?? json.serialized()
        return shortened(text, limit: limit)
    }

    static func shortened(_ text: String, limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `native OIDC provider …` row text of an expected replacement's target.
    static func target(_ r: ExpectedReplacement) -> String { r.newType ?? "(dropped)" }

    /// The one-line summary of a diff.
    static func summary(_ counts: TemplateDiff.Counts) -> String {
        var parts: [String] = []
        if counts.iamTotal == 0 {
            parts.append("IAM: no change")
        } else {
            var iam = ["\(counts.iam(.broadening)) broadening", "\(counts.iam(.narrowing)) narrowing"]
            if counts.iam(.review) > 0 { iam.append("\(counts.iam(.review)) to review") }
            if counts.iam(.neutral) > 0 { iam.append("\(counts.iam(.neutral)) same access") }
            parts.append("IAM: " + iam.joined(separator: ", "))
        }
        parts.append("resources: \(counts.added) added, \(counts.removed) removed, \(counts.modified) modified, \(counts.replaced) replaced")
        if counts.other > 0 { parts.append("\(counts.other) other change\(counts.other == 1 ? "" : "s")") }
        if counts.expectedReplacements > 0 { parts.append("\(counts.expectedReplacements) expected CDK → native replacement\(counts.expectedReplacements == 1 ? "" : "s")") }
        if counts.blocking > 0 { parts.append("\(counts.blocking) blocking type change\(counts.blocking == 1 ? "" : "s") (kumo migrate)") }
        return parts.joined(separator: " · ")
    }

    /// The hidden-noise line, when something was hidden.
    static func noise(_ items: [NoiseItem]) -> String? {
        guard !items.isEmpty else { return nil }
        var rules: [String] = []
        for item in items where !rules.contains(item.rule) { rules.append(item.rule) }
        return "\(items.count) noise difference\(items.count == 1 ? "" : "s") hidden (\(rules.joined(separator: ", "))); --strict shows them"
    }

    /// The note under expected replacements that change a type in place.
    static let typeChangeNote = "A type change under the same logical ID cannot be applied as an update of the existing CDK stack "
        + "(CloudFormation: \"Update of resource type is not permitted\"): move the deployed stack with kumo migrate."

    /// The blocking section's explanation.
    static func blocking(_ count: Int) -> String {
        "CloudFormation refuses this update: \(count) resource\(count == 1 ? "" : "s") change\(count == 1 ? "s" : "") type under the same logical ID "
            + "(\"Update of resource type is not permitted\"). Move the deployed stack with `kumo migrate --from DEPLOYED --physical-ids …`: "
            + "a verified plan (retain, orphan, import, converge) that replaces nothing stateful."
    }
}
