import Kumo

/// Synthesizes a one-stack app built by `build` and returns the stack's template.
func synthesize(
    stackName: String = "TestStack", context: [String: JSON] = [:],
    environment: Stack.Environment = .init(account: "123456789012", region: "ap-northeast-1"),
    _ build: (Stack) -> Void
) throws -> JSON {
    let app = App(context: context)
    build(Stack(app, stackName, environment: environment))
    return try app.synthesize().stacks[0].template
}

/// The synthesis errors for the stack `build` makes (empty when synthesis succeeds).
func synthesisErrors(stackName: String = "TestStack", context: [String: JSON] = [:], _ build: (Stack) -> Void) -> [Diagnostic] {
    let app = App(context: context)
    build(Stack(app, stackName, environment: .init(account: "123456789012", region: "ap-northeast-1")))
    do {
        _ = try app.synthesize()
        return []
    } catch {
        return error.errors
    }
}

/// The context of an app in us-east-1 with two availability zones (what the L1 tests' VPCs need).
let usEast1: [String: JSON] = ["availability-zones:account=123456789012:region=us-east-1": ["us-east-1a", "us-east-1b"]]

extension JSON {
    /// `Resources.<id>`.
    func resource(_ logicalID: String) -> JSON? { self["Resources"]?[logicalID] }
    /// `Resources.<id>.Properties`.
    func properties(of logicalID: String) -> JSON? { self["Resources"]?[logicalID]?["Properties"] }
}

/// The logical ID of the `Resource` of the construct at `path` (relative to the stack), per CDK's algorithm
/// (itself checked against the CDK sample in `LogicalIDTests`).
func id(_ path: String...) -> String { LogicalIDs.make(path + ["Resource"]) }
