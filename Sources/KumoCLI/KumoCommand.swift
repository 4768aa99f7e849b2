import ArgumentParser
import Kumo
import Synchronization

/// The `kumo` command line: `synth`, and the analysis commands that work on any template.
public struct KumoCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kumo",
        abstract: "Typed Swift constructs for CloudFormation: synthesize, diff, simulate trust, check.",
        discussion: """
            Exit codes: 0 success; 1 the command's "no" (changes found, access denied, findings); \
            2 invalid input or usage (nothing is written).
            """,
        version: KumoVersion.current,
        subcommands: [Synth.self, Diff.self, Simulate.self, Check.self, Init.self, Migrate.self, Resolve.self]
    )

    public init() {}

    /// Runs the command line with `app` as the app that `kumo synth` synthesizes.
    public static func main(app: @escaping @Sendable ([String: JSON]) -> App) {
        AppRegistry.shared.set(app)
        main(Array(CommandLine.arguments.dropFirst()))
    }

    /// Runs a command line. Usage errors exit with 2 (not ArgumentParser's 64), like every input error.
    public static func main(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Output.err(fullMessage(for: error))
                exit(withError: ExitCode.inputError)
            }
            exit(withError: error)
        }
    }
}

/// The app factory the executable registers (the bundled `stacks/`, or a user's own).
final class AppRegistry: Sendable {
    static let shared = AppRegistry()
    private let factory = Mutex<(@Sendable ([String: JSON]) -> App)?>(nil)

    func set(_ make: @escaping @Sendable ([String: JSON]) -> App) { factory.withLock { $0 = make } }

    func makeApp(context: [String: JSON]) throws(ValidationError) -> App {
        guard let make = factory.withLock({ $0 }) else {
            throw ValidationError("this executable has no app to synthesize; call KumoCommand.main(app:) with one")
        }
        return make(context)
    }
}
