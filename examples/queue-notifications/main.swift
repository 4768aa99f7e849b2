// An example app of resources Kumo has no construct for (README: "Resources Kumo has no construct for"):
// `swift run kumo-example-uploads synth -o build/uploads` writes its cloud assembly.
import Kumo
import KumoCLI

KumoCommand.main(app: { context in
    let app = App(context: context)
    UploadsStack(app, "UploadsStack")
    return app
})
