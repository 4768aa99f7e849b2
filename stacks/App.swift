import Kumo

/// The bundled app: what `swift run kumo synth` synthesizes.
public enum KumoStacks {
    /// The environment the original CDK app was synthesized for.
    public static let environment = Stack.Environment(account: "123456789012", region: "ap-northeast-1")

    /// Builds the app. `context` adds or overrides context values (`kumo synth -c key=value`).
    public static func makeApp(context: [String: JSON] = [:]) -> App {
        let app = App(context: context)
        MyEKSStack(app, "MyEKSStack", environment: environment)
        return app
    }
}
