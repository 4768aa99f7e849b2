import KumoJSON

/// The report as JSON, for tools; the schema is documented in `docs/diff-json-schema.md` (`schemaVersion` 1).
/// Keys are written in a fixed order; absent values are omitted, never `null` (except JSON `null` values of
/// the templates themselves).
public struct JSONRenderer: Sendable {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ diff: TemplateDiff) -> JSON {
        let counts = diff.counts
        var iam = JSONObject()
        for c in Classification.allCases { iam[c.rawValue] = .number(Double(counts.iam(c))) }
        let summary: JSON = [
            "changes": .bool(diff.hasChanges),
            "broadening": .bool(diff.hasBroadening),
            "iam": .object(iam),
            "resources": [
                "added": .number(Double(counts.added)), "removed": .number(Double(counts.removed)),
                "modified": .number(Double(counts.modified)), "replaced": .number(Double(counts.replaced)),
            ],
            "otherChanges": .number(Double(counts.other)),
            "expectedReplacements": .number(Double(counts.expectedReplacements)),
            "noiseHidden": .number(Double(counts.noise)),
            "blocking": .number(Double(counts.blocking)),
        ]
        return ["schemaVersion": .number(Double(Self.schemaVersion)), "summary": summary, "stacks": .array(diff.stacks.map(stack))]
    }

    private func stack(_ s: StackDiff) -> JSON {
        var out: JSONObject = ["name": .string(s.name), "status": .string(s.status.rawValue)]
        if let file = s.oldFile { out["oldFile"] = .string(file) }
        if let file = s.newFile { out["newFile"] = .string(file) }
        out["iam"] = .array(s.iam.map(iam))
        out["resources"] = .array(s.resources.map(resource))
        out["otherChanges"] = .array(s.otherChanges.map { change in
            var o: JSONObject = ["section": .string(change.section), "name": .string(change.name), "change": .string(change.kind.rawValue)]
            if let v = change.old { o["old"] = v }
            if let v = change.new { o["new"] = v }
            return .object(o)
        })
        out["expectedReplacements"] = .array(s.expectedReplacements.map { r in
            var o: JSONObject = ["logicalId": .string(r.logicalID), "oldType": .string(r.oldType)]
            if let t = r.newType { o["newType"] = .string(t) }
            o["rule"] = .string(r.rule)
            o["reason"] = .string(r.reason)
            return .object(o)
        })
        out["noise"] = .array(s.noise.map { ["location": .string($0.location), "rule": .string($0.rule)] })
        out["blocking"] = .array(s.blocking.map { ["logicalId": .string($0.logicalID), "oldType": .string($0.oldType), "newType": .string($0.newType)] })
        return .object(out)
    }

    private func iam(_ c: IAMChange) -> JSON {
        var subject: JSONObject = ["kind": .string(c.subject.kind.rawValue), "logicalId": .string(c.subject.logicalID)]
        if let name = c.subject.name { subject["name"] = .string(name) }
        subject["displayName"] = .string(c.subject.displayName)
        var o: JSONObject = ["subject": .object(subject)]
        if let d = c.document { o["document"] = .string(d.identifier) }
        o["kind"] = .string(c.kind.rawValue)
        o["classification"] = .string(c.classification.rawValue)
        if let s = c.statement { o["statement"] = .string(s) }
        if let e = c.element { o["element"] = .string(e) }
        o["old"] = .array(c.old.map(JSON.string))
        o["new"] = .array(c.new.map(JSON.string))
        o["reason"] = .string(c.reason)
        o["resource"] = .string(c.resourceLogicalID)
        if let p = c.property { o["property"] = .string(p) }
        return .object(o)
    }

    private func resource(_ r: ResourceChange) -> JSON {
        var o: JSONObject = ["logicalId": .string(r.logicalID), "change": .string(r.kind.rawValue)]
        if let t = r.oldType { o["oldType"] = .string(t) }
        if let t = r.newType { o["newType"] = .string(t) }
        o["replacement"] = .bool(r.replaces)
        o["replacementReasons"] = .array(r.replacementReasons.map(JSON.string))
        o["properties"] = .array(r.properties.map { p in
            var po: JSONObject = ["path": .string(p.path)]
            if let v = p.old { po["old"] = v }
            if let v = p.new { po["new"] = v }
            po["forcesReplacement"] = .bool(p.forcesReplacement)
            if let note = p.note { po["note"] = .string(note) }
            return .object(po)
        })
        return .object(o)
    }
}
