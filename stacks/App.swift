import Kumo

/// The bundled app: what `swift run kumo synth` synthesizes.
public enum KumoStacks {
    /// The environment the original CDK app was synthesized for.
    public static let environment = Stack.Environment(account: "123456789012", region: "ap-northeast-1")

    /// The context the original app was synthesized with (AWS CDK kept lookups in `cdk.context.json`, the
    /// domain came from the environment): the region's availability zones and the domain.
    public static let defaultContext: [String: JSON] = [
        "availability-zones:account=123456789012:region=ap-northeast-1": [
            "ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d",
        ],
        "domain": "example.com",
    ]

    /// Builds the app. `context` adds or overrides context values (`kumo synth -c key=value`).
    public static func makeApp(context: [String: JSON] = [:]) -> App {
        let app = App(context: defaultContext.merging(context) { _, given in given })
        MyEKSStack(app, "MyEKSStack", environment: environment)
        return app
    }
}
