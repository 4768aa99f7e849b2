/// The result of `kumo diff`: every stack of both sides, paired by name.
public struct TemplateDiff: Sendable {
    /// Options of a comparison.
    public struct Options: Hashable, Sendable {
        /// Show CDK metadata, asset hashes and bootstrap checks as regular changes instead of hiding them.
        public var strict: Bool

        public init(strict: Bool = false) { self.strict = strict }
    }

    /// The stacks, in the new side's order, then stacks only in the old side.
    public var stacks: [StackDiff]

    public init(stacks: [StackDiff]) { self.stacks = stacks }

    /// Whether anything changed (noise aside, unless strict).
    public var hasChanges: Bool { stacks.contains(where: \.hasChanges) }

    /// Every IAM change of every stack.
    public var iamChanges: [IAMChange] { stacks.flatMap(\.iam) }

    /// Whether some IAM change broadens access or cannot be decided (what `--fail-on broadening` fails on).
    public var hasBroadening: Bool { iamChanges.contains { $0.classification.failsBroadeningGate } }

    /// Counts for summaries.
    public var counts: Counts { Counts(stacks) }

    /// Numbers of changes by kind, over some stacks.
    public struct Counts: Hashable, Sendable {
        public var iam: [Classification: Int] = [:]
        public var added = 0, removed = 0, modified = 0, replaced = 0
        public var other = 0
        public var expectedReplacements = 0
        public var noise = 0
        /// Type changes under a logical ID (``StackDiff/blocking``).
        public var blocking = 0

        init(_ stacks: [StackDiff]) {
            for stack in stacks {
                for change in stack.iam { iam[change.classification, default: 0] += 1 }
                for change in stack.resources {
                    switch change.kind {
                    case .added: added += 1
                    case .removed: removed += 1
                    case .modified, .typeChanged: modified += 1
                    }
                    if change.replaces { replaced += 1 }
                }
                other += stack.otherChanges.count
                expectedReplacements += stack.expectedReplacements.count
                noise += stack.noise.count
                blocking += stack.blocking.count
            }
        }

        /// Number of IAM changes of a classification.
        public func iam(_ classification: Classification) -> Int { iam[classification] ?? 0 }

        /// Number of IAM changes.
        public var iamTotal: Int { iam.values.reduce(0, +) }
    }
}

/// The differences of one stack.
public struct StackDiff: Sendable {
    public enum Status: String, Hashable, Sendable {
        case added, removed, modified, unchanged
    }

    public var name: String
    public var status: Status
    /// The files compared (`nil` for a side without this stack; `(fresh synth)` for a synthesized side).
    public var oldFile: String?
    public var newFile: String?
    /// IAM changes: roles first, then managed policies, in template order.
    public var iam: [IAMChange]
    public var resources: [ResourceChange]
    public var otherChanges: [SectionChange]
    public var expectedReplacements: [ExpectedReplacement]
    /// Hidden differences (empty with `strict`).
    public var noise: [NoiseItem]

    public init(
        name: String, status: Status, oldFile: String?, newFile: String?, iam: [IAMChange] = [],
        resources: [ResourceChange] = [], otherChanges: [SectionChange] = [],
        expectedReplacements: [ExpectedReplacement] = [], noise: [NoiseItem] = []
    ) {
        self.name = name
        self.status = status
        self.oldFile = oldFile
        self.newFile = newFile
        self.iam = iam
        self.resources = resources
        self.otherChanges = otherChanges
        self.expectedReplacements = expectedReplacements
        self.noise = noise
    }

    /// Whether anything changed (noise aside).
    public var hasChanges: Bool {
        status == .added || status == .removed || !iam.isEmpty || !resources.isEmpty || !otherChanges.isEmpty
            || !expectedReplacements.isEmpty
    }
}
