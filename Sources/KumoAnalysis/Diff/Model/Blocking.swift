/// Resources whose type changes under the same logical ID: CloudFormation refuses such an update ("Update of
/// resource type is not permitted"), so a diff that has them cannot be deployed as a plain stack update, even
/// when it is an expected CDK → native replacement. `kumo migrate` plans the move (retain, orphan, import).
public struct BlockingChange: Hashable, Sendable {
    public var logicalID: String
    public var oldType: String
    public var newType: String
}

extension StackDiff {
    /// The type changes of this stack, expected replacements included (CloudFormation refuses them all).
    public var blocking: [BlockingChange] {
        expectedReplacements.compactMap { r in r.newType.map { BlockingChange(logicalID: r.logicalID, oldType: r.oldType, newType: $0) } }
            + resources.filter { $0.kind == .typeChanged }.map { BlockingChange(logicalID: $0.logicalID, oldType: $0.oldType ?? "", newType: $0.newType ?? "") }
    }
}

extension TemplateDiff {
    /// Every blocking type change of every stack.
    public var blocking: [BlockingChange] { stacks.flatMap(\.blocking) }
}
