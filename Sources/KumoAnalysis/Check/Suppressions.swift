import KumoJSON

/// Suppressions written in the templates: a resource's `Metadata` entry
///
/// ```json
/// "kumo:suppressions": [{"id": "KUMO-IRSA-001", "reason": "the audience is enforced by the provider's client IDs"}]
/// ```
/// (what `Construct.suppress(_:reason:)` writes), cdk-nag's `"cdk_nag": {"rules_to_suppress": [{"id", "reason"}]}`
/// for `KUMO-` IDs, and the same `kumo:suppressions` in the template's top-level `Metadata` for every resource of
/// the template. A suppression without a reason is not honoured (`KUMO-SUP-001`); one naming an unknown rule is
/// reported (`KUMO-SUP-002`).
public enum Suppressions {
    /// The metadata key Kumo writes.
    public static let metadataKey = "kumo:suppressions"

    struct Entry {
        var id: String
        var reason: String
    }

    /// The suppression entries of a metadata object.
    static func entries(in metadata: JSONObject) -> [Entry] {
        var found: [Entry] = []
        func read(_ list: JSON?) {
            for item in list?.arrayValue ?? [] {
                guard let id = item["id"]?.stringValue else { continue }
                found.append(Entry(id: id, reason: item["reason"]?.stringValue?.trimmingWhitespace ?? ""))
            }
        }
        read(metadata[metadataKey])
        let nag = metadata["cdk_nag"]?["rules_to_suppress"]?.arrayValue ?? []
        read(.array(nag.filter { $0["id"]?.stringValue?.hasPrefix("KUMO-") == true }))
        return found
    }

    static func apply(to findings: [Finding], templates: [CloudTemplate], lineIndexes: [String: LineIndex]) -> [Finding] {
        var result = findings
        var extra: [Finding] = []
        var byResource: [String: [Int]] = [:]  // "stack\u{1F}logicalID" → indexes into result
        for (i, finding) in result.enumerated() {
            guard let stack = finding.location.stack, let id = finding.location.logicalID else { continue }
            byResource[stack + "\u{1F}" + id, default: []].append(i)
        }
        for template in templates {
            let lines = lineIndexes[template.name]
            let stackWide = entries(in: template.json["Metadata"]?.objectValue ?? [:])
            for entry in stackWide {
                if let problem = problem(entry, at: Finding.Location(file: template.file, line: nil, stack: template.name)) { extra.append(problem) }
            }
            for resource in template.resources.values {
                let own = entries(in: resource.metadata)
                let at = lines.map { TemplateCheck.location(template, resource.logicalID, $0) } ?? Finding.Location(stack: template.name, logicalID: resource.logicalID)
                for entry in own {
                    if let problem = problem(entry, at: at) { extra.append(problem) }
                }
                let valid = (own + stackWide).filter { !$0.reason.isEmpty }
                guard !valid.isEmpty else { continue }
                for i in byResource[template.name + "\u{1F}" + resource.logicalID] ?? [] where result[i].suppression == nil {
                    if let entry = valid.first(where: { $0.id == result[i].rule.id }) {
                        result[i].suppression = Finding.Suppression(reason: entry.reason)
                    }
                }
            }
        }
        return result + extra
    }

    private static func problem(_ entry: Entry, at: Finding.Location) -> Finding? {
        if entry.reason.isEmpty {
            return Finding(
                CheckRules.suppressionWithoutReason, at: at,
                "the suppression of \(entry.id) has no reason, so it is not honoured",
                fix: "give it a reason: suppress(\"\(entry.id)\", reason: \"why this finding is acceptable here\")")
        }
        if CheckRules.rule(entry.id) == nil {
            let close = CheckRules.all.map(\.id).first { $0.lowercased() == entry.id.lowercased() }
            return Finding(
                CheckRules.suppressionUnknownRule, at: at,
                "the suppression names \(entry.id), which is not a rule of kumo check" + (close.map { " (did you mean \($0)?)" } ?? ""),
                fix: "use an ID from `kumo check --list-rules`")
        }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
