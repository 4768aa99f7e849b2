import KumoJSON

extension Construct {
    /// Suppresses a `kumo check` finding (rule `ruleID`, e.g. `KUMO-IRSA-001`) on every resource of this
    /// construct — like cdk-nag's `NagSuppressions.addResourceSuppressions`, the reason is mandatory and shown in
    /// every report.
    ///
    /// ```swift
    /// let role = Role(stack, "DBMigratorRole", assumedBy: .serviceAccount("main", "account-for-db-migrator", of: cluster))
    /// role.suppress("KUMO-IRSA-001", reason: "the provider's only client ID is sts.amazonaws.com")
    /// stack.suppress("KUMO-GH-005", reason: "thumbprints kept until the provider is recreated")  // whole stack
    /// ```
    /// At synthesis, each `CfnResource` below the construct (also those added after this call) gets a `Metadata`
    /// entry `"kumo:suppressions": [{"id": …, "reason": …}]`, which `kumo check` (and the checks of `kumo synth`)
    /// honour in any template. An empty reason, or an ID that is not of the form `KUMO-XXX-000`, is a synthesis
    /// error.
    public func suppress(_ ruleID: String, reason: String) {
        suppress([ruleID], reason: reason)
    }

    /// Suppresses several `kumo check` rules with one reason; see ``suppress(_:reason:)``.
    public func suppress(_ ruleIDs: [String], reason: String) {
        let trimmed = reason.unicodeScalars.filter { !$0.properties.isWhitespace }
        if trimmed.isEmpty {
            node.addError(
                "the suppression of \(ruleIDs.joined(separator: ", ")) has no reason",
                fix: "say why the finding is acceptable: suppress(\"\(ruleIDs.first ?? "KUMO-…")\", reason: \"…\")")
            return
        }
        for id in ruleIDs where !SuppressionMarker.isRuleID(id) {
            node.addError(
                "\"\(id)\" is not a kumo check rule ID", fix: "use an ID such as KUMO-IRSA-001 (kumo check --list-rules)")
            return
        }
        let marker = node.tryFindChild(SuppressionMarker.id) as? SuppressionMarker ?? SuppressionMarker(self)
        for id in ruleIDs { marker.entries[id] = reason }
    }
}

/// Records the suppressions of its scope and writes them into the metadata of the scope's resources at synthesis.
final class SuppressionMarker: Construct {
    static let id = "KumoSuppressions"
    static let metadataKey = "kumo:suppressions"

    /// Rule ID → reason, in the order suppressed.
    var entries: OrderedDictionary<String, String> = [:]

    init(_ scope: Construct) { super.init(scope, Self.id) }

    /// `KUMO-` + letters + `-` + three digits.
    static func isRuleID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "KUMO" && !parts[1].isEmpty
            && parts[1].allSatisfy { $0.isASCII && $0.isUppercase || $0.isNumber }
            && parts[2].count == 3 && parts[2].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Writes, on every resource below the scope, the suppressions of all markers on the resource's ancestors:
    /// the nearest construct's reason wins for a rule suppressed at several levels.
    override func prepare() {
        guard let scope = node.scope else { return }
        for case let resource as CfnResource in scope.node.subtree {
            var chain: [Construct] = []
            var current: Construct? = resource
            while let c = current {
                chain.append(c)
                current = c.node.scope
            }
            var merged: OrderedDictionary<String, String> = [:]
            for ancestor in chain.reversed() {
                guard let marker = ancestor.node.tryFindChild(Self.id) as? SuppressionMarker else { continue }
                for (id, reason) in marker.entries { merged[id] = reason }
            }
            let kept = (resource.metadata[Self.metadataKey]?.arrayValue ?? []).filter {
                guard let id = $0["id"]?.stringValue else { return true }
                return merged[id] == nil
            }
            resource.metadata[Self.metadataKey] = .array(kept + merged.map { ["id": .string($0.key), "reason": .string($0.value)] })
        }
    }
}
