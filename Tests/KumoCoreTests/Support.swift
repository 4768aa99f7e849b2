import KumoCore
import KumoJSON

/// Synthesizes a one-stack app (`TestStack`, account 123456789012, ap-northeast-1) built by `build`; returns the
/// stack's template.
func synthesize(_ build: (Stack) -> Void) throws -> JSON {
    let app = App()
    build(Stack(app, "TestStack", environment: .init(account: "123456789012", region: "ap-northeast-1")))
    return try app.synthesize().stacks[0].template
}

/// The synthesis errors of a one-stack app built by `build` (empty when it synthesizes).
func synthesisErrors(_ build: (Stack) -> Void) -> [Diagnostic] {
    let app = App()
    build(Stack(app, "TestStack", environment: .init(account: "123456789012", region: "ap-northeast-1")))
    return synthesisErrors(of: app)
}

/// The synthesis errors of `app` (empty when it synthesizes).
func synthesisErrors(of app: App) -> [Diagnostic] {
    do {
        _ = try app.synthesize()
        return []
    } catch {
        return error.errors
    }
}

/// An SNS topic (tags as a key-value list), as a generic L1 resource.
@discardableResult
func topic(_ scope: Construct, _ id: String, _ properties: OrderedDictionary<String, Value> = [:]) -> CfnResource {
    CfnResource(scope, id, type: "AWS::SNS::Topic", properties: properties, required: [], tags: .keyValueList)
}

/// An SSM parameter (tags as a map), as a generic L1 resource.
@discardableResult
func ssmParameter(_ scope: Construct, _ id: String) -> CfnResource {
    CfnResource(scope, id, type: "AWS::SSM::Parameter", properties: ["Type": "String", "Value": "v"],
                required: ["Type", "Value"], tags: .map)
}

extension JSON {
    /// `Resources.<id>`, by the logical ID of the `CfnResource`.
    func resource(_ resource: CfnResource) -> JSON? { self["Resources"]?[resource.logicalID] }
}
