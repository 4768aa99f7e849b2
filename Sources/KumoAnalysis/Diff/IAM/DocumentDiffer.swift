import KumoJSON
import KumoPolicy

/// One difference between two versions of a policy document, before it is tied to a role or policy.
struct DocumentFinding: Hashable, Sendable {
    var kind: IAMChange.Kind
    var classification: Classification
    var statement: String?
    var element: String?
    var old: [String] = []
    var new: [String] = []
    var reason: String
}

/// The other documents that grant a principal its access, on each side: a statement removed from one policy
/// but still granted by another of the principal's, or added to one but already granted by another, is "same
/// access" (what moved, where to).
struct Coverage {
    /// A document of the principal: `inline policy X`, `managed policy Y`, `group G's inline policy Z`.
    struct Source {
        var label: String
        var statements: [NormalizedStatement]
    }

    var old: [Source] = []
    var new: [Source] = []

    static let none = Coverage()

    /// The labels of the sources of `side` that grant `statement` (one that grants it all, else those that
    /// grant a piece of it when together they grant it all); `nil` when they do not.
    static func source(of statement: NormalizedStatement, in side: [Source]) -> String? {
        sources(of: statement, in: side)?.joined(separator: " and ")
    }

    static func sources(of statement: NormalizedStatement, in side: [Source]) -> [String]? {
        if let one = side.first(where: { StatementContainment.isCovered(statement, byAnyOf: $0.statements) }) { return [one.label] }
        guard StatementContainment.isCovered(statement, byAnyOf: side.flatMap(\.statements)) else { return nil }
        var pieces: [NormalizedStatement] = statement.action.values.sorted().map { statement.with(actions: [$0]) }
        if let resources = statement.resource?.values.sorted() {
            pieces = pieces.flatMap { piece in resources.map { piece.with(resources: [$0]) } }
        }
        var labels: [String] = []
        for source in side where pieces.contains(where: { StatementContainment.isCovered($0, byAnyOf: source.statements) }) {
            if !labels.contains(source.label) { labels.append(source.label) }
        }
        return labels
    }
}

/// Compares two resolved policy documents by meaning: parsed with KumoPolicy, normalized, statements paired
/// (``StatementMatcher``), then element by element, each change classified.
///
/// Additions are checked against the *whole* other document: an action that moved from one statement to
/// another is "same access", not a new grant. For `Deny` statements every direction is inverted.
struct DocumentDiffer {
    let kind: PolicyKind
    let oldText: StatementText
    let newText: StatementText

    init(kind: PolicyKind, old: CloudTemplate, new: CloudTemplate) {
        self.kind = kind
        oldText = StatementText(template: old)
        newText = StatementText(template: new)
    }

    func diff(_ old: JSON, _ new: JSON, coverage: Coverage = .none) -> [DocumentFinding] {
        if old.semanticallyEquals(new) { return [] }
        let oldDocument: PolicyDocument, newDocument: PolicyDocument
        do {
            oldDocument = try PolicyDocument.parse(SymbolicValues.prepare(old), kind: kind)
            newDocument = try PolicyDocument.parse(SymbolicValues.prepare(new), kind: kind)
        } catch {
            return [
                DocumentFinding(
                    kind: .documentChanged, classification: .review,
                    old: [oldText.show(old.serialized())], new: [newText.show(new.serialized())],
                    reason: "not a valid \(kind.rawValue) policy, compared as text: " + newText.show(error.errors.first.map(\.description) ?? ""))
            ]
        }
        return diff(oldDocument.statements.map(NormalizedStatement.init), newDocument.statements.map(NormalizedStatement.init), coverage: coverage)
    }

    /// The statements of a document, normalized (`nil` when it is not a valid policy).
    func statements(_ document: JSON) -> [NormalizedStatement]? {
        (try? PolicyDocument.parse(SymbolicValues.prepare(document), kind: kind))?.statements.map(NormalizedStatement.init)
    }

    /// Findings for a whole document that appears (`added`) or disappears. With `coverage`, statements the
    /// principal is granted by its other documents on the other side are no change of access: `movedTo`/`From`
    /// names those documents; the document is "same access" when every statement is so covered.
    func whole(_ document: JSON, added: Bool, coverage: Coverage = .none) -> (classification: Classification, lines: [String], covered: [String]) {
        let text = added ? newText : oldText
        guard let statements = statements(document) else {
            return (.review, [text.show(document.serialized())], [])
        }
        let other = added ? coverage.old : coverage.new
        var uncovered: [NormalizedStatement] = []
        var covered: [String] = []
        for statement in statements {
            if let sources = Coverage.sources(of: statement, in: other) {
                for source in sources where !covered.contains(source) { covered.append(source) }
            } else {
                uncovered.append(statement)
            }
        }
        let grants = uncovered.contains { $0.effect == .allow }
        let denies = uncovered.contains { $0.effect == .deny }
        let classification: Classification
        if uncovered.isEmpty {
            classification = .neutral
        } else if added {
            classification = grants ? .broadening : .narrowing
        } else {
            classification = grants ? .narrowing : (denies ? .broadening : .neutral)
        }
        return (classification, statements.flatMap(text.lines), covered)
    }

    func diff(_ old: [NormalizedStatement], _ new: [NormalizedStatement], coverage: Coverage = .none) -> [DocumentFinding] {
        let matched = StatementMatcher.match(old, new)
        var findings: [DocumentFinding] = []
        // What else grants the principal its access, on each side (its other policies).
        let oldAll = old + coverage.old.flatMap(\.statements), newAll = new + coverage.new.flatMap(\.statements)
        for i in matched.removed {
            let s = old[i]
            let elsewhere = StatementContainment.isCovered(s, byAnyOf: new) ? nil : Coverage.source(of: s, in: coverage.new)
            let covered = elsewhere != nil || StatementContainment.isCovered(s, byAnyOf: new)
            let direction: Classification = covered ? .neutral : (s.effect == .allow ? .narrowing : .broadening)
            let reason = elsewhere.map { "same access: moved to \($0)" } ?? (covered ? "still granted by another statement" : (s.effect == .allow ? "allow statement removed" : "deny statement removed"))
            findings.append(
                DocumentFinding(kind: .statementRemoved, classification: direction, statement: oldText.label(s), old: oldText.lines(s), reason: reason))
        }
        for (i, j) in matched.pairs {
            findings += compare(old[i], new[j], oldDocument: oldAll, newDocument: newAll)
        }
        for j in matched.added {
            let s = new[j]
            let elsewhere = StatementContainment.isCovered(s, byAnyOf: old) ? nil : Coverage.source(of: s, in: coverage.old)
            let covered = elsewhere != nil || StatementContainment.isCovered(s, byAnyOf: old)
            let direction: Classification = covered ? .neutral : (s.effect == .allow ? .broadening : .narrowing)
            let reason = elsewhere.map { "same access: moved from \($0)" } ?? (covered ? "already granted by another statement" : (s.effect == .allow ? "new allow statement" : "new deny statement"))
            findings.append(
                DocumentFinding(kind: .statementAdded, classification: direction, statement: newText.label(s), new: newText.lines(s), reason: reason))
        }
        return findings
    }

    // MARK: - One pair of statements

    private func compare(_ o: NormalizedStatement, _ n: NormalizedStatement, oldDocument: [NormalizedStatement], newDocument: [NormalizedStatement]) -> [DocumentFinding] {
        var findings: [DocumentFinding] = []
        let label = newText.label(n)
        let deny = n.effect == .deny
        func add(_ kind: IAMChange.Kind, _ classification: Classification, _ element: String, old: [String], new: [String], _ reason: String) {
            findings.append(
                DocumentFinding(kind: kind, classification: deny ? classification.inverted : classification, statement: label, element: element, old: old, new: new, reason: reason))
        }

        // Principal
        if o.principal != n.principal {
            if let p = o.principal, let q = n.principal, p.isNot == q.isNot {
                let delta = principalDelta(o, n, oldDocument: oldDocument, newDocument: newDocument)
                add(.principalChanged, q.isNot ? delta.classification.inverted : delta.classification, q.isNot ? "NotPrincipal" : "Principal", old: delta.removed, new: delta.added, delta.reason)
            } else {
                add(.elementKindChanged, .review, "Principal", old: o.principal.map { [oldText.principal($0, limit: nil)] } ?? [], new: n.principal.map { [newText.principal($0, limit: nil)] } ?? [],
                    "Principal and NotPrincipal are not comparable")
            }
        }
        // Action
        if o.action != n.action {
            if o.action.isNot == n.action.isNot {
                let delta = patternDelta(o.action, n.action, foldCase: true, restrict: { $0.with(actions: $1) }, o, n, oldDocument, newDocument)
                add(.actionChanged, delta.classification, n.action.isNot ? "NotAction" : "Action", old: delta.removed, new: delta.added, delta.reason)
            } else {
                add(.elementKindChanged, .review, "Action", old: [(o.action.isNot ? "NotAction " : "Action ") + o.action.sorted.joined(separator: ", ")],
                    new: [(n.action.isNot ? "NotAction " : "Action ") + n.action.sorted.joined(separator: ", ")], "Action and NotAction are not comparable")
            }
        }
        // Resource
        if o.resource != n.resource {
            if let r = o.resource, let s = n.resource, r.isNot == s.isNot {
                let delta = patternDelta(r, s, foldCase: false, restrict: { $0.with(resources: $1) }, o, n, oldDocument, newDocument)
                add(.resourceChanged, delta.classification, s.isNot ? "NotResource" : "Resource", old: delta.removed, new: delta.added, delta.reason)
            } else {
                add(.elementKindChanged, .review, "Resource",
                    old: o.resource.map { [($0.isNot ? "NotResource " : "Resource ") + $0.sorted.map(oldText.show).joined(separator: ", ")] } ?? [],
                    new: n.resource.map { [($0.isNot ? "NotResource " : "Resource ") + $0.sorted.map(newText.show).joined(separator: ", ")] } ?? [],
                    "Resource and NotResource are not comparable")
            }
        }
        // Conditions
        for change in ConditionDiffer.diff(o.conditions, n.conditions) {
            switch change {
            case .removed(let c):
                add(.conditionRemoved, .broadening, oldText.conditionElement(c), old: c.values.map(oldText.show), new: [],
                    "condition removed: \(oldText.show(c.key)) is no longer checked")
            case .added(let c):
                add(.conditionAdded, .narrowing, newText.conditionElement(c), old: [], new: c.values.map(newText.show), "new condition")
            case .changed(let a, let b):
                let (classification, reason) = ConditionDiffer.classify(a, b, oldText: oldText, newText: newText)
                let element = a.op == b.op ? newText.conditionElement(b) : "\(a.op.name) → \(b.op.name) \(newText.show(b.key))"
                add(.conditionChanged, classification, element, old: a.values.map(oldText.show), new: b.values.map(newText.show), reason)
            }
        }
        return findings
    }

    private struct Delta {
        var classification: Classification
        var added: [String]
        var removed: [String]
        var reason: String
    }

    /// Added and removed values of an `Action`/`Resource` element, classified: an added value is a new grant
    /// unless a value of the old element (or another old statement) already covered it.
    private func patternDelta(
        _ old: PatternElement, _ new: PatternElement, foldCase: Bool, restrict: (NormalizedStatement, Set<String>) -> NormalizedStatement,
        _ o: NormalizedStatement, _ n: NormalizedStatement, _ oldDocument: [NormalizedStatement], _ newDocument: [NormalizedStatement]
    ) -> Delta {
        let added = new.values.subtracting(old.values).sorted()
        let removed = old.values.subtracting(new.values).sorted()
        let oldPatterns = old.patterns, newPatterns = new.patterns
        var uncoveredAdded: [String] = [], undecided: [String] = [], uncoveredRemoved: [String] = []
        for value in added {
            let own = PatternSubset.isCovered(Pattern(value, wildcards: true), by: oldPatterns)
            if own == true || (!new.isNot && StatementContainment.isCovered(restrict(n, [value]), byAnyOf: oldDocument)) { continue }
            if own == nil { undecided.append(value) } else { uncoveredAdded.append(value) }
        }
        for value in removed {
            let own = PatternSubset.isCovered(Pattern(value, wildcards: true), by: newPatterns)
            if own == true || (!old.isNot && StatementContainment.isCovered(restrict(o, [value]), byAnyOf: newDocument)) { continue }
            uncoveredRemoved.append(value)
        }
        var reasons: [String] = []
        for value in uncoveredAdded {
            let widened = removed.filter { PatternSubset.isCovered(Pattern($0, wildcards: true), by: [Pattern(value, wildcards: true)]) == true }
            let shown = newText.show(new.written(value))
            reasons.append(widened.isEmpty ? "added \(shown)" : "widened \(widened.map { oldText.show(old.written($0)) }.joined(separator: ", ")) → \(shown)")
        }
        for value in undecided { reasons.append("\(newText.show(new.written(value))) may cover more (undecidable)") }
        for value in uncoveredRemoved where !reasons.contains(where: { $0.contains(oldText.show(old.written(value))) }) {
            reasons.append("removed \(oldText.show(old.written(value)))")
        }
        var classification: Classification
        if !uncoveredAdded.isEmpty {
            classification = .broadening
        } else if !undecided.isEmpty {
            classification = .review
        } else if !uncoveredRemoved.isEmpty {
            classification = .narrowing
        } else {
            classification = .neutral
            reasons = ["same access"]
        }
        // In NotAction/NotResource, listing more excludes more.
        if new.isNot { classification = classification.inverted }
        return Delta(classification: classification, added: added.map { newText.show(new.written($0)) }, removed: removed.map { oldText.show(old.written($0)) },
                     reason: reasons.joined(separator: "; "))
    }

    /// Added and removed principals, classified like ``patternDelta``.
    private func principalDelta(_ o: NormalizedStatement, _ n: NormalizedStatement, oldDocument: [NormalizedStatement], newDocument: [NormalizedStatement]) -> Delta {
        let p = o.principal!, q = n.principal!
        let added = q.entries.subtracting(p.entries).sorted()
        let removed = p.entries.subtracting(q.entries).sorted()
        var addedText = added.map(newText.principalEntry), removedText = removed.map(oldText.principalEntry)
        var uncoveredAdded: [String] = [], uncoveredRemoved: [String] = []
        if q.any && !p.any {
            addedText.insert("Principal *", at: 0)
            uncoveredAdded.append("everyone (Principal *)")
        }
        if p.any && !q.any {
            removedText.insert("Principal *", at: 0)
            uncoveredRemoved.append("Principal *")
        }
        if !q.any {
            for entry in added where !p.covers(entry) && !StatementContainment.isCovered(n.with(principals: [entry], any: false), byAnyOf: oldDocument) {
                uncoveredAdded.append(newText.principalEntry(entry))
            }
        }
        for entry in removed where !q.covers(entry) && !StatementContainment.isCovered(o.with(principals: [entry], any: false), byAnyOf: newDocument) {
            uncoveredRemoved.append(oldText.principalEntry(entry))
        }
        let classification: Classification = !uncoveredAdded.isEmpty ? .broadening : (!uncoveredRemoved.isEmpty ? .narrowing : .neutral)
        let reason = !uncoveredAdded.isEmpty ? "added principal \(uncoveredAdded.joined(separator: ", "))"
            : !uncoveredRemoved.isEmpty ? "removed principal \(uncoveredRemoved.joined(separator: ", "))" : "same principals"
        return Delta(classification: classification, added: addedText, removed: removedText, reason: reason)
    }
}
