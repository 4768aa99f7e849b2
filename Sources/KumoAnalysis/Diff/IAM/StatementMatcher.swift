/// Pairs the statements of two versions of a policy document, so that a change inside a statement reads as
/// "condition changed" rather than "statement removed, statement added".
///
/// Identical statements (by meaning, `Sid` aside) are paired first. The rest are paired greedily by a
/// similarity score — same effect required; shared principals, overlapping actions, resources and condition
/// keys score — and only when they share principals or actions (or, in identity policies, resources).
/// Unpaired statements are added or removed.
enum StatementMatcher {
    struct Result {
        var pairs: [(old: Int, new: Int)] = []
        var removed: [Int] = []
        var added: [Int] = []
    }

    static func match(_ old: [NormalizedStatement], _ new: [NormalizedStatement]) -> Result {
        var result = Result()
        var usedNew = Set<Int>()
        var unmatchedOld: [Int] = []
        var bySignature: [NormalizedStatement.Signature: [Int]] = [:]
        for (j, statement) in new.enumerated() { bySignature[statement.signature, default: []].append(j) }
        for (i, statement) in old.enumerated() {
            if var candidates = bySignature[statement.signature], !candidates.isEmpty {
                usedNew.insert(candidates.removeFirst())
                bySignature[statement.signature] = candidates
            } else {
                unmatchedOld.append(i)
            }
        }
        let unmatchedNew = new.indices.filter { !usedNew.contains($0) }
        var scored: [(score: Int, old: Int, new: Int)] = []
        for i in unmatchedOld {
            for j in unmatchedNew {
                if let score = similarity(old[i], new[j]) { scored.append((score, i, j)) }
            }
        }
        scored.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        var pairedOld = Set<Int>(), pairedNew = Set<Int>()
        for candidate in scored where !pairedOld.contains(candidate.old) && !pairedNew.contains(candidate.new) {
            pairedOld.insert(candidate.old)
            pairedNew.insert(candidate.new)
            result.pairs.append((candidate.old, candidate.new))
        }
        result.pairs.sort { $0.new < $1.new }
        result.removed = unmatchedOld.filter { !pairedOld.contains($0) }
        result.added = unmatchedNew.filter { !pairedNew.contains($0) }
        return result
    }

    /// How alike two statements are; `nil` when they should not be paired.
    static func similarity(_ a: NormalizedStatement, _ b: NormalizedStatement) -> Int? {
        guard a.effect == b.effect else { return nil }
        var score = 0
        var sharesPrincipal = false
        switch (a.principal, b.principal) {
        case (nil, nil): score += 4
        case (let p?, let q?):
            if p == q {
                score += 4
                sharesPrincipal = true
            } else if p.any || q.any || !p.entries.isDisjoint(with: q.entries)
                || p.entries.contains(where: q.covers) || q.entries.contains(where: p.covers)
            {
                score += 2
                sharesPrincipal = true
            }
        default: break
        }
        var sharesAction = false
        if a.action == b.action {
            score += 3
            sharesAction = true
        } else if overlaps(a.action, b.action) {
            score += 2
            sharesAction = true
        }
        var sharesResource = false
        switch (a.resource, b.resource) {
        case (let r?, let s?):
            if r == s {
                score += 2
                sharesResource = true
            } else if overlaps(r, s) {
                score += 1
                sharesResource = true
            }
        default: break
        }
        if Set(a.conditions.map(\.foldedKey)) == Set(b.conditions.map(\.foldedKey)) { score += 1 }
        // Identity policies have no principal: the same resources make the same statement rewritten.
        let principalless = a.principal == nil && b.principal == nil
        guard sharesAction || sharesPrincipal || (principalless && sharesResource) else { return nil }
        return score
    }

    /// Whether two pattern elements have a value in common or one value covers another.
    private static func overlaps(_ a: PatternElement, _ b: PatternElement) -> Bool {
        guard a.isNot == b.isNot else { return false }
        if !a.values.isDisjoint(with: b.values) { return true }
        let pa = a.patterns, pb = b.patterns
        return pa.contains { PatternSubset.isCovered($0, by: pb) == true } || pb.contains { PatternSubset.isCovered($0, by: pa) == true }
    }
}
