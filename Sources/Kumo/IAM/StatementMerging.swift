extension PolicyDocument {
    /// The document with statements merged as AWS CDK merges them under its
    /// `@aws-cdk/aws-iam:minimizePolicies` feature flag, which keeps large policies (such as the AWS Load
    /// Balancer Controller's) within IAM's size limits.
    ///
    /// Two statements merge when they have the same effect, the same conditions, no `Sid`, the same
    /// not-actions and not-resources, and at least two of their three sets — actions, resources,
    /// principals — are equal; the merged statement has the union of each set and takes the place of the
    /// first. Passes repeat until nothing merges. The meaning of the policy is unchanged.
    public func minimized() -> PolicyDocument {
        var merged = statements
        func tryMerge(_ a: Statement, _ b: Statement) -> Statement? {
            guard a.effect == b.effect, a.sid == nil, b.sid == nil, a.conditions == b.conditions,
                Set(a.notActions) == Set(b.notActions), Set(a.notResources) == Set(b.notResources)
            else { return nil }
            let equalSets = [
                Set(a.actions) == Set(b.actions), Set(a.resources) == Set(b.resources),
                Set(a.principals) == Set(b.principals),
            ].filter { $0 }.count
            guard equalSets >= 2 else { return nil }
            var result = a
            result.actions = union(a.actions, b.actions)
            result.resources = union(a.resources, b.resources)
            result.principals = union(a.principals, b.principals)
            return result
        }
        var changed = true
        while changed {
            changed = false
            var i = 0
            while i < merged.count {
                var didMerge = false
                for j in (i + 1)..<max(merged.count, i + 1) {
                    if let result = tryMerge(merged[i], merged[j]) {
                        merged[i] = result
                        merged.remove(at: j)
                        didMerge = true
                        changed = true
                        break
                    }
                }
                if !didMerge { i += 1 }
            }
        }
        return PolicyDocument(statements: merged)
    }
}

private func union<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
    var seen = Set(a)
    return a + b.filter { seen.insert($0).inserted }
}
