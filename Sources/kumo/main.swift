import KumoCLI
import Stacks

KumoCommand.main(app: { context in KumoStacks.makeApp(context: context) })
