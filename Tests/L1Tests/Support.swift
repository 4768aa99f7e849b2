import Kumo

/// Synthesizes a one-stack app built by `build`; returns the template.
func synthesize(_ build: (Stack) -> Void) throws -> JSON {
    let app = App(context: ["availability-zones:account=123456789012:region=us-east-1": ["us-east-1a", "us-east-1b"]])
    build(Stack(app, "TestStack", environment: .init(account: "123456789012", region: "us-east-1")))
    return try app.synthesize().stacks[0].template
}

/// The synthesis errors of the stack `build` makes (empty when synthesis succeeds).
func errors(_ build: (Stack) -> Void) -> [Diagnostic] {
    let app = App()
    build(Stack(app, "TestStack", environment: .init(account: "123456789012", region: "us-east-1")))
    do {
        _ = try app.synthesize()
        return []
    } catch {
        return error.errors
    }
}

extension JSON {
    /// `Resources.<id>`.
    func resource(_ logicalID: String) -> JSON? { self["Resources"]?[logicalID] }
    /// `Resources.<id>.Properties`.
    func properties(of logicalID: String) -> JSON? { self["Resources"]?[logicalID]?["Properties"] }
}
