import KumoJSON

extension Construct {
    /// The context value for `key` (from ``App/init(context:)`` or `kumo synth -c key=value`), or `nil` after
    /// recording an error on this construct that names the key and how to set it.
    ///
    /// - Parameters:
    ///   - purpose: what the value is for, e.g. "the domain of the public hosted zone".
    ///   - example: an example value as JSON text, e.g. `"example.com"` or `["ap-northeast-1a","ap-northeast-1c"]`.
    public func requireContext(_ key: String, purpose: String, example: String) -> JSON? {
        if let value = node.tryGetContext(key) { return value }
        node.addError(
            "context key \"\(key)\" is not set; it gives \(purpose)",
            fix: "set it on the command line, kumo synth -c '\(key)=\(example)', or pass it to App(context:) "
                + "(as AWS CDK's cdk.context.json would)")
        return nil
    }
}
