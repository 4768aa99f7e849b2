import KumoJSON

extension TemplateDiff {
    /// Compares two sets of stacks (the stacks of a template file or of a cloud assembly each), paired by
    /// name; when each side has exactly one stack left unpaired, those two are compared (`a.json` vs `b.json`).
    ///
    /// A side whose environment is unknown (a bare template file) takes the other side's, so that account and
    /// region compare as the same values instead of symbols against literals.
    ///
    /// Throws when a template cannot be understood (an unknown intrinsic, a reference to nothing, a policy
    /// document that is not JSON once resolved).
    public static func compare(old: [CloudTemplate], new: [CloudTemplate], options: Options = .init()) throws(ReaderError) -> TemplateDiff {
        var pairs: [(CloudTemplate?, CloudTemplate?)] = []
        var unpairedOld = old.filter { o in !new.contains { $0.name == o.name } }
        var unpairedNew = new.filter { n in !old.contains { $0.name == n.name } }
        if unpairedOld.count == 1 && unpairedNew.count == 1 {
            var renamed = unpairedOld[0]
            renamed.name = unpairedNew[0].name
            pairs.append((renamed, unpairedNew[0]))
            unpairedOld = []
            unpairedNew = []
        }
        for stack in new {
            if let previous = old.first(where: { $0.name == stack.name }) {
                pairs.append((previous, stack))
            } else if unpairedNew.contains(where: { $0.name == stack.name }) {
                pairs.append((nil, stack))
            }
        }
        for stack in unpairedOld { pairs.append((stack, nil)) }
        var stacks: [StackDiff] = []
        for (a, b) in pairs {
            stacks.append(try compare(a, b, options: options))
        }
        return TemplateDiff(stacks: stacks)
    }

    /// One stack: both sides, or only one (a stack added or removed).
    static func compare(_ old: CloudTemplate?, _ new: CloudTemplate?, options: Options) throws(ReaderError) -> StackDiff {
        let name = new?.name ?? old?.name ?? ""
        var a = old ?? CloudTemplate.empty(name: name)
        var b = new ?? CloudTemplate.empty(name: name)
        if a.environment == .init() { a.environment = b.environment }
        if b.environment == .init() { b.environment = a.environment }
        var plumbing: [String: CDKPlumbing.Rule] = [:]
        let eks = CDKPlumbing.hasCDKEKSCluster(a)
        for (id, resource) in a.resources where b.resources[id]?.type != resource.type {
            if let rule = CDKPlumbing.rule(for: resource, newType: b.resources[id]?.type, cdkEKS: eks) { plumbing[id] = rule }
        }
        // One memoizing resolver per side, shared by the IAM model and the resource and section diffs; the two
        // sides are read at once.
        let ra = Resolver(a), rb = Resolver(b)
        let (sideA, sideB) = try Parallel.both({ () throws(ReaderError) in try Side(ra) }, { () throws(ReaderError) in try Side(rb) })
        let iam = try IAMDiffer(old: sideA.model, new: sideB.model, oldResolver: ra, newResolver: rb, excluded: Set(plumbing.keys)).diff()
            + PodIdentityDiffer(old: (sideA.model, sideA.eks), new: (sideB.model, sideB.eks)).diff()
        let touched = Set(iam.compactMap { change in change.property.map { "\(change.resourceLogicalID)/\($0)" } })
        let resources = try ResourceDiffer(oldResolver: ra, newResolver: rb, oldProperties: sideA.properties, newProperties: sideB.properties,
                                           strict: options.strict, plumbing: plumbing, iamChanged: touched).diff()
        let sections = try SectionDiffer(oldResolver: ra, newResolver: rb, strict: options.strict).diff()
        var diff = StackDiff(
            name: name, status: .modified, oldFile: old?.file, newFile: new?.file, iam: iam, resources: resources.resources,
            otherChanges: sections.changes, expectedReplacements: resources.expected, noise: resources.noise + sections.noise)
        if old == nil {
            diff.status = .added
        } else if new == nil {
            diff.status = .removed
        } else if !diff.hasChanges {
            diff.status = .unchanged
        }
        return diff
    }
}

/// What one side of a stack diff reads from its template: the IAM model and every resource's resolved
/// properties (both through the side's resolver, so each property is resolved once).
private struct Side {
    var model: IAMModel
    /// Pod Identity associations (``PodIdentityDiffer``).
    var eks: EKSModel
    var properties: [String: JSON]

    init(_ resolver: Resolver) throws(ReaderError) {
        do {
            model = try IAMModel(resolver: resolver)
            eks = try EKSModel(resolver: resolver)
        } catch {
            throw error.inFile(resolver.template.file)
        }
        properties = try ResourceDiffer.resolveAll(resolver)
    }
}

extension CloudTemplate {
    /// A template without resources: the missing side of a stack that exists on one side only.
    static func empty(name: String) -> CloudTemplate {
        // A literal empty template is always valid.
        try! CloudTemplate(json: ["Resources": [:]], name: name, file: "")
    }
}
