/// The conditions of two paired statements, compared key by key (case-insensitively).
///
/// On an `Allow` statement a removed condition loosens it (broadening), an added one tightens it
/// (narrowing), and a changed one is classified by ``ConditionContainment``: new within old is narrowing,
/// old within new broadening, undecidable "review".
enum ConditionDiffer {
    enum Change: Hashable {
        case removed(NormalizedCondition)
        case added(NormalizedCondition)
        case changed(NormalizedCondition, NormalizedCondition)
    }

    static func diff(_ old: [NormalizedCondition], _ new: [NormalizedCondition]) -> [Change] {
        var keys: [String] = []
        for c in old + new where !keys.contains(c.foldedKey) { keys.append(c.foldedKey) }
        var changes: [Change] = []
        for key in keys {
            var olds = old.filter { $0.foldedKey == key }
            var news = new.filter { $0.foldedKey == key }
            // Identical conditions: nothing to report.
            for c in olds where news.contains(c) {
                olds.removeAll { $0 == c }
                news.removeAll { $0 == c }
            }
            // Same operator: values changed.
            for c in olds {
                if let index = news.firstIndex(where: { $0.op == c.op }) {
                    changes.append(.changed(c, news.remove(at: index)))
                    olds.removeAll { $0 == c }
                }
            }
            // Another operator on the same key (StringEquals → StringLike).
            while !olds.isEmpty && !news.isEmpty {
                changes.append(.changed(olds.removeFirst(), news.removeFirst()))
            }
            changes += olds.map(Change.removed) + news.map(Change.added)
        }
        return changes
    }

    /// The classification of `old` → `new` on an `Allow` statement, and why.
    static func classify(_ old: NormalizedCondition, _ new: NormalizedCondition, oldText: StatementText, newText: StatementText) -> (Classification, String) {
        let newWithinOld = ConditionContainment.isWithin(new, old)
        let oldWithinNew = ConditionContainment.isWithin(old, new)
        let classification: Classification
        switch (newWithinOld, oldWithinNew) {
        case (false?, _): classification = .broadening
        case (nil, _): classification = .review
        case (true?, true?): classification = .neutral
        case (true?, _): classification = .narrowing
        }
        var reasons: [String] = []
        if old.op.base != new.op.base || old.op.qualifier != new.op.qualifier {
            reasons.append("\(old.op.name) → \(new.op.name)")
            if !new.op.allowsWildcards && old.op.allowsWildcards { reasons.append("wildcards now literal") }
        }
        if !old.op.isIfExists && new.op.isIfExists { reasons.append("IfExists: also true without the key") }
        if old.op.isIfExists && !new.op.isIfExists { reasons.append("no longer true without the key") }
        let added = new.values.filter { !old.values.contains($0) }
        let removed = old.values.filter { !new.values.contains($0) }
        for value in added {
            let pattern = Pattern(value, wildcards: new.op.allowsWildcards)
            let widened = removed.filter { pattern.matchesAllOf(Pattern($0, wildcards: old.op.allowsWildcards)) }
            let narrowed = removed.filter { Pattern($0, wildcards: old.op.allowsWildcards).matchesAllOf(pattern) }
            if !widened.isEmpty {
                reasons.append("wider pattern \(newText.show(value)) (was \(widened.map(oldText.show).joined(separator: ", ")))")
            } else if !narrowed.isEmpty {
                reasons.append("narrower pattern \(newText.show(value)) (was \(narrowed.map(oldText.show).joined(separator: ", ")))")
            } else {
                reasons.append("added value \(newText.show(value))")
            }
        }
        let explained = reasons.joined(separator: " ")
        for value in removed where !explained.contains(oldText.show(value)) {
            reasons.append("removed value \(oldText.show(value))")
        }
        if classification == .review { reasons.append("cannot decide whether the new condition is wider") }
        if classification == .neutral { reasons.append("same access") }
        return (classification, reasons.joined(separator: "; "))
    }
}

extension Pattern {
    /// Whether every string `other` matches, this pattern matches.
    func matchesAllOf(_ other: Pattern) -> Bool { PatternSubset.contains(other.tokens, in: tokens) }
}
