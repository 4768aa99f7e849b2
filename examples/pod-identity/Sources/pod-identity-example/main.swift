import KumoCLI
import PodIdentityExample

// `swift run pod-identity-example synth -c step=irsa|both|pod-identity -o DIR`, and every other kumo command.
KumoCommand.main(app: { context in PodIdentityExample.makeApp(context: context) })
