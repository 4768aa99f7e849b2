/// Whether a statement is already granted (or denied) by another: used to tell a real new grant from one
/// that only moved between statements. Sound, not complete: `true` only when sure.
enum StatementContainment {
    /// Whether every request `inner` matches, `outer` matches too (same effect, principals, actions and
    /// resources within `outer`'s, and each of `outer`'s conditions implied by one of `inner`'s).
    static func isCovered(_ inner: NormalizedStatement, by outer: NormalizedStatement) -> Bool {
        guard inner.effect == outer.effect else { return false }
        guard principalCovered(inner.principal, by: outer.principal) else { return false }
        guard elementCovered(inner.action, by: outer.action) else { return false }
        switch (inner.resource, outer.resource) {
        case (nil, nil): break
        case (let a?, let b?): guard elementCovered(a, by: b) else { return false }
        default: return false
        }
        for condition in outer.conditions {
            let implied = inner.conditions.contains { mine in
                mine.foldedKey == condition.foldedKey && ConditionContainment.isWithin(mine, condition) == true
            }
            guard implied else { return false }
        }
        return true
    }

    /// Whether `inner` is covered by `statements`: by one of them, or piece by piece (each of its actions on
    /// each of its resources by some statement — a statement split in two is still granted).
    static func isCovered(_ inner: NormalizedStatement, byAnyOf statements: [NormalizedStatement]) -> Bool {
        if statements.contains(where: { isCovered(inner, by: $0) }) { return true }
        guard !inner.action.isNot, inner.resource?.isNot != true, inner.action.values.count * max(1, inner.resource?.values.count ?? 1) <= 256,
              inner.action.values.count > 1 || (inner.resource?.values.count ?? 0) > 1 else { return false }
        for action in inner.action.values {
            let byAction = inner.with(actions: [action])
            for resource in inner.resource.map({ Array($0.values) }) ?? [] {
                let piece = byAction.with(resources: [resource])
                if !statements.contains(where: { isCovered(piece, by: $0) }) { return false }
            }
            if inner.resource == nil, !statements.contains(where: { isCovered(byAction, by: $0) }) { return false }
        }
        return true
    }

    private static func principalCovered(_ inner: PrincipalElement?, by outer: PrincipalElement?) -> Bool {
        switch (inner, outer) {
        case (nil, nil): return true
        case (let a?, let b?):
            if a.isNot || b.isNot { return a == b }
            if b.any { return true }
            return !a.any && a.entries.allSatisfy(b.covers)
        default: return false
        }
    }

    private static func elementCovered(_ inner: PatternElement, by outer: PatternElement) -> Bool {
        guard inner.isNot == outer.isNot else { return false }
        // `NotAction: [x]` matches everything but x: fewer exclusions match more.
        return inner.isNot
            ? PatternSubset.allCovered(outer.patterns, by: inner.patterns) == true
            : PatternSubset.allCovered(inner.patterns, by: outer.patterns) == true
    }
}
