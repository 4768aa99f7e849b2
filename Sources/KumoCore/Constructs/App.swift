import KumoJSON

/// The root of a construct tree: holds the stacks and the context, and synthesizes the cloud assembly.
///
/// ```swift
/// let app = App(context: ["domain": "example.com"])
/// MyStack(app, "MyStack", environment: .init(account: "123456789012", region: "ap-northeast-1"))
/// let assembly = try app.synthesize()
/// try assembly.write(to: "cdk.out")
/// ```
public final class App: Construct {
    /// Creates an app with context values (AWS CDK's `-c key=value` / `cdk.json` context).
    @discardableResult
    public init(context: [String: JSON] = [:]) {
        super.init(rootID: "App")
        for (key, value) in context { node.setContext(key, value) }
    }

    /// The stacks, in creation order.
    public var stacks: [Stack] { node.children.compactMap { $0 as? Stack } }

    /// Builds the cloud assembly in memory: every stack's template, `manifest.json`, `tree.json` and `cdk.out`.
    ///
    /// Runs every construct's validation first, and throws all errors at once; nothing is produced when
    /// there is any error.
    /// - Parameter stackNames: only these stacks (all when `nil`).
    public func synthesize(stacks stackNames: [String]? = nil) throws(SynthesisError) -> CloudAssembly {
        try Synthesizer(app: self).synthesize(stackNames: stackNames)
    }
}
